/**
 * Bot latency benchmark (prints figures; not a test). Run: npx tsx bench/bot.bench.ts
 *
 * Against the local sandbox, the real bot over HTTP and a fake Bot Connector:
 * 1. Webhook path: a councillor submits (SharePoint REST) → SharePoint's notification → sweep →
 *    card posted. Target: the card appears within 5 s of submission.
 * 2. Answer: the Head of Service's Action.Execute → Graph write (ETag) → card updated for everyone
 *    → refreshed card returned. Target: stored and shown within 1 s.
 * BOT_BENCH_ROUNDS sets the number of rounds (default 20).
 */
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { startSandbox } from '../src/sandbox/server';
import { cardActionInvoke, MemoryLogger, OBJECT_IDS, postActivity, startTestBot, submitReport } from '../test/integration/bot/botHarness';
import { FakeConnector } from '../test/integration/bot/fakeConnector';

const ROUNDS = Number(process.env.BOT_BENCH_ROUNDS || 20);

function summary(label: string, samples: number[], targetMs: number): void {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const fmt = (n: number): string => `${n.toFixed(0)} ms`;
  const within = samples.filter((s) => s <= targetMs).length;
  console.log(
    `  ${label.padEnd(44)} median ${fmt(at(0.5)).padStart(7)}  p95 ${fmt(at(0.95)).padStart(7)}  max ${fmt(sorted[sorted.length - 1]).padStart(7)}  ` +
      `(${within}/${samples.length} within ${targetMs} ms)`,
  );
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, seed: 'demo', workbench: false });
  const connector = await new FakeConnector().start();
  const bot = await startTestBot(sandbox, connector, new MemoryLogger());
  try {
    await bot.sweep();
    await bot.ensureWebhook();

    const toCard: number[] = [];
    const posted: Array<{ id: number; activityId: string }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const id = await submitReport(sandbox, { otherNextSteps: `Round ${i}` });
      const submittedAt = performance.now();
      await connector.waitFor(() => connector.cardsFor(id).length > 0, 15000);
      toCard.push(performance.now() - submittedAt);
      posted.push({ id, activityId: connector.cardsFor(id)[0].activityId });
    }

    const toAnswer: number[] = [];
    for (const { id, activityId } of posted) {
      const invoke = cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: `Response to report ${id}.` },
        replyToId: activityId,
      });
      const started = performance.now();
      const response = await postActivity(bot, invoke);
      const elapsed = performance.now() - started;
      const updated = connector.updates.some((u) => u.activityId === activityId);
      if (response.body.statusCode !== 200 || !updated) {
        throw new Error(`Answer to report ${id} was not stored and shown (${JSON.stringify(response.body).slice(0, 200)})`);
      }
      toAnswer.push(elapsed);
    }

    console.log(`Bot latency, ${ROUNDS} rounds (sandbox + real bot over HTTP + fake Bot Connector; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)})`);
    summary('submitted → card in channel (webhook path)', toCard, 5000);
    summary('answer sent → stored, card updated, shown', toAnswer, 1000);
  } finally {
    await bot.webhook.remove().catch(() => undefined);
    await bot.close();
    await connector.close();
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
