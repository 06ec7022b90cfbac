/**
 * The sandbox's Graph `sendActivityNotification` answers as Graph does for the mistakes production
 * code could make (undeclared activity type, a missing template parameter, a topic link that is not
 * a Teams deep link, an unknown recipient, one without the app), and logs what it accepts; the
 * Notifications Sent list refuses a second record with the same key.
 */
import { NOTIFICATIONS_SENT } from '../../../src/data/listContract';
import { failureOf, graphClientForApp, PERSONAS, withSandbox } from '../../helpers/sandbox';

const HALE = '0b6f3c1e-0000-4000-8000-000000000001';
const LINK = 'https://teams.microsoft.com/l/entity/6d1e9b7a-3c2f-4f8e-b5a1-0c9d8e7f6a04/frontline-visits';

function body(extra: { [k: string]: unknown } = {}): { [k: string]: unknown } {
  return {
    topic: { source: 'text', value: 'Visit report: Consultation Team', webUrl: LINK },
    activityType: 'reportAnswered',
    previewText: { content: 'The Head of Service has responded.' },
    templateParameters: [{ name: 'team', value: 'Consultation Team' }],
    ...extra,
  };
}

describe('sandbox: Graph activity feed notifications', () => {
  const fixture = withSandbox({ seed: 'demo' });
  const send = (user: string, payload: unknown) => graphClientForApp(fixture.sandbox.url).api(`/users/${user}/teamwork/sendActivityNotification`).post(payload);

  it("accepts a well-formed notification (204) and logs it in the recipient's feed, as Teams would show it", async () => {
    await send(HALE, body());
    const feed = fixture.sandbox.store.activityNotifications(HALE);
    expect(feed).toHaveLength(1);
    expect(feed[0].body).toMatchObject({
      activityType: 'reportAnswered',
      text: 'Frontline Visits: the Head of Service answered your report on the visit to Consultation Team',
      recipientEmail: PERSONAS.hale,
    });
    // By user principal name too.
    await send(PERSONAS.hale, body());
    expect(fixture.sandbox.store.activityNotifications(HALE)).toHaveLength(2);
  });

  it.each([
    ['an activity type the manifest does not declare', body({ activityType: 'somethingElse' }), 400, /not declared/],
    ['a template parameter left out', body({ templateParameters: [] }), 400, /'team'/],
    [
      'a text topic whose link is not a Teams deep link',
      body({ topic: { source: 'text', value: 'x', webUrl: 'https://example.org/report' } }),
      400,
      /Teams deep link/,
    ],
    ['a text topic with no link', body({ topic: { source: 'text', value: 'x' } }), 400, /Teams deep link/],
    ['an unknown topic source', body({ topic: { source: 'url', value: LINK } }), 400, /entityUrl/],
    ['a preview that is not an itemBody', body({ previewText: 'hello' }), 400, /itemBody/],
    ['a property Graph does not know', body({ recipient: HALE }), 400, /recipient/],
    ['another Teams app id', body({ teamsAppId: '00000000-0000-4000-8000-000000000000' }), 404, /installed/],
  ])('refuses %s', async (_what, payload, status, message) => {
    const before = fixture.sandbox.store.activityNotifications().length;
    const failure = await failureOf(send(HALE, payload));
    expect(failure.statusCode).toBe(status);
    expect(failure.message).toMatch(message);
    expect(fixture.sandbox.store.activityNotifications()).toHaveLength(before);
  });

  it('answers 404 for someone not in the directory, and 403 to a caller without TeamsActivity.Send', async () => {
    expect((await failureOf(send('0b6f3c1e-0000-4000-8000-0000000009ff', body()))).statusCode).toBe(404);
    const asPerson = await fetch(`${fixture.sandbox.url}/v1.0/users/${HALE}/teamwork/sendActivityNotification`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Sandbox-User': PERSONAS.improvement },
      body: JSON.stringify(body()),
    });
    expect(asPerson.status).toBe(403);
  });

  it('refuses a second Notifications Sent record with the same key, whatever its case (Enforce unique values)', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const fields = {
      Title: 'x',
      NotificationKey: 'reportAnswered:report-1:2026:abc',
      NotificationKind: 'reportAnswered',
      RecipientObjectId: HALE,
      SendState: 'Sending',
    };
    await graph.api(`/sites/localhost:/sites/frontline-visits:/lists/${NOTIFICATIONS_SENT.urlName}/items`).post({ fields });
    const failure = await failureOf(
      graph
        .api(`/sites/localhost:/sites/frontline-visits:/lists/${NOTIFICATIONS_SENT.urlName}/items`)
        .post({ fields: { ...fields, NotificationKey: fields.NotificationKey.toUpperCase() } }),
    );
    expect(failure.statusCode).toBe(409);
    expect(failure.message).toMatch(/unique constraints already has the provided value/);
  });
});
