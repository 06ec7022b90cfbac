/**
 * The Head of Service answers area by area and overall, through the bot's real endpoint; the
 * answers are stored in their own columns and shown beside their areas on the refreshed card; an
 * amendment keeps every earlier version; at least one answer is needed.
 */
import { unescapeCardText } from '../../../src/cards';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { parseFeedbackHistory } from '../../../src/domain/feedbackHistory';
import { withSandbox } from '../../helpers/sandbox';
import { parseIssues } from '../../unit/cards/cardFixtures';
import { cardActionInvoke, cardTexts, OBJECT_IDS, postActivity, reportItem, submitReport, withTestBot } from './botHarness';

const F = VISIT_REPORTS.fields;

describe('bot: answered area by area, and amended', () => {
  const fixture = withSandbox({ seed: 'demo' });
  const running = withTestBot(fixture);

  async function reportWithCard(): Promise<{ id: number; activityId: string }> {
    const id = await submitReport(fixture.sandbox, { staffingWorries: 'Two vacancies.', performanceWorkingWell: 'Referrals triaged the same day.' });
    await running.bot.sweep();
    const cards = running.connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    return { id, activityId: cards[0].activityId };
  }

  function press(verb: string, data: { [k: string]: unknown }, replyToId: string, actor: string = OBJECT_IDS.headOfService) {
    return postActivity(running.bot, cardActionInvoke({ connectorUrl: running.connector.url, actorObjectId: actor, verb, data, replyToId }));
  }

  const texts = (card: unknown) => cardTexts(card).map(unescapeCardText).join('\n');

  it("stores each area's answer and the overall one in their columns, and shows each beside its area on the card everyone sees", async () => {
    const { id, activityId } = await reportWithCard();
    const response = await press(
      'submitFeedback',
      {
        reportId: id,
        feedbackStaffing: 'Two posts are advertised; agency cover ends in March.',
        feedbackPerformance: 'We will keep same-day triage.',
        feedback: 'Thank you for the visit.',
      },
      activityId,
    );
    expect(response.body.statusCode).toBe(200);
    expect(parseIssues(response.body.value)).toEqual([]);

    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.HosFeedbackStaffing]).toBe('Two posts are advertised; agency cover ends in March.');
    expect(item.fields[F.HosFeedbackPerformance]).toBe('We will keep same-day triage.');
    expect(item.fields[F.HosFeedbackOther]).toBeUndefined();
    expect(item.fields[F.HosFeedback]).toBe('Thank you for the visit.');
    expect(item.fields[F.ReportStatus]).toBe('Responded');

    const shared = texts(running.connector.latestCard(running.connector.cardsFor(id)[0].conversationId, activityId));
    const staffing = shared.indexOf('Two vacancies.');
    const staffingAnswer = shared.indexOf('Two posts are advertised');
    const performance = shared.indexOf('Referrals triaged the same day.');
    const performanceAnswer = shared.indexOf('We will keep same-day triage.');
    expect(staffing).toBeGreaterThan(-1);
    expect(staffingAnswer).toBeGreaterThan(staffing);
    expect(performance).toBeGreaterThan(staffingAnswer);
    expect(performanceAnswer).toBeGreaterThan(performance);
    expect(shared.indexOf('Thank you for the visit.')).toBeGreaterThan(performanceAnswer);
  });

  it("needs at least one answer: an empty send stores nothing and says so on the Head of Service's card", async () => {
    const { id, activityId } = await reportWithCard();
    const response = await press('submitFeedback', { reportId: id, feedback: '   ', feedbackStaffing: '' }, activityId);
    expect(response.body.statusCode).toBe(200);
    expect(texts(response.body.value)).toMatch(/Write a response on at least one area, or an overall response/);
    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.ReportStatus]).toBe('Submitted');
    expect(item.fields[F.HosFeedback]).toBeUndefined();
  });

  it('an area-only answer is an answer', async () => {
    const { id, activityId } = await reportWithCard();
    await press('submitFeedback', { reportId: id, feedbackPerformance: 'Triage stays daily.' }, activityId);
    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.ReportStatus]).toBe('Responded');
    expect(item.fields[F.HosFeedbackPerformance]).toBe('Triage stays daily.');
    expect(item.fields[F.HosFeedback]).toBeUndefined();
  });

  it('lets the Head of Service amend the answer, keeping the first version with its date, and shows it as amended', async () => {
    const { id, activityId } = await reportWithCard();
    await press('submitFeedback', { reportId: id, feedbackStaffing: 'First: posts advertised.', feedback: 'First overall.' }, activityId);
    const first = await reportItem(fixture.sandbox, id);
    const firstOn = String(first.fields[F.HosFeedbackOn]);

    // The amend view comes back filled in with the current answer and names the version it amends.
    const view = await press('amendFeedback', { reportId: id }, activityId);
    const viewJson = JSON.stringify(view.body.value);
    expect(viewJson).toContain('"value":"First: posts advertised."');
    expect(viewJson).toContain(`"amendsOn":"${firstOn}"`);
    // Someone who may not answer is refused the amend view.
    const refused = await press('amendFeedback', { reportId: id }, activityId, OBJECT_IDS.improvement);
    expect(texts(refused.body.value)).toMatch(/Only the Head of Service/);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const amended = await press(
      'submitFeedback',
      { reportId: id, amendsOn: firstOn, feedbackStaffing: 'Amended: two posts filled.', feedback: 'First overall.' },
      activityId,
    );
    expect(amended.body.statusCode).toBe(200);
    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.HosFeedbackStaffing]).toBe('Amended: two posts filled.');
    expect(String(item.fields[F.HosFeedbackOn])).not.toBe(firstOn);
    const history = parseFeedbackHistory(item.fields[F.HosFeedbackHistory]);
    expect(history).toEqual([
      expect.objectContaining({ on: firstOn, staffing: 'First: posts advertised.', text: 'First overall.', byName: expect.any(String) }),
    ]);
    const shared = texts(running.connector.latestCard(running.connector.cardsFor(id)[0].conversationId, activityId));
    expect(shared).toContain('Amended: two posts filled.');
    expect(shared).toMatch(/First given on .*; amended by .* on .*; the earlier version is kept\./);

    // The councillor is told of the answer, then of the amendment: once each.
    await running.bot.actions.notifying;
    const feed = (await (await fetch(`${fixture.sandbox.url}/_sandbox/notifications?user=cllr.hale%40northshire.example`)).json()) as Array<{
      body: { activityType: string; topic: { webUrl: string } };
    }>;
    const aboutThis = feed.filter((n) => n.body.topic.webUrl.indexOf(encodeURIComponent(`"report-${id}"`)) !== -1).map((n) => n.body.activityType);
    expect(aboutThis).toEqual(['reportAnswered', 'answerAmended']);

    // A second amendment naming the first (stale) version is refused: the current one stands.
    const stale = await press('submitFeedback', { reportId: id, amendsOn: firstOn, feedbackStaffing: 'Stale amendment.' }, activityId);
    expect(texts(stale.body.value)).toMatch(/amended by someone else/);
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedbackStaffing]).toBe('Amended: two posts filled.');
    // A first-answer send on an answered report still never overwrites it.
    await press('submitFeedback', { reportId: id, feedback: 'Overwrite?' }, activityId);
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBe('First overall.');
  });
});
