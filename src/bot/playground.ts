/**
 * The Microsoft 365 Agents Playground as the local Teams client (`npm start`): a team with the
 * improvement channel, the demo personas as its members, and the Head of Service as the person
 * at the keyboard. It runs offline: the UI is bundled in the package, telemetry is switched off,
 * and it is its own Bot Connector (`http://localhost:<port>/_connector`).
 *
 * Configuration (see src/bot/README.md): the Playground reads `.m365agentsplayground.yml` from its
 * working directory or `M365_AGENTS_PLAYGROUND_CONFIG_PATH`; `currentUser` is who presses the
 * buttons (its `aadObjectId` reaches the bot as `activity.from.aadObjectId`), `team.channels`
 * are the channel conversations a bot can post to (by channel id). It insists on at least five
 * other `users`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLAYGROUND_PORT = 56150;
export const PLAYGROUND_CHANNEL_ID = 'improvement-channel';
export const PLAYGROUND_TEAM_ID = 'childrens-improvement-team';

interface PlaygroundUser {
  key: string;
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

/** The demo personas (docs/architecture.md §5) as Playground users. Never a real person's name. */
export const PLAYGROUND_USERS: ReadonlyArray<PlaygroundUser> = [
  {
    key: 'headOfService',
    id: '29:hos-cincp',
    name: 'Head of Service (CIN/CP)',
    email: 'hos.cincp@northshire.example',
    aadObjectId: '0b6f3c1e-0000-4000-8000-000000000020',
  },
  {
    key: 'improvement',
    id: '29:improvement',
    name: "Children's Improvement Team",
    email: 'improvement@northshire.example',
    aadObjectId: '0b6f3c1e-0000-4000-8000-000000000010',
  },
  { key: 'hale', id: '29:cllr-hale', name: 'Cllr Hale', email: 'cllr.hale@northshire.example', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000001' },
  { key: 'osei', id: '29:cllr-osei', name: 'Cllr Osei', email: 'cllr.osei@northshire.example', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000002' },
  { key: 'clerk', id: '29:clerk', name: 'Committee Clerk', email: 'clerk@northshire.example', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000030' },
  { key: 'marlow', id: '29:cllr-marlow', name: 'Cllr Marlow', email: 'cllr.marlow@northshire.example', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000003' },
];

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function userYaml(u: PlaygroundUser, indent: string): string {
  const [given, ...rest] = u.name.split(' ');
  return [
    `id: ${yamlString(u.id)}`,
    `name: ${yamlString(u.name)}`,
    `userPrincipleName: ${yamlString(u.email)}`,
    `aadObjectId: ${yamlString(u.aadObjectId)}`,
    `givenName: ${yamlString(given)}`,
    `surname: ${yamlString(rest.join(' ') || given)}`,
    `email: ${yamlString(u.email)}`,
  ]
    .map((line, i) => (i === 0 ? line : indent + line))
    .join('\n');
}

/** The Playground's config file, with `currentUserKey` (default the Head of Service) at the keyboard. */
export function playgroundConfigYaml(botId: string, currentUserKey = 'headOfService'): string {
  const current = PLAYGROUND_USERS.filter((u) => u.key === currentUserKey)[0];
  if (!current) {
    throw new Error(`PLAYGROUND_USER must be one of ${PLAYGROUND_USERS.map((u) => u.key).join(', ')}; it is "${currentUserKey}".`);
  }
  const others = PLAYGROUND_USERS.filter((u) => u !== current);
  return [
    '# Written by src/bot/playground.ts on each `npm start`; edit PLAYGROUND_USER instead.',
    'version: "0.1.1"',
    'tenantId: "00000000-0000-4000-8000-00000000a001"',
    'bot:',
    `  id: ${yamlString(botId)}`,
    '  name: "Frontline Visits"',
    'currentUser:',
    `  ${userYaml(current, '  ')}`,
    'users:',
    ...others.map((u) => `  - ${userYaml(u, '    ')}`),
    'personalChat:',
    '  id: "personal-chat"',
    'groupChat:',
    '  id: "group-chat"',
    '  name: "Group chat"',
    'team:',
    `  id: ${yamlString(PLAYGROUND_TEAM_ID)}`,
    `  name: "Children's Improvement Team"`,
    '  aadGroupId: "00000000-0000-4000-8000-00000000a031"',
    '  channels:',
    `    - id: ${yamlString(PLAYGROUND_CHANNEL_ID)}`,
    '      name: "Visit reports"',
    '',
  ].join('\n');
}

export interface RunningPlayground {
  url: string;
  serviceUrl: string;
  close(): Promise<void>;
}

async function waitUntilReady(probe: string, child: ChildProcess, log: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`The Agents Playground stopped (exit ${child.exitCode}). Its log: ${log}`);
    }
    try {
      const response = await fetch(probe);
      if (response.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The Agents Playground did not become ready. Its log: ${log}`);
}

/** Starts the Playground (`agentsplayground` CLI) pointed at the bot; resolves once it listens. */
export async function startPlayground(options: {
  dir: string;
  botEndpoint: string;
  botId: string;
  port?: number;
  currentUser?: string;
}): Promise<RunningPlayground> {
  mkdirSync(options.dir, { recursive: true });
  const configPath = join(options.dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfigYaml(options.botId, options.currentUser));
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const port = options.port || PLAYGROUND_PORT;
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '--port', String(port), '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--disable-telemetry'],
    {
      cwd: options.dir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(options.dir, 'playground.log'),
        // Do not try to open a browser: `npm start` prints the address instead.
        TEAMSAPPTESTER_BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const listening = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`The Agents Playground did not start within 60 s. Its log: ${join(options.dir, 'playground.log')}`)),
      60000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Agents Playground stopped (exit ${code}). Its log: ${join(options.dir, 'playground.log')}`));
    });
  });
  if (listening !== port) {
    // The Playground falls back to a random port; the bot would then post to the wrong place.
    child.kill();
    throw new Error(`Port ${port} is taken, so the Agents Playground started on ${listening}. Free port ${port} and run npm start again.`);
  }
  const url = `http://localhost:${listening}`;
  // It prints "Listening" before it reads the config file; a bad file stops it just after.
  await waitUntilReady(`${url}/_connector/v3/teams/${PLAYGROUND_TEAM_ID}/conversations`, child, join(options.dir, 'playground.log'));
  return {
    url,
    serviceUrl: `${url}/_connector`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
