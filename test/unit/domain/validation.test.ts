import { buildForm, gridWith } from '../../helpers/reportFixtures';
import { VisitReportForm } from '../../../src/domain/types';
import { LIMITS, validateDraft, validateFeedback, validateForSubmit } from '../../../src/domain/validation';

const today = '2026-11-22';
const member = { id: 7, displayName: 'Cllr Alex Hale', email: 'cllr.hale@northshire.example' };

function complete(): VisitReportForm {
  return buildForm({
    title: 'Visit to the Consultation Team',
    teamId: 1,
    visitDate: '2026-11-10',
    members: [member],
    staffInvolved: 'Team manager; two social workers',
    grid: gridWith({ staffingWorries: 'Two vacancies covered by agency staff.' }),
    safetyScale: 7,
  });
}

function emptyForm(): VisitReportForm {
  return buildForm();
}

describe('validation for submitting', () => {
  it('accepts a complete report', () => {
    expect(validateForSubmit(complete(), today)).toEqual([]);
  });

  it('gives one message per missing field, in the order of the form', () => {
    const errors = validateForSubmit(emptyForm(), today);
    expect(errors.map((e) => e.field)).toEqual(['members', 'visitDate', 'teamId', 'grid', 'safetyScale']);
    expect(errors.find((e) => e.field === 'teamId')!.message).toBe('Choose the team you visited.');
    expect(errors.find((e) => e.field === 'grid')!.message).toMatch(/at least one box/);
  });

  it('needs a visit date that is not in the future (today is fine)', () => {
    expect(validateForSubmit({ ...complete(), visitDate: today }, today)).toEqual([]);
    const errors = validateForSubmit({ ...complete(), visitDate: '2026-11-23' }, today);
    expect(errors).toEqual([{ field: 'visitDate', message: 'The date of the visit must be today or in the past.' }]);
  });

  it('asks for the year to be checked when a date is implausibly old (SharePoint holds nothing before 1900)', () => {
    expect(validateForSubmit({ ...complete(), visitDate: '0026-06-15' }, today).map((e) => e.field)).toEqual(['visitDate']);
    for (const day of ['1899-12-31', '1999-12-31']) {
      const errors = validateForSubmit({ ...complete(), visitDate: day }, today);
      expect(errors).toEqual([{ field: 'visitDate', message: 'Check the year of the visit: enter a date from 2000 onwards, for example 15/06/2026.' }]);
    }
    expect(validateForSubmit({ ...complete(), visitDate: '2000-01-01' }, today)).toEqual([]);
  });

  it('rejects a date that does not exist', () => {
    const errors = validateForSubmit({ ...complete(), visitDate: '2026-02-30' }, today);
    expect(errors.map((e) => e.field)).toEqual(['visitDate']);
    expect(errors[0].message).toMatch(/real date/);
  });

  it('does not count a grid of blank space as commentary', () => {
    const form = complete();
    form.grid.staffingWorries = '   \n\t ';
    expect(validateForSubmit(form, today).map((e) => e.field)).toEqual(['grid']);
  });

  it('accepts any one cell of the grid', () => {
    const form = complete();
    form.grid.staffingWorries = '';
    form.grid.otherNextSteps = 'Meet the partnership board.';
    expect(validateForSubmit(form, today)).toEqual([]);
  });

  it.each([[-1], [11], [6.5], [NaN]])('rejects a safety scale of %p', (scale) => {
    const errors = validateForSubmit({ ...complete(), safetyScale: scale }, today);
    expect(errors).toEqual([{ field: 'safetyScale', message: 'Choose a whole number from 0 to 10 for how safe the service keeps children.' }]);
  });

  it.each([[0], [10]])('accepts the ends of the scale (%p)', (scale) => {
    expect(validateForSubmit({ ...complete(), safetyScale: scale }, today)).toEqual([]);
  });
});

describe('length limits (also for drafts)', () => {
  it('accepts text exactly at the limit and rejects one character more, saying by how much', () => {
    const form = complete();
    form.grid.performanceWorkingWell = 'a'.repeat(LIMITS.gridCell);
    expect(validateDraft(form, today)).toEqual([]);
    form.grid.performanceWorkingWell = 'a'.repeat(LIMITS.gridCell + 1);
    const errors = validateDraft(form, today);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('performanceWorkingWell');
    expect(errors[0].message).toBe('Performance: What is working well? must be 8,000 characters or fewer. It is 8,001 characters now: shorten it by 1.');
  });

  it('limits the title to what a SharePoint single line of text stores', () => {
    expect(LIMITS.title).toBeLessThanOrEqual(255);
    const errors = validateDraft({ ...complete(), title: 'x'.repeat(256) }, today);
    expect(errors.map((e) => e.field)).toEqual(['title']);
  });

  it('limits staff involved and the number of members', () => {
    const many = Array.from({ length: LIMITS.maxMembers + 1 }, (_, i) => ({ ...member, id: i }));
    const errors = validateDraft({ ...complete(), staffInvolved: 's'.repeat(LIMITS.staffInvolved + 1), members: many }, today);
    expect(errors.map((e) => e.field).sort()).toEqual(['members', 'staffInvolved']);
  });

  it('keeps every note limit within what SharePoint can store', () => {
    for (const limit of [LIMITS.gridCell, LIMITS.staffInvolved, LIMITS.feedback, LIMITS.notHeldReason]) {
      expect(limit).toBeLessThanOrEqual(63999);
    }
  });

  it('lets a draft be incomplete', () => {
    expect(validateDraft(emptyForm(), today)).toEqual([]);
  });

  it('keeps text pasted from Word as it is (smart quotes, bullets, emoji)', () => {
    const form = complete();
    form.grid.otherWorries = '“Morale” is low — • agency cover 😟\r\n• caseloads';
    expect(validateForSubmit(form, today)).toEqual([]);
  });
});

describe('Head of Service feedback', () => {
  it('is required and limited', () => {
    expect(validateFeedback('')).toBe('Write your response before you send it.');
    expect(validateFeedback('  ')).toBe('Write your response before you send it.');
    expect(validateFeedback(undefined)).toBe('Write your response before you send it.');
    expect(validateFeedback('We are recruiting two permanent staff.')).toBeUndefined();
    expect(validateFeedback('r'.repeat(LIMITS.feedback + 1))).toMatch(/must be 8,000 characters or fewer/);
  });
});
