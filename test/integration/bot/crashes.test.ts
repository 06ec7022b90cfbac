/**
 * The fault suite's kill -9 half: the built bot (`npm run build:bot`, started with plain node as a
 * host starts it) is stopped with SIGKILL at each step of posting a card and of storing an answer
 * (`BOT_FAULT_POINT`, src/bot/faultPoints.ts), then started again. The sandbox, in this process,
 * is SharePoint, Graph and the Teams channel (its own Bot Connector), so nothing the bot did before
 * dying is forgotten. Counted and printed: runs, faults injected, duplicate cards, reports without
 * a card, answers lost without the Head of Service being told, stored answers missing from their card.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBot, BotBuild } from '../../../scripts/build-bot';
import { reportIdOfCard } from '../../../src/bot/channelHistory';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { SANDBOX_TEAM } from '../../../src/sandbox/teamsChannel';
import { freePort } from '../../helpers/freePort';
import { withSandbox } from '../../helpers/sandbox';
import { cardActionInvoke, cardTexts, OBJECT_IDS, submitReport } from './botHarness';

const F = VISIT_REPORTS.fields;
const CHANNEL = SANDBOX_TEAM.channels[0].id;
const POST_POINTS = ['post-after-claim', 'post-after-post', 'post-after-record'];
const ANSWER_POINTS = ['answer-received', 'answer-before-write', 'answer-after-write', 'answer-after-card'];
const RUNS = 20;

interface BotProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('kill -9 of the bot at each step of posting and of answering', () => {
  const fixture = withSandbox({ seed: 'demo', webhookRetryDelaysMs: [] });
  let built: BotBuild;
  let port: number;
  const logs: string[] = [];

  beforeAll(async () => {
    built = await buildBot(fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bot-crash-')));
    port = await freePort();
  }, 60000);

  afterAll(() => {
    if (built) {
      fs.rmSync(built.outDir, { recursive: true, force: true });
    }
  });

  /** Milliseconds from spawning each bot to its listening, for the printed figures. */
  const startTimes: number[] = [];
  const meanStart = (): number => Math.round(startTimes.reduce((a, b) => a + b, 0) / Math.max(1, startTimes.length));

  function start(faultPoint?: string): BotProcess {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH || '/usr/bin:/bin',
      HOME: os.tmpdir(),
      BOT_MODE: 'local',
      BOT_PORT: String(port),
      SANDBOX_URL: fixture.sandbox.url,
      // The sandbox is the Bot Connector: the channel outlives every bot process.
      BOT_SERVICE_URL: `${fixture.sandbox.url}/_connector`,
      TEAMS_TEAM_ID: SANDBOX_TEAM.threadId,
      TEAMS_CHANNEL_ID: CHANNEL,
      REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
      DIGEST_ENABLED: 'false',
      // A lease and sweep interval in fractions of a second, so a run takes seconds, not minutes.
      CARD_CLAIM_LEASE_SECONDS: '0.4',
      RECONCILE_INTERVAL_SECONDS: '0.3',
      // Node keeps the bundle's compiled code between starts: each start parses 6 MB less.
      NODE_COMPILE_CACHE: path.join(built.outDir, '.compile-cache'),
      ...(faultPoint ? { BOT_FAULT_POINT: faultPoint } : {}),
    };
    const child = spawn(process.execPath, [built.mainFile], { cwd: built.outDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout!.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => {
        logs.push(`--- bot ${faultPoint || '(no fault point)'}: exit ${code} ${signal}\n${text}`);
        resolve({ code, signal });
      }),
    );
    return { child, output: () => text, exited };
  }

  async function listening(bot: BotProcess): Promise<void> {
    const began = Date.now();
    const until = began + 20000;
    while (!/local mode\) on http/.test(bot.output())) {
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) {
        return;
      }
      if (Date.now() > until) {
        throw new Error(`The bot did not start:\n${bot.output()}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    startTimes.push(Date.now() - began);
  }

  async function stop(bot: BotProcess): Promise<void> {
    if (bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
    }
    await bot.exited;
  }

  async function died(bot: BotProcess, ms = 20000): Promise<NodeJS.Signals | null> {
    const timeout = new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), ms));
    const outcome = await Promise.race([bot.exited, timeout]);
    if (outcome === 'alive') {
      await stop(bot);
      return null;
    }
    return outcome.signal;
  }

  function fields(id: number): { [name: string]: unknown } {
    return fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!.items.get(id)!.fields;
  }

  async function waitFor(what: string, predicate: () => boolean, ms = 20000): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > until) {
        throw new Error(`Timed out waiting for ${what}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The report's cards in the channel, not deleted. */
  function cardsOf(id: number): Array<{ id: string; texts: string[] }> {
    return fixture.sandbox.teams
      .messages(CHANNEL)
      .filter((m) => !m.deleted && !m.replyToId)
      .map((m) => {
        const attachment = ((m.activity.attachments as Array<{ content: unknown }>) || [])[0];
        return { id: m.id, reportId: attachment ? reportIdOfCard(attachment.content) : undefined, texts: attachment ? cardTexts(attachment.content) : [] };
      })
      .filter((c) => c.reportId === id)
      .map((c) => ({ id: c.id, texts: c.texts }));
  }

  function carded(id: number): boolean {
    return !!fields(id)[F.CardActivityId];
  }

  it(`posting: ${RUNS} kills across ${POST_POINTS.length} steps, then a restart; every report has exactly one card`, async () => {
    const began = Date.now();
    // Cards for the demo's reports first, by a bot that is not killed.
    const warmup = start();
    await listening(warmup);
    const reports = fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!;
    // Every submitted report gets a card; so has every report that has one recorded.
    const needCards = (): number[] =>
      Array.from(reports.items.values())
        .filter((i) => i.fields[F.ReportStatus] === 'Submitted' || !!i.fields[F.CardActivityId])
        .map((i) => i.id);
    try {
      await waitFor('the demo reports to get their cards', () => needCards().every(carded), 60000);
    } finally {
      await stop(warmup);
    }

    const counts = { runs: 0, faultsInjected: 0, duplicateCards: 0, reportsWithoutCard: 0, adopted: 0 };
    const perPoint: { [point: string]: number } = {};
    for (let run = 0; run < RUNS; run++) {
      const point = POST_POINTS[run % POST_POINTS.length];
      const id = await submitReport(fixture.sandbox);
      const crashing = start(point);
      if ((await died(crashing)) === 'SIGKILL') {
        counts.faultsInjected++;
        perPoint[point] = (perPoint[point] || 0) + 1;
      }
      const restarted = start();
      await listening(restarted);
      await waitFor(`report ${id}'s card after the restart`, () => carded(id)).catch(() => undefined);
      await stop(restarted);
      if (/was found in the channel and is now recorded/.test(restarted.output())) {
        counts.adopted++;
      }
      counts.runs++;
      const cards = cardsOf(id);
      counts.duplicateCards += Math.max(0, cards.length - 1);
      if (!cards.length || cards[0].id !== fields(id)[F.CardActivityId]) {
        counts.reportsWithoutCard++;
      }
    }
    // Every report in the list, not only this test's: none has two cards, none has none.
    const everyReport = needCards();
    const twice = everyReport.filter((id) => cardsOf(id).length > 1);
    const none = everyReport.filter((id) => !cardsOf(id).some((c) => c.id === fields(id)[F.CardActivityId]));
    console.log(
      `Fault suite, kill -9 while posting: ${counts.runs} runs, ${counts.faultsInjected} faults injected (${Object.keys(perPoint)
        .map((p) => `${p} ${perPoint[p]}`)
        .join(', ')}), ${counts.adopted} cards adopted from the channel, ${counts.duplicateCards} duplicate cards, ` +
        `${counts.reportsWithoutCard} reports without a card after restart; across all ${everyReport.length} reports: ${twice.length} with two cards, ${none.length} without one ` +
        `(${((Date.now() - began) / 1000).toFixed(1)} s; a bot start ${meanStart()} ms on average).`,
    );
    if (counts.faultsInjected !== RUNS || counts.duplicateCards || counts.reportsWithoutCard || twice.length || none.length) {
      console.log(logs.slice(-6).join('\n'));
    }
    expect(counts.faultsInjected).toBe(RUNS);
    expect(perPoint).toEqual({ 'post-after-claim': 7, 'post-after-post': 7, 'post-after-record': 6 });
    // The interrupted posts were found in the channel, not posted again.
    expect(counts.adopted).toBe(7);
    expect(counts.duplicateCards).toBe(0);
    expect(counts.reportsWithoutCard).toBe(0);
    expect(twice).toEqual([]);
    expect(none).toEqual([]);
  }, 600000);

  it(`answering: ${RUNS} kills across ${ANSWER_POINTS.length} steps; no answer is lost without the Head of Service being told`, async () => {
    const counts = {
      runs: 0,
      faultsInjected: 0,
      acknowledged: 0,
      refusedWithError: 0,
      answersLost: 0,
      storedBeforeRestart: 0,
      sentAgain: 0,
      storedAfterSendingAgain: 0,
      onCardAfterRestart: 0,
      missingFromCardAfterRestart: 0,
      onCardAtTheEnd: 0,
    };
    const began = Date.now();
    let service = start();
    await listening(service);
    for (let run = 0; run < RUNS; run++) {
      const point = ANSWER_POINTS[run % ANSWER_POINTS.length];
      const id = await submitReport(fixture.sandbox);
      await waitFor(`report ${id}'s card`, () => carded(id));
      await stop(service);
      const cardId = String(fields(id)[F.CardActivityId]);
      // Plain words: the card shows punctuation escaped for Markdown, and the check looks for the text as typed.
      const feedback = `Answer ${run + 1} two permanent social workers start next month`;
      const invoke = cardActionInvoke({
        connectorUrl: `${fixture.sandbox.url}/_connector`,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: id, feedback },
        replyToId: cardId,
      });

      const crashing = start(point);
      await listening(crashing);
      // Teams' client presses Send: a 200 with the answered card is what tells the Head of Service it is saved.
      let acknowledged = false;
      try {
        const answer = await fetch(`http://localhost:${port}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(invoke),
        });
        const body = await answer.text();
        acknowledged = answer.status === 200 && body.indexOf(feedback.slice(0, 40)) !== -1;
      } catch {
        // The connection dropped: Teams shows the Head of Service an error and keeps what they typed.
      }
      if ((await died(crashing)) === 'SIGKILL') {
        counts.faultsInjected++;
      }
      counts.runs++;
      const stored = fields(id)[F.HosFeedback] === feedback;
      counts.acknowledged += acknowledged ? 1 : 0;
      counts.refusedWithError += acknowledged ? 0 : 1;
      counts.answersLost += acknowledged && !stored ? 1 : 0;
      counts.storedBeforeRestart += stored ? 1 : 0;

      service = start();
      await listening(service);
      const onCard = (): boolean => cardsOf(id).some((c) => c.id === cardId && c.texts.some((t) => t.indexOf(feedback) !== -1));
      if (stored) {
        // The restarted bot catches the card up with the list, with no one pressing anything.
        const caughtUp = await waitFor('the card to show the stored answer', onCard, 15000).then(
          () => true,
          () => false,
        );
        counts.onCardAfterRestart += caughtUp ? 1 : 0;
        counts.missingFromCardAfterRestart += caughtUp ? 0 : 1;
      }
      if (!acknowledged) {
        // Told of an error, the Head of Service presses Send again with the text the card kept.
        counts.sentAgain++;
        const again = await fetch(`http://localhost:${port}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...invoke, id: `${invoke.id}-again` }),
        });
        expect(again.status).toBe(200);
        counts.storedAfterSendingAgain += fields(id)[F.HosFeedback] === feedback ? 1 : 0;
      }
      counts.onCardAtTheEnd += onCard() ? 1 : 0;
    }
    await stop(service);
    console.log(
      `Fault suite, kill -9 while answering: ${counts.runs} runs, ${counts.faultsInjected} faults injected, ${counts.acknowledged} answers acknowledged, ` +
        `${counts.refusedWithError} ended in an error shown to the Head of Service, ${counts.answersLost} answers lost without the Head of Service being told; ` +
        `${counts.storedBeforeRestart} stored before the restart, of which ${counts.onCardAfterRestart} on their card after the restart with no one pressing anything ` +
        `and ${counts.missingFromCardAfterRestart} not; ${counts.sentAgain} sent again, ${counts.storedAfterSendingAgain} of them stored; ` +
        `${counts.onCardAtTheEnd} of ${counts.runs} answers on their card at the end ` +
        `(${((Date.now() - began) / 1000).toFixed(1)} s; a bot start ${meanStart()} ms on average).`,
    );
    expect(counts.faultsInjected).toBe(RUNS);
    expect(counts.answersLost).toBe(0);
    // Every stored answer reaches its card after the restart by the bot's own catch-up sweep.
    expect(counts.storedBeforeRestart).toBeGreaterThan(0);
    expect(counts.onCardAfterRestart).toBe(counts.storedBeforeRestart);
    expect(counts.storedAfterSendingAgain).toBe(counts.sentAgain);
    expect(counts.onCardAtTheEnd).toBe(RUNS);
  }, 600000);
});
