/**
 * The Head of Service answers in the card (Action.Execute through the bot's real endpoint), the
 * refusals, two answers at once, Graph throttling, and the overdue digest.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningBot } from '../../../src/bot/server';
import { unescapeCardText } from '../../../src/cards';
import { teamsCardDeepLink } from '../../../src/common/deepLink';
import { FRONTLINE_TEAMS, VISIT_REPORTS } from '../../../src/data/listContract';
import { londonToday } from '../../../src/domain/calendarDate';
import { responseDueDate } from '../../../src/domain/deadlines';
import { ROLE_GROUPS } from '../../../src/domain/roles';
import { PERSONAS, spForApp, withSandbox } from '../../helpers/sandbox';
import { parseIssues } from '../../unit/cards/cardFixtures';
import { cardActionInvoke, cardTexts, firstTeam, MemoryLogger, OBJECT_IDS, postActivity, reportItem, startTestBot, submitReport } from './botHarness';
import { FakeConnector } from './fakeConnector';
import '@pnp/sp/site-users/web';

const F = VISIT_REPORTS.fields;
const DEPUTY = {
  email: 'hos.deputy@northshire.example',
  displayName: 'Deputy Head of Service',
  objectId: '0b6f3c1e-0000-4000-8000-000000000021',
  groups: [ROLE_GROUPS.HeadOfService],
};

function directoryWithDeputy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'frontline-bot-dir-')), 'directory.json');
  writeFileSync(file, JSON.stringify([DEPUTY]));
  return file;
}

describe('bot: the Head of Service answers in the card', () => {
  const fixture = withSandbox({ seed: 'demo', directoryFile: directoryWithDeputy() });
  let connector: FakeConnector;
  let bot: RunningBot;
  let logger: MemoryLogger;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    logger = new MemoryLogger();
    bot = await startTestBot(fixture.sandbox, connector, logger);
  });

  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  /** A submitted report with its card posted; returns its id and the card's activity id. */
  async function reportWithCard(cells = {}): Promise<{ id: number; activityId: string }> {
    const id = await submitReport(fixture.sandbox, cells);
    await bot.sweep();
    const cards = connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    return { id, activityId: cards[0].activityId };
  }

  function press(actorObjectId: string, verb: string, data: { [k: string]: unknown }, replyToId?: string, trigger: 'manual' | 'automatic' = 'manual') {
    return postActivity(bot, cardActionInvoke({ connectorUrl: connector.url, actorObjectId, verb, data, replyToId, trigger }));
  }

  /**
   * A team's named Head of Service narrows who may answer for it to that one person; two Heads of
   * Service can both answer only for a team that names nobody.
   */
  async function withNoNamedHeadOfService(run: () => Promise<void>): Promise<void> {
    const team = await firstTeam(fixture.sandbox);
    const teams = spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(FRONTLINE_TEAMS.title).items;
    const before = await teams.getById(team.id).select(`${FRONTLINE_TEAMS.fields.HeadOfService}Id`)();
    await teams.getById(team.id).update({ [`${FRONTLINE_TEAMS.fields.HeadOfService}Id`]: null });
    try {
      await run();
    } finally {
      await teams.getById(team.id).update({ [`${FRONTLINE_TEAMS.fields.HeadOfService}Id`]: before[`${FRONTLINE_TEAMS.fields.HeadOfService}Id`] });
    }
  }

  async function siteUserId(email: string): Promise<number> {
    const user = await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(email)();
    return user.Id;
  }

  it('stores the answer through Graph, marks the report Responded and refreshes the card for everyone', async () => {
    const { id, activityId } = await reportWithCard();
    const answer = 'We are recruiting two permanent social workers; agency cover ends in March.';
    const response = await press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: answer }, activityId);

    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(response.body.value).map(unescapeCardText)).toContain(answer);
    expect(parseIssues(response.body.value)).toEqual([]);

    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.ReportStatus]).toBe('Responded');
    expect(item.fields[F.HosFeedback]).toBe(answer);
    expect(Number(item.fields[`${F.HosFeedbackBy}LookupId`])).toBe(await siteUserId(PERSONAS.headOfService));
    expect(Date.now() - Date.parse(String(item.fields[F.HosFeedbackOn]))).toBeLessThan(60000);

    const updates = connector.updates.filter((u) => u.activityId === activityId);
    expect(updates).toHaveLength(1);
    const shared = connector.latestCard(updates[0].conversationId, activityId);
    expect(cardTexts(shared).map(unescapeCardText)).toContain(answer);
    expect(JSON.stringify(shared)).not.toContain('"Input.Text"');
    expect((shared as { refresh?: unknown }).refresh).toBeUndefined();
  });

  it('gives the Head of Service the input when Teams refreshes the card, and everyone else the awaiting view', async () => {
    const { id } = await reportWithCard();
    const forHos = await press(OBJECT_IDS.headOfService, 'refreshCard', { reportId: id }, undefined, 'automatic');
    const hosCard = JSON.stringify(forHos.body.value);
    expect(hosCard).toContain('"id":"feedback"');
    expect(hosCard).toContain('"verb":"submitFeedback"');

    const forOfficer = await press(OBJECT_IDS.improvement, 'refreshCard', { reportId: id }, undefined, 'automatic');
    const officerCard = JSON.stringify(forOfficer.body.value);
    expect(officerCard).not.toContain('"Input.Text"');
    expect(officerCard).toContain("Awaiting the Head of Service's response");

    const pressedByOfficer = await press(OBJECT_IDS.improvement, 'refreshCard', { reportId: id });
    expect(JSON.stringify(pressedByOfficer.body.value)).toContain('Only the Head of Service for');
  });

  it.each([
    ['a councillor', OBJECT_IDS.hale],
    ['an improvement officer', OBJECT_IDS.improvement],
    ['someone Teams could not identify', ''],
  ])('refuses %s and writes nothing', async (_who, objectId) => {
    const { id, activityId } = await reportWithCard();
    const before = await reportItem(fixture.sandbox, id);
    const response = await press(objectId, 'submitFeedback', { reportId: id, feedback: 'I should not be able to write this.' }, activityId);
    expect(response.body.statusCode).toBe(200);
    const texts = cardTexts(response.body.value).join('\n');
    expect(texts).toContain('Only the Head of Service for');
    expect(texts).toContain('Nothing was saved.');
    expect(texts).not.toContain('I should not be able to write this.');
    const after = await reportItem(fixture.sandbox, id);
    expect(after.eTag).toBe(before.eTag);
    expect(after.fields[F.ReportStatus]).toBe('Submitted');
    expect(after.fields[F.HosFeedback]).toBeUndefined();
    expect(connector.updates).toHaveLength(0);
  });

  it('asks for a response when the Head of Service sends an empty one, and stores nothing', async () => {
    const { id, activityId } = await reportWithCard();
    const before = await reportItem(fixture.sandbox, id);
    const response = await press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: '   ' }, activityId);
    const card = JSON.stringify(response.body.value);
    expect(card).toContain('Write a response on at least one area, or an overall response, before you send it.');
    expect(card).toContain('"id":"feedback"');
    expect((await reportItem(fixture.sandbox, id)).eTag).toBe(before.eTag);
  });

  it('of two answers at once, stores one and shows it to the other', () =>
    withNoNamedHeadOfService(async () => {
      const { id, activityId } = await reportWithCard();
      const [first, second] = await Promise.all([
        press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: 'Answer from the Head of Service.' }, activityId),
        press(DEPUTY.objectId, 'submitFeedback', { reportId: id, feedback: 'Answer from the deputy.' }, activityId),
      ]);
      const item = await reportItem(fixture.sandbox, id);
      const stored = String(item.fields[F.HosFeedback]);
      expect(['Answer from the Head of Service.', 'Answer from the deputy.']).toContain(stored);
      const responses = [first, second].map((r) => cardTexts(r.body.value).map(unescapeCardText).join('\n'));
      // Both people now see the stored answer; exactly one is told theirs was not saved.
      responses.forEach((text) => expect(text).toContain(stored));
      expect(responses.filter((text) => text.indexOf('Another Head of Service responded first') !== -1)).toHaveLength(1);
      const winnerEmail = stored === 'Answer from the deputy.' ? DEPUTY.email : PERSONAS.headOfService;
      expect(Number(item.fields[`${F.HosFeedbackBy}LookupId`])).toBe(await siteUserId(winnerEmail));
    }));

  it('does not overwrite an answer given earlier', () =>
    withNoNamedHeadOfService(async () => {
      const { id, activityId } = await reportWithCard();
      await press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: 'The first answer.' }, activityId);
      const late = await press(DEPUTY.objectId, 'submitFeedback', { reportId: id, feedback: 'A late second answer.' }, activityId);
      expect(cardTexts(late.body.value).map(unescapeCardText).join('\n')).toContain('Another Head of Service responded first');
      expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBe('The first answer.');
    }));

  it('shows a Markdown link in the response as text, not a link', async () => {
    const { id, activityId } = await reportWithCard();
    const answer = 'Read [our plan](https://evil.example/plan) _today_';
    const response = await press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: answer }, activityId);
    const shown = cardTexts(response.body.value).filter((t) => unescapeCardText(t) === answer)[0];
    expect(shown).toBeDefined();
    expect(shown).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/);
    expect(shown).not.toMatch(/(^|[^\\])_/);
  });

  it('retries Graph when the sandbox answers 429 with Retry-After while storing the answer', async () => {
    const { id, activityId } = await reportWithCard();
    await fetch(`${fixture.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 429, retryAfter: 1, pathContains: '/fields' }),
    });
    const response = await press(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: 'Stored despite throttling.' }, activityId);
    expect(response.body.statusCode).toBe(200);
    expect(fixture.sandbox.faults.pending()).toEqual([]);
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBe('Stored despite throttling.');
  });

  it('posts the overdue digest with every response overdue, each linked', async () => {
    const digestId = await bot.postDigest();
    const posted = connector.posted.filter((p) => p.activityId === digestId)[0];
    const card = posted.activity.attachments![0].content;
    expect(parseIssues(card)).toEqual([]);
    const today = londonToday();
    const submitted = await bot.lists.reportsWithStatus('Submitted');
    const overdue = submitted.filter((r) => r.submittedOn && responseDueDate(r.submittedOn) < today);
    expect(overdue.length).toBeGreaterThan(0);
    const lines = cardTexts(card).filter((t) => / response was due /.test(t));
    expect(lines).toHaveLength(overdue.length);
    // A response's link goes to its card in the channel, where it is answered; without a card yet, to the report.
    for (const report of overdue) {
      const card = report.cardActivityId && teamsCardDeepLink({ conversationId: report.cardConversationId, activityId: report.cardActivityId });
      expect(lines.some((l) => l.indexOf(card ? `(${card})` : `?report=${report.id})`) !== -1)).toBe(true);
    }
    expect(cardTexts(card)[0]).toMatch(/^Overdue: \d+ visit forms?, \d+ responses?$/);
    // The demo has councillors whose visit was held over 28 days ago and whose form is still a draft.
    const formLines = cardTexts(card).filter((t) => / form was due /.test(t));
    expect(formLines.length).toBeGreaterThan(0);
    for (const line of formLines) {
      expect(line).toMatch(/^\[[^\]]+\]\(http:\/\/localhost:\d+\/(\?report=\d+)?\)/);
    }
  });
});
