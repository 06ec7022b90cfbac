import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { useVisitsOverview } from '../../data/hooks/useVisitsOverview';
import { municipalYearOf, municipalYearRange } from '../../domain/municipalYear';
import { OverviewFilters } from '../../domain/visitsOverview';
import { VISIT_STATE_NAMES } from '../../domain/visitState';
import { screenStyles } from '../common/styles';
import { RotaLink } from '../common/RotaLink';
import { buildOverviewView, OverviewRowView } from './overviewModel';
import { OverviewFiltersBar } from './OverviewFiltersBar';
import { OverviewRowCard } from './OverviewRowCard';
import { StateCounts } from './StateCounts';
import { useChase } from './useChase';

/** A failed load with its retry, or a period that holds more than one page. */
function LoadProblems({ state, retry }: { state: ReturnType<typeof useVisitsOverview>[0]; retry(): void }): JSX.Element | null {
  if (state.status === 'failed') {
    return (
      <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
        <MessageBar messageBarType={MessageBarType.error}>{state.message}</MessageBar>
        <DefaultButton text="Try again" onClick={retry} />
      </Stack>
    );
  }
  if (state.status === 'loaded' && state.data.truncated) {
    return (
      <MessageBar messageBarType={MessageBarType.warning}>
        This year holds more visits or reports than one page shows; some may be missing. Tell your SharePoint administrator.
      </MessageBar>
    );
  }
  return null;
}

/**
 * The improvement team's start page: every visit of a municipal year with its report's state in
 * words, counts per state, filters by team, state and councillor, and a chase on each overdue row.
 */
export function VisitsOverviewPage({ context, data, today }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const thisYear = municipalYearOf(today);
  const [year, setYear] = React.useState(thisYear);
  const period = React.useMemo(() => municipalYearRange(year), [year]);
  const [refresh, setRefresh] = React.useState(0);
  const [state, retry] = useVisitsOverview(context.sp, period, today, refresh);
  const [filters, setFilters] = React.useState<OverviewFilters>({});
  const [notices, setNotices] = React.useState<{ [key: string]: { text: string; ok: boolean } }>({});
  const { chase, busyKey } = useChase(context.sp, today);
  const loaded = state.status === 'loaded' ? state.data : undefined;
  const view = React.useMemo(() => (loaded ? buildOverviewView(loaded, filters, today) : undefined), [loaded, filters, today]);

  const chaseRow = async (row: OverviewRowView): Promise<void> => {
    if (!row.chase) {
      return;
    }
    const outcome = await chase({
      subject: row.chase.subject,
      audience: row.chase.audience,
      visitDate: row.row.visitDate,
      label: `${row.row.teamTitle}, ${row.dateText}`,
    });
    setNotices((n) => ({ ...n, [row.row.key]: { text: outcome.message, ok: outcome.ok } }));
    // Read the chases again, so the row says who chased and the button stays off for today.
    setRefresh((n) => n + 1);
  };

  return (
    <section aria-labelledby="fv-overview">
      <h1 id="fv-overview" className={styles.heading} tabIndex={-1}>
        Visits overview
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Every visit of the year and where its report stands. Forms are due 28 days after the visit, responses 28 days
        after the form.
      </p>
      <RotaLink styles={styles} label="Rota: every visit, by municipal year" />
      <OverviewFiltersBar
        year={year}
        thisYear={thisYear}
        onYear={setYear}
        filters={filters}
        onFilters={setFilters}
        teams={loaded ? loaded.teams : []}
        councillors={view ? view.councillors : []}
      />
      {state.status === 'loading' && <Spinner size={SpinnerSize.large} label={`Loading the visits of ${year}…`} />}
      <LoadProblems state={state} retry={retry} />
      {view && (
        <>
          <StateCounts counts={view.counts} selected={filters.state} onSelect={(s) => setFilters({ ...filters, state: s === filters.state ? undefined : s })} />
          <h2 className={styles.sectionHeading} id="fv-overview-visits" data-testid="overview-shown">
            {filters.state ? `${VISIT_STATE_NAMES[filters.state]}: ` : ''}
            {view.rows.length === 1 ? '1 visit' : `${view.rows.length} visits`}
          </h2>
          {view.rows.length === 0 ? (
            <p className={styles.line}>No visits match these choices.</p>
          ) : (
            <ul className={styles.list} aria-labelledby="fv-overview-visits">
              {view.rows.map((row) => (
                <OverviewRowCard
                  key={row.row.key}
                  view={row}
                  busy={!!row.chase && busyKey === `${row.chase.subject.kind}-${row.chase.subject.id}`}
                  notice={notices[row.row.key]}
                  onChase={() => chaseRow(row)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
