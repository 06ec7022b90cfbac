import * as React from 'react';
import { ActionButton, MessageBar, MessageBarType } from '@fluentui/react';
import type { StartPageData } from '../../data/FrontlineDataService';
import { municipalYearOf, municipalYearRange } from '../../domain/municipalYear';
import type { RotaEntry } from '../../domain/types';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { myVisitsIn, saveVisitCalendar } from './visitCalendarFile';

type Entry = RotaEntry & { etag?: string };

/** One visit, or the whole year, to the councillor's own calendar; a failure says what to do. */
export function useCalendarDownload(dataSiteUrl: string): { save(entries: Entry[], calendarName: string, municipalYear?: string): void; problem?: string } {
  const [problem, setProblem] = React.useState<string | undefined>();
  const save = React.useCallback(
    (entries: Entry[], calendarName: string, municipalYear?: string) => {
      setProblem(undefined);
      saveVisitCalendar(entries, { dataSiteUrl, calendarName, municipalYear }).catch((error: unknown) => {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: the calendar file was not made', { count: entries.length, error });
        setProblem('The calendar file could not be made. Check your connection, reload the page and try again.');
      });
    },
    [dataSiteUrl],
  );
  return { save, problem };
}

/** The councillor's calendar files: one visit by its row key (`rota-12`), or the whole municipal year. */
export function useMyCalendar(
  dataSiteUrl: string,
  data: StartPageData,
  today: string,
): {
  year: string;
  yearCount: number;
  hasVisit(rowKey: string): boolean;
  saveVisit(rowKey: string, teamTitle: string): void;
  saveYear(): void;
  problem?: string;
} {
  const { save, problem } = useCalendarDownload(dataSiteUrl);
  const year = municipalYearOf(today);
  const allRota = React.useMemo(() => data.upcomingRota.concat(data.pastRota), [data]);
  const yearVisits = React.useMemo(() => myVisitsIn(allRota, data.user.id, municipalYearRange(year)), [allRota, data.user.id, year]);
  const find = (rowKey: string): Entry | undefined => allRota.find((e) => `rota-${e.id}` === rowKey);
  return {
    year,
    yearCount: yearVisits.length,
    hasVisit: (rowKey) => !!find(rowKey),
    saveVisit: (rowKey, teamTitle) => {
      const entry = find(rowKey);
      if (entry) {
        save([entry], `Frontline visit: ${teamTitle}`);
      }
    },
    saveYear: () => save(yearVisits, `Frontline visits ${year}: ${data.user.displayName}`, year),
    problem,
  };
}

/** The whole municipal year's visits in one file. */
export function AddYearToCalendar({ year, onClick }: { year: string; onClick(): void }): JSX.Element {
  return (
    <ActionButton
      iconProps={{ iconName: 'Calendar' }}
      onClick={onClick}
      styles={{ root: { minHeight: 44, paddingLeft: 0 } }}
      data-testid="add-year-to-calendar"
    >
      Add all my {year} visits to my calendar (.ics)
    </ActionButton>
  );
}

export function CalendarProblem({ problem }: { problem?: string }): JSX.Element | null {
  return problem ? (
    <MessageBar messageBarType={MessageBarType.error} role="alert">
      {problem}
    </MessageBar>
  ) : null;
}

/** "Add to my calendar" for one visit; the hidden part names the visit for a screen reader. */
export function AddVisitToCalendar({ about, onClick }: { about: string; onClick(): void }): JSX.Element {
  return (
    <div>
      <ActionButton
        iconProps={{ iconName: 'CalendarAgenda' }}
        onClick={onClick}
        styles={{ root: { minHeight: 44, paddingLeft: 0 } }}
        data-testid="add-visit-to-calendar"
      >
        Add to my calendar
        <VisuallyHidden> ({about})</VisuallyHidden>
      </ActionButton>
    </div>
  );
}
