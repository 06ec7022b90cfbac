import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { CalendarDate } from '../../domain/calendarDate';
import { DateRange } from '../../domain/municipalYear';
import { VisitsOverviewData, VisitsOverviewService } from '../VisitsOverviewService';
import { LoadState, TRY_AGAIN, useLoad } from './useLoad';

export function useVisitsOverviewService(sp: SPFI): VisitsOverviewService {
  return React.useMemo(() => new VisitsOverviewService(sp), [sp]);
}

/** Every visit of the period, its report and its chases: one round trip; `refresh` changes to load again. */
export function useVisitsOverview(sp: SPFI, period: DateRange, today: CalendarDate, refresh: number): [LoadState<VisitsOverviewData>, () => void] {
  const service = useVisitsOverviewService(sp);
  return useLoad(
    `visits-overview:${period.start}:${period.end}:${today}:${refresh}`,
    () => service.getOverview(period, today),
    `We could not load the visits for this period. ${TRY_AGAIN}`,
  );
}
