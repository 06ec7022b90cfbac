/**
 * Who may answer on the card: members of the Heads of Service group only (directly, or through
 * an Entra security group — nested too — resolved through Graph), narrowed by a team's named
 * Head of Service and never widened by it. The improvement team can edit Frontline Teams and so
 * name anyone; naming itself or a councillor gives them nothing.
 */
import { RunningBot } from '../../../src/bot/server';
import { FRONTLINE_TEAMS, VISIT_REPORTS } from '../../../src/data/listContract';
import { ENTRA, entraDirectoryFile, VIA_ENTRA } from '../../helpers/entraDirectory';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { cardActionInvoke, cardTexts, firstTeam, MemoryLogger, OBJECT_IDS, postActivity, reportItem, startTestBot, submitReport } from './botHarness';
import { FakeConnector } from './fakeConnector';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';

const F = VISIT_REPORTS.fields;
const HOS_ID = `${FRONTLINE_TEAMS.fields.HeadOfService}Id`;
const OSEI_OBJECT_ID = '0b6f3c1e-0000-4000-8000-000000000002';

describe('bot: who may answer a report on the card', () => {
  const fixture = withSandbox({ seed: 'demo', directoryFile: entraDirectoryFile() });
  let connector: FakeConnector;
  let bot: RunningBot;
  let logger: MemoryLogger;
  let namedBefore: number | null;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    logger = new MemoryLogger();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    namedBefore = (await teamItem())[HOS_ID] as number | null;
  });

  afterEach(async () => {
    await nameForTeam(spForApp(fixture.sandbox.siteUrl), namedBefore);
    await bot.close();
    await connector.close();
  });

  async function teamItem(): Promise<{ [k: string]: unknown }> {
    const team = await firstTeam(fixture.sandbox);
    return spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(FRONTLINE_TEAMS.title).items.getById(team.id).select(HOS_ID)();
  }

  /** Sets the first team's named Head of Service (null: nobody) as `sp` would in SharePoint. */
  async function nameForTeam(sp: ReturnType<typeof spForApp>, siteUserId: number | null): Promise<void> {
    const team = await firstTeam(fixture.sandbox);
    await sp.web.lists.getByTitle(FRONTLINE_TEAMS.title).items.getById(team.id).update({ [HOS_ID]: siteUserId });
  }

  async function siteUserId(email: string): Promise<number> {
    return (await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(email)()).Id;
  }

  async function reportWithCard(): Promise<{ id: number; activityId: string }> {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const cards = connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    return { id, activityId: cards[0].activityId };
  }

  function answer(actorObjectId: string, id: number, activityId: string, text: string) {
    return postActivity(bot, cardActionInvoke({ connectorUrl: connector.url, actorObjectId, verb: 'submitFeedback', data: { reportId: id, feedback: text }, replyToId: activityId }));
  }

  async function expectStored(actorObjectId: string, email: string): Promise<void> {
    const { id, activityId } = await reportWithCard();
    const response = await answer(actorObjectId, id, activityId, `Answer from ${email}.`);
    expect(cardTexts(response.body.value).join('\n')).not.toContain('Nothing was saved.');
    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[F.ReportStatus]).toBe('Responded');
    expect(item.fields[F.HosFeedback]).toBe(`Answer from ${email}.`);
    expect(Number(item.fields[`${F.HosFeedbackBy}LookupId`])).toBe(await siteUserId(email));
  }

  async function expectRefused(actorObjectId: string): Promise<void> {
    const { id, activityId } = await reportWithCard();
    const before = await reportItem(fixture.sandbox, id);
    const response = await answer(actorObjectId, id, activityId, 'An answer that must not be stored.');
    expect(response.body.statusCode).toBe(200);
    expect(cardTexts(response.body.value).join('\n')).toContain('Nothing was saved.');
    const after = await reportItem(fixture.sandbox, id);
    expect(after.eTag).toBe(before.eTag);
    expect(after.fields[F.ReportStatus]).toBe('Submitted');
    expect(after.fields[F.HosFeedback]).toBeUndefined();
    expect(connector.updates).toHaveLength(0);
  }

  describe('for a team that names nobody: any member of the Heads of Service group', () => {
    beforeEach(() => nameForTeam(spForApp(fixture.sandbox.siteUrl), null));

    it('stores the answer of a Head of Service added to the group directly', () => expectStored(OBJECT_IDS.headOfService, PERSONAS.headOfService));

    it('stores the answer of a Head of Service in the Entra group held in the group', () => expectStored(VIA_ENTRA.headOfService.objectId, VIA_ENTRA.headOfService.email));

    it('stores the answer of a Head of Service in a group nested in that Entra group', () =>
      expectStored(VIA_ENTRA.nestedHeadOfService.objectId, VIA_ENTRA.nestedHeadOfService.email));

    it.each([
      ['the improvement team', OBJECT_IDS.improvement],
      ['the clerk', OBJECT_IDS.clerk],
      ['a councillor added directly', OBJECT_IDS.hale],
      ['a councillor in the councillors Entra group', VIA_ENTRA.councillor.objectId]
    ])('refuses %s', (_who, objectId) => expectRefused(objectId));

    it('refreshes the card for every Head of Service, the Entra group expanded to its people', async () => {
      const { id } = await reportWithCard();
      const card = connector.cardsFor(id)[0].activity.attachments![0].content as { refresh?: { userIds: string[] } };
      expect([...(card.refresh as { userIds: string[] }).userIds].sort()).toEqual(
        [OBJECT_IDS.headOfService, VIA_ENTRA.headOfService.objectId, VIA_ENTRA.nestedHeadOfService.objectId].map((oid) => `8:orgid:${oid}`).sort()
      );
      expect(JSON.stringify(card)).not.toContain(ENTRA.headsOfService.objectId);
    });
  });

  describe("a team's named Head of Service narrows who may answer, never widens it", () => {
    it('lets only the named Head of Service answer: another in the group is refused', async () => {
      await nameForTeam(spForApp(fixture.sandbox.siteUrl), await siteUserId(PERSONAS.headOfService));
      await expectRefused(VIA_ENTRA.headOfService.objectId);
      await expectStored(OBJECT_IDS.headOfService, PERSONAS.headOfService);
    });

    it('accepts a named Head of Service who is in the group through the Entra group', async () => {
      await nameForTeam(spForApp(fixture.sandbox.siteUrl), await siteUserId(VIA_ENTRA.headOfService.email));
      await expectRefused(OBJECT_IDS.headOfService);
      await expectStored(VIA_ENTRA.headOfService.objectId, VIA_ENTRA.headOfService.email);
    });

    it('the improvement team names itself as the Head of Service, then answers through the card: its answer is refused', async () => {
      const improvement = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement);
      const me = await improvement.web.currentUser();
      // It may edit Frontline Teams (it keeps them), so the write itself succeeds…
      await nameForTeam(improvement, me.Id);
      expect((await teamItem())[HOS_ID]).toBe(me.Id);
      // …but the name gives it nothing: it is not in the Heads of Service group, which it cannot change.
      await expectRefused(OBJECT_IDS.improvement);
      expect(logger.warnings().some((line) => line.includes(OBJECT_IDS.improvement) && line.includes('not in the Heads of Service group'))).toBe(true);
      expect((await failureOf(improvement.web.siteGroups.getByName('Heads of Service').users.add(me.LoginName))).status).toBe(403);
    });

    it('a councillor cannot name themselves, and named by the improvement team their answer is still refused', async () => {
      const osei = spForUser(fixture.sandbox.siteUrl, PERSONAS.osei);
      const oseiId = (await osei.web.currentUser()).Id;
      expect((await failureOf(nameForTeam(osei, oseiId))).status).toBe(403);
      await nameForTeam(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement), oseiId);
      await expectRefused(OSEI_OBJECT_ID);
    });

    it('a councillor in the Entra group, named by the improvement team, is refused too', async () => {
      await nameForTeam(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement), await siteUserId(VIA_ENTRA.councillor.email));
      await expectRefused(VIA_ENTRA.councillor.objectId);
    });

    it('refreshes the card only for the named Head of Service', async () => {
      await nameForTeam(spForApp(fixture.sandbox.siteUrl), await siteUserId(VIA_ENTRA.headOfService.email));
      const { id } = await reportWithCard();
      const card = connector.cardsFor(id)[0].activity.attachments![0].content as { refresh?: { userIds: string[] } };
      expect((card.refresh as { userIds: string[] }).userIds).toEqual([`8:orgid:${VIA_ENTRA.headOfService.objectId}`]);
    });
  });
});
