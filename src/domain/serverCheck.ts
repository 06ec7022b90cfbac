import { ServerCheck, VisitReport } from './types';
import { calendarDateFromSharePoint, londonDateOf } from './calendarDate';
import { validateForSubmit } from './validation';

/** The stored form of a server check (JSON in a note column only the bot writes). */
export function formatServerCheck(check: ServerCheck): string {
  return JSON.stringify({ problems: check.problems, notes: check.notes, checkedOn: check.checkedOn });
}

/** Reads a stored server check; anything unreadable counts as a problem, never as a clean check. */
export function parseServerCheck(value: unknown): ServerCheck | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(value) as { problems?: unknown; notes?: unknown; checkedOn?: unknown };
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { problems: strings(parsed.problems), notes: strings(parsed.notes), checkedOn: typeof parsed.checkedOn === 'string' ? parsed.checkedOn : '' };
  } catch {
    return { problems: ['Its server check could not be read.'], notes: [], checkedOn: '' };
  }
}

/**
 * Why a submitted report may not be used as it stands (in the committee pack's averages): what
 * the bot's check found, and the form's own submit checks run again on the day it was submitted
 * (a report can reach the list without the browser's checks — a scale of 3.5, say).
 */
export function reasonsNotUsed(report: VisitReport): string[] {
  const reasons = report.serverCheck ? report.serverCheck.problems.slice() : [];
  const submittedDay = calendarDateFromSharePoint(report.submittedOn) || londonDateOf(new Date());
  for (const error of validateForSubmit(report, submittedDay)) {
    reasons.push(error.message);
  }
  return reasons;
}
