/**
 * Faults and durability: injected 429/503 retried by PnPjs honouring Retry-After; a restart keeps
 * the data; `kill -9` of a sandbox child process during a burst of writes loses no acknowledged
 * write.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { startSandbox } from '../../../src/sandbox/server';
import { failureOf, PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const ROOT = join(__dirname, '..', '..', '..');

describe('fault injection', () => {
  const fixture = withSandbox({ seed: 'empty' });

  const inject = (rule: object): Promise<Response> => fetch(`${fixture.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(rule) });

  it('makes the next requests answer 429 with Retry-After, which PnPjs waits out and retries', async () => {
    await inject({ count: 2, status: 429, retryAfter: 1, pathContains: '/_api/web/currentuser' });
    const started = Date.now();
    const me = await spForUser(fixture.sandbox.siteUrl, PERSONAS.osei).web.currentUser();
    expect(me.Email).toBe(PERSONAS.osei);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('answers 503 too, and a request that keeps failing reaches the caller as the fault', async () => {
    await inject({ count: 1, status: 503 });
    expect((await spForUser(fixture.sandbox.siteUrl, PERSONAS.osei).web()).Title).toBe('Frontline Visits');
    await inject({ count: 5, status: 429, retryAfter: 0 });
    const failure = await failureOf(spForUser(fixture.sandbox.siteUrl, PERSONAS.osei).web());
    expect(failure.status).toBe(429);
    await fetch(`${fixture.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    expect((await spForUser(fixture.sandbox.siteUrl, PERSONAS.osei).web()).Title).toBe('Frontline Visits');
  });

  it('rejects a malformed fault rule with a message', async () => {
    const response = await inject({ count: 0, status: 418 });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/count/);
  });
});

describe('durability', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sandbox-durability-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps everything across a restart and does not seed again', async () => {
    const first = await startSandbox({ dataDir, today: '2026-06-15' });
    const sp = spForUser(first.siteUrl, PERSONAS.hale);
    const added = await sp.web.lists.getByTitle(VISIT_REPORTS.title).items.add({ Title: 'Survives restarts', ReportStatus: 'Submitted' });
    const before = await spForUser(first.siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id', 'Title').top(500)();
    await first.close();
    const second = await startSandbox({ dataDir, today: '2027-01-01' });
    try {
      const after = await spForUser(second.siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id', 'Title').top(500)();
      expect(after).toEqual(before);
      const mine = await spForUser(second.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).items.getById(added.Id)();
      expect(mine.Title).toBe('Survives restarts');
    } finally {
      await second.close();
    }
  });

  it('loses no acknowledged write when the sandbox process is killed with SIGKILL mid-burst', async () => {
    // node itself with tsx as a loader, so SIGKILL hits the process that holds the database
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'sandbox', 'main.ts')], {
      env: { ...process.env, PORT: '0', SANDBOX_DATA: dataDir, SANDBOX_SEED: 'empty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`sandbox child did not start: ${out}`)), 20000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /workbench (http:\/\/localhost:\d+)\//.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`sandbox child exited (${code}): ${out}`)));
    });
    const sp = spForUser(`${url}/sites/frontline-visits`, PERSONAS.hale, { retries: 1 });
    const list = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    const acknowledged: Array<{ id: number; title: string }> = [];
    let sent = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        const title = `Burst ${sent++}`;
        try {
          const added = await list.items.add({ Title: title, ReportStatus: 'Submitted' });
          acknowledged.push({ id: added.Id, title });
          if (acknowledged.length >= 150 && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        } catch {
          return; // the process is gone: whatever was not acknowledged may or may not be there
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(undefined) : child.once('exit', resolve)));

    const restarted = await startSandbox({ dataDir, seed: 'empty' });
    try {
      const items = await spForUser(restarted.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id', 'Title').top(5000)();
      const stored = new Map(items.map((i: { Id: number; Title: string }) => [i.Id, i.Title]));
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      expect(acknowledged.filter((a) => stored.get(a.id) !== a.title)).toEqual([]);
      // the store stays usable after the kill
      const next = await spForUser(restarted.siteUrl, PERSONAS.hale)
        .web.lists.getByTitle(VISIT_REPORTS.title)
        .items.add({ Title: 'After the crash', ReportStatus: 'Submitted' });
      expect(next.Id).toBeGreaterThan(Math.max(...acknowledged.map((a) => a.id)));
    } finally {
      await restarted.close();
    }
  });
});
