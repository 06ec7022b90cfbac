import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/bot/config';
import { PRODUCTION_ENV_WITHOUT_CREDENTIAL } from '../../helpers/botEnv';

const certDir = mkdtempSync(join(tmpdir(), 'frontline-bot-cert-'));
const CERT_FILE = join(certDir, 'bot.pem');
const PUBLIC_FILE = join(certDir, 'bot-public.pem');
const THUMBPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
{
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(CERT_FILE, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  writeFileSync(PUBLIC_FILE, publicKey.export({ type: 'spki', format: 'pem' }) as string);
}
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

const PRODUCTION = { ...PRODUCTION_ENV_WITHOUT_CREDENTIAL, BOT_CERT_FILE: CERT_FILE, BOT_CERT_THUMBPRINT: THUMBPRINT };

function problems(env: { [k: string]: string | undefined }): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('bot configuration', () => {
  it('accepts a complete production environment', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.mode).toBe('production');
    expect(config.credentials).toEqual({
      kind: 'certificate',
      clientId: PRODUCTION.BOT_APP_ID,
      tenantId: PRODUCTION.BOT_TENANT_ID,
      certificateFile: CERT_FILE,
      certificateThumbprint: THUMBPRINT,
    });
    expect(config.reportLink).toEqual({ kind: 'teams', teamsAppId: PRODUCTION.TEAMS_APP_ID, entityId: 'frontline-visits' });
    expect(config.digest).toEqual({ weekday: 'monday', time: '09:00', enabled: true });
    expect(config.reconcileIntervalMs).toBe(180000);
  });

  it.each([
    'BOT_APP_ID',
    'BOT_TENANT_ID',
    'BOT_SERVICE_URL',
    'TEAMS_CHANNEL_ID',
    'TEAMS_TEAM_ID',
    'SHAREPOINT_SITE_URL',
    'GRAPH_SITE_ID',
    'GRAPH_LIST_ID_VISIT_REPORTS',
    'BOT_PUBLIC_URL',
    'WEBHOOK_CLIENT_STATE',
  ])('names %s when it is missing in production', (name) => {
    const found = problems({ ...PRODUCTION, [name]: undefined });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${name} is missing: .+\\(for example .+\\)\\.$`));
  });

  it('reports every problem at once, with a message for each', () => {
    const found = problems({ BOT_MODE: 'production' });
    expect(found.length).toBeGreaterThanOrEqual(12);
    expect(found.join('\n')).toContain('BOT_CERT_FILE is missing');
  });

  it('refuses a client secret alone, naming the certificate that SharePoint REST needs', () => {
    const found = problems({ ...PRODUCTION, BOT_CERT_FILE: undefined, BOT_CERT_THUMBPRINT: undefined, BOT_APP_SECRET: 'a-client-secret' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^BOT_APP_SECRET is set without a certificate: SharePoint REST refuses app-only tokens got with a client secret/);
    expect(found[0]).toContain('set BOT_CERT_FILE to the PEM file holding its private key and BOT_CERT_THUMBPRINT to its SHA-256 thumbprint');
    // A secret beside the certificate is not used, and not refused.
    expect(loadConfig({ ...PRODUCTION, BOT_APP_SECRET: 'a-client-secret' }).credentials.kind).toBe('certificate');
  });

  it("wants the certificate's thumbprint and a readable private key", () => {
    expect(problems({ ...PRODUCTION, BOT_CERT_THUMBPRINT: undefined })).toEqual([expect.stringMatching(/^BOT_CERT_THUMBPRINT is missing/)]);
    expect(problems({ ...PRODUCTION, BOT_CERT_THUMBPRINT: 'AB12' })).toEqual([
      expect.stringMatching(/^BOT_CERT_THUMBPRINT must be the certificate's SHA-256 thumbprint, 64 hex digits .*"AB12"/),
    ]);
    expect(problems({ ...PRODUCTION, BOT_CERT_FILE: join(certDir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^BOT_CERT_FILE cannot be read \(ENOENT\)/),
    ]);
    expect(problems({ ...PRODUCTION, BOT_CERT_FILE: PUBLIC_FILE })).toEqual([expect.stringMatching(/^BOT_CERT_FILE holds no private key/)]);
    const colons = THUMBPRINT.toUpperCase().match(/../g)!.join(':');
    expect(loadConfig({ ...PRODUCTION, BOT_CERT_THUMBPRINT: colons }).credentials).toMatchObject({ certificateThumbprint: THUMBPRINT.toUpperCase() });
  });

  it('rejects malformed values with what was given', () => {
    const found = problems({
      ...PRODUCTION,
      BOT_APP_ID: 'not-a-guid',
      BOT_PUBLIC_URL: 'http://insecure.example',
      DIGEST_WEEKDAY: 'someday',
      DIGEST_TIME: '25:00',
      RECONCILE_INTERVAL_SECONDS: '-5',
    });
    expect(found).toEqual([
      expect.stringContaining('RECONCILE_INTERVAL_SECONDS must be a positive number'),
      expect.stringContaining('DIGEST_WEEKDAY must be one of'),
      expect.stringContaining('DIGEST_TIME must be HH:MM'),
      expect.stringContaining('BOT_APP_ID must be a GUID'),
      expect.stringContaining('BOT_PUBLIC_URL must use https'),
    ]);
  });

  it('local mode needs nothing and points everything at the sandbox and the Playground', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local');
    expect(config.credentials).toEqual({ kind: 'sandbox', clientId: 'frontline-visits-local-bot', token: 'sandbox-app-token' });
    expect(config.graphBaseUrl).toBe('http://localhost:4321');
    expect(config.siteUrl).toBe('http://localhost:4321/sites/frontline-visits');
    expect(config.serviceUrl).toBe('http://localhost:56150/_connector');
    expect(config.port).toBe(3978);
    expect(loadConfig({ SANDBOX_APP_TOKEN: 'other' }).credentials).toMatchObject({ token: 'other' });
  });

  it('rejects an unknown mode', () => {
    expect(problems({ BOT_MODE: 'staging' })).toEqual(['BOT_MODE must be "production" or "local"; it is "staging".']);
  });
});
