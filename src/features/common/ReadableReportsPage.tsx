import * as React from 'react';
import { useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { primaryRole, ROLE_LABELS } from '../../domain/roles';
import { buildReadableReports } from '../councillor/myVisitsModel';
import { screenStyles } from './styles';
import { CardLink, StatusLines } from './CardParts';
import { RotaLink } from './RotaLink';

/**
 * The start page of the roles that read every report (improvement team, Head of Service, clerk)
 * until their own screens arrive: the submitted reports, newest visit first.
 */
export function ReadableReportsPage({ data, today }: StartPageProps): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  const rows = React.useMemo(() => buildReadableReports(data.reports, today), [data.reports, today]);
  const role = primaryRole(data.user.roles);
  return (
    <section aria-labelledby="fv-reports">
      <h1 id="fv-reports" className={styles.heading} tabIndex={-1}>
        Visit reports
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}
        {role ? ` (${ROLE_LABELS[role]})` : ''}. Submitted reports from the last year; drafts appear once submitted.
      </p>
      <RotaLink styles={styles} label="Rota: every visit, by municipal year" />
      {rows.length === 0 ? (
        <p className={styles.line}>No reports have been submitted in the last year.</p>
      ) : (
        <ul className={styles.list}>
          {rows.map((row) => (
            <li key={row.reportId} className={row.overdue ? `${styles.card} ${styles.overdueCard}` : styles.card} data-testid="report-row">
              <h2 className={styles.cardHeading}>{row.teamTitle}</h2>
              <p className={styles.line}>{row.dateText}</p>
              <p className={styles.line}>Members: {row.members || 'none named'}</p>
              <StatusLines styles={styles} statusText={row.statusText} deadlineText={row.deadlineText} latenessText={row.latenessText} overdue={row.overdue} />
              <CardLink
                styles={styles}
                route={{ page: 'report', reportId: row.reportId }}
                label="Read the report"
                about={`${row.teamTitle}, ${row.dateText}`}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
