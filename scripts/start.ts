/**
 * `npm start`: everything on this machine. Each service is one entry of `services`: it starts,
 * prints where it is, and returns how to stop it. Ctrl-C stops them in reverse order.
 * (Issue 5 adds the bot on 3978 and the Agents Playground on 56150 here.)
 */
import { describeSandbox, sandboxOptionsFromEnv, stopOnSignals } from '../src/sandbox/main';
import { startSandbox } from '../src/sandbox/server';
// --- issue 5: bot and Agents Playground (owned by the bot; keep this block together) ---
import { join } from 'node:path';
import { loadConfig } from '../src/bot/config';
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_PORT, startPlayground } from '../src/bot/playground';
import { startBot } from '../src/bot/server';
// --- end issue 5 ---

type Service = () => Promise<() => Promise<void>>;

/** Set by the sandbox service; the bot points at it. */
let sandboxUrl = 'http://localhost:4321';

const services: Service[] = [
  async () => {
    const sandbox = await startSandbox(sandboxOptionsFromEnv());
    console.log(describeSandbox(sandbox));
    sandboxUrl = sandbox.url;
    return () => sandbox.close();
  },
  // --- issue 5: the bot on 3978, then the Agents Playground on 56150 as its Teams client ---
  async () => {
    const config = loadConfig({
      SANDBOX_URL: sandboxUrl,
      BOT_SERVICE_URL: `http://localhost:${PLAYGROUND_PORT}/_connector`,
      TEAMS_CHANNEL_ID: PLAYGROUND_CHANNEL_ID,
      REPORT_PAGE_URL: `${sandboxUrl}/`,
      RECONCILE_INTERVAL_SECONDS: '60',
      ...process.env,
      BOT_MODE: 'local'
    });
    // The first sweep waits for the Playground, which is the bot's Bot Connector.
    const bot = await startBot({ config, sweepAtStart: false });
    const playground = await startPlayground({
      dir: join(process.cwd(), '.sandbox', 'playground'),
      botEndpoint: `${bot.url}/api/messages`,
      botId: config.credentials.clientId,
      currentUser: process.env.PLAYGROUND_USER
    });
    console.log(
      [
        `Bot (local mode) on ${bot.url}/api/messages, SharePoint webhook ${bot.url}/api/webhooks`,
        `Agents Playground (the improvement team's channel) on ${playground.url}, acting as ${process.env.PLAYGROUND_USER || 'headOfService'}`
      ].join('\n')
    );
    await bot.sweep().catch((error) => console.error('First sweep failed:', error));
    return async () => {
      await playground.close();
      await bot.close();
    };
  }
  // --- end issue 5 ---
];

const closers: Array<() => Promise<void>> = [];

async function start(): Promise<void> {
  stopOnSignals(closers);
  for (const service of services) {
    closers.push(await service());
  }
}

start().catch(async (error) => {
  console.error('npm start failed:', error);
  // stop what did start (the sandbox closes its database) before leaving
  for (const close of closers.slice().reverse()) {
    await close().catch((closeError) => console.error('Stopping failed:', closeError));
  }
  process.exit(1);
});
