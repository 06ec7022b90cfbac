/**
 * Visits as an iCalendar file (.ics), for a councillor to add one visit or their whole year to
 * their own calendar. Each event's UID comes from the rota item's id, so when a visit is moved and
 * the file is added again, calendars update the event instead of adding a second one (the
 * SEQUENCE, from the item's version, tells them which copy is newer). A visit not held or moved
 * away is sent as cancelled, so it leaves the calendar too.
 *
 * Days are London calendar days: an all-day event on the visit's date, or, when a time has been
 * agreed, the London wall-clock time written as UTC, which every calendar shows correctly
 * without a time-zone definition.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays, CalendarDate, londonOffsetMinutes } from './calendarDate';
import { FrontlineTeam, RotaEntry, RotaStatus } from './types';

export interface CalendarVisit {
  /** The rota item's id: the event's identity across moves. */
  rotaId: number;
  visitDate: CalendarDate;
  teamTitle: string;
  members: ReadonlyArray<{ displayName: string }>;
  serviceManager?: { displayName: string };
  status: RotaStatus;
  /** Grows each time the visit changes (the list item's version number). */
  sequence?: number;
  /** "10:00", London time, when a time is agreed; otherwise the event lasts all day. */
  startTime?: string;
  /** Minutes; visits last about an hour. */
  durationMinutes?: number;
  location?: string;
  /** Where the visit opens in the app. */
  url?: string;
}

export interface VisitCalendarOptions {
  /** The domain part of every UID: the data site's host, e.g. "northshire.sharepoint.com". */
  uidDomain: string;
  /** "Frontline visits 2026/27: Cllr Hale". */
  calendarName?: string;
  /** When the file is made (DTSTAMP). */
  generatedAt: Date;
}

const DEFAULT_DURATION_MINUTES = 60;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The event UID for a rota visit: the same for as long as the rota item exists. */
export function visitUid(rotaId: number, uidDomain: string): string {
  return `frontline-visit-${rotaId}@${uidDomain}`;
}

/** The instant a London wall-clock time happens on a day (the offset read at that instant). */
export function londonTimeToInstant(date: CalendarDate, time: string): Date {
  const match = TIME.exec(time);
  if (!match) {
    throw new RangeError(`Not a time such as 10:00: ${time}`);
  }
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, Number(match[1]), Number(match[2]));
  const guess = wall - londonOffsetMinutes(new Date(wall)) * 60000;
  return new Date(wall - londonOffsetMinutes(new Date(guess)) * 60000);
}

function utcMidnight(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function names(people: ReadonlyArray<{ displayName: string }>): string {
  const list = people.map((p) => p.displayName);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function description(visit: CalendarVisit): string {
  const lines = [`Councillors: ${visit.members.length ? names(visit.members) : 'to be confirmed'}`];
  if (visit.serviceManager) {
    lines.push(`Service manager: ${visit.serviceManager.displayName}`);
  }
  if (visit.status === 'NotHeld') {
    lines.unshift('This visit will not take place.');
  } else if (visit.status === 'Rescheduled') {
    lines.unshift('This visit has moved to another date.');
  } else {
    lines.push('The visit form is due within 28 days of the visit.');
  }
  if (visit.url) {
    lines.push(visit.url);
  }
  return lines.join('\n');
}

/** One calendar file holding the given visits (one visit, or a councillor's whole year). */
export function visitCalendar(visits: ReadonlyArray<CalendarVisit>, options: VisitCalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Frontline Visits', product: 'Visit rota', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  if (options.calendarName) {
    calendar.name(options.calendarName);
  }
  const ordered = visits.slice().sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : a.rotaId - b.rotaId));
  for (const visit of ordered) {
    const cancelled = visit.status === 'NotHeld' || visit.status === 'Rescheduled';
    const timing = visit.startTime
      ? (() => {
          const start = londonTimeToInstant(visit.visitDate, visit.startTime as string);
          return { start, end: new Date(start.getTime() + (visit.durationMinutes || DEFAULT_DURATION_MINUTES) * 60000), allDay: false };
        })()
      : { start: utcMidnight(visit.visitDate), end: utcMidnight(addDays(visit.visitDate, 1)), allDay: true };
    calendar.createEvent({
      id: visitUid(visit.rotaId, options.uidDomain),
      sequence: visit.sequence || 0,
      stamp: options.generatedAt,
      ...timing,
      summary: `Frontline visit: ${visit.teamTitle}`,
      description: description(visit),
      location: visit.location || null,
      url: visit.url || null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** A file name without characters any system refuses: "frontline-visit-2026-05-12.ics". */
export function visitCalendarFileName(visits: ReadonlyArray<Pick<CalendarVisit, 'visitDate'>>, municipalYear?: string): string {
  if (visits.length === 1) {
    return `frontline-visit-${visits[0].visitDate}.ics`;
  }
  return `frontline-visits${municipalYear ? `-${municipalYear.replace('/', '-')}` : ''}.ics`;
}

/**
 * The event's sequence from the rota item's ETag: SharePoint counts each change of a list item
 * in it ("4" or "{guid},4"), so a moved visit always carries a higher number than before.
 */
export function sequenceFromETag(etag: string | undefined): number {
  const match = etag ? /(\d+)"?\s*$/.exec(etag) : null;
  return match ? Number(match[1]) : 0;
}

/** A rota visit as a calendar event, with its team's service manager when the team is known. */
export function calendarVisitFromRota(entry: RotaEntry & { etag?: string }, teams: ReadonlyArray<FrontlineTeam> = [], url?: string): CalendarVisit {
  const team = teams.find((t) => t.id === entry.teamId);
  return {
    rotaId: entry.id,
    visitDate: entry.visitDate,
    teamTitle: entry.teamTitle || (team && team.title) || 'Frontline team',
    members: entry.members,
    serviceManager: team && team.serviceManager,
    status: entry.status,
    sequence: sequenceFromETag(entry.etag),
    url,
  };
}

/** A councillor's visits in a set of rota entries: their whole year for one calendar file. */
export function councillorCalendarVisits(
  entries: ReadonlyArray<RotaEntry & { etag?: string }>,
  councillorId: number,
  teams: ReadonlyArray<FrontlineTeam> = [],
): CalendarVisit[] {
  return entries.filter((e) => e.members.some((m) => m.id === councillorId)).map((e) => calendarVisitFromRota(e, teams));
}
