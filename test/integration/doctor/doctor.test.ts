/**
 * `npm run doctor` against the sandbox: every check passes on the demo with the bot running, and
 * each broken case the sandbox can produce fails with its cause and its fix.
 */
import { RunningBot } from '../../../src/bot/server';
import { CheckResult, runChecks } from '../../../src/doctor/checks';
import { LIST_DEFINITIONS, VISIT_REPORTS } from '../../../src/data/listContract';
import { BotAppOptions } from '../../../src/sandbox/appIdentity';
import { SandboxHandle, withSandbox } from '../../helpers/sandbox';
import { CHANNEL_ID, startTestBot } from '../bot/botHarness';
import { FakeConnector } from '../bot/fakeConnector';

function doctorEnv(sandbox: SandboxHandle, connector: FakeConnector, publicUrl: string): { [k: string]: string } {
  return {
    BOT_MODE: 'local',
    SANDBOX_URL: sandbox.url,
    BOT_SERVICE_URL: connector.url,
    TEAMS_CHANNEL_ID: CHANNEL_ID,
    BOT_PUBLIC_URL: publicUrl,
    REPORT_PAGE_URL: `${sandbox.url}/`,
  };
}

const failures = (results: CheckResult[]): string[] => results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail} | fix: ${r.fix}`);

describe('doctor on the demo', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let connector: FakeConnector;
  let bot: RunningBot;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    connector.roster = [{ id: '29:hos', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000020', name: 'Head of Service (CIN/CP)' }];
    bot = await startTestBot(fixture.sandbox, connector);
    await bot.ensureWebhook();
  });

  afterAll(async () => {
    // The sandbox (closed by its own fixture) takes the subscription with it.
    await bot.close();
    await connector.close();
  });

  it('passes every check, one line each', async () => {
    const results = await runChecks(doctorEnv(fixture.sandbox, connector, bot.url));
    expect(failures(results)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual([
      'configuration',
      'credential',
      'token for Microsoft Graph',
      'token for SharePoint',
      'token for the Bot Framework',
      'data site',
      'site grant (SharePoint)',
      'site grant (Microsoft Graph)',
      ...LIST_DEFINITIONS.map((d) => `list ${d.title}`),
      'group Frontline Visit Members',
      "group Children's Improvement Team",
      'group Heads of Service',
      'group Committee Clerks',
      'webhook',
      'Teams: bot installed in the improvement team',
      'site time zone',
      'parked reports',
    ]);
    expect(results.find((r) => r.name === 'webhook')!.detail).toContain(`${bot.url}/api/webhooks`);
  });

  it('fails the webhook check, saying how to fix it, when no subscription sends to the bot', async () => {
    const results = await runChecks(doctorEnv(fixture.sandbox, connector, 'http://localhost:1'));
    expect(failures(results)).toEqual([
      expect.stringMatching(/^webhook: no subscription on Visit Reports sends to http:\/\/localhost:1\/api\/webhooks.*fix: Start the bot/),
    ]);
  });

  it('fails the Teams check when the bot cannot read the channel (not installed in the team)', async () => {
    const elsewhere = await new FakeConnector().start();
    await elsewhere.close();
    const results = await runChecks(doctorEnv(fixture.sandbox, elsewhere, bot.url));
    expect(failures(results)).toEqual([
      expect.stringMatching(/^Teams: bot installed in the improvement team: .*fix: Install the Frontline Visits app in the improvement team/),
    ]);
  });
});

describe('doctor on a site that lost an index', () => {
  const fixture = withSandbox({ seed: 'demo' });

  it('names the list and the field that is not indexed', async () => {
    const list = fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!;
    fixture.sandbox.store.updateListDefinition(list, {
      ...list.definition,
      fields: list.definition.fields.map((f) => (f.internalName === 'VisitDate' ? { ...f, indexed: false } : f)),
    });
    const connector = await new FakeConnector().start();
    try {
      const results = await runChecks(doctorEnv(fixture.sandbox, connector, 'http://localhost:1'));
      const reports = results.find((r) => r.name === 'list Visit Reports')!;
      expect(reports.ok).toBe(false);
      expect(reports.detail).toBe('field VisitDate is not indexed (queries on it fail past 5,000 items)');
      expect(reports.fix).toContain('npm run provision');
    } finally {
      await connector.close();
    }
  });
});

describe('doctor on a site never provisioned', () => {
  const fixture = withSandbox({ bareSite: true });

  it('fails the lists, groups and time zone, each saying to run provisioning', async () => {
    const connector = await new FakeConnector().start();
    try {
      const results = await runChecks(doctorEnv(fixture.sandbox, connector, 'http://localhost:1'));
      const byName = new Map(results.map((r) => [r.name, r]));
      expect(byName.get('list Visit Reports')).toMatchObject({ ok: false, detail: 'the list does not exist on the data site' });
      expect(byName.get('group Heads of Service')).toMatchObject({ ok: false, detail: 'the group does not exist' });
      expect(byName.get('site time zone')!.ok).toBe(false);
      expect(byName.get('site time zone')!.detail).toContain('not London');
      for (const r of results.filter((x) => !x.ok && x.name !== 'webhook')) {
        expect(r.fix).toContain('npm run provision');
      }
    } finally {
      await connector.close();
    }
  });
});

describe.each([
  [
    'a grant short of full control (write)',
    { siteRoles: { '/sites/frontline-visits': 'write' } } as BotAppOptions,
    'site grant (SharePoint)',
    /may not manage permissions on the data site/,
    /Sites\.Selected "fullcontrol"/,
  ],
  ['no grant on the site', { siteRoles: {} } as BotAppOptions, 'data site', /the bot may not use the data site/, /grant it "fullcontrol" on the data site/],
  [
    'an app with a client secret only',
    { credential: 'secret' } as BotAppOptions,
    'data site',
    /got with a client secret, which SharePoint REST does not accept/,
    /Upload a certificate/,
  ],
  [
    'Graph Sites.Selected not consented',
    { sitesSelected: ['sharepoint'] } as BotAppOptions,
    'site grant (Microsoft Graph)',
    /cannot read the lists through Graph/,
    /Consent Microsoft Graph Sites\.Selected/,
  ],
])('doctor with %s', (_case, botApp, check, detail, fix) => {
  const fixture = withSandbox({ seed: 'demo', botApp });

  it(`fails "${check}", naming the cause and the fix`, async () => {
    const connector = await new FakeConnector().start();
    try {
      const results = await runChecks(doctorEnv(fixture.sandbox, connector, 'http://localhost:1'));
      const found = results.find((r) => r.name === check)!;
      expect(found).toBeDefined();
      expect(found.ok).toBe(false);
      expect(found.detail).toMatch(detail);
      expect(found.fix).toMatch(fix);
    } finally {
      await connector.close();
    }
  });
});
