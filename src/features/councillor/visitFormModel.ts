import { CalendarDate, formatShortDate, isCalendarDate } from '../../domain/calendarDate';
import { emptyGrid, GRID_CELL_KEYS, GridCellKey } from '../../domain/grid';
import { emptyFormTexts, FORM_TEXT_FIELDS, GRID_TEXT_FIELDS, textOf } from '../../domain/reportFields';
import { FrontlineTeam, Person, RotaEntry, VisitReport, VisitReportForm } from '../../domain/types';
import { FormField, ValidationError } from '../../domain/validation';

/** A new form from a rota entry: nobody types what the rota already knows. */
export function formFromRota(entry: RotaEntry, teams: FrontlineTeam[]): VisitReportForm {
  const form: VisitReportForm = {
    ...emptyFormTexts(),
    rotaEntryId: entry.id,
    teamId: entry.teamId,
    visitDate: entry.visitDate,
    members: entry.members.slice(),
    grid: emptyGrid(),
  };
  return { ...form, title: reportTitle(form, teams) };
}

/** A visit that was not on the rota: the councillor starts with themselves as a member. */
export function unscheduledForm(me: Person): VisitReportForm {
  return { ...emptyFormTexts(), members: [me], grid: emptyGrid() };
}

export function formOf(report: VisitReport): VisitReportForm {
  const texts = emptyFormTexts();
  for (const field of FORM_TEXT_FIELDS) {
    texts[field.key] = textOf(report, field);
  }
  return {
    ...texts,
    rotaEntryId: report.rotaEntryId,
    teamId: report.teamId,
    visitDate: report.visitDate,
    members: report.members.slice(),
    grid: { ...emptyGrid(), ...report.grid },
    safetyScale: report.safetyScale,
  };
}

/** True when two forms hold the same answers (the title is derived, so it is left out). */
export function sameForm(a: VisitReportForm, b: VisitReportForm): boolean {
  const ids = (form: VisitReportForm): string => form.members.map((m) => m.id).join(',');
  return (
    a.rotaEntryId === b.rotaEntryId &&
    a.teamId === b.teamId &&
    a.visitDate === b.visitDate &&
    ids(a) === ids(b) &&
    a.safetyScale === b.safetyScale &&
    [...FORM_TEXT_FIELDS.filter((field) => field.key !== 'title'), ...GRID_TEXT_FIELDS].every((field) => textOf(a, field) === textOf(b, field))
  );
}

/** The list item's Title, derived so the councillor never types it: "Visit to X, 15 Jun 2026". */
export function reportTitle(form: VisitReportForm, teams: FrontlineTeam[]): string {
  const team = teams.filter((t) => t.id === form.teamId)[0];
  const parts = ['Visit'];
  if (team) {
    parts.push(`to ${team.title}`);
  }
  const title = parts.join(' ') + (form.visitDate && isCalendarDate(form.visitDate) ? `, ${formatShortDate(form.visitDate)}` : '');
  return title.slice(0, 255);
}

/** The element id of each field, so an error-summary link can move focus to it. */
export function fieldId(field: FormField): string {
  return `fv-field-${field}`;
}

/** The "grid" error points at the first box of the grid. */
export function focusTargetId(field: FormField): string {
  return field === 'grid' ? fieldId(GRID_CELL_KEYS[0]) : fieldId(field);
}

export function errorFor(errors: ValidationError[], field: FormField): string | undefined {
  const found = errors.filter((e) => e.field === field)[0];
  return found ? found.message : undefined;
}

export function isGridField(field: FormField): field is GridCellKey {
  return (GRID_CELL_KEYS as ReadonlyArray<string>).indexOf(field) !== -1;
}

/**
 * The DatePicker works in browser-local `Date`s at midnight of the picked day; the day the person
 * picked is that local date, whatever the browser's time zone.
 */
export function calendarDateFromPicker(date: Date | null | undefined): CalendarDate | undefined {
  if (!date || isNaN(date.getTime())) {
    return undefined;
  }
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function pickerDateFrom(day: CalendarDate | undefined): Date | undefined {
  if (!day || !isCalendarDate(day)) {
    return undefined;
  }
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** "15/06/2026", as UK users write dates. */
export function formatUkDate(date: Date | null | undefined): string {
  const day = calendarDateFromPicker(date);
  if (!day) {
    return '';
  }
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Reads what a person typed into the date box the UK way: 15/6/2026, 15-06-2026, 15.06.26,
 * 15 June 2026. Returns null (the picker then shows its error) when it is not a real day.
 */
export function parseUkDate(text: string): Date | null {
  const trimmed = text.trim();
  let match = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$/.exec(trimmed);
  let day: number;
  let month: number;
  let year: number;
  if (match) {
    day = Number(match[1]);
    month = Number(match[2]);
    year = Number(match[3]);
  } else {
    match = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(trimmed);
    if (!match) {
      return null;
    }
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
    day = Number(match[1]);
    month = months.indexOf(match[2].slice(0, 3).toLowerCase()) + 1;
    year = Number(match[3]);
    if (month === 0) {
      return null;
    }
  }
  if (year < 100) {
    year += 2000;
  }
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(iso) ? (pickerDateFrom(iso) as Date) : null;
}

/** "1,234 of 8,000 characters" — shown under long boxes so a limit is never a surprise. */
export function characterCount(text: string, limit: number): string {
  return `${text.length.toLocaleString('en-GB')} of ${limit.toLocaleString('en-GB')} characters`;
}

export const SAFETY_SCALE_QUESTION = 'How effective is the service at keeping children and young people safe?';
export const SAFETY_SCALE_ENDS = '0 means ineffective. 10 means very effective.';

export function safetyScaleLabel(value: number): string {
  return value === 0 ? '0 (ineffective)' : value === 10 ? '10 (very effective)' : String(value);
}
