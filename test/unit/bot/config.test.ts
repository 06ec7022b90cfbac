import { ConfigError, loadConfig } from '../../../src/bot/config';

const PRODUCTION = {
  BOT_MODE: 'production',
  BOT_APP_ID: '8f3c2d1e-6a5b-4c7d-9e0f-1a2b3c4d5e6f',
  BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  BOT_APP_SECRET: 'secret',
  BOT_SERVICE_URL: 'https://smba.trafficmanager.net/uk/',
  TEAMS_TEAM_ID: '19:team@thread.tacv2',
  TEAMS_CHANNEL_ID: '19:channel@thread.tacv2',
  SHAREPOINT_SITE_URL: 'https://northshire.sharepoint.com/sites/frontline-visits',
  GRAPH_SITE_ID: 'northshire.sharepoint.com,aaaa,bbbb',
  GRAPH_LIST_ID_VISIT_REPORTS: '00000000-0000-0000-0000-000000000001',
  GRAPH_LIST_ID_VISIT_ROTA: '00000000-0000-0000-0000-000000000002',
  GRAPH_LIST_ID_FRONTLINE_TEAMS: '00000000-0000-0000-0000-000000000003',
  BOT_PUBLIC_URL: 'https://frontline-bot.northshire.example',
  WEBHOOK_CLIENT_STATE: 'state',
  TEAMS_APP_ID: '6d1e9b7a-3c2f-4f8e-b5a1-0c9d8e7f6a04'
};

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
    expect(config.credentials).toEqual({ kind: 'secret', clientId: PRODUCTION.BOT_APP_ID, tenantId: PRODUCTION.BOT_TENANT_ID, clientSecret: 'secret' });
    expect(config.reportLink).toEqual({ kind: 'teams', teamsAppId: PRODUCTION.TEAMS_APP_ID, entityId: 'frontline-visits' });
    expect(config.digest).toEqual({ weekday: 'monday', time: '09:00', enabled: true });
    expect(config.reconcileIntervalMs).toBe(180000);
  });

  it.each(['BOT_APP_ID', 'BOT_TENANT_ID', 'BOT_SERVICE_URL', 'TEAMS_CHANNEL_ID', 'TEAMS_TEAM_ID', 'SHAREPOINT_SITE_URL', 'GRAPH_SITE_ID', 'GRAPH_LIST_ID_VISIT_REPORTS', 'BOT_PUBLIC_URL', 'WEBHOOK_CLIENT_STATE'])(
    'names %s when it is missing in production',
    (name) => {
      const found = problems({ ...PRODUCTION, [name]: undefined });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(new RegExp(`^${name} is missing: .+\\(for example .+\\)\\.$`));
    }
  );

  it('reports every problem at once, with a message for each', () => {
    const found = problems({ BOT_MODE: 'production' });
    expect(found.length).toBeGreaterThanOrEqual(12);
    expect(found.join('\n')).toContain('BOT_APP_SECRET or BOT_CERT_FILE');
  });

  it('takes a certificate instead of a secret, and wants its thumbprint', () => {
    expect(problems({ ...PRODUCTION, BOT_APP_SECRET: undefined, BOT_CERT_FILE: '/etc/bot.pem' })).toEqual([
      expect.stringMatching(/^BOT_CERT_THUMBPRINT is missing/)
    ]);
    const config = loadConfig({ ...PRODUCTION, BOT_APP_SECRET: undefined, BOT_CERT_FILE: '/etc/bot.pem', BOT_CERT_THUMBPRINT: 'AB12' });
    expect(config.credentials.kind).toBe('certificate');
  });

  it('rejects malformed values with what was given', () => {
    const found = problems({ ...PRODUCTION, BOT_APP_ID: 'not-a-guid', BOT_PUBLIC_URL: 'http://insecure.example', DIGEST_WEEKDAY: 'someday', DIGEST_TIME: '25:00', RECONCILE_INTERVAL_SECONDS: '-5' });
    expect(found).toEqual([
      expect.stringContaining('RECONCILE_INTERVAL_SECONDS must be a positive number'),
      expect.stringContaining('DIGEST_WEEKDAY must be one of'),
      expect.stringContaining('DIGEST_TIME must be HH:MM'),
      expect.stringContaining('BOT_APP_ID must be a GUID'),
      expect.stringContaining('BOT_PUBLIC_URL must use https')
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
