/**
 * The bot's app identity as a council's tenant may really have it. Production refuses a client
 * secret alone (SharePoint REST would refuse its tokens); and a missing or weak SharePoint
 * permission never stops a card: the card is posted exactly once, says the report is not yet
 * checked, the log names what is missing, and the sweep after the permission is granted checks it.
 * (The bot changes no item permissions: a submitted report is closed by the list's own.)
 * The sandbox runs with its own submitted-report rule off, as production's list settings are.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError } from '../../../src/bot/config';
import { NOT_LOCKED_NOTICE } from '../../../src/bot/publisher';
import { startBot } from '../../../src/bot/server';
import { unescapeCardText } from '../../../src/cards';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { BOT_APP_ID } from '../../../src/sandbox/appIdentity';
import { PRODUCTION_ENV_WITHOUT_CREDENTIAL } from '../../helpers/botEnv';
import { PERSONAS, withSandbox } from '../../helpers/sandbox';
import { ALL_REFUSED, tryToChangeReport } from '../../helpers/writeAttempts';
import { cardTexts, MemoryLogger, startTestBot, submitReport, withTestBot } from './botHarness';

const SITE = '/sites/frontline-visits';

const SECRET_ONLY_PRODUCTION = { ...PRODUCTION_ENV_WITHOUT_CREDENTIAL, BOT_APP_SECRET: 'a-client-secret' };

describe('bot: production refuses a credential SharePoint REST cannot use', () => {
  it('refuses a secret-only configuration at start, naming the certificate and its variables', async () => {
    const refused = await startBot({ env: SECRET_ONLY_PRODUCTION, port: 0 }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      expect.stringMatching(/^BOT_APP_SECRET is set without a certificate: SharePoint REST refuses app-only tokens got with a client secret/),
    ]);
    expect(refused!.message).toMatch(/certificate.*BOT_CERT_FILE.*BOT_CERT_THUMBPRINT/s);
  });

  it('`npm run bot` exits at once with that message', () => {
    const run = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/bot/main.ts'], {
      env: { PATH: process.env.PATH, ...SECRET_ONLY_PRODUCTION },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The bot cannot start; fix these environment variables:');
    expect(run.stderr).toContain('BOT_APP_SECRET is set without a certificate');
    expect(run.stderr).toContain('set BOT_CERT_FILE to the PEM file holding its private key and BOT_CERT_THUMBPRINT to its SHA-256 thumbprint');
  });
});

describe('bot: a missing or weak SharePoint permission never stops a card', () => {
  const fixture = withSandbox({ seed: 'demo', submittedLockRule: false });
  const running = withTestBot(fixture);

  afterEach(() => {
    fixture.sandbox.apps.configureBotApp({ credential: 'certificate', sitesSelected: ['graph', 'sharepoint'] });
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'fullcontrol');
  });

  function cardText(id: number): string {
    const cards = running.connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    const latest = running.connector.latestCard(cards[0].conversationId, cards[0].activityId);
    return cardTexts(latest).map(unescapeCardText).join('\n');
  }

  async function hasUniquePermissions(id: number): Promise<boolean> {
    const response = await fetch(
      `${fixture.sandbox.siteUrl}/_api/web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})?$select=HasUniqueRoleAssignments`,
      {
        headers: { 'X-Sandbox-User': PERSONAS.improvement, Accept: 'application/json;odata=nometadata' },
      },
    );
    return ((await response.json()) as { HasUniqueRoleAssignments: boolean }).HasUniqueRoleAssignments;
  }

  /** Every report has at most one card in the channel. */
  function duplicateCards(): number[] {
    const ids = running.connector.posted.map((p) => Number((/"reportId":(\d+)/.exec(JSON.stringify(p.activity)) || [])[1])).filter((id) => !isNaN(id));
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  }

  function lockWarnings(id: number): string[] {
    return running.logger.warnings().filter((w) => w.startsWith(`Report ${id} is not locked`) || w.startsWith(`Report ${id}: lock attempt`));
  }

  it('with a Graph grant but no SharePoint grant: posts the card once, flagged, logs what is missing; the sweep after SharePoint is granted locks it', async () => {
    const id = await submitReport(fixture.sandbox);
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['graph'] });

    await running.bot.sweep();
    expect(cardText(id)).toContain(NOT_LOCKED_NOTICE);
    const first = lockWarnings(id);
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('Missing: SharePoint access to the site (Sites.Selected for SharePoint, role fullcontrol)');
    expect(first[0]).toMatch(/SharePoint answered 403 to GET .*items\(\d+\)/);
    expect(running.logger.warnings().filter((w) => w.startsWith('Cannot list the reports still to lock'))).toHaveLength(1);
    expect(await hasUniquePermissions(id)).toBe(false);

    // Later sweeps: no second card, the lock tried again (one pending lock each sweep) and logged.
    await running.bot.sweep();
    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(duplicateCards()).toEqual([]);
    expect(running.bot.publisher.pendingLocks().map((p) => p.reportId)).toContain(id);
    expect(running.logger.warnings().filter((w) => w.startsWith('Cannot list the reports still to lock'))).toHaveLength(1);

    // An administrator consents SharePoint's Sites.Selected for the app: the next sweep locks.
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['graph', 'sharepoint'] });
    await running.bot.sweep();
    expect(await hasUniquePermissions(id)).toBe(false);
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [VISIT_REPORTS.fields.Title]: 'Changed after submission' })).toEqual(ALL_REFUSED);
    expect(running.bot.publisher.pendingLocks()).toEqual([]);
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(cardText(id)).not.toContain(NOT_LOCKED_NOTICE);
    expect(duplicateCards()).toEqual([]);
  });

  it('with SharePoint write only: posts the card once, unflagged — the bot changes no item permissions, so write is enough', async () => {
    const id = await submitReport(fixture.sandbox);
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'write');
    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(cardText(id)).not.toContain(NOT_LOCKED_NOTICE);
    expect(lockWarnings(id)).toEqual([]);
    expect(running.bot.publisher.pendingLocks()).toEqual([]);
    expect(await hasUniquePermissions(id)).toBe(false);
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [VISIT_REPORTS.fields.HosFeedback]: 'Self-answered' })).toEqual(ALL_REFUSED);
    expect(duplicateCards()).toEqual([]);
  });

  it('with Graph read only: posts no card (it could not record one) and says the app needs write; the sweep after the grant posts it once', async () => {
    const id = await submitReport(fixture.sandbox);
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'read');
    const result = await running.bot.sweep();
    expect(result.failed.map((f) => f.id)).toContain(id);
    expect(running.connector.cardsFor(id)).toHaveLength(0);
    const said = running.logger.warnings().filter((w) => w.startsWith(`Report ${id}: no card posted.`));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('Microsoft Graph answered 403 (accessDenied)');
    expect(said[0]).toContain('the role write (or fullcontrol) on the site');
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'fullcontrol');
    await running.bot.sweep();
    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(cardText(id)).not.toContain(NOT_LOCKED_NOTICE);
    expect(await hasUniquePermissions(id)).toBe(false);
  });

  it('checks at start, without changing anything, what the app lacks: nothing (write is enough), SharePoint access, the certificate, Graph', async () => {
    expect(await running.bot.checkAccess()).toEqual([]);
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'write');
    expect(await running.bot.checkAccess()).toEqual([]);
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'fullcontrol');
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['graph'] });
    expect(await running.bot.checkAccess()).toEqual([
      expect.stringMatching(/^SharePoint: SharePoint answered 403 to GET \/_api\/web\/effectivebasepermissions: the bot's app has no SharePoint access/),
    ]);
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['graph', 'sharepoint'], credential: 'secret' });
    expect(await running.bot.checkAccess()).toEqual([expect.stringContaining('set BOT_CERT_FILE and BOT_CERT_THUMBPRINT')]);
    // Graph is checked on a bot that has not resolved the lists yet.
    fixture.sandbox.apps.configureBotApp({ credential: 'certificate', sitesSelected: ['sharepoint'] });
    const fresh = await startTestBot(fixture.sandbox, running.connector, new MemoryLogger());
    try {
      expect(await fresh.checkAccess()).toEqual([
        expect.stringMatching(/^Microsoft Graph answered 403 \(accessDenied\): the bot's app cannot use the Visit Reports list/),
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('with a token got with a client secret (local mode): Graph posts the card once; the log names the certificate', async () => {
    const id = await submitReport(fixture.sandbox);
    fixture.sandbox.apps.configureBotApp({ credential: 'secret' });
    await running.bot.sweep();
    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(cardText(id)).toContain(NOT_LOCKED_NOTICE);
    const warning = lockWarnings(id)[0];
    expect(warning).toContain('"Unsupported app only token."');
    expect(warning).toContain('set BOT_CERT_FILE and BOT_CERT_THUMBPRINT');
    expect(duplicateCards()).toEqual([]);
  });
});
