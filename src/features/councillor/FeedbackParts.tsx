import * as React from 'react';
import { calendarDateFromSharePoint, formatShortDate } from '../../domain/calendarDate';
import { GridRow } from '../../domain/grid';
import { areaFeedbackField, FEEDBACK_TEXT_FIELDS, feedbackText, OVERALL_FEEDBACK_FIELD } from '../../domain/reportFields';
import { HosFeedback, HosFeedbackVersion } from '../../domain/types';
import { PlainText } from '../common/PlainText';
import { screenStyles } from '../common/styles';

type Styles = ReturnType<typeof screenStyles>;

function dayOf(instant: string | undefined): string | undefined {
  try {
    const day = calendarDateFromSharePoint(instant);
    return day ? formatShortDate(day) : undefined;
  } catch {
    return undefined;
  }
}

/** The Head of Service's answer on one area, shown beside what the members wrote about it. */
export function AreaResponse({ feedback, row, styles }: { feedback: HosFeedback | undefined; row: GridRow; styles: Styles }): JSX.Element | null {
  const field = areaFeedbackField(row);
  const text = feedbackText(feedback, field);
  if (!text.trim()) {
    return null;
  }
  return (
    <div className={styles.card} style={{ marginTop: 12 }} data-testid={`response-${row}`}>
      <h4 style={{ margin: '0 0 4px', fontSize: 15 }}>{field.shortLabel}</h4>
      <PlainText text={text} />
    </div>
  );
}

/** Who answered and when; once amended, when it was first given and when amended. */
export function FeedbackByLine({ feedback, answeredText, styles }: { feedback: HosFeedback; answeredText: string; styles: Styles }): JSX.Element {
  const by = feedback.by ? feedback.by.displayName : 'the Head of Service';
  const late = answeredText ? ` ${answeredText}.` : '';
  if (feedback.earlier && feedback.earlier.length) {
    return (
      <p className={styles.line} data-testid="feedback-amended">
        First given on {dayOf(feedback.firstOn) || 'an unrecorded date'}.{late} Amended by {by} on {dayOf(feedback.on) || 'an unrecorded date'}.
      </p>
    );
  }
  return (
    <p className={styles.line}>
      By {by}
      {dayOf(feedback.on) ? `, ${dayOf(feedback.on)}` : ''}.{late}
    </p>
  );
}

function Version({ version, styles }: { version: HosFeedbackVersion; styles: Styles }): JSX.Element {
  return (
    <li style={{ marginBottom: 12 }}>
      <p className={styles.line} style={{ fontWeight: 600 }}>
        As given on {dayOf(version.on) || 'an unrecorded date'}
        {version.byName ? ` by ${version.byName}` : ''}
      </p>
      {FEEDBACK_TEXT_FIELDS.filter((field) => feedbackText(version, field).trim()).map((field) => (
        <div key={field.key}>
          <p className={styles.line} style={{ fontStyle: 'italic' }}>
            {field.key === OVERALL_FEEDBACK_FIELD.key ? 'Overall' : field.shortLabel.replace(/^Head of Service response on /, '')}
          </p>
          <PlainText text={feedbackText(version, field)} />
        </div>
      ))}
    </li>
  );
}

/** Every earlier version of an amended answer, oldest first, behind a disclosure. */
export function EarlierVersions({ feedback, styles }: { feedback: HosFeedback; styles: Styles }): JSX.Element | null {
  const earlier = feedback.earlier || [];
  if (!earlier.length) {
    return null;
  }
  return (
    <details data-testid="feedback-earlier">
      <summary>{earlier.length === 1 ? 'The earlier version' : `The ${earlier.length} earlier versions`}</summary>
      <ol style={{ paddingLeft: 20 }}>
        {earlier.map((version) => (
          <Version key={version.on} version={version} styles={styles} />
        ))}
      </ol>
    </details>
  );
}
