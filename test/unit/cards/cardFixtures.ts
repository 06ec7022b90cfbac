import * as AC from 'adaptivecards';
import { buildReport, gridWith, withEveryTextAtItsLimit } from '../../helpers/reportFixtures';
import { VisitReport } from '../../../src/domain/types';
import { LIMITS } from '../../../src/domain/validation';

/** Text as pasted from Word: smart quotes, bullets, dashes, emoji, a tab, Windows line ends. */
export const WORD_PASTE =
  '“Morale is low” — staff said it’s ‘getting better’.\r\n• Agency cover: 3 posts\r\n\t• Supervision 👍🏽 on time\r\n½ of cases reviewed…';

/** A report with every typed field as long as LIMITS allows, of the most expensive characters. */
export function maximalReport(fill: (length: number) => string): VisitReport {
  const members = Array.from({ length: LIMITS.maxMembers }, (_, i) => ({ id: i + 1, displayName: fill(255), email: `m${i}@northshire.example` }));
  const report = buildReport({
    id: 4242,
    teamTitle: fill(LIMITS.title),
    visitDate: '2026-10-01',
    members,
    safetyScale: 10,
    status: 'Responded',
    submittedOn: '2026-10-05T10:00:00Z',
  });
  return withEveryTextAtItsLimit(report, fill, { by: { id: 9, displayName: fill(255), email: 'hos@northshire.example' }, on: '2026-10-20T09:00:00Z' });
}

/** Ways to make a long string as expensive as possible on the card. */
export const EXPENSIVE_FILLS: { [name: string]: (length: number) => string } = {
  'markdown punctuation': (n) => '*[_'.repeat(n).slice(0, n),
  emoji: (n) => '😀'.repeat(Math.ceil(n / 2)).slice(0, n),
  'CJK text': (n) => '漢'.repeat(n),
  'line breaks': (n) => 'a\n'.repeat(n).slice(0, n),
  'template expressions': (n) => '${x}'.repeat(n).slice(0, n),
  'control characters and quotes': (n) => '"\u0001\\'.repeat(n).slice(0, n),
};

export function sampleReport(overrides: Partial<VisitReport> = {}): VisitReport {
  return buildReport({
    id: 12,
    title: 'Visit to the Consultation Team',
    teamTitle: 'Consultation Team (front door)',
    visitDate: '2026-10-01',
    members: [
      { id: 1, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' },
      { id: 2, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' },
    ],
    staffInvolved: 'Service manager, two social workers',
    grid: gridWith({ staffingWorries: 'Two vacancies covered by agency staff.', performanceWorkingWell: 'Referrals are triaged the same day.' }),
    safetyScale: 7,
    status: 'Submitted',
    submittedOn: '2026-10-05T10:00:00Z',
    ...overrides,
  });
}

export interface ParseIssue {
  event: number;
  message: string;
}

/** Parses a card as a 1.5 host would and returns every parse and validation event. */
export function parseIssues(json: unknown): ParseIssue[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json as object, context);
  const issues: ParseIssue[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    issues.push({ event: e.event, message: e.message });
  }
  for (const e of card.validateProperties().validationEvents) {
    issues.push({ event: e.event, message: e.message });
  }
  return issues;
}

/** Every string value in a JSON tree, with its path. */
export function allStrings(node: unknown, path = '$'): Array<{ path: string; value: string }> {
  if (typeof node === 'string') {
    return [{ path, value: node }];
  }
  if (Array.isArray(node)) {
    return node.reduce<Array<{ path: string; value: string }>>((acc, child, i) => acc.concat(allStrings(child, `${path}[${i}]`)), []);
  }
  if (node && typeof node === 'object') {
    return Object.keys(node).reduce<Array<{ path: string; value: string }>>(
      (acc, key) => acc.concat(allStrings((node as { [k: string]: unknown })[key], `${path}.${key}`)),
      [],
    );
  }
  return [];
}
