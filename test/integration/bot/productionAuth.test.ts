/**
 * The bot in production mode checks every inbound activity's Bot Framework token: signature
 * against the published keys, issuer, audience (the bot's app id), service URL and expiry. This
 * suite publishes its own signing keys on loopback, points the SDK's cloud settings at them, and
 * proves a valid token is accepted and every kind of forgery is refused — the check that local
 * mode (unsigned, loopback only) switches off.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT, JWK } from 'jose';
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { BotConfig } from '../../../src/bot/config';
import { RunningBot, startBot } from '../../../src/bot/server';
import { MemoryLogger } from './botHarness';

const APP_ID = '5f0c6f1e-0000-4000-8000-0000000000b0';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const KID = 'frontline-test-key';

/** A loopback stand-in for login.botframework.com's OpenID metadata and keys. */
async function keyServer(jwk: JWK): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function message(serviceUrl = SERVICE_URL): { [k: string]: unknown } {
  return {
    type: 'message',
    id: `m-${Date.now()}`,
    text: 'hello',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone', aadObjectId: '0b6f3c1e-0000-4000-8000-000000000010', name: 'Someone' },
    recipient: { id: `28:${APP_ID}`, name: 'Frontline Visits' },
    conversation: { id: '19:improvement@thread.tacv2', conversationType: 'channel', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
  };
}

describe('the bot in production mode refuses activities without a valid Bot Framework token', () => {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: { url: string; close(): Promise<void> };
  let bot: RunningBot;
  let certDir: string;

  beforeAll(async () => {
    keys = await keyServer(await exportJWK(signing.publicKey));
    certDir = mkdtempSync(join(tmpdir(), 'frontline-cert-'));
    const certificateFile = join(certDir, 'bot.pem');
    writeFileSync(certificateFile, signing.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const config: BotConfig = {
      mode: 'production',
      port: 0,
      credentials: {
        kind: 'certificate',
        clientId: APP_ID,
        tenantId: '9a2b0000-0000-4000-8000-0000000000aa',
        certificateFile,
        certificateThumbprint: 'A'.repeat(64),
      },
      serviceUrl: SERVICE_URL,
      channelId: '19:improvement@thread.tacv2',
      graphBaseUrl: 'https://graph.microsoft.com',
      siteUrl: 'https://northshire.sharepoint.com/sites/frontline-visits',
      publicUrl: 'https://frontline-bot.example',
      webhookClientState: 'state',
      reportLink: { kind: 'page', pageUrl: 'https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx' },
      reconcileIntervalMs: 60_000,
      claimLeaseMs: 60_000,
      digest: { weekday: 'monday', time: '09:00', enabled: false },
    };
    bot = await startBot({
      config,
      port: 0,
      timers: false,
      sweepAtStart: false,
      logger: new MemoryLogger(),
      cloud: withOverrides(PUBLIC, { openIdMetadataUrl: `${keys.url}/v1/.well-known/openidconfiguration` }),
    });
  });

  afterAll(async () => {
    await bot?.close();
    await keys?.close();
    rmSync(certDir, { recursive: true, force: true });
  });

  async function token(claims: { [k: string]: unknown }, key: KeyObject = signing.privateKey, kid = KID, lifetimeSeconds = 3600): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: SERVICE_URL, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer((claims.iss as string) ?? ISSUER)
      .setAudience((claims.aud as string) ?? APP_ID)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(key);
  }

  async function send(authorization: string | undefined, activity = message()): Promise<number> {
    const headers: { [k: string]: string } = { 'Content-Type': 'application/json' };
    if (authorization !== undefined) {
      headers.Authorization = authorization;
    }
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
    await response.text();
    return response.status;
  }

  it('accepts an activity signed with the published key, for this bot, from the Bot Framework', async () => {
    expect(await send(`Bearer ${await token({})}`)).toBeLessThan(300);
  });

  it.each([
    ['no token', async (): Promise<string | undefined> => undefined],
    ['an empty bearer', async (): Promise<string | undefined> => 'Bearer '],
    [
      'an unsigned token',
      async (): Promise<string | undefined> => {
        const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: now + 3600 })}.`;
      },
    ],
    ["another bot's audience", async (): Promise<string | undefined> => `Bearer ${await token({ aud: '00000000-0000-4000-8000-00000000beef' })}`],
    ['a wrong issuer', async (): Promise<string | undefined> => `Bearer ${await token({ iss: 'https://evil.example' })}`],
    ['a signature from a key that is not published', async (): Promise<string | undefined> => `Bearer ${await token({}, stranger.privateKey)}`],
    ['an expired token', async (): Promise<string | undefined> => `Bearer ${await token({}, signing.privateKey, KID, -600)}`],
  ])('refuses %s with 401', async (_name, authorization) => {
    expect(await send(await authorization())).toBe(401);
  });

  it('refuses a valid token presented for a different service URL than the activity names', async () => {
    expect(await send(`Bearer ${await token({})}`, message('https://evil.example/connector/'))).toBe(401);
  });
});
