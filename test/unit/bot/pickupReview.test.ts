import { BotReport } from '../../../src/bot/cardFactory';
import { incompleteNotice, joinNotices, reviewPickup, TAMPERED_NOTICE } from '../../../src/bot/pickupReview';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { emptyGrid } from '../../../src/domain/grid';
import { buildReport, gridWith } from '../../helpers/reportFixtures';
import { CARD_MAX_BYTES, renderReportCard } from '../../../src/cards/reportCard';
import { EXPENSIVE_FILLS, maximalReport, parseIssues } from '../cards/cardFixtures';

const F = VISIT_REPORTS.fields;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const LEASE = 600000;

function report(overrides: Partial<BotReport> = {}): BotReport {
  return {
    ...buildReport(),
    id: 7,
    title: 'Visit',
    teamId: 1,
    visitDate: '2026-06-10',
    members: [{ id: 11, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' }],
    staffInvolved: 'Team manager',
    grid: gridWith({ staffingWorries: 'Vacancies' }),
    safetyScale: 6,
    status: 'Submitted',
    submittedOn: '2026-06-15T09:00:00Z',
    modified: '2026-06-15T09:00:02Z',
    ...overrides,
  };
}

const options = { now: NOW, leaseMs: LEASE, claim: undefined, modifiedIsSubmission: true };

describe('reviewPickup', () => {
  it('finds nothing to say about a complete report submitted through the form', () => {
    const review = reviewPickup(report(), options);
    expect(review).toEqual({ tampered: [], incomplete: [], corrections: {}, submittedOn: '2026-06-15T09:00:00Z' });
    expect(incompleteNotice(review.incomplete)).toBeUndefined();
  });

  it("treats an answer, Responded or card ids on a report with no card of the bot's as tampering and clears them all", () => {
    const review = reviewPickup(
      report({
        status: 'Responded',
        feedback: { text: 'Fine', on: '2026-06-15T10:00:00Z' },
        feedbackById: 20,
        cardConversationId: 'conv',
        cardActivityId: 'act',
      }),
      options,
    );
    expect(review.tampered).toHaveLength(4);
    expect(review.corrections).toEqual({
      [F.HosFeedback]: null,
      [F.HosFeedbackStaffing]: null,
      [F.HosFeedbackPerformance]: null,
      [F.HosFeedbackOther]: null,
      [F.HosFeedbackOn]: null,
      [F.HosFeedbackHistory]: null,
      [`${F.HosFeedbackBy}LookupId`]: null,
      [F.ReportStatus]: 'Submitted',
      [F.CardActivityId]: null,
    });
    expect(joinNotices(TAMPERED_NOTICE, incompleteNotice(review.incomplete))).toBe(TAMPERED_NOTICE);
  });

  it('accepts a claim within the lease (another instance at work) but not one no bot would write', () => {
    const live = { until: NOW + LEASE - 1000, token: 't' };
    expect(reviewPickup(report({ cardConversationId: 'claim:x' }), { ...options, claim: live }).tampered).toEqual([]);
    const forged = { until: Date.parse('2099-01-01T00:00:00Z'), token: 't' };
    expect(reviewPickup(report({ cardConversationId: 'claim:x' }), { ...options, claim: forged }).tampered).toEqual(['it carried a card claim no bot wrote']);
  });

  it('replaces a SubmittedOn that is missing, in the future or more than a day off the server Modified time', () => {
    for (const submittedOn of [undefined, '2026-06-16T09:00:00Z', '2026-06-13T09:00:00Z']) {
      const review = reviewPickup(report({ submittedOn }), options);
      expect({ submittedOn, corrected: review.corrections[F.SubmittedOn] }).toEqual({ submittedOn, corrected: '2026-06-15T09:00:02Z' });
    }
    expect(reviewPickup(report({ submittedOn: '2026-06-14T10:00:00Z' }), options).corrections).toEqual({});
    // The app changed it last (an earlier bot's claim): Modified is not the submission time.
    expect(reviewPickup(report({ submittedOn: '2026-06-13T09:00:00Z' }), { ...options, modifiedIsSubmission: false }).corrections).toEqual({});
  });

  it("runs the form's submit checks and words what is missing on one Incomplete line", () => {
    const review = reviewPickup(report({ grid: emptyGrid(), safetyScale: undefined, members: [] }), options);
    expect(review.incomplete).toHaveLength(3);
    expect(incompleteNotice(review.incomplete)).toMatch(/^Incomplete: Name at least one elected member.*at least one box of the grid.*0 to 10/);
  });
});

describe('the pickup notices on the largest card', () => {
  it('keep every card under 28 KB and parse cleanly, whatever the report holds', () => {
    for (const name of Object.keys(EXPENSIVE_FILLS)) {
      // Everything at its limit, yet incomplete (no members, no scale) and tampered: the longest notice.
      const big = { ...maximalReport(EXPENSIVE_FILLS[name]), members: [], safetyScale: undefined };
      const notice = joinNotices(
        'Another Head of Service responded first.',
        TAMPERED_NOTICE,
        incompleteNotice(reviewPickup({ ...big, modified: big.submittedOn }, options).incomplete),
      );
      expect(notice).toContain('Incomplete: ');
      const card = renderReportCard(big, 'https://example.invalid/report?report=1', { view: 'headOfService', notice, refreshUserIds: [] });
      expect({ name, bytes: Buffer.byteLength(JSON.stringify(card)) < CARD_MAX_BYTES }).toEqual({ name, bytes: true });
      expect(parseIssues(card)).toEqual([]);
    }
  });
});
