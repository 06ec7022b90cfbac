import type { CalendarDate } from '../../domain/calendarDate';
import type { RotaEntry } from '../../domain/types';
import { saveFile } from '../clerk/saveFile';

/**
 * Saves a councillor's visits as an .ics file. The calendar code (ical-generator) loads only when
 * a councillor asks for a file, so it never weighs on the first load.
 */
export async function saveVisitCalendar(
  entries: ReadonlyArray<RotaEntry & { etag?: string }>,
  options: { dataSiteUrl: string; calendarName: string; municipalYear?: string },
): Promise<void> {
  const calendar = await import(/* webpackChunkName: 'visit-calendar' */ '../../domain/visitCalendar');
  const visits = entries.map((entry) => calendar.calendarVisitFromRota(entry));
  const text = calendar.visitCalendar(visits, {
    uidDomain: new URL(options.dataSiteUrl).host,
    calendarName: options.calendarName,
    generatedAt: new Date(),
  });
  saveFile(text, calendar.visitCalendarFileName(visits, options.municipalYear), 'text/calendar;charset=utf-8');
}

/** The councillor's visits of a municipal year, cancelled and moved ones too, so a calendar drops them. */
export function myVisitsIn<T extends RotaEntry>(entries: ReadonlyArray<T>, userId: number, range: { start: CalendarDate; end: CalendarDate }): T[] {
  const seen = new Set<number>();
  return entries.filter((e) => {
    const mine = e.visitDate >= range.start && e.visitDate <= range.end && e.members.some((m) => m.id === userId) && !seen.has(e.id);
    seen.add(e.id);
    return mine;
  });
}
