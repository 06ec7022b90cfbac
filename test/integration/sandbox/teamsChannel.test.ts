/**
 * The sandbox's Teams channel: its Bot Connector keeps what a bot posts, and Graph lists the
 * channel's messages as Graph does — resource-specific consent or 403, pages of at most 50 by
 * `@odata.nextLink`, a bot's message named by `from.application`, a card's content as a JSON string.
 */
import { graphClientForApp, PERSONAS, withSandbox } from '../../helpers/sandbox';
import { SANDBOX_TEAM } from '../../../src/sandbox/teamsChannel';

const CHANNEL = SANDBOX_TEAM.channels[0].id;
const APP_ID = 'frontline-visits-local-bot';

function botToken(appId: string = APP_ID): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `Bearer ${part({ alg: 'none' })}.${part({ appid: appId })}.local`;
}

describe('sandbox: the improvement channel (Bot Connector and Graph channel messages)', () => {
  const fixture = withSandbox({ seed: 'demo', workbench: false });
  const connector = (path: string): string => `${fixture.sandbox.url}/_connector${path}`;
  const messagesPath = `/teams/${SANDBOX_TEAM.groupId}/channels/${encodeURIComponent(CHANNEL)}/messages`;

  async function post(card: object, token = botToken()): Promise<Response> {
    return fetch(connector(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: token },
      body: JSON.stringify({
        type: 'message',
        summary: 'Visit report',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
    });
  }

  it('answers as the Bot Connector: a post gets an id, another bot may not replace it, no token is refused, the team names its group', async () => {
    const posted = await post({ type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.Execute', data: { reportId: 7 } }] });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    expect(id).toMatch(/^\d{13,}$/);

    const replaced = await fetch(connector(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities/${id}`), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: botToken('another-bot') },
      body: JSON.stringify({ type: 'message', text: 'not yours' }),
    });
    expect(replaced.status).toBe(403);
    expect((await post({}, '')).status).toBe(401);
    const elsewhere = await fetch(connector('/v3/conversations/19%3Aelsewhere%40thread.tacv2/activities'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: botToken() },
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    });
    expect(elsewhere.status).toBe(404);

    const team = await fetch(connector(`/v3/teams/${encodeURIComponent(SANDBOX_TEAM.threadId)}`), { headers: { Authorization: botToken() } });
    expect(await team.json()).toEqual({ id: SANDBOX_TEAM.threadId, name: SANDBOX_TEAM.displayName, aadGroupId: SANDBOX_TEAM.groupId });
  });

  it("lists the channel's posts through Graph in pages of at most 50, each card's content a JSON string naming the bot", async () => {
    for (let i = 0; i < 60; i++) {
      expect((await post({ type: 'AdaptiveCard', version: '1.5', refresh: { action: { data: { reportId: 1000 + i } } } })).status).toBe(201);
    }
    const graph = graphClientForApp(fixture.sandbox.url);
    const first = await graph.api(`${messagesPath}?$top=50`).get();
    expect(first.value).toHaveLength(50);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    const second = await graph.api(first['@odata.nextLink']).get();
    expect(second['@odata.nextLink']).toBeUndefined();
    const all = [...first.value, ...second.value];
    expect(all).toHaveLength(61);
    const message = all.filter((m: { attachments: Array<{ content: string }> }) => m.attachments[0].content.indexOf('1042') !== -1)[0];
    expect(message.from).toEqual({
      application: {
        '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
        id: APP_ID,
        displayName: 'Frontline Visits',
        applicationIdentityType: 'bot',
      },
      device: null,
      user: null,
    });
    expect(typeof message.attachments[0].content).toBe('string');
    expect(JSON.parse(message.attachments[0].content).refresh.action.data.reportId).toBe(1042);
    expect(message.body).toEqual({ contentType: 'html', content: `<attachment id="${message.attachments[0].id}"></attachment>` });
    // Default page 20; more than 50 or an unsupported option is refused.
    expect((await graph.api(messagesPath).get()).value).toHaveLength(20);
    await expect(graph.api(`${messagesPath}?$top=51`).get()).rejects.toMatchObject({ statusCode: 400 });
    await expect(graph.api(`${messagesPath}?$filter=id eq '1'`).get()).rejects.toMatchObject({ statusCode: 400 });
    await expect(graph.api(`/teams/00000000-0000-4000-8000-000000000999/channels/${encodeURIComponent(CHANNEL)}/messages`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('refuses without resource-specific consent: the app not installed in the team, the manifest not asking, or a person', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const teams = fixture.sandbox.teams;
    teams.appInstalled = false;
    try {
      await expect(graph.api(messagesPath).get()).rejects.toMatchObject({ statusCode: 403, message: expect.stringContaining('ChannelMessage.Read.Group') });
    } finally {
      teams.appInstalled = true;
    }
    const declared = teams.rscPermissions;
    teams.rscPermissions = [];
    try {
      await expect(graph.api(messagesPath).get()).rejects.toMatchObject({ statusCode: 403 });
    } finally {
      teams.rscPermissions = declared;
    }
    expect(declared).toEqual(['ChannelMessage.Read.Group']);
    const asPerson = await fetch(`${fixture.sandbox.url}/v1.0${messagesPath}`, { headers: { 'X-Sandbox-User': PERSONAS.improvement } });
    expect(asPerson.status).toBe(403);
    expect((await graph.api(messagesPath).get()).value.length).toBeGreaterThan(0);
  });
});
