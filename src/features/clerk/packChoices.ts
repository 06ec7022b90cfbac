import { parseDateInput, validatePeriod } from '../../report/packPeriod';
import type { PackRequest } from '../../report/packTypes';
import type { ErrorSummaryItem } from '../common/ErrorSummary';

/** The ids of the clerk's date boxes, so that the error summary can link to them. */
export const PACK_FIELD_IDS = { committeeDate: 'fv-committee-date', from: 'fv-period-from', to: 'fv-period-to' } as const;

/** What the clerk has typed and ticked. */
export interface PackChoices {
  committeeText: string;
  fromText: string;
  toText: string;
}

/** Two requests with the same key make the same pack (the order of ticked teams does not matter). */
export function requestKey(request: PackRequest): string {
  return JSON.stringify([request.from, request.to, request.committeeDate || '', (request.teamIds || []).slice().sort((a, b) => a - b)]);
}

/** The clerk's typed dates checked: a message per field, linked from the error summary. */
export function validateChoices({ committeeText, fromText, toText }: PackChoices): ErrorSummaryItem[] {
  const errors: ErrorSummaryItem[] = [];
  if (committeeText.trim() && !parseDateInput(committeeText)) {
    errors.push({
      targetId: PACK_FIELD_IDS.committeeDate,
      message: 'Enter the committee date as a real date, for example 14/01/2027, or leave it empty if it is not yet fixed.',
    });
  }
  const from = parseDateInput(fromText);
  const to = parseDateInput(toText);
  if (!from) {
    errors.push({ targetId: PACK_FIELD_IDS.from, message: 'Enter the first day of the period as a date, for example 01/07/2026.' });
  }
  if (!to) {
    errors.push({ targetId: PACK_FIELD_IDS.to, message: 'Enter the last day of the period as a date, for example 31/12/2026.' });
  }
  const period = from && to ? validatePeriod(from, to) : undefined;
  if (period) {
    errors.push({ targetId: PACK_FIELD_IDS.from, message: period });
  }
  return errors;
}
