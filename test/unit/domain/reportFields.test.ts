import { GRID_CELL_FIELDS, listDefinition, VISIT_REPORTS } from '../../../src/data/listContract';
import { formToItemFields, toVisitReport } from '../../../src/data/mappers';
import { GRID_CELL_KEYS } from '../../../src/domain/grid';
import {
  FEEDBACK_TEXT_FIELDS,
  FORM_TEXT_FIELDS,
  formTextsToListFields,
  GRID_TEXT_FIELDS,
  REPORT_TEXT_FIELDS,
  textFieldsShownOn,
  textOf,
  textsFromListFields,
} from '../../../src/domain/reportFields';
import { buildForm, buildReport, gridWith } from '../../helpers/reportFixtures';

describe('the report field table', () => {
  it('names each key and each list field once', () => {
    const keys = REPORT_TEXT_FIELDS.map((field) => `${field.home}.${field.key}`);
    const listFields = REPORT_TEXT_FIELDS.map((field) => field.listField);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(listFields).size).toBe(listFields.length);
  });

  it('is the list contract for every text column, with the same limit', () => {
    const columns = listDefinition(VISIT_REPORTS.urlName).fields;
    for (const field of REPORT_TEXT_FIELDS) {
      const column = columns.filter((c) => c.internalName === field.listField)[0];
      expect(column).toBeDefined();
      expect(column.maxLength).toBe(field.limit);
      expect(column.type).toBe(field.multiline ? 'Note' : 'Text');
    }
  });

  it('describes the nine grid cells in grid order, stored where the contract says', () => {
    expect(GRID_TEXT_FIELDS.map((field) => field.key)).toEqual(GRID_CELL_KEYS);
    for (const field of GRID_TEXT_FIELDS) {
      expect(field.listField).toBe(GRID_CELL_FIELDS[field.key]);
    }
  });

  it('gives every field shown on the card a card budget', () => {
    for (const field of textFieldsShownOn('card')) {
      expect(field.cardBudget).toBeGreaterThan(0);
    }
  });

  it('round-trips every form text and grid cell through list fields', () => {
    const form = buildForm({ grid: gridWith({ otherNextSteps: 'Next' }) });
    FORM_TEXT_FIELDS.forEach((field, i) => {
      form[field.key] = `${field.key} text ${i}`;
    });
    const stored = formTextsToListFields(form);
    const read = textsFromListFields((listField) => stored[listField] || '');
    expect(read.texts).toEqual(FORM_TEXT_FIELDS.reduce((texts, field) => ({ ...texts, [field.key]: form[field.key] }), {}));
    expect(read.grid).toEqual(form.grid);
    expect(read.feedback).toBeUndefined();
  });

  it('reads the answer when any of its fields has text, through the REST mapper too', () => {
    const item = { Id: 3, ...formToItemFields(buildForm({ staffInvolved: 'Team manager' })), [FEEDBACK_TEXT_FIELDS[0].listField]: 'We will recruit.' };
    const report = toVisitReport(item);
    expect(report.staffInvolved).toBe('Team manager');
    expect(report.feedback && report.feedback.text).toBe('We will recruit.');
    expect(textOf(report, FEEDBACK_TEXT_FIELDS[0])).toBe('We will recruit.');
    expect(textOf(buildReport(), FEEDBACK_TEXT_FIELDS[0])).toBe('');
  });
});
