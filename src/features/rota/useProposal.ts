import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { englandBankHolidays } from '../../domain/bankHolidays';
import type { CalendarDate } from '../../domain/calendarDate';
import { municipalYearRange } from '../../domain/municipalYear';
import { proposeRota } from '../../domain/rotaPlanner';
import { checkRota, RotaCouncillor, RotaProblem, RotaRulesContext } from '../../domain/rotaRules';
import type { RotaYearData } from '../../data/RotaService';
import { TRY_AGAIN, useLoad } from '../../data/hooks/useLoad';
import { parseDateInput } from '../../report/packPeriod';
import { ScreenVisit, visitTitle } from './rotaModel';
import { useRotaService } from './useRotaYear';

/** Committee dates typed as a list ("14/01/2028, 10/03/2028"): the days, or the first entry that is not one. */
export function parseCommitteeDates(text: string): { dates: CalendarDate[]; problem?: string } {
  const parts = text
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter((p) => p);
  const dates: CalendarDate[] = [];
  for (const part of parts) {
    const date = parseDateInput(part);
    if (!date) {
      return { dates, problem: `“${part}” is not a date. Enter each committee date as day/month/year, separated by commas.` };
    }
    dates.push(date);
  }
  return { dates };
}

/** What the planner and the rules checker are given: the year, its teams, the councillors with the days they cannot do. */
export function rulesContext(year: string, data: RotaYearData, committeeDates: CalendarDate[]): RotaRulesContext {
  const range = municipalYearRange(year);
  const councillors: RotaCouncillor[] = data.councillors.map((c) => ({
    id: c.id,
    displayName: c.displayName,
    email: c.email,
    unavailable: data.unavailable.filter((u) => u.councillor.id === c.id).map((u) => ({ from: u.from, to: u.to })),
  }));
  return {
    municipalYear: year,
    teams: data.teams,
    councillors,
    bankHolidays: englandBankHolidays(range.start, range.end),
    committeeDates,
    bookedVisits: data.bookedBefore,
  };
}

export interface Proposal {
  visits: ScreenVisit[];
  proposed: ScreenVisit[];
  notes: string[];
}

/** A year's data for planning, the proposal on screen (edited), the rules it breaks, and publishing it. */
export function useProposal(sp: SPFI, year: string) {
  const service = useRotaService(sp);
  const [load, retry] = useLoad(`proposal:${year}`, () => service.getRotaYear(year), `We could not read the rota for ${year}. ${TRY_AGAIN}`);
  const [proposal, setProposal] = React.useState<Proposal | undefined>();
  const [committeeDates, setCommitteeDates] = React.useState<CalendarDate[]>([]);
  React.useEffect(() => setProposal(undefined), [year]);
  const propose = (dates: CalendarDate[]): void => {
    if (load.status !== 'loaded') {
      return;
    }
    const result = proposeRota(rulesContext(year, load.data, dates));
    const visits: ScreenVisit[] = result.visits.map((v) => ({
      key: v.key,
      visitDate: v.visitDate,
      teamId: v.teamId,
      teamTitle: v.teamTitle,
      members: v.members.map((m) => ({ id: m.id, displayName: m.displayName, email: m.email || '' })),
      status: 'Scheduled',
    }));
    setCommitteeDates(dates);
    setProposal({ visits, proposed: visits, notes: result.notes });
  };
  const problems: RotaProblem[] =
    load.status === 'loaded' && proposal
      ? checkRota(
          proposal.visits.map((v) => ({ key: v.key, visitDate: v.visitDate, teamId: v.teamId, members: v.members })),
          rulesContext(year, load.data, committeeDates),
        )
      : [];
  const publish = () =>
    service.publishProposal(
      year,
      (proposal ? proposal.visits : []).map((v) => ({ title: visitTitle(v), visitDate: v.visitDate, teamId: v.teamId, memberIds: v.members.map((m) => m.id) })),
    );
  return {
    load,
    retry,
    proposal,
    problems,
    propose,
    edit: (visits: ScreenVisit[]) => proposal && setProposal({ ...proposal, visits }),
    publish,
  };
}
