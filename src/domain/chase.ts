/**
 * Chasing: from a row of the visits overview whose form or response is overdue, the improvement
 * team asks for a reminder to whoever owes it. The request is recorded where the data lives under
 * a key that is unique per visit, audience and London day, so no one is chased twice the same day
 * whoever asks; the bot sends it and marks it sent. This module names the key and says, in words,
 * what the row shows about it.
 */
import { CalendarDate, formatShortDate } from './calendarDate';
import { Person } from './types';
import { VisitStateView } from './visitState';

export type ChaseAudienceKind = 'Councillors' | 'HeadOfService';
export type ChaseStateKind = 'Requested' | 'Sent' | 'Failed';

/** What a chase is about: a rota visit, a submitted report, or a draft of an unscheduled visit. */
export type ChaseSubject = { kind: 'rota'; id: number } | { kind: 'report'; id: number } | { kind: 'draft'; id: number };

export interface ChaseRecord {
  id: number;
  key: string;
  subject: ChaseSubject;
  audience: ChaseAudienceKind;
  /** The London day it was asked for. */
  day: CalendarDate;
  state: ChaseStateKind;
  requestedBy?: Person;
  /** When the bot sent it (an ISO instant). */
  sentOn?: string;
}

/** The team's name as people know it, for "reminded 3 Dec by …". */
export const CHASING_TEAM = 'Children’s Improvement Team';

export function subjectText(subject: ChaseSubject): string {
  return `${subject.kind}-${subject.id}`;
}

/** `rota-12`, `report-40`, `draft-7` back to a subject; undefined for anything else. */
export function parseSubject(text: string): ChaseSubject | undefined {
  const match = /^(rota|report|draft)-(\d{1,9})$/.exec(text);
  return match ? { kind: match[1] as ChaseSubject['kind'], id: Number(match[2]) } : undefined;
}

/** The unique key: one chase of one audience about one visit a London day. */
export function chaseKey(subject: ChaseSubject, audience: ChaseAudienceKind, day: CalendarDate): string {
  return `chase:${subjectText(subject)}:${audience}:${day}`;
}

/** What a chase from this row would be about and whom it reminds; undefined when the row is not overdue. */
export function chaseTarget(row: {
  status: Pick<VisitStateView, 'chase'>;
  rotaEntryId?: number;
  report?: { id: number; status: string };
}): { subject: ChaseSubject; audience: ChaseAudienceKind } | undefined {
  if (row.status.chase === 'headOfService') {
    return row.report && row.report.status !== 'Draft' ? { subject: { kind: 'report', id: row.report.id }, audience: 'HeadOfService' } : undefined;
  }
  if (row.status.chase === 'councillors') {
    if (row.rotaEntryId !== undefined) {
      return { subject: { kind: 'rota', id: row.rotaEntryId }, audience: 'Councillors' };
    }
    return row.report ? { subject: { kind: 'draft', id: row.report.id }, audience: 'Councillors' } : undefined;
  }
  return undefined;
}

/** The chases of one row (same subject and audience), newest day first. */
export function chasesFor(records: ReadonlyArray<ChaseRecord>, target: { subject: ChaseSubject; audience: ChaseAudienceKind }): ChaseRecord[] {
  const subject = subjectText(target.subject);
  return records
    .filter((r) => subjectText(r.subject) === subject && r.audience === target.audience)
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : b.id - a.id));
}

/** "Reminded 3 Dec 2026 by Children’s Improvement Team" and friends, for the row. */
export function describeChase(record: ChaseRecord, today: CalendarDate): string {
  const when = record.day === today ? 'today' : formatShortDate(record.day);
  const asker = record.requestedBy && record.requestedBy.displayName ? ` (${record.requestedBy.displayName})` : '';
  switch (record.state) {
    case 'Sent':
      return `Reminded ${when} by ${CHASING_TEAM}${asker}`;
    case 'Failed':
      return `Reminder asked for ${when} by ${CHASING_TEAM}${asker}; not sent yet, the bot tries again`;
    default:
      return `Reminder asked for ${when} by ${CHASING_TEAM}${asker}; the bot sends it within a few minutes`;
  }
}

/** Whether the row may be chased today: only overdue rows, and only once a day. */
export function mayChaseToday(latest: ChaseRecord | undefined, today: CalendarDate): boolean {
  return !latest || latest.day !== today;
}
