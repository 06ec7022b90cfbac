/**
 * A submitted report is closed by the list's own permissions, with or without the bot, and the
 * bot's server-side checks on pickup (docs/architecture.md §4: enforced where the data lives). The sandbox
 * runs with production's list settings only, so a councillor may add a report with any field set
 * — which the bot's review must catch.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { TAMPERED_NOTICE } from '../../../src/bot/pickupReview';
import { unescapeCardText } from '../../../src/cards';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { formToItemFields } from '../../../src/data/mappers';
import { buildForm } from '../../helpers/reportFixtures';
import { londonToday } from '../../../src/domain/calendarDate';
import { PERSONAS, sandboxAppToken, spForUser, withSandbox } from '../../helpers/sandbox';
import { ALL_REFUSED, tryToChangeReport } from '../../helpers/writeAttempts';
import {
  cardActionInvoke,
  cardTexts,
  CHANNEL_ID,
  firstTeam,
  MemoryLogger,
  OBJECT_IDS,
  patchReportFields,
  postActivity,
  reportItem,
  startTestBot,
  submitReport,
  withTestBot,
} from './botHarness';

const F = VISIT_REPORTS.fields;

describe('bot: a submitted report is closed from submission and checked when the bot picks it up', () => {
  const fixture = withSandbox({ seed: 'demo', submittedLockRule: false });
  const running = withTestBot(fixture);

  const items = (email: string) => spForUser(fixture.sandbox.siteUrl, email).web.lists.getByTitle(VISIT_REPORTS.title).items;

  async function restStatus(email: string, id: number): Promise<number> {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})?$select=Title`, {
      headers: { 'X-Sandbox-User': email, Accept: 'application/json;odata=nometadata' },
    });
    return response.status;
  }

  async function hasUniquePermissions(id: number): Promise<boolean> {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})/HasUniqueRoleAssignments`, {
      headers: { Authorization: `Bearer ${sandboxAppToken()}`, Accept: 'application/json;odata=nometadata' },
    });
    return ((await response.json()) as { value: boolean }).value;
  }

  function cardText(id: number): string {
    const cards = running.connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    return cardTexts(cards[0].activity.attachments![0].content).map(unescapeCardText).join('\n');
  }

  it('is closed to its author from the moment it is submitted, before and after pickup, through REST, $batch and Graph; every councillor reads it', async () => {
    const id = await submitReport(fixture.sandbox);
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.StaffInvolved]: 'Changed before the bot saw it' })).toEqual(ALL_REFUSED);

    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    // The demo's own submitted reports were picked up in the same sweep, none of them flagged.
    expect(running.connector.posted.length).toBeGreaterThan(1);
    expect(running.logger.warnings().filter((w) => /Report \d+/.test(w))).toEqual([]);
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.Title]: 'Changed after submission', [F.HosFeedback]: 'Self-answered' })).toEqual(
      ALL_REFUSED,
    );
    for (const reader of [PERSONAS.hale, PERSONAS.osei, PERSONAS.improvement, PERSONAS.headOfService, PERSONAS.clerk]) {
      expect({ reader, status: await restStatus(reader, id) }).toEqual({ reader, status: 200 });
    }
    expect(await hasUniquePermissions(id)).toBe(false);
    const item = await reportItem(fixture.sandbox, id);
    expect([item.fields[F.Title], item.fields[F.StaffInvolved], item.fields[F.HosFeedback]]).toEqual(['Visit report (test)', 'Team manager', undefined]);
  });

  it('picks up on the webhook path too, and retries SharePoint throttling the pickup meets', async () => {
    await running.bot.ensureWebhook();
    try {
      await fetch(`${fixture.sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ count: 1, status: 429, retryAfter: 0, pathContains: 'AuthorId,EditorId' }),
      });
      const id = await submitReport(fixture.sandbox);
      await running.connector.waitFor(() => running.connector.cardsFor(id).length > 0, 10000);
      await running.bot.sweep();
      expect(running.connector.cardsFor(id)).toHaveLength(1);
      expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.Title]: 'Changed after submission' })).toEqual(ALL_REFUSED);
      // The throttled call was met (and retried), not left waiting.
      const faults = (await (await fetch(`${fixture.sandbox.url}/_sandbox/faults`)).json()) as { pending: unknown[] };
      expect(faults.pending).toEqual([]);
    } finally {
      await running.bot.webhook.remove();
    }
  });

  it('still lets the Head of Service answer through the card, and the author then reads the answer', async () => {
    const id = await submitReport(fixture.sandbox);
    await running.bot.sweep();
    const activityId = running.connector.cardsFor(id)[0].activityId;
    const answer = 'Thank you; the agency cover ends in March.';
    const response = await postActivity(
      running.bot,
      cardActionInvoke({
        connectorUrl: running.connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: answer },
        replyToId: activityId,
      }),
    );
    expect(response.body.statusCode).toBe(200);
    const seenByAuthor = await items(PERSONAS.hale).getById(id).select(F.ReportStatus, F.HosFeedback)();
    expect([seenByAuthor[F.ReportStatus], seenByAuthor[F.HosFeedback]]).toEqual(['Responded', answer]);
    expect((await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.HosFeedback]: 'Rewritten by the author' })).restMerge).toBe(403);
  });

  it('treats a report whose author wrote the answer, the status, card ids or a backdated SubmittedOn as tampered: clears, logs and flags it', async () => {
    const me = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    const hos = await spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService).web.currentUser();
    const team = await firstTeam(fixture.sandbox);
    // Production's list settings let a councillor add an item with any field set: the answer included.
    const added = await items(PERSONAS.hale).add({
      ...formToItemFields(
        buildForm({
          title: 'Visit report (test)',
          teamId: team.id,
          visitDate: londonToday(),
          members: [{ id: me.Id, displayName: me.Title, email: PERSONAS.hale }],
          staffInvolved: 'Team manager',
          grid: { ...buildForm().grid, staffingWorries: 'A worry' },
          safetyScale: 6,
        }),
      ),
      [F.HosFeedback]: 'Nothing to worry about.',
      [`${F.HosFeedbackBy}Id`]: hos.Id,
      [F.HosFeedbackOn]: new Date().toISOString(),
      [F.ReportStatus]: 'Responded',
      [F.CardConversationId]: CHANNEL_ID,
      [F.CardActivityId]: 'no-such-card',
      [F.SubmittedOn]: '2020-01-06T09:00:00Z',
    });
    const id = (added as { Id?: number; data?: { Id: number } }).Id || (added as { data: { Id: number } }).data.Id;

    await running.bot.sweep();
    const text = cardText(id);
    expect(text).toContain(TAMPERED_NOTICE);
    expect(text).not.toContain('Nothing to worry about.');
    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.ReportStatus]).toBe('Submitted');
    expect([item.fields[F.HosFeedback], item.fields[`${F.HosFeedbackBy}LookupId`], item.fields[F.HosFeedbackOn]]).toEqual([undefined, undefined, undefined]);
    expect(item.fields[F.CardActivityId]).toBe(running.connector.cardsFor(id)[0].activityId);
    expect(Math.abs(Date.now() - Date.parse(String(item.fields[F.SubmittedOn])))).toBeLessThan(5 * 60000);
    expect(running.logger.warnings().filter((w) => w.includes(`Report ${id} was changed in a way the form does not allow`))).toHaveLength(1);
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.HosFeedback]: 'Again' })).toEqual(ALL_REFUSED);
  });

  it('posts an incomplete report (the browser checks bypassed) with a line saying what is missing', async () => {
    const me = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    const team = await firstTeam(fixture.sandbox);
    const added = await items(PERSONAS.hale).add({
      ...formToItemFields(
        buildForm({ title: 'Empty report', teamId: team.id, visitDate: londonToday(), members: [{ id: me.Id, displayName: me.Title, email: PERSONAS.hale }] }),
      ),
      [F.ReportStatus]: 'Submitted',
      [F.SubmittedOn]: new Date().toISOString(),
    });
    const id = (added as { Id?: number; data?: { Id: number } }).Id || (added as { data: { Id: number } }).data.Id;
    await running.bot.sweep();
    const text = cardText(id);
    expect(text).toMatch(/Incomplete: .*at least one box of the grid.*0 to 10/s);
    expect(text).not.toContain(TAMPERED_NOTICE);
    expect(JSON.stringify(running.connector.cardsFor(id)[0].activity).length).toBeLessThan(28 * 1024);
    // The Head of Service's own view (the refresh Teams shows them) says it too.
    const refreshed = await postActivity(
      running.bot,
      cardActionInvoke({ connectorUrl: running.connector.url, actorObjectId: OBJECT_IDS.headOfService, verb: 'refreshCard', data: { reportId: id } }),
    );
    expect(cardTexts(refreshed.body.value).map(unescapeCardText).join('\n')).toMatch(/Incomplete: .*at least one box of the grid/s);
  });

  it("is idempotent: a second sweep and a second bot post nothing more, and the item keeps its list's permissions", async () => {
    const id = await submitReport(fixture.sandbox);
    await running.bot.sweep();
    const again = await running.bot.sweep();
    expect(again.posted).not.toContain(id);
    const other = await startTestBot(fixture.sandbox, running.connector, new MemoryLogger());
    try {
      const fromOther = await other.sweep();
      expect(fromOther.posted).toEqual([]);
    } finally {
      await other.close();
    }
    expect(running.connector.cardsFor(id)).toHaveLength(1);
    expect(await hasUniquePermissions(id)).toBe(false);
    expect(running.logger.warnings().filter((w) => /Report \d+/.test(w))).toEqual([]);
  });

  it('trusts card ids the app wrote: no second card and no flag', async () => {
    const id = await submitReport(fixture.sandbox);
    // As the bot leaves it: card posted and recorded by the app.
    await patchReportFields(fixture.sandbox, id, { [F.CardConversationId]: CHANNEL_ID, [F.CardActivityId]: 'card-from-before' });
    await running.bot.sweep();
    expect(running.connector.cardsFor(id)).toHaveLength(0);
    expect((await reportItem(fixture.sandbox, id)).fields[F.CardActivityId]).toBe('card-from-before');
    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.Title]: 'Changed' })).toEqual(ALL_REFUSED);
    expect(running.logger.warnings().filter((w) => /Report \d+/.test(w))).toEqual([]);
  });
});
