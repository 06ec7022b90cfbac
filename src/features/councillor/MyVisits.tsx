import * as React from 'react';
import { ActionButton, MessageBar, MessageBarType, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { peopleText } from '../common/people';
import { screenStyles } from '../common/styles';
import { CardLink, StatusLines } from '../common/CardParts';
import { RotaLink } from '../common/RotaLink';
import { hashFor } from '../../app/route';
import { browserStorage, DraftStore } from './draftStore';
import { buildMyVisits, VisitRow } from './myVisitsModel';
import { SUBMISSION_WINDOW_DAYS } from '../../domain/deadlines';
import { AddVisitToCalendar, AddYearToCalendar, CalendarProblem, useMyCalendar } from './CalendarActions';

/** The councillor's start page: upcoming rota visits, then past visits with each report's state. */
export function MyVisits({ context, data, today, navigate }: StartPageProps): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  // Text typed on this device that never reached the list (a closed tab, no connection).
  const deviceDrafts = React.useMemo(() => new DraftStore(browserStorage(), data.user.email).keys(), [data]);
  const view = React.useMemo(
    () => buildMyVisits({ userId: data.user.id, upcomingRota: data.upcomingRota, pastRota: data.pastRota, reports: data.reports, today, deviceDrafts }),
    [data, today, deviceDrafts],
  );
  const calendar = useMyCalendar(context.siteUrl, data, today);
  const renderRow = (row: VisitRow): JSX.Element => (
    <li
      key={row.key}
      className={row.overdue ? `${styles.card} ${styles.overdueCard}` : styles.card}
      data-testid="visit-row"
      data-state={row.state}
      data-key={row.key}
    >
      <h3 className={styles.cardHeading}>{row.dateText}</h3>
      <p className={styles.line}>{row.teamTitle}</p>
      <p className={styles.line}>With {peopleText(row.fellowMembers, 'no other member booked')}</p>
      <StatusLines styles={styles} statusText={row.statusText} deadlineText={row.deadlineText} latenessText={row.latenessText} overdue={row.overdue} />
      {row.notHeldReason && <p className={styles.line}>{row.notHeldReason}</p>}
      {row.action && <CardLink styles={styles} route={row.action.route} label={row.action.label} about={`${row.teamTitle}, ${row.dateText}`} />}
      {row.state === 'upcoming' && calendar.hasVisit(row.key) && (
        <AddVisitToCalendar about={`${row.teamTitle}, ${row.dateText}`} onClick={() => calendar.saveVisit(row.key, row.teamTitle)} />
      )}
    </li>
  );
  return (
    <section aria-labelledby="fv-my-visits">
      <h1 id="fv-my-visits" className={styles.heading} tabIndex={-1}>
        My visits
      </h1>
      <p className={styles.line}>Signed in as {data.user.displayName}.</p>
      <RotaLink styles={styles} label="My rota and the dates I cannot do" />
      {view.needingAttention > 0 && (
        <MessageBar messageBarType={MessageBarType.warning}>
          {view.needingAttention === 1 ? '1 report is' : `${view.needingAttention} reports are`} overdue or due within a week. Reports are due{' '}
          {SUBMISSION_WINDOW_DAYS} days after the visit.
        </MessageBar>
      )}
      {view.unsavedUnscheduled && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline={true}>
          You started a report on this device for a visit that was not on the rota, and it has not been saved yet.{' '}
          <a href={hashFor({ page: 'newUnscheduled' })} style={{ color: 'inherit', fontWeight: 600 }}>
            Continue that report
          </a>
        </MessageBar>
      )}
      <CalendarProblem problem={calendar.problem} />
      <h2 className={styles.sectionHeading}>Upcoming visits</h2>
      {calendar.yearCount > 0 && <AddYearToCalendar year={calendar.year} onClick={calendar.saveYear} />}
      {view.upcoming.length ? (
        <ul className={styles.list}>{view.upcoming.map(renderRow)}</ul>
      ) : (
        <p className={styles.line}>You have no visits booked on the rota.</p>
      )}
      <h2 className={styles.sectionHeading}>Visits and reports</h2>
      <p className={styles.line}>If a fellow member is writing the report for a visit, you do not need to write one too.</p>
      {view.past.length ? (
        <ul className={styles.list}>{view.past.map(renderRow)}</ul>
      ) : (
        <p className={styles.line}>You have no past visits in the last year.</p>
      )}
      <ActionButton iconProps={{ iconName: 'Add' }} onClick={() => navigate({ page: 'newUnscheduled' })} styles={{ root: { marginTop: 16, minHeight: 44 } }}>
        Report a visit that was not on the rota
      </ActionButton>
    </section>
  );
}
