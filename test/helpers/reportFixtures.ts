/**
 * One place that builds reports for tests. Every text field of the field table
 * (`src/domain/reportFields.ts`) starts empty, so a field added there needs no change to any test
 * that does not care about it.
 */
import { emptyGrid, Grid } from '../../src/domain/grid';
import { emptyFormTexts, FEEDBACK_TEXT_FIELDS, FORM_TEXT_FIELDS, GRID_TEXT_FIELDS } from '../../src/domain/reportFields';
import type { HosFeedback, Person, VisitReport, VisitReportForm } from '../../src/domain/types';

export const FIXTURE_COUNCILLOR: Person = { id: 7, displayName: 'Cllr A Hale', email: 'cllr.hale@northshire.example' };

/** A grid with these cells written and the rest empty. */
export function gridWith(cells: Partial<Grid> = {}): Grid {
  return { ...emptyGrid(), ...cells };
}

/** A visit form: no team, date or members unless given, every text empty. */
export function buildForm(overrides: Partial<VisitReportForm> = {}): VisitReportForm {
  return { ...emptyFormTexts(), members: [], grid: emptyGrid(), ...overrides };
}

/** A report (a draft with id 1 unless told otherwise). */
export function buildReport(overrides: Partial<VisitReport> = {}): VisitReport {
  return { ...buildForm(), id: 1, status: 'Draft', ...overrides };
}

/** A report with every text field of the table filled by `fill(limit)`: the longest a person can make it. */
export function withEveryTextAtItsLimit(report: VisitReport, fill: (length: number) => string, feedback: Omit<HosFeedback, 'text'>): VisitReport {
  const filled: VisitReport = { ...report, grid: { ...report.grid } };
  for (const field of FORM_TEXT_FIELDS) {
    filled[field.key] = fill(field.limit);
  }
  for (const field of GRID_TEXT_FIELDS) {
    filled.grid[field.key] = fill(field.limit);
  }
  const answer = { ...feedback } as HosFeedback;
  for (const field of FEEDBACK_TEXT_FIELDS) {
    (answer as unknown as { [key: string]: string })[field.key] = fill(field.limit);
  }
  filled.feedback = answer;
  return filled;
}
