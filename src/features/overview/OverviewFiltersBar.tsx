import * as React from 'react';
import { Dropdown, IDropdownOption, Stack } from '@fluentui/react';
import { OverviewFilters } from '../../domain/visitsOverview';
import { VISIT_STATE_NAMES, VisitState } from '../../domain/visitState';
import { FrontlineTeam, Person } from '../../domain/types';
import { teamChoices, yearChoices } from './overviewModel';

const ALL = 'all';

function numberOrUndefined(key: string | number | undefined): number | undefined {
  return key === undefined || key === ALL ? undefined : Number(key);
}

/** The period (a municipal year) and the filters by team, state and councillor. */
export function OverviewFiltersBar({
  year,
  thisYear,
  onYear,
  filters,
  onFilters,
  teams,
  councillors,
}: {
  year: string;
  thisYear: string;
  onYear(year: string): void;
  filters: OverviewFilters;
  onFilters(filters: OverviewFilters): void;
  teams: FrontlineTeam[];
  councillors: Person[];
}): JSX.Element {
  const yearOptions: IDropdownOption[] = yearChoices(thisYear).map((y) => ({ key: y, text: y === thisYear ? `${y} (this year)` : y }));
  const teamOptions: IDropdownOption[] = [{ key: ALL, text: 'Every team' }].concat(teamChoices(teams).map((t) => ({ key: String(t.id), text: t.title })));
  const stateOptions: IDropdownOption[] = [{ key: ALL, text: 'Every state' }].concat(
    (Object.keys(VISIT_STATE_NAMES) as VisitState[]).map((s) => ({ key: s, text: VISIT_STATE_NAMES[s] })),
  );
  const councillorOptions: IDropdownOption[] = [{ key: ALL, text: 'Every councillor' }].concat(
    councillors.map((p) => ({ key: String(p.id), text: p.displayName })),
  );
  return (
    <Stack horizontal wrap tokens={{ childrenGap: 12 }} styles={{ root: { margin: '8px 0' } }}>
      <Dropdown
        label="Municipal year"
        options={yearOptions}
        selectedKey={year}
        onChange={(_, o) => o && onYear(String(o.key))}
        styles={{ root: { minWidth: 160 } }}
      />
      <Dropdown
        label="Team"
        options={teamOptions}
        selectedKey={filters.teamId === undefined ? ALL : String(filters.teamId)}
        onChange={(_, o) => o && onFilters({ ...filters, teamId: numberOrUndefined(o.key) })}
        styles={{ root: { minWidth: 200 } }}
      />
      <Dropdown
        label="State"
        options={stateOptions}
        selectedKey={filters.state || ALL}
        onChange={(_, o) => o && onFilters({ ...filters, state: o.key === ALL ? undefined : (o.key as VisitState) })}
        styles={{ root: { minWidth: 180 } }}
      />
      <Dropdown
        label="Councillor"
        options={councillorOptions}
        selectedKey={filters.councillorId === undefined ? ALL : String(filters.councillorId)}
        onChange={(_, o) => o && onFilters({ ...filters, councillorId: numberOrUndefined(o.key) })}
        styles={{ root: { minWidth: 180 } }}
      />
    </Stack>
  );
}
