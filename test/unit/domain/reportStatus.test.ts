import { acceptsFeedback, assertTransition, canTransition, isEditableByAuthor } from '../../../src/domain/reportStatus';
import { REPORT_STATUSES, ReportStatus } from '../../../src/domain/types';

describe('report status transitions', () => {
  const allowed: Array<[ReportStatus, ReportStatus]> = [
    ['Draft', 'Submitted'],
    ['Submitted', 'Responded'],
  ];

  it('allows Draft → Submitted → Responded and nothing else', () => {
    for (const from of REPORT_STATUSES) {
      for (const to of REPORT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect({ from, to, allowed: canTransition(from, to) }).toEqual({ from, to, allowed: expected });
      }
    }
  });

  it('never lets a submitted or responded report go back to draft', () => {
    expect(() => assertTransition('Submitted', 'Draft')).toThrow('cannot move from Submitted to Draft');
    expect(() => assertTransition('Responded', 'Draft')).toThrow();
    expect(() => assertTransition('Responded', 'Submitted')).toThrow();
    expect(() => assertTransition('Draft', 'Responded')).toThrow();
    expect(() => assertTransition('Draft', 'Submitted')).not.toThrow();
  });

  it('lets the author edit only a draft', () => {
    expect(isEditableByAuthor('Draft')).toBe(true);
    expect(isEditableByAuthor('Submitted')).toBe(false);
    expect(isEditableByAuthor('Responded')).toBe(false);
  });

  it('accepts feedback only on a submitted report', () => {
    expect(acceptsFeedback('Draft')).toBe(false);
    expect(acceptsFeedback('Submitted')).toBe(true);
    expect(acceptsFeedback('Responded')).toBe(false);
  });
});
