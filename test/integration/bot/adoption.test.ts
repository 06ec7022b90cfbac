/**
 * A claim that lapsed with no card recorded: the bot reads the channel through Graph (the Teams
 * app's resource-specific consent) and adopts the card it finds instead of posting a second one;
 * without the consent it posts again and says why, since a second card is better than none.
 */
import { loadConfig } from '../../../src/bot/config';
import { formatClaim } from '../../../src/bot/publisher';
import { RunningBot, startBot } from '../../../src/bot/server';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { SANDBOX_TEAM } from '../../../src/sandbox/teamsChannel';
import { reportIdOfCard } from '../../../src/bot/channelHistory';
import type { TeamsChannel } from '../../../src/bot/channel';
import { runChecks } from '../../../src/doctor/checks';
import { withSandbox } from '../../helpers/sandbox';
import { MemoryLogger, patchReportFields, submitReport } from './botHarness';

const F = VISIT_REPORTS.fields;
const CHANNEL = SANDBOX_TEAM.channels[0].id;

describe('bot: adopting a card posted before a crash', () => {
  const fixture = withSandbox({ seed: 'demo', workbench: false });
  let bot: RunningBot;
  let logger: MemoryLogger;

  beforeEach(async () => {
    logger = new MemoryLogger();
    const config = loadConfig({
      BOT_MODE: 'local',
      SANDBOX_URL: fixture.sandbox.url,
      BOT_SERVICE_URL: `${fixture.sandbox.url}/_connector`,
      TEAMS_TEAM_ID: SANDBOX_TEAM.threadId,
      TEAMS_CHANNEL_ID: CHANNEL,
      REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
    });
    bot = await startBot({ config, port: 0, timers: false, sweepAtStart: false, logger });
  });

  afterEach(async () => {
    await bot.close();
    fixture.sandbox.teams.appInstalled = true;
  });

  const cardsOf = (id: number): string[] =>
    fixture.sandbox.teams
      .messages(CHANNEL)
      .filter((m) => !m.deleted && reportIdOfCard(((m.activity.attachments as Array<{ content: unknown }>) || [])[0]?.content) === id)
      .map((m) => m.id);

  const fields = (id: number): { [name: string]: unknown } => fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!.items.get(id)!.fields;

  /** What a process killed between posting and recording leaves: a lapsed claim and no card id, with the card in the channel. */
  async function postedThenCrashed(): Promise<{ id: number; card: string }> {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const card = String(fields(id)[F.CardActivityId]);
    expect(cardsOf(id)).toEqual([card]);
    await patchReportFields(fixture.sandbox, id, {
      [F.CardActivityId]: null,
      [F.CardConversationId]: formatClaim({ until: Date.now() - 1000, token: 'crashed-attempt' }),
    });
    return { id, card };
  }

  it('finds the card in the channel and records it, posting nothing', async () => {
    const { id, card } = await postedThenCrashed();
    const result = await bot.sweep();
    expect(result.skipped).toContainEqual({ id, why: 'adopted' });
    expect(result.posted).not.toContain(id);
    expect(cardsOf(id)).toEqual([card]);
    expect(fields(id)[F.CardActivityId]).toBe(card);
    expect(fields(id)[F.CardConversationId]).toBe(CHANNEL);
    expect(logger.lines.map((l) => l.text).join('\n')).toContain(`its card ${card}`);
    // Nothing more on later sweeps.
    await bot.sweep();
    expect(cardsOf(id)).toEqual([card]);
  });

  it('posts when the channel has no card of the report (the process died before posting)', async () => {
    const id = await submitReport(fixture.sandbox);
    await patchReportFields(fixture.sandbox, id, { [F.CardConversationId]: formatClaim({ until: Date.now() - 1000, token: 'crashed-attempt' }) });
    const result = await bot.sweep();
    expect(result.posted).toContain(id);
    expect(cardsOf(id)).toEqual([String(fields(id)[F.CardActivityId])]);
  });

  it('a post that returns after another instance recorded a card for the report deletes its own', async () => {
    const id = await submitReport(fixture.sandbox);
    // Another instance takes the report over while this one's post is still on its way.
    const channel = (bot.publisher as unknown as { channel: TeamsChannel }).channel;
    const post = channel.postCard.bind(channel);
    channel.postCard = async (card, summary) => {
      const posted = await post(card, summary);
      await patchReportFields(fixture.sandbox, id, { [F.CardActivityId]: 'card-of-the-other-instance', [F.CardConversationId]: CHANNEL });
      return posted;
    };
    try {
      await bot.sweep();
    } finally {
      channel.postCard = post;
    }
    expect(fields(id)[F.CardActivityId]).toBe('card-of-the-other-instance');
    expect(cardsOf(id)).toEqual([]);
    const ours = fixture.sandbox.teams
      .messages(CHANNEL)
      .filter((m) => reportIdOfCard(((m.activity.attachments as Array<{ content: unknown }>) || [])[0]?.content) === id);
    expect(ours).toHaveLength(1);
    expect(ours[0].deleted).toBeDefined();
    expect(logger.warnings().join('\n')).toContain('ours is deleted from the channel');
  });

  it('npm run doctor says whether the bot may read the channel, and what to do when it may not', async () => {
    const env = {
      BOT_MODE: 'local',
      SANDBOX_URL: fixture.sandbox.url,
      BOT_SERVICE_URL: `${fixture.sandbox.url}/_connector`,
      TEAMS_TEAM_ID: SANDBOX_TEAM.threadId,
      TEAMS_CHANNEL_ID: CHANNEL,
      REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
    };
    const name = "Teams: the bot reads the improvement channel's messages";
    expect((await runChecks(env)).filter((r) => r.name === name)).toEqual([
      { name, ok: true, detail: 'ChannelMessage.Read.Group is consented for the improvement team' },
    ]);
    fixture.sandbox.teams.appInstalled = false;
    const refused = (await runChecks(env)).filter((r) => r.name === name)[0];
    expect(refused.ok).toBe(false);
    expect(refused.detail).toContain('ChannelMessage.Read.Group');
    expect(refused.fix).toContain('add the Frontline Visits app to the team');
  });

  it('without the Teams app installed (no consent to read the channel) posts again and says what is missing', async () => {
    const { id, card } = await postedThenCrashed();
    fixture.sandbox.teams.appInstalled = false;
    const result = await bot.sweep();
    expect(result.posted).toContain(id);
    expect(cardsOf(id)).toHaveLength(2);
    expect(cardsOf(id)).toContain(card);
    expect(logger.warnings().join('\n')).toMatch(/could not be read to look for its card \(Microsoft Graph answered 403: .*ChannelMessage\.Read\.Group/);
  });
});
