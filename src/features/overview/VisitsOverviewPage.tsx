import * as React from 'react';
import { DefaultButton, Dropdown, IDropdownOption, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { useVisitsOverview } from '../../data/hooks/useVisitsOverview';
import { municipalYearOf, municipalYearRange } from '../../domain/municipalYear';
import { OverviewFilters } from '../../domain/visitsOverview';
import { VISIT_STATE_NAMES, VisitState } from '../../domain/visitState';
import { screenStyles } from '../common/styles';
import { buildOverviewView, teamChoices, yearChoices } from './overviewModel';
import { OverviewRowCard } from './OverviewRowCard';
import { StateCounts } from './StateCounts';
import { useChase } from './useChase';

const ALL = 'all';

/**
 * The improvement team's start page: every visit of a municipal year with its report's state in
 * words, counts per state, filters by team, state and councillor, and a chase on each overdue row.
 */
export function VisitsOverviewPage({ context, data, today }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const [year, setYear] = React.useState(() => municipalYearOf(today));
  const period = React.useMemo(() => municipalYearRange(year), [year]);
  const [refresh, setRefresh] = React.useState(0);
  const [state, retry] = useVisitsOverview(context.sp, period, today, refresh);
  const [filters, setFilters] = React.useState<OverviewFilters>({});
  const [notices, setNotices] = React.useState<{ [key: string]: { text: string; ok: boolean } }>({});
  const { chase, busyKey } = useChase(context.sp, today);

  const loaded = state.status === 'loaded' ? state.data : undefined;
  const view = React.useMemo(() => (loaded ? buildOverviewView(loaded, filters, today) : undefined), [loaded, filters, today]);

  const yearOptions: IDropdownOption[] = yearChoices(municipalYearOf(today)).map((y) => ({
    key: y,
    text: y === municipalYearOf(today) ? `${y} (this year)` : y,
  }));
  const teamOptions: IDropdownOption[] = [{ key: ALL, text: 'Every team' }].concat(
    (loaded ? teamChoices(loaded.teams) : []).map((t) => ({ key: String(t.id), text: t.title })),
  );
  const stateOptions: IDropdownOption[] = [{ key: ALL, text: 'Every state' }].concat(
    (Object.keys(VISIT_STATE_NAMES) as VisitState[]).map((s) => ({ key: s, text: VISIT_STATE_NAMES[s] })),
  );
  const councillorOptions: IDropdownOption[] = [{ key: ALL, text: 'Every councillor' }].concat(
    (view ? view.councillors : []).map((p) => ({ key: String(p.id), text: p.displayName })),
  );
  const numberOrUndefined = (key: string | number | undefined): number | undefined => (key === undefined || key === ALL ? undefined : Number(key));

  return (
    <section aria-labelledby="fv-overview">
      <h1 id="fv-overview" className={styles.heading} tabIndex={-1}>
        Visits overview
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Every visit of the year and where its report stands. Forms are due 28 days after the visit, responses 28 days
        after the form.
      </p>
      <Stack horizontal wrap tokens={{ childrenGap: 12 }} styles={{ root: { margin: '8px 0' } }}>
        <Dropdown
          label="Municipal year"
          options={yearOptions}
          selectedKey={year}
          onChange={(_, option) => option && setYear(String(option.key))}
          styles={{ root: { minWidth: 160 } }}
        />
        <Dropdown
          label="Team"
          options={teamOptions}
          selectedKey={filters.teamId === undefined ? ALL : String(filters.teamId)}
          onChange={(_, option) => option && setFilters({ ...filters, teamId: numberOrUndefined(option.key) })}
          styles={{ root: { minWidth: 200 } }}
        />
        <Dropdown
          label="State"
          options={stateOptions}
          selectedKey={filters.state || ALL}
          onChange={(_, option) => option && setFilters({ ...filters, state: option.key === ALL ? undefined : (option.key as VisitState) })}
          styles={{ root: { minWidth: 180 } }}
        />
        <Dropdown
          label="Councillor"
          options={councillorOptions}
          selectedKey={filters.councillorId === undefined ? ALL : String(filters.councillorId)}
          onChange={(_, option) => option && setFilters({ ...filters, councillorId: numberOrUndefined(option.key) })}
          styles={{ root: { minWidth: 180 } }}
        />
      </Stack>
      {state.status === 'loading' && <Spinner size={SpinnerSize.large} label={`Loading the visits of ${year}…`} />}
      {state.status === 'failed' && (
        <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
          <MessageBar messageBarType={MessageBarType.error}>{state.message}</MessageBar>
          <DefaultButton text="Try again" onClick={retry} />
        </Stack>
      )}
      {loaded && view && (
        <>
          {loaded.truncated && (
            <MessageBar messageBarType={MessageBarType.warning}>
              This year holds more visits or reports than one page shows; some may be missing. Tell your SharePoint administrator.
            </MessageBar>
          )}
          <StateCounts
            counts={view.counts}
            selected={filters.state}
            onSelect={(selected) => setFilters({ ...filters, state: selected === filters.state ? undefined : selected })}
          />
          <h2 className={styles.sectionHeading} id="fv-overview-visits">
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
                  onChase={async () => {
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
                    // Read the row's chases again, so the row says who chased and the button stays off.
                    setRefresh((n) => n + 1);
                  }}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
