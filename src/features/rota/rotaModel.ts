/**
 * The rota screen's working copy: the visits as read, edited on screen, and the writes that turn
 * one into the other. Nothing is written until the person saves; then every change goes in one
 * batch, each visit with the ETag it was read with.
 */
import { compareDates, CalendarDate, formatLongDate, formatShortDate } from '../../domain/calendarDate';
import type { FrontlineTeam, Person, RotaStatus } from '../../domain/types';
import type { NewRotaVisit, RotaChange, RotaItem } from '../../data/RotaService';

/** A visit on screen: read from the rota (with its id and ETag), or added here (no id yet). */
export interface ScreenVisit {
  key: string;
  id?: number;
  etag?: string;
  visitDate: CalendarDate;
  teamId: number;
  teamTitle: string;
  members: Person[];
  status: RotaStatus;
  notHeldReason?: string;
  movedFrom?: CalendarDate;
}

export function fromRotaItem(item: RotaItem, teams: ReadonlyArray<FrontlineTeam>): ScreenVisit {
  const team = teams.filter((t) => t.id === item.teamId)[0];
  return {
    key: `rota-${item.id}`,
    id: item.id,
    etag: item.etag,
    visitDate: item.visitDate,
    teamId: item.teamId,
    teamTitle: (team && team.title) || item.teamTitle || 'Team not known',
    members: item.members,
    status: item.status,
    notHeldReason: item.notHeldReason,
    movedFrom: item.movedFrom,
  };
}

export function visitTitle(visit: Pick<ScreenVisit, 'visitDate' | 'teamTitle'>): string {
  return `${visit.visitDate.slice(0, 7)} ${visit.teamTitle}`;
}

export function byDate(a: ScreenVisit, b: ScreenVisit): number {
  return compareDates(a.visitDate, b.visitDate) || a.teamTitle.localeCompare(b.teamTitle, 'en-GB') || (a.key < b.key ? -1 : 1);
}

/** A visit moved again keeps the date it was first booked for; moved back there, it is no longer moved. */
export function moveVisit(visit: ScreenVisit, original: ScreenVisit | undefined, date: CalendarDate): ScreenVisit {
  if (!original || original.id === undefined) {
    return { ...visit, visitDate: date };
  }
  const firstBooked = original.movedFrom || original.visitDate;
  return { ...visit, visitDate: date, movedFrom: date === firstBooked ? undefined : firstBooked };
}

function sameMembers(a: ReadonlyArray<Person>, b: ReadonlyArray<Person>): boolean {
  const ids = (people: ReadonlyArray<Person>): string =>
    people
      .map((p) => p.id)
      .sort((x, y) => x - y)
      .join(',');
  return ids(a) === ids(b);
}

/** What saving writes: the visits to add and the changes to make, each change with its visit's ETag. */
export function pendingWrites(originals: ReadonlyArray<ScreenVisit>, edited: ReadonlyArray<ScreenVisit>): { adds: NewRotaVisit[]; changes: RotaChange[] } {
  const adds: NewRotaVisit[] = [];
  const changes: RotaChange[] = [];
  for (const visit of edited) {
    const original = originals.filter((o) => o.key === visit.key)[0];
    if (!original || visit.id === undefined) {
      adds.push({ title: visitTitle(visit), visitDate: visit.visitDate, teamId: visit.teamId, memberIds: visit.members.map((m) => m.id) });
      continue;
    }
    const base = { id: visit.id, etag: visit.etag || '' };
    if (visit.visitDate !== original.visitDate) {
      changes.push({ kind: 'move', ...base, visitDate: visit.visitDate, title: visitTitle(visit), movedFrom: visit.movedFrom || null });
    }
    if (!sameMembers(visit.members, original.members)) {
      changes.push({ kind: 'members', ...base, memberIds: visit.members.map((m) => m.id) });
    }
    if (visit.status !== original.status || visit.notHeldReason !== original.notHeldReason) {
      if (visit.status === 'NotHeld') {
        changes.push({ kind: 'notHeld', ...base, reason: visit.notHeldReason || '' });
      } else if (visit.status === 'Held') {
        changes.push({ kind: 'held', ...base });
      }
    }
  }
  return { adds, changes };
}

/** How many visits saving would touch. */
export function pendingCount(originals: ReadonlyArray<ScreenVisit>, edited: ReadonlyArray<ScreenVisit>): number {
  const { adds, changes } = pendingWrites(originals, edited);
  return adds.length + new Set(changes.map((c) => c.id)).size;
}

/** The visit's status in words, never colour alone. */
export function statusText(visit: ScreenVisit, today: CalendarDate): string {
  switch (visit.status) {
    case 'NotHeld':
      return 'Not held';
    case 'Rescheduled':
      return 'Moved to another date';
    case 'Held':
      return 'Held';
    default:
      return compareDates(visit.visitDate, today) < 0 ? 'Date passed: not yet recorded as held or not held' : 'Scheduled';
  }
}

/** "Monday 15 June 2026 (moved from 10 May 2026)". */
export function dateText(visit: ScreenVisit): string {
  const moved = visit.movedFrom && visit.movedFrom !== visit.visitDate ? ` (moved from ${formatShortDate(visit.movedFrom)})` : '';
  return `${formatLongDate(visit.visitDate)}${moved}`;
}

/** The municipal years the screen offers: two back, this one, two ahead. */
export function yearChoices(currentYear: string): string[] {
  const start = Number(currentYear.slice(0, 4));
  return [-2, -1, 0, 1, 2].map((d) => `${start + d}/${String((start + d + 1) % 100).padStart(2, '0')}`);
}
