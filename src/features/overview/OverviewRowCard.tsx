import * as React from 'react';
import { DefaultButton, Icon, useTheme } from '@fluentui/react';
import { peopleText } from '../common/people';
import { screenStyles } from '../common/styles';
import { CardLink } from '../common/CardParts';
import type { OverviewRowView } from './overviewModel';

const OVERDUE = ['formOverdue', 'responseOverdue'];

/** One visit: date, team, councillors, its state in words, what was chased, and the chase button. */
export function OverviewRowCard({
  view,
  busy,
  notice,
  onChase,
}: {
  view: OverviewRowView;
  busy: boolean;
  notice?: { text: string; ok: boolean };
  onChase(): void;
}): JSX.Element {
  const styles = screenStyles(useTheme());
  const { row } = view;
  const overdue = OVERDUE.indexOf(row.status.state) !== -1;
  const about = `${row.teamTitle}, ${view.dateText}`;
  return (
    <li className={overdue ? `${styles.card} ${styles.overdueCard}` : styles.card} data-testid="overview-row" data-state={row.status.state} data-key={row.key}>
      <h3 className={styles.cardHeading}>{view.dateText}</h3>
      <p className={styles.line}>{row.teamTitle}</p>
      <p className={styles.line}>Councillors: {peopleText(row.members, 'none booked')}</p>
      <p className={`${styles.line} ${overdue ? styles.overdue : styles.status}`} data-testid="overview-state">
        {overdue && <Icon iconName="Warning" aria-hidden={true} style={{ marginRight: 4 }} />}
        {row.status.label}
      </p>
      {row.status.detail && <p className={styles.line}>{row.status.state === 'notHeld' ? `Reason: ${row.status.detail}` : row.status.detail}</p>}
      {view.chaseText && (
        <p className={styles.line} data-testid="overview-chased">
          {view.chaseText}
        </p>
      )}
      {notice && !notice.ok && (
        <p className={`${styles.line} ${styles.overdue}`} role="alert">
          {notice.text}
        </p>
      )}
      {view.chase && (
        <DefaultButton
          onClick={onChase}
          disabled={!view.chase.allowed || busy}
          text={busy ? 'Asking…' : view.chase.allowed ? view.chase.label : 'Chased today'}
          ariaDescription={view.chase.allowed ? `for ${about}` : `for ${about}. You can chase again tomorrow.`}
          styles={{ root: { marginTop: 8, minHeight: 44 } }}
        />
      )}
      {view.open && (
        <div>
          <CardLink styles={styles} route={view.open.route} label={view.open.label} about={about} />
        </div>
      )}
    </li>
  );
}
