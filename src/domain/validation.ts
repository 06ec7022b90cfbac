import { CalendarDate, isCalendarDate, compareDates } from './calendarDate';
import { GRID_CELL_KEYS, GridCellKey } from './grid';
import { LIMITS } from './limits';
import { FORM_TEXT_FIELDS, FormTextKey, GRID_TEXT_FIELDS, textOf } from './reportFields';
import { VisitReportForm } from './types';

export { LIMITS } from './limits';

export const SAFETY_SCALE_MIN = 0;
export const SAFETY_SCALE_MAX = 10;

/** A form field that can carry a message. Grid cells use their own keys. */
export type FormField = FormTextKey | 'teamId' | 'visitDate' | 'members' | 'grid' | 'safetyScale' | GridCellKey;

export interface ValidationError {
  field: FormField;
  message: string;
}

function tooLong(label: string, limit: number, actual: number): string {
  return `${label} must be ${limit.toLocaleString('en-GB')} characters or fewer. It is ${actual.toLocaleString('en-GB')} characters now: shorten it by ${(actual - limit).toLocaleString('en-GB')}.`;
}

function hasText(value: string | undefined): boolean {
  return !!value && value.trim().length > 0;
}

/** No visit this product records can be older than the service it supports. */
export const EARLIEST_VISIT_DATE: CalendarDate = '2000-01-01';

/** Checks that hold even for a draft: nothing too long, nothing of the wrong kind. */
export function validateDraft(form: VisitReportForm, today: CalendarDate): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const field of [...FORM_TEXT_FIELDS, ...GRID_TEXT_FIELDS]) {
    const text = textOf(form, field);
    if (text.length > field.limit) {
      errors.push({ field: field.key as FormField, message: tooLong(field.label, field.limit, text.length) });
    }
  }
  if (form.visitDate !== undefined) {
    if (!isCalendarDate(form.visitDate)) {
      errors.push({ field: 'visitDate', message: 'Enter the date of the visit as a real date, for example 15/06/2026.' });
    } else if (compareDates(form.visitDate, today) > 0) {
      errors.push({ field: 'visitDate', message: 'The date of the visit must be today or in the past.' });
    } else if (compareDates(form.visitDate, EARLIEST_VISIT_DATE) < 0) {
      // A slip of the year (0026, 1926): SharePoint itself holds nothing before 1900.
      errors.push({ field: 'visitDate', message: 'Check the year of the visit: enter a date from 2000 onwards, for example 15/06/2026.' });
    }
  }
  if (form.members.length > LIMITS.maxMembers) {
    errors.push({ field: 'members', message: `Name no more than ${LIMITS.maxMembers} elected members.` });
  }
  if (form.safetyScale !== undefined && form.safetyScale !== null) {
    const scale = form.safetyScale;
    if (typeof scale !== 'number' || !isFinite(scale) || Math.floor(scale) !== scale || scale < SAFETY_SCALE_MIN || scale > SAFETY_SCALE_MAX) {
      errors.push({ field: 'safetyScale', message: 'Choose a whole number from 0 to 10 for how safe the service keeps children.' });
    }
  }
  return errors;
}

/** Everything a submitted report must have. One message per field, in the order of the form. */
export function validateForSubmit(form: VisitReportForm, today: CalendarDate): ValidationError[] {
  const errors = validateDraft(form, today);
  const has = (field: FormField): boolean => errors.some((e) => e.field === field);
  const missing: ValidationError[] = [];
  if (form.teamId === undefined || form.teamId === null) {
    missing.push({ field: 'teamId', message: 'Choose the team you visited.' });
  }
  if (!form.visitDate && !has('visitDate')) {
    missing.push({ field: 'visitDate', message: 'Enter the date of the visit.' });
  }
  if (form.members.length === 0) {
    missing.push({ field: 'members', message: 'Name at least one elected member who made the visit.' });
  }
  if (!GRID_CELL_KEYS.some((key) => hasText(form.grid[key]))) {
    missing.push({
      field: 'grid',
      message: 'Write about what you found in at least one box of the grid (Staffing, Performance or Other).',
    });
  }
  if ((form.safetyScale === undefined || form.safetyScale === null) && !has('safetyScale')) {
    missing.push({ field: 'safetyScale', message: 'Choose a number from 0 to 10 for how safe the service keeps children.' });
  }
  return orderByForm(errors.concat(missing));
}

const FORM_ORDER: FormField[] = (['title', 'members', 'visitDate', 'teamId'] as FormField[])
  .concat(FORM_TEXT_FIELDS.map((field) => field.key).filter((key) => key !== 'title'))
  .concat(['grid'])
  .concat(GRID_CELL_KEYS)
  .concat(['safetyScale']);

function orderByForm(errors: ValidationError[]): ValidationError[] {
  return errors.slice().sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));
}

/**
 * An answer area by area and overall: at least one written, each within its limit. Returns the
 * messages by field key (the table's), empty when it may be sent.
 */
export function validateFeedbackTexts(
  texts: { [key: string]: string | undefined },
  fields: ReadonlyArray<{ key: string; label: string; limit: number }>,
): { [key: string]: string } {
  const problems: { [key: string]: string } = {};
  if (!fields.some((field) => hasText(texts[field.key]))) {
    problems[fields[0].key] = 'Write a response on at least one area, or an overall response, before you send it.';
    return problems;
  }
  for (const field of fields) {
    const text = texts[field.key] || '';
    if (text.length > field.limit) {
      problems[field.key] = tooLong(field.label, field.limit, text.length);
    }
  }
  return problems;
}

/** Feedback from the Head of Service: required, within the limit. Returns a message or undefined. */
export function validateFeedback(text: string | undefined): string | undefined {
  if (!hasText(text)) {
    return 'Write your response before you send it.';
  }
  if ((text as string).length > LIMITS.feedback) {
    return tooLong('The response', LIMITS.feedback, (text as string).length);
  }
  return undefined;
}
