import * as React from 'react';
import { useTheme } from '@fluentui/react';
import { calendarDateFromSharePoint, formatLongDate, formatShortDate } from '../../domain/calendarDate';
import { deadline, describeDeadline, responseDueDate, visitReportLateness } from '../../domain/deadlines';
import { GRID_COLUMN_LABELS, GRID_COLUMNS, GRID_ROW_LABELS, GRID_ROWS, gridCellKey } from '../../domain/grid';
import { FORM_TEXT_FIELDS, textFieldsShownOn, textOf } from '../../domain/reportFields';
import { VisitReport } from '../../domain/types';
import { peopleText } from '../common/people';
import { PlainText } from '../common/PlainText';
import { screenStyles } from '../common/styles';
import { AreaResponse, EarlierVersions, FeedbackByLine } from './FeedbackParts';
import { safetyScaleLabel } from './visitFormModel';

function dayOf(instant: string | undefined): string | undefined {
  try {
    const day = calendarDateFromSharePoint(instant);
    return day ? formatShortDate(day) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A submitted report, read-only, with the Head of Service's feedback beside it (below it on a
 * phone): what was submitted, when, and when the response is due.
 */
export function ReportView({ report, today }: { report: VisitReport; today: string }): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  const submitted = dayOf(report.submittedOn);
  const due = report.submittedOn && report.status === 'Submitted' ? deadline(responseDueDate(report.submittedOn), today) : undefined;
  const lateness = visitReportLateness(report);
  const dl: React.CSSProperties = { margin: 0 };
  const dt: React.CSSProperties = { fontWeight: 600, marginTop: 12 };
  const dd: React.CSSProperties = { margin: '2px 0 0' };
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
      <article aria-labelledby="fv-report-content" style={{ flex: '2 1 20rem', minWidth: 0 }}>
        <h2 id="fv-report-content" className={styles.sectionHeading} style={{ marginTop: 0 }}>
          The report
        </h2>
        <p className={styles.line} data-testid="report-status">
          <strong>Status: {report.status}.</strong> {submitted ? `Submitted on ${submitted}` : 'Not submitted yet'}
          {report.author ? ` by ${report.author.displayName}` : ''}.{lateness.submittedText ? ` ${lateness.submittedText}.` : ''}
          {due ? ` The Head of Service’s response is due by ${formatShortDate(due.due)} (${describeDeadline(due)}).` : ''}
        </p>
        <dl style={dl}>
          <dt style={dt}>Elected members</dt>
          <dd style={dd}>{peopleText(report.members)}</dd>
          <dt style={dt}>Date of visit</dt>
          <dd style={dd}>{report.visitDate ? formatLongDate(report.visitDate) : 'Not entered'}</dd>
          <dt style={dt}>Team visited</dt>
          <dd style={dd}>{report.teamTitle || 'Not chosen'}</dd>
          {textFieldsShownOn('report', FORM_TEXT_FIELDS).map((field) => (
            <React.Fragment key={field.key}>
              <dt style={dt}>{field.shortLabel}</dt>
              <dd style={dd}>
                <PlainText text={textOf(report, field)} empty={field.emptyText} />
              </dd>
            </React.Fragment>
          ))}
        </dl>
        {GRID_ROWS.map((row) => (
          <section key={row} aria-labelledby={`fv-view-${row}`}>
            <h3 id={`fv-view-${row}`} className={styles.sectionHeading} style={{ fontSize: 18 }}>
              {GRID_ROW_LABELS[row]}
            </h3>
            {GRID_COLUMNS.map((column) => (
              <div key={column}>
                <h4 style={{ margin: '12px 0 2px', fontSize: 15 }}>{GRID_COLUMN_LABELS[column]}</h4>
                <PlainText text={report.grid[gridCellKey(row, column)]} />
              </div>
            ))}
            <AreaResponse feedback={report.feedback} row={row} styles={styles} />
          </section>
        ))}
        <h3 className={styles.sectionHeading} style={{ fontSize: 18 }}>
          How effective is the service at keeping children and young people safe?
        </h3>
        <p className={styles.line}>
          {report.safetyScale === undefined ? 'Not given.' : `${safetyScaleLabel(report.safetyScale)} on a scale from 0 (ineffective) to 10 (very effective).`}
        </p>
      </article>
      <aside aria-labelledby="fv-feedback" className={styles.card} style={{ flex: '1 1 16rem', minWidth: 0 }} data-testid="feedback">
        <h2 id="fv-feedback" className={styles.sectionHeading} style={{ marginTop: 0 }}>
          Head of Service feedback
        </h2>
        {report.feedback ? (
          <>
            {report.feedback.text.trim() ? (
              <PlainText text={report.feedback.text} />
            ) : (
              <p className={styles.line}>Answered area by area, beside each area of the report.</p>
            )}
            <FeedbackByLine feedback={report.feedback} answeredText={lateness.answeredText} styles={styles} />
            <EarlierVersions feedback={report.feedback} styles={styles} />
          </>
        ) : (
          <p className={styles.line}>No response yet.{due ? ` It is due by ${formatShortDate(due.due)}.` : ''}</p>
        )}
      </aside>
    </div>
  );
}
