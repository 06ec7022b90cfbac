/**
 * The sandbox's `$filter` parser: the subset SharePoint accepts, parsed into a tree so that user
 * text only ever becomes a literal; and the ETag matching both APIs rely on.
 */
import { etagMatches } from '../../../src/sandbox/listModel';
import { evaluateFilter, firstClauseIndexed, parseFilter } from '../../../src/sandbox/odataFilter';
import { SpError } from '../../../src/sandbox/errors';
import { StoredItem } from '../../../src/sandbox/store';

const row: { [path: string]: unknown } = {
  Title: "O'Brien’s visit",
  SafetyScale: 7,
  VisitDate: Date.parse('2026-06-14T23:00:00Z'),
  'Team/Id': 2,
  MembersId: [11, 12],
  HosFeedback: null,
  IsActive: true,
};
const matches = (filter: string): boolean => evaluateFilter(parseFilter(filter), (path) => row[path]);

describe('$filter parser', () => {
  it('evaluates comparisons, and/or with parentheses, text functions, nulls, dates, lookups and multi-person ids', () => {
    expect(matches("Title eq 'o''brien’s VISIT'")).toBe(true);
    expect(matches('SafetyScale ge 7 and SafetyScale lt 8')).toBe(true);
    expect(matches("(SafetyScale gt 9 or Team/Id eq 2) and startswith(Title, 'O''B')")).toBe(true);
    expect(matches("substringof('visit', Title)")).toBe(true);
    expect(matches('HosFeedback eq null and Title ne null')).toBe(true);
    expect(matches("VisitDate ge datetime'2026-06-14T23:00:00Z' and VisitDate lt datetime'2026-06-15T23:00:00Z'")).toBe(true);
    expect(matches("VisitDate lt '2026-06-14T00:00:00Z'")).toBe(false);
    expect(matches('MembersId eq 12')).toBe(true);
    expect(matches('MembersId eq 13')).toBe(false);
    expect(matches('IsActive eq 1')).toBe(true);
    expect(matches('7 le SafetyScale')).toBe(true);
  });

  it('keeps a quote in user text inside the literal: it cannot add a clause', () => {
    const tree = parseFilter("Title eq 'x'' or Title ne ''x'");
    expect(tree).toEqual({ kind: 'compare', op: 'eq', path: 'Title', value: { kind: 'string', value: "x' or Title ne 'x" } });
  });

  it.each([
    "Title eq 'unterminated",
    'Title eq',
    "Title eq 'a' and",
    "not Title eq 'a'",
    "Title add 'a'",
    '1 eq 1',
    "Title eq 'a')",
    "substringof(Title, 'a')",
    "startswith(Title, 'a') eq false",
    "Title eq datetime'not a date'",
    'Title eq Other',
  ])('rejects %s with SharePoint’s 400', (filter) => {
    let error: unknown;
    try {
      parseFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpError);
    expect((error as SpError).status).toBe(400);
    expect((error as SpError).message).toBe(`The expression "${filter}" is not valid.`);
  });

  it('judges the first clause for the list view threshold', () => {
    const indexed = (path: string): boolean => path === 'VisitDate' || path === 'ReportStatus';
    expect(firstClauseIndexed(parseFilter("VisitDate ge datetime'2026-01-01T00:00:00Z' and Title eq 'x'"), indexed)).toBe(true);
    expect(firstClauseIndexed(parseFilter("Title eq 'x' and VisitDate ge datetime'2026-01-01T00:00:00Z'"), indexed)).toBe(false);
    expect(firstClauseIndexed(parseFilter("ReportStatus eq 'Draft' or ReportStatus eq 'Submitted'"), indexed)).toBe(true);
    expect(firstClauseIndexed(parseFilter("ReportStatus eq 'Draft' or Title eq 'x'"), indexed)).toBe(false);
  });
});

describe('ETag matching', () => {
  const item = { version: 3, uniqueId: 'ab5e1c3e-1111-4222-8333-444455556666' } as StoredItem;
  it('accepts *, the REST form, the Graph form and lists, and refuses stale or foreign tags', () => {
    expect(etagMatches(undefined, item)).toBe(true);
    expect(etagMatches('*', item)).toBe(true);
    expect(etagMatches('"3"', item)).toBe(true);
    expect(etagMatches('"ab5e1c3e-1111-4222-8333-444455556666,3"', item)).toBe(true);
    expect(etagMatches('"2", "3"', item)).toBe(true);
    expect(etagMatches('"2"', item)).toBe(false);
    expect(etagMatches('"00000000-1111-4222-8333-444455556666,3"', item)).toBe(false);
  });
});
