/**
 * The deployable bot: `npm run build:bot`'s folder, copied where no node_modules can be found,
 * started with plain `node` as a Node host (Azure App Service) starts it, in local mode against
 * the sandbox, posts the card of a report a councillor submits.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBot, BotBuild } from '../../scripts/build-bot';
import { freePort } from '../helpers/freePort';
import { withSandbox } from '../helpers/sandbox';
import { CHANNEL_ID, reportItem, submitReport } from '../integration/bot/botHarness';
import { FakeConnector } from '../integration/bot/fakeConnector';

/** Only what a host gives every process; nothing from this repository's environment. */
function hostEnv(extra: { [name: string]: string }): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH || '/usr/bin:/bin', HOME: os.tmpdir(), ...extra };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startNode(cwd: string, env: NodeJS.ProcessEnv, file = 'main.js'): Started {
  // process.execPath: the Node 22 the project pins, as a host's `node` would be.
  const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitForText(started: Started, pattern: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(started.output())) {
    if (Date.now() > until || started.child.exitCode !== null) {
      throw new Error(`Waited for ${pattern} from the built bot; it said:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the deployable bot (npm run build:bot)', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let built: BotBuild;
  let deployDir: string;

  beforeAll(async () => {
    built = await buildBot(fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bot-build-')));
    // What a host receives: the folder alone, in a place with no node_modules on the way up.
    deployDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bot-deploy-'));
    for (const file of fs.readdirSync(built.outDir)) {
      fs.copyFileSync(path.join(built.outDir, file), path.join(deployDir, file));
    }
  });

  afterAll(() => {
    for (const dir of [built && built.outDir, deployDir]) {
      if (dir) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('is one folder with nothing to install, and holds no React, Fluent UI or sandbox code', () => {
    expect(fs.readdirSync(deployDir).sort()).toEqual(expect.arrayContaining(['doctor.js', 'main.js', 'main.js.map', 'package.json']));
    const manifest = JSON.parse(fs.readFileSync(path.join(deployDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({});
    expect(manifest.scripts.start).toMatch(/^node .*main\.js$/);
    expect(built.inputs.filter((input) => /node_modules\/(react|react-dom|@fluentui)\//.test(input))).toEqual([]);
    expect(built.inputs.filter((input) => /^src\/(sandbox|features|app|webparts)\//.test(input))).toEqual([]);
    // The bot's own libraries are inside the bundle.
    expect(built.inputs.some((input) => input.indexOf('node_modules/@microsoft/teams.apps/') !== -1)).toBe(true);
    expect(built.inputs.some((input) => input.indexOf('node_modules/@azure/msal-node/') !== -1)).toBe(true);
    // Nothing above the deployed folder could lend it a package.
    let dir = deployDir;
    for (;;) {
      expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
      const parent = path.dirname(dir);
      if (parent === dir) {
        break;
      }
      dir = parent;
    }
  });

  it('refuses to start in production mode with no configuration, naming what to set', async () => {
    const started = startNode(deployDir, hostEnv({ BOT_MODE: 'production' }));
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('The bot cannot start; fix these environment variables');
    expect(started.output()).toContain('BOT_APP_ID is missing');
    expect(started.output()).toContain('SHAREPOINT_SITE_URL is missing');
  });

  it('starts with plain node in local mode and posts the card of a submitted report; its doctor passes', async () => {
    const connector = await new FakeConnector().start();
    const port = await freePort();
    const env = hostEnv({
      BOT_MODE: 'local',
      BOT_PORT: String(port),
      SANDBOX_URL: fixture.sandbox.url,
      BOT_SERVICE_URL: connector.url,
      TEAMS_CHANNEL_ID: CHANNEL_ID,
      REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
      DIGEST_ENABLED: 'false',
    });
    const started = startNode(deployDir, env);
    try {
      await waitForText(started, new RegExp(`local mode\\) on http://localhost:${port}/api/messages`), 20000);
      const health = await fetch(`http://localhost:${port}/healthz`);
      expect(await health.text()).toBe('ok');

      const id = await submitReport(fixture.sandbox);
      await connector.waitFor(() => connector.cardsFor(id).length > 0, 20000);
      const cards = connector.cardsFor(id);
      expect(cards).toHaveLength(1);
      expect(cards[0].conversationId).toBe(CHANNEL_ID);
      // The card's ids are written back on the report: the built bot wrote through Graph.
      const until = Date.now() + 10000;
      let recorded: unknown;
      while (Date.now() < until) {
        recorded = (await reportItem(fixture.sandbox, id)).fields.CardActivityId;
        if (recorded) {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(recorded).toBe(cards[0].activityId);

      // The host's doctor, with the same settings: every check passes (the bot made its webhook at start).
      const doctor = startNode(deployDir, env, 'doctor.js');
      const code = await doctor.exited;
      expect(doctor.output()).toMatch(/All \d+ checks passed\./);
      expect(code).toBe(0);
    } finally {
      started.child.kill('SIGTERM');
      const code = await started.exited;
      await connector.close();
      expect(code).toBe(0);
    }
  });
});
