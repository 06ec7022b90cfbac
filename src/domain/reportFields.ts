/**
 * The report's free-text fields, described once. The list contract, both mappers (SharePoint REST
 * and Graph), the draft kept on the device, validation, the form, the report view, the card and
 * the committee pack all loop over these tables instead of naming each field, so a new text field
 * is one row here (see CONTRIBUTING.md, "Add a field to the form").
 *
 * Three homes, because the report has three kinds of text:
 * - `form`: a property of the visit form the councillors write (`VisitReportForm[key]`);
 * - `grid`: a cell of the Signs of Safety grid (`VisitReportForm.grid[key]`);
 * - `feedback`: the Head of Service's answer, written from the card (`VisitReport.feedback[key]`).
 */
import { GRID_CELL_KEYS, GridCellKey, gridCellLabel, GridRow } from './grid';
import { LIMITS } from './limits';

/** Where a field's text is shown besides the list itself. */
export type FieldPlace = 'form' | 'report' | 'card' | 'pack' | 'csv';

export type TextFieldHome = 'form' | 'grid' | 'feedback';

export interface ReportTextField {
  home: TextFieldHome;
  /** The property that holds the text in the domain (see the homes above). */
  key: string;
  /** The column's internal name on the Visit Reports list: the contract with SharePoint. */
  listField: string;
  /** The column's display name on the list. */
  displayName: string;
  /** The form's label, which validation messages also use. */
  label: string;
  /** The heading where the text is read back: the report view, the card's fact, the pack. */
  shortLabel: string;
  /** Shown under the box on the form. */
  hint?: string;
  /** Shown on the report view when nothing was written. */
  emptyText?: string;
  /** Most characters a person may write. */
  limit: number;
  multiline: boolean;
  /** Rows the form's box starts with. */
  rows?: number;
  /** Bytes the text may take on the card (after escaping): the card must stay under 28 KB. */
  cardBudget?: number;
  shows: ReadonlyArray<FieldPlace>;
  /** Answers: the grid row (area) the answer is beside; none for the overall response. */
  row?: GridRow;
  /** Answers: the id of the card's input, which is also the key of the card action's data. */
  cardInputId?: string;
}

/**
 * Free text on the visit form itself. `as const` so that the keys become the form's properties
 * (`FormTexts`): a row added here is a property of every form, typed, with nothing else to edit.
 */
export const FORM_TEXT_FIELDS = [
  {
    home: 'form',
    key: 'title',
    listField: 'Title',
    displayName: 'Title',
    // Derived from the team and the date, never typed: shown nowhere but the list.
    label: 'The title',
    shortLabel: 'Title',
    limit: LIMITS.title,
    multiline: false,
    shows: [],
  },
  {
    home: 'form',
    key: 'staffInvolved',
    listField: 'StaffInvolved',
    displayName: 'Staff involved',
    label: 'Names of staff involved',
    shortLabel: 'Staff involved',
    hint: 'For example, the service manager and the social workers you spoke to.',
    emptyText: 'None named.',
    limit: LIMITS.staffInvolved,
    multiline: true,
    rows: 2,
    cardBudget: 600,
    shows: ['form', 'report', 'card'],
  },
] as const satisfies ReadonlyArray<ReportTextField & { home: 'form' }>;

export type FormTextKey = (typeof FORM_TEXT_FIELDS)[number]['key'];
export type FormTexts = { [key in FormTextKey]: string };

/** Bytes a grid cell may take on the card. */
const GRID_CELL_CARD_BUDGET = 1400;

function listFieldOfCell(key: GridCellKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** The nine cells of the grid, generated from the grid's rows and columns (`grid.ts`). */
export const GRID_TEXT_FIELDS: ReadonlyArray<ReportTextField & { home: 'grid'; key: GridCellKey }> = GRID_CELL_KEYS.map((key) => ({
  home: 'grid' as const,
  key,
  listField: listFieldOfCell(key),
  displayName: listFieldOfCell(key).replace(/([a-z])([A-Z])/g, '$1 $2'),
  label: gridCellLabel(key),
  shortLabel: gridCellLabel(key),
  limit: LIMITS.gridCell,
  multiline: true,
  rows: 4,
  cardBudget: GRID_CELL_CARD_BUDGET,
  shows: ['form', 'report', 'card', 'pack', 'csv'] as ReadonlyArray<FieldPlace>,
}));

/**
 * The Head of Service's answer, area by area as the committee report pairs them, and overall: written
 * on the card (at least one), read beside its area on the report view, the card and the pack.
 */
export const FEEDBACK_TEXT_FIELDS = [
  {
    home: 'feedback',
    key: 'text',
    cardInputId: 'feedback',
    listField: 'HosFeedback',
    displayName: 'Head of Service feedback',
    label: 'Your overall response',
    shortLabel: 'Head of Service response',
    limit: LIMITS.feedback,
    multiline: true,
    cardBudget: 2500,
    shows: ['report', 'card', 'pack', 'csv'],
  },
  {
    home: 'feedback',
    key: 'staffing',
    row: 'staffing',
    cardInputId: 'feedbackStaffing',
    listField: 'HosFeedbackStaffing',
    displayName: 'Head of Service feedback: Staffing',
    label: 'Your response on Staffing',
    shortLabel: 'Head of Service response on Staffing',
    limit: LIMITS.feedback,
    multiline: true,
    cardBudget: 1200,
    shows: ['report', 'card', 'pack', 'csv'],
  },
  {
    home: 'feedback',
    key: 'performance',
    row: 'performance',
    cardInputId: 'feedbackPerformance',
    listField: 'HosFeedbackPerformance',
    displayName: 'Head of Service feedback: Performance',
    label: 'Your response on Performance',
    shortLabel: 'Head of Service response on Performance',
    limit: LIMITS.feedback,
    multiline: true,
    cardBudget: 1200,
    shows: ['report', 'card', 'pack', 'csv'],
  },
  {
    home: 'feedback',
    key: 'other',
    row: 'other',
    cardInputId: 'feedbackOther',
    listField: 'HosFeedbackOther',
    displayName: 'Head of Service feedback: Other',
    label: 'Your response on Other',
    shortLabel: 'Head of Service response on Other',
    limit: LIMITS.feedback,
    multiline: true,
    cardBudget: 1200,
    shows: ['report', 'card', 'pack', 'csv'],
  },
] as const satisfies ReadonlyArray<ReportTextField & { home: 'feedback' }>;

export type FeedbackTextKey = (typeof FEEDBACK_TEXT_FIELDS)[number]['key'];
/** The overall answer ('' when the Head of Service answered area by area only) and each area's. */
export type FeedbackTexts = { text: string } & { [key in Exclude<FeedbackTextKey, 'text'>]?: string };

/** The overall response's row of the table. */
export const OVERALL_FEEDBACK_FIELD = FEEDBACK_TEXT_FIELDS.filter((field) => field.key === 'text')[0];

/** The answer beside a grid row (area). */
export function areaFeedbackField(row: GridRow): ReportTextField {
  return (FEEDBACK_TEXT_FIELDS as ReadonlyArray<ReportTextField>).filter((field) => field.row === row)[0];
}

/** The text of one answer field ('' when none). */
export function feedbackText(feedback: FeedbackTexts | undefined, field: ReportTextField): string {
  return (feedback && (feedback as { [key: string]: string | undefined })[field.key]) || '';
}

/** Every free-text field of a report, in the order the form and the list show them. */
export const REPORT_TEXT_FIELDS: ReadonlyArray<ReportTextField> = [...FORM_TEXT_FIELDS, ...GRID_TEXT_FIELDS, ...FEEDBACK_TEXT_FIELDS];

export function textFieldsShownOn(place: FieldPlace, fields: ReadonlyArray<ReportTextField> = REPORT_TEXT_FIELDS): ReportTextField[] {
  return fields.filter((field) => field.shows.indexOf(place) !== -1);
}

export function gridTextField(key: GridCellKey): ReportTextField {
  return GRID_TEXT_FIELDS.filter((field) => field.key === key)[0];
}

/** The grid cell stored in each list field. */
export const GRID_CELL_LIST_FIELDS: { readonly [key in GridCellKey]: string } = GRID_TEXT_FIELDS.reduce(
  (fields, field) => ({ ...fields, [field.key]: field.listField }),
  {} as { [key in GridCellKey]: string },
);

/** Every form text empty: the start of a new form. */
export function emptyFormTexts(): FormTexts {
  const texts = {} as FormTexts;
  for (const field of FORM_TEXT_FIELDS) {
    texts[field.key] = '';
  }
  return texts;
}

/** The shape the accessors read: a form, or a report with its answer. */
interface HasTexts extends FormTexts {
  grid: { [key in GridCellKey]: string };
  feedback?: FeedbackTexts;
}

/** The text a report holds in a field ('' when there is none). */
export function textOf(report: HasTexts, field: ReportTextField): string {
  const value =
    field.home === 'form'
      ? report[field.key as FormTextKey]
      : field.home === 'grid'
        ? report.grid[field.key as GridCellKey]
        : report.feedback && (report.feedback as { [key: string]: string | undefined })[field.key];
  return value || '';
}

/**
 * Reads every free text of a report from something keyed by list field (a SharePoint REST item, a
 * Graph item's fields). The answer is there when any of its fields has text.
 */
export function textsFromListFields(read: (listField: string) => string): {
  texts: FormTexts;
  grid: { [key in GridCellKey]: string };
  feedback?: FeedbackTexts;
} {
  const texts = emptyFormTexts();
  for (const field of FORM_TEXT_FIELDS) {
    texts[field.key] = read(field.listField);
  }
  const grid = {} as { [key in GridCellKey]: string };
  for (const field of GRID_TEXT_FIELDS) {
    grid[field.key] = read(field.listField);
  }
  const answers: { [key: string]: string } = {};
  let answered = false;
  for (const field of FEEDBACK_TEXT_FIELDS) {
    const value = read(field.listField);
    if (value) {
      answers[field.key] = value;
      answered = true;
    }
  }
  return { texts, grid, feedback: answered ? ({ text: '', ...answers } as FeedbackTexts) : undefined };
}

/** The form's text as list fields, for a write. */
export function formTextsToListFields(form: HasTexts): { [listField: string]: string } {
  const fields: { [listField: string]: string } = {};
  for (const field of FORM_TEXT_FIELDS) {
    fields[field.listField] = form[field.key] || '';
  }
  for (const field of GRID_TEXT_FIELDS) {
    fields[field.listField] = form.grid[field.key] || '';
  }
  return fields;
}
