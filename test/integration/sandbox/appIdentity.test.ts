/**
 * App identities as Entra ID issues them and SharePoint and Graph judge them: a token got with a
 * client secret is refused by SharePoint REST (its own 401) and accepted by Graph; Sites.Selected
 * is consented per API and granted per site with a role, and every role boundary is enforced on
 * REST, `$batch` and Graph; grants are managed through Graph's `/sites/{id}/permissions`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, BOT_APP_ID, grantId, SiteRole } from '../../../src/sandbox/appIdentity';
import { startSandbox } from '../../../src/sandbox/server';
import { VISIT_ROTA } from '../../../src/data/listContract';
import { PERSONAS, sandboxAppToken, withSandbox } from '../../helpers/sandbox';
import { mergeChangeset } from '../../helpers/writeAttempts';

const SITE = '/sites/frontline-visits';

describe('sandbox app identities and Sites.Selected', () => {
  const fixture = withSandbox({ seed: 'demo', today: '2026-06-15' });

  afterEach(() => {
    // Back to the demo's registration: certificate, both APIs consented, full control of the data site.
    fixture.sandbox.apps.configureBotApp({ credential: 'certificate', sitesSelected: ['graph', 'sharepoint'] });
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'fullcontrol');
  });

  type Answer = { status: number; text: string; headers: Headers };

  async function call(
    base: 'rest' | 'graph',
    method: string,
    path: string,
    options: { token?: string; user?: string; body?: string; headers?: { [k: string]: string } } = {},
  ): Promise<Answer> {
    const identity: { [k: string]: string } = options.user
      ? { 'X-Sandbox-User': options.user }
      : { Authorization: `Bearer ${options.token || sandboxAppToken()}` };
    const url = base === 'rest' ? `${fixture.sandbox.siteUrl}/_api/${path}` : `${fixture.sandbox.url}/v1.0/${path}`;
    const response = await fetch(url, {
      method,
      headers: { ...identity, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...(options.headers || {}) },
      body: options.body,
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  async function graphSiteId(): Promise<string> {
    return JSON.parse((await call('graph', 'GET', `sites/localhost:${SITE}`, { token: adminToken() })).text).id as string;
  }

  async function firstRotaId(): Promise<number> {
    const answer = await call('rest', 'GET', `web/lists/getbytitle('${VISIT_ROTA.title}')/items?$select=Id&$top=1`, { user: PERSONAS.improvement });
    return JSON.parse(answer.text).value[0].Id as number;
  }

  const rotaItem = (id: number): string => `web/lists/getbytitle('${VISIT_ROTA.title}')/items(${id})`;

  /** One request of each kind the bot makes, as the bot's app; the HTTP status of each. */
  async function whatTheAppMayDo(): Promise<{ [what: string]: number }> {
    const rota = await firstRotaId();
    const site = await graphSiteId();
    const batch = mergeChangeset(fixture.sandbox.siteUrl, rotaItem(rota), JSON.stringify({ NotHeldReason: 'Changed in a batch' }));
    const batched = await call('rest', 'POST', '$batch', { body: batch, headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' } });
    const batchPart = batched.status === 200 ? Number((/HTTP\/1\.1 (\d{3})/.exec(batched.text) || [])[1]) : batched.status;
    return {
      restRead: (await call('rest', 'GET', `${rotaItem(rota)}?$select=Title`)).status,
      restWrite: (
        await call('rest', 'POST', rotaItem(rota), {
          body: JSON.stringify({ NotHeldReason: 'Changed' }),
          headers: { 'X-HTTP-Method': 'MERGE', 'If-Match': '*' },
        })
      ).status,
      batchPart,
      // Item permissions on a rota entry: the report lists enforce unique values, so no item there may have its own.
      readRoleAssignments: (await call('rest', 'GET', `${rotaItem(rota)}/roleassignments`)).status,
      breakRoleInheritance: (await call('rest', 'POST', `${rotaItem(rota)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status,
      graphRead: (await call('graph', 'GET', `sites/${site}/lists/${VISIT_ROTA.urlName}/items/${rota}?expand=fields`)).status,
      graphWrite: (
        await call('graph', 'PATCH', `sites/${site}/lists/${VISIT_ROTA.urlName}/items/${rota}/fields`, {
          body: JSON.stringify({ NotHeldReason: 'Changed through Graph' }),
        })
      ).status,
    };
  }

  it("refuses a token got with a client secret on SharePoint REST with SharePoint's own 401, and Graph accepts it", async () => {
    fixture.sandbox.apps.configureBotApp({ credential: 'secret' });
    for (const [method, path] of [
      ['GET', 'web'],
      ['POST', 'contextinfo'],
      ['POST', '$batch'],
    ]) {
      const refused = await call('rest', method, path, { headers: { Accept: 'application/json;odata=verbose' } });
      expect({ path, status: refused.status, body: refused.text }).toEqual({ path, status: 401, body: '{"error_description":"Unsupported app only token."}' });
      expect(refused.headers.get('x-ms-diagnostics')).toBe('3001000;reason="There has been an error authenticating the request.";category="invalid_client"');
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="[0-9a-f-]{36}",client_id="00000003-0000-0ff1-ce00-000000000000"/);
      expect(refused.headers.get('sprequestguid')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const site = await graphSiteId();
    const rota = await firstRotaId();
    expect((await call('graph', 'GET', `sites/${site}/lists/${VISIT_ROTA.urlName}/items?expand=fields&$top=1`)).status).toBe(200);
    expect(
      (
        await call('graph', 'PATCH', `sites/${site}/lists/${VISIT_ROTA.urlName}/items/${rota}/fields`, {
          body: JSON.stringify({ NotHeldReason: 'Written with a secret' }),
        })
      ).status,
    ).toBe(200);
    // The same app with a certificate is served by SharePoint.
    fixture.sandbox.apps.configureBotApp({ credential: 'certificate' });
    expect((await call('rest', 'GET', 'web')).status).toBe(200);
  });

  it('enforces each Sites.Selected role: none < read < write < manage < fullcontrol, on REST, $batch and Graph', async () => {
    const seen: { [role: string]: { [what: string]: number } } = {};
    for (const role of ['none', 'read', 'write', 'manage', 'fullcontrol'] as Array<SiteRole | 'none'>) {
      if (role === 'none') {
        fixture.sandbox.apps.revoke(SITE, grantId(BOT_APP_ID));
      } else {
        fixture.sandbox.apps.grant(SITE, BOT_APP_ID, role);
      }
      seen[role] = await whatTheAppMayDo();
    }
    expect(seen).toEqual({
      none: { restRead: 403, restWrite: 403, batchPart: 403, readRoleAssignments: 403, breakRoleInheritance: 403, graphRead: 403, graphWrite: 403 },
      read: { restRead: 200, restWrite: 403, batchPart: 403, readRoleAssignments: 403, breakRoleInheritance: 403, graphRead: 200, graphWrite: 403 },
      write: { restRead: 200, restWrite: 204, batchPart: 204, readRoleAssignments: 403, breakRoleInheritance: 403, graphRead: 200, graphWrite: 200 },
      manage: { restRead: 200, restWrite: 204, batchPart: 204, readRoleAssignments: 403, breakRoleInheritance: 403, graphRead: 200, graphWrite: 200 },
      fullcontrol: { restRead: 200, restWrite: 204, batchPart: 204, readRoleAssignments: 200, breakRoleInheritance: 200, graphRead: 200, graphWrite: 200 },
    });
  });

  it("reports the app's rights through web/effectivebasepermissions as SharePoint's permission levels do (Read, Contribute, Design, Full Control)", async () => {
    const masks: { [role: string]: unknown } = {};
    for (const role of ['read', 'write', 'manage', 'fullcontrol'] as SiteRole[]) {
      fixture.sandbox.apps.grant(SITE, BOT_APP_ID, role);
      masks[role] = JSON.parse((await call('rest', 'GET', 'web/effectivebasepermissions')).text);
    }
    expect(masks).toEqual({
      read: { High: '176', Low: '138612833' },
      write: { High: '432', Low: '1011028719' },
      manage: { High: '432', Low: '1012866047' },
      fullcontrol: { High: '2147483647', Low: '4294967295' },
    });
    fixture.sandbox.apps.revoke(SITE, grantId(BOT_APP_ID));
    expect((await call('rest', 'GET', 'web/effectivebasepermissions')).status).toBe(403);
  });

  it("answers a refused app as SharePoint and Graph do: SharePoint's access denied, Graph's accessDenied", async () => {
    fixture.sandbox.apps.grant(SITE, BOT_APP_ID, 'read');
    const rest = await call('rest', 'POST', rotaItem(await firstRotaId()), { body: '{}', headers: { 'X-HTTP-Method': 'MERGE', 'If-Match': '*' } });
    expect(rest.status).toBe(403);
    expect(JSON.parse(rest.text)).toEqual({
      'odata.error': {
        code: '-2147024891, System.UnauthorizedAccessException',
        message: { lang: 'en-US', value: 'Access denied. You do not have permission to perform this action or access this resource.' },
      },
    });
    const graph = await call('graph', 'PATCH', `sites/${await graphSiteId()}/lists/${VISIT_ROTA.urlName}/items/${await firstRotaId()}/fields`, { body: '{}' });
    expect(graph.status).toBe(403);
    expect(JSON.parse(graph.text).error).toMatchObject({ code: 'accessDenied', message: 'Access denied' });
  });

  it('needs Sites.Selected consented for the API the call goes through: Graph only means no SharePoint REST, whatever the site grants', async () => {
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['graph'] });
    expect(await whatTheAppMayDo()).toEqual({
      restRead: 403,
      restWrite: 403,
      batchPart: 403,
      readRoleAssignments: 403,
      breakRoleInheritance: 403,
      graphRead: 200,
      graphWrite: 200,
    });
    fixture.sandbox.apps.configureBotApp({ sitesSelected: ['sharepoint'] });
    const rest = await whatTheAppMayDo();
    expect([rest.restRead, rest.breakRoleInheritance, rest.graphRead, rest.graphWrite]).toEqual([200, 200, 403, 403]);
    // Graph endpoints other than sites are not Sites.Selected's: the directory still answers.
    fixture.sandbox.apps.configureBotApp({ sitesSelected: [] });
    expect((await call('graph', 'GET', `users/0b6f3c1e-0000-4000-8000-000000000020`)).status).toBe(200);
    expect((await call('graph', 'GET', `sites/${await graphSiteId()}`)).status).toBe(403);
  });

  it('manages grants through Graph /sites/{id}/permissions (POST, GET, PATCH, DELETE) as an app with Sites.FullControl.All only', async () => {
    const site = await graphSiteId();
    const admin = { token: adminToken() };
    const listed = JSON.parse((await call('graph', 'GET', `sites/${site}/permissions`, admin)).text);
    expect(listed.value).toEqual([
      expect.objectContaining({
        id: grantId(BOT_APP_ID),
        roles: ['fullcontrol'],
        grantedToIdentitiesV2: [{ application: { id: BOT_APP_ID, displayName: 'Frontline Visits (app)' } }],
      }),
    ]);

    expect(
      (await call('graph', 'PATCH', `sites/${site}/permissions/${grantId(BOT_APP_ID)}`, { ...admin, body: JSON.stringify({ roles: ['write'] }) })).status,
    ).toBe(200);
    expect((await whatTheAppMayDo()).breakRoleInheritance).toBe(403);
    const one = JSON.parse((await call('graph', 'GET', `sites/${site}/permissions/${grantId(BOT_APP_ID)}`, admin)).text);
    expect(one.roles).toEqual(['write']);

    expect((await call('graph', 'DELETE', `sites/${site}/permissions/${grantId(BOT_APP_ID)}`, admin)).status).toBe(204);
    expect((await whatTheAppMayDo()).restRead).toBe(403);
    expect(JSON.parse((await call('graph', 'GET', `sites/${site}/permissions`, admin)).text).value).toEqual([]);

    // The documented request, by the site's path as well as its id.
    const created = await call('graph', 'POST', `sites/localhost:${SITE}:/permissions`, {
      ...admin,
      body: JSON.stringify({ roles: ['fullcontrol'], grantedToIdentities: [{ application: { id: BOT_APP_ID, displayName: 'Frontline Visits bot' } }] }),
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ id: grantId(BOT_APP_ID), roles: ['fullcontrol'] });
    expect((await whatTheAppMayDo()).breakRoleInheritance).toBe(200);

    // Refused: a bad role, an unknown app, the bot itself (Sites.Selected, even with full control), a person.
    expect(
      (
        await call('graph', 'POST', `sites/${site}/permissions`, {
          ...admin,
          body: JSON.stringify({ roles: ['owner'], grantedToIdentities: [{ application: { id: BOT_APP_ID } }] }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('graph', 'POST', `sites/${site}/permissions`, {
          ...admin,
          body: JSON.stringify({ roles: ['read'], grantedToIdentities: [{ application: { id: '00000000-0000-4000-8000-000000000000' } }] }),
        })
      ).status,
    ).toBe(400);
    expect((await call('graph', 'GET', `sites/${site}/permissions`)).status).toBe(403);
    expect(
      (await call('graph', 'PATCH', `sites/${site}/permissions/${grantId(BOT_APP_ID)}`, { body: JSON.stringify({ roles: ['fullcontrol'] }) })).status,
    ).toBe(403);
    expect((await call('graph', 'GET', `sites/${site}/permissions`, { user: PERSONAS.improvement })).status).toBe(403);
    expect((await call('graph', 'GET', `sites/${site}/permissions/no-such-grant`, admin)).status).toBe(404);
  });

  it('keeps grants made through Graph across a restart; startSandbox({ botApp: { siteRoles } }) replaces them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontline-grants-'));
    try {
      const first = await startSandbox({ port: 0, dataDir, seed: 'empty', workbench: false });
      first.apps.grant(SITE, BOT_APP_ID, 'read');
      await first.close();
      const second = await startSandbox({ port: 0, dataDir, seed: 'empty', workbench: false });
      expect(second.apps.grants(SITE).map((g) => g.role)).toEqual(['read']);
      await second.close();
      const third = await startSandbox({ port: 0, dataDir, seed: 'empty', workbench: false, botApp: { siteRoles: { [SITE]: 'write' } } });
      expect(third.apps.grants(SITE).map((g) => g.role)).toEqual(['write']);
      await third.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
