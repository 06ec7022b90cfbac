import * as React from 'react';
import { DefaultButton, Icon, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { teamsCardDeepLink } from '../../common/deepLink';
import { useAwaitingResponse } from '../../data/hooks/useAwaitingResponse';
import { formatLongDate, formatShortDate, calendarDateFromSharePoint } from '../../domain/calendarDate';
import { OwedResponse, responsesOwed } from '../../domain/responsesOwed';
import { peopleText } from '../common/people';
import { screenStyles } from '../common/styles';
import { RotaLink } from '../common/RotaLink';
import { CardLink } from '../common/CardParts';
import { VisuallyHidden } from '../common/VisuallyHidden';

/** One report awaiting a response: the visit, when it is due, and the ways to the report and its card. */
function OwedResponseRow({ row, styles }: { row: OwedResponse; styles: ReturnType<typeof screenStyles> }): JSX.Element {
  const visit = row.report.visitDate ? formatLongDate(row.report.visitDate) : 'Visit date not given';
  const submitted = calendarDateFromSharePoint(row.report.submittedOn);
  const about = `${row.teamTitle}, ${visit}`;
  const card = teamsCardDeepLink({ conversationId: row.report.cardConversationId, activityId: row.report.cardActivityId });
  return (
    <li className={row.overdue ? `${styles.card} ${styles.overdueCard}` : styles.card} data-testid="owed-response" data-report-id={row.report.id}>
      <h3 className={styles.cardHeading}>{row.teamTitle}</h3>
      <p className={styles.line}>Visit: {visit}</p>
      <p className={styles.line}>Councillors: {peopleText(row.report.members, 'none named')}</p>
      {submitted && <p className={styles.line}>Submitted {formatShortDate(submitted)}</p>}
      <p className={`${styles.line} ${row.overdue ? styles.overdue : styles.status}`}>
        {row.overdue && <Icon iconName="Warning" aria-hidden={true} style={{ marginRight: 4 }} />}
        {row.dueText}
      </p>
      {row.namedElsewhere && <p className={styles.line}>This team’s Head of Service is {row.namedElsewhere}.</p>}
      <div>
        <CardLink styles={styles} route={{ page: 'report', reportId: row.report.id }} label="Open the report" about={about} />
      </div>
      {card ? (
        <a className={styles.action} href={card} target="_blank" rel="noopener noreferrer">
          Answer on its card in Teams
          <VisuallyHidden> for {about} (opens Teams)</VisuallyHidden>
        </a>
      ) : (
        <p className={styles.line}>Its card is not in the channel yet; it appears within a few minutes of submission.</p>
      )}
    </li>
  );
}

/**
 * The Head of Service's start page: the responses they owe, oldest first, each opening the report
 * and linking to its card in the improvement team's channel, where the answer is written.
 */
export function HeadOfServicePage({ context, data, today }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const [state, retry] = useAwaitingResponse(context.sp, today);
  const owed = React.useMemo(
    () => (state.status === 'loaded' ? responsesOwed(state.data.reports, state.data.teams, data.user.id, today) : undefined),
    [state, data.user.id, today],
  );

  const renderRow = (row: OwedResponse): JSX.Element => <OwedResponseRow key={row.report.id} row={row} styles={styles} />;

  return (
    <section aria-labelledby="fv-hos">
      <h1 id="fv-hos" className={styles.heading} tabIndex={-1}>
        Responses to write
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Each report awaits your response on its card in the improvement team’s channel, within 28 days of submission.
        Oldest first.
      </p>
      <RotaLink styles={styles} label="Rota: every visit, by municipal year" />
      {state.status === 'loading' && <Spinner size={SpinnerSize.large} label="Loading the reports awaiting a response…" />}
      {state.status === 'failed' && (
        <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
          <MessageBar messageBarType={MessageBarType.error}>{state.message}</MessageBar>
          <DefaultButton text="Try again" onClick={retry} />
        </Stack>
      )}
      {owed && (
        <>
          <h2 className={styles.sectionHeading} data-testid="owed-count">
            {owed.mine.length === 0 ? 'No responses waiting' : owed.mine.length === 1 ? '1 response waiting' : `${owed.mine.length} responses waiting`}
            {owed.mine.some((r) => r.overdue) ? `, ${owed.mine.filter((r) => r.overdue).length} overdue` : ''}
          </h2>
          {owed.mine.length === 0 ? (
            <p className={styles.line}>Every submitted report has its response. Thank you.</p>
          ) : (
            <ul className={styles.list}>{owed.mine.map(renderRow)}</ul>
          )}
          {owed.others.length > 0 && (
            <>
              <h2 className={styles.sectionHeading}>Awaiting another Head of Service</h2>
              <ul className={styles.list}>{owed.others.map(renderRow)}</ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
