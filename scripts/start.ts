/**
 * `npm start`: everything on this machine (docs/architecture.md §5): the sandbox on 4321, the bot
 * in local mode on 3978 and the Agents Playground on 56150 as the improvement team's channel. Each
 * service is one entry of `services`: it starts, prints where it is, and returns how to stop it.
 * Ctrl-C stops them in reverse order. Everything they write goes under the data folder.
 */
import { join } from 'node:path';
import { loadConfig } from '../src/bot/config';
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_PORT, PLAYGROUND_TEAM_ID, startPlayground } from '../src/bot/playground';
import { startBot } from '../src/bot/server';
import { describeSandbox, sandboxOptionsFromEnv, stopOnSignals } from '../src/sandbox/main';
import { startSandbox } from '../src/sandbox/server';

type Service = () => Promise<() => Promise<void>>;

/** Set by the sandbox service; the bot points at it. */
let sandboxUrl = 'http://localhost:4321';
/** The data folder (`SANDBOX_DATA`, default `.sandbox/`), where the Playground keeps its files too. */
let dataDir = '.sandbox';

const services: Service[] = [
  async () => {
    // The sandbox passes the bot's Bot Connector calls on to the Playground and keeps what is
    // posted, so the bot can read the channel's messages through Graph as in Teams.
    const sandbox = await startSandbox({ ...sandboxOptionsFromEnv(), connectorUpstream: `http://localhost:${PLAYGROUND_PORT}/_connector` });
    console.log(describeSandbox(sandbox));
    sandboxUrl = sandbox.url;
    dataDir = sandbox.dataDir;
    return () => sandbox.close();
  },
  // The bot on 3978, then the Agents Playground on 56150 as its Teams client.
  async () => {
    const config = loadConfig({
      SANDBOX_URL: sandboxUrl,
      BOT_SERVICE_URL: `${sandboxUrl}/_connector`,
      TEAMS_TEAM_ID: PLAYGROUND_TEAM_ID,
      TEAMS_CHANNEL_ID: PLAYGROUND_CHANNEL_ID,
      REPORT_PAGE_URL: `${sandboxUrl}/`,
      RECONCILE_INTERVAL_SECONDS: '60',
      ...process.env,
      BOT_MODE: 'local',
    });
    // The first sweep waits for the Playground, which is the bot's Bot Connector.
    const bot = await startBot({ config, sweepAtStart: false });
    const playground = await startPlayground({
      dir: join(dataDir, 'playground'),
      botEndpoint: `${bot.url}/api/messages`,
      botId: config.credentials.clientId,
      currentUser: process.env.PLAYGROUND_USER,
    });
    console.log(
      [
        `Bot (local mode) on ${bot.url}/api/messages, SharePoint webhook ${bot.url}/api/webhooks`,
        `Agents Playground (the improvement team's channel) on ${playground.url}, acting as ${process.env.PLAYGROUND_USER || 'headOfService'}`,
      ].join('\n'),
    );
    await bot.sweep().catch((error) => console.error('First sweep failed:', error));
    return async () => {
      await playground.close();
      await bot.close();
    };
  },
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
