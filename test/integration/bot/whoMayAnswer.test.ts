/**
 * Who may answer on the card: members of the Heads of Service group only (directly, or through
 * an Entra security group — nested too — resolved through Graph), narrowed by a team's named
 * Head of Service and never widened by it. The improvement team can edit Frontline Teams and so
 * name anyone; naming itself or a councillor gives them nothing.
 */
import { RunningBot } from '../../../src/bot/server';
import { unescapeCardText } from '../../../src/cards';
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
    await sp.web.lists
      .getByTitle(FRONTLINE_TEAMS.title)
      .items.getById(team.id)
      .update({ [HOS_ID]: siteUserId });
  }

  async function siteUserId(email: string): Promise<number> {
    return (await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(email)()).Id;
  }

  const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  /** The digest's lines about teams nobody can answer for. */
  async function unanswerableLines(): Promise<string[]> {
    const digestId = await bot.postDigest();
    const card = connector.posted.filter((p) => p.activityId === digestId)[0].activity.attachments![0].content;
    return cardTexts(card)
      .map(unescapeCardText)
      .filter((t) => / as its Head of Service, /.test(t));
  }

  async function reportWithCard(): Promise<{ id: number; activityId: string }> {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const cards = connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    return { id, activityId: cards[0].activityId };
  }

  function answer(actorObjectId: string, id: number, activityId: string, text: string) {
    return postActivity(
      bot,
      cardActionInvoke({ connectorUrl: connector.url, actorObjectId, verb: 'submitFeedback', data: { reportId: id, feedback: text }, replyToId: activityId }),
    );
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

    it('stores the answer of a Head of Service in the Entra group held in the group', () =>
      expectStored(VIA_ENTRA.headOfService.objectId, VIA_ENTRA.headOfService.email));

    it('stores the answer of a Head of Service in a group nested in that Entra group', () =>
      expectStored(VIA_ENTRA.nestedHeadOfService.objectId, VIA_ENTRA.nestedHeadOfService.email));

    it.each([
      ['the improvement team', OBJECT_IDS.improvement],
      ['the clerk', OBJECT_IDS.clerk],
      ['a councillor added directly', OBJECT_IDS.hale],
      ['a councillor in the councillors Entra group', VIA_ENTRA.councillor.objectId],
    ])('refuses %s', (_who, objectId) => expectRefused(objectId));

    it('refreshes the card for every Head of Service, the Entra group expanded to its people', async () => {
      const { id } = await reportWithCard();
      const card = connector.cardsFor(id)[0].activity.attachments![0].content as { refresh?: { userIds: string[] } };
      expect([...(card.refresh as { userIds: string[] }).userIds].sort()).toEqual(
        [OBJECT_IDS.headOfService, VIA_ENTRA.headOfService.objectId, VIA_ENTRA.nestedHeadOfService.objectId].map((oid) => `8:orgid:${oid}`).sort(),
      );
      // The @mentions name people too: Teams cannot mention an Entra security group.
      const mentioned = ((card as { msteams?: { entities?: Array<{ mentioned: { id: string } }> } }).msteams?.entities || []).map((e) => e.mentioned.id).sort();
      expect(mentioned).toEqual([OBJECT_IDS.headOfService, VIA_ENTRA.headOfService.objectId, VIA_ENTRA.nestedHeadOfService.objectId].sort());
      expect(JSON.stringify(card)).not.toContain(ENTRA.headsOfService.objectId);
    });
  });

  it('counts a councillor in the councillors Entra group as a councillor when it checks a report on pickup', async () => {
    const id = await submitReport(fixture.sandbox, {}, VIA_ENTRA.councillor.email);
    await bot.sweep();
    const card = connector.cardsFor(id)[0].activity.attachments![0].content;
    const text = cardTexts(card).map(unescapeCardText).join('\n');
    expect(text).toContain(VIA_ENTRA.councillor.displayName);
    expect(text).not.toContain('are not councillors');
    expect((await reportItem(fixture.sandbox, id)).fields[F.ServerCheck] || '').not.toContain('not councillors');
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
      // The digest tells the improvement team that the name has left the team with nobody to answer.
      const team = await firstTeam(fixture.sandbox);
      expect(await unanswerableLines()).toEqual([
        expect.stringMatching(
          new RegExp(`^${escapeRegExp(team.title)} names Children.s Improvement Team as its Head of Service, who is not in the Heads of Service group`),
        ),
      ]);
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
      // A named Head of Service who can answer is not reported in the digest.
      expect(await unanswerableLines()).toEqual([]);
    });
  });
});

describe('bot: Entra groups when Graph will not resolve them (directory permissions not consented)', () => {
  const fixture = withSandbox({ seed: 'demo', directoryFile: entraDirectoryFile(), botApp: { directoryRead: false } });
  let connector: FakeConnector;
  let bot: RunningBot;
  let logger: MemoryLogger;

  beforeAll(async () => {
    const team = await firstTeam(fixture.sandbox);
    await spForApp(fixture.sandbox.siteUrl)
      .web.lists.getByTitle(FRONTLINE_TEAMS.title)
      .items.getById(team.id)
      .update({ [HOS_ID]: null });
  });

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    logger = new MemoryLogger();
    bot = await startTestBot(fixture.sandbox, connector, logger);
  });

  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  it('still posts the card, refreshing it for the Heads of Service added directly, and says what permission is missing', async () => {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const cards = connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    const card = cards[0].activity.attachments![0].content as { refresh?: { userIds: string[] } };
    expect((card.refresh as { userIds: string[] }).userIds).toEqual([`8:orgid:${OBJECT_IDS.headOfService}`]);
    expect(logger.warnings().some((line) => line.includes(ENTRA.headsOfService.objectId) && line.includes('GroupMember.Read.All'))).toBe(true);
  });

  it('tells a Head of Service in the Entra group that their membership could not be checked, stores nothing, and logs the fix', async () => {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const activityId = connector.cardsFor(id)[0].activityId;
    const before = await reportItem(fixture.sandbox, id);
    const response = await postActivity(
      bot,
      cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: VIA_ENTRA.headOfService.objectId,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: 'Kept out for now.' },
        replyToId: activityId,
      }),
    );
    expect(response.body).toEqual(expect.objectContaining({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' }));
    expect(String(response.body.value)).toContain('could not check just now that you are in the Heads of Service group, so nothing was saved');
    expect((await reportItem(fixture.sandbox, id)).eTag).toBe(before.eTag);
    expect(logger.lines.some((l) => l.level === 'error' && l.text.includes('User.Read.All and GroupMember.Read.All'))).toBe(true);
  });

  it('tells a Head of Service in the Entra group who presses "Respond as Head of Service" the same, not that they may not answer', async () => {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const response = await postActivity(
      bot,
      cardActionInvoke({ connectorUrl: connector.url, actorObjectId: VIA_ENTRA.headOfService.objectId, verb: 'refreshCard', data: { reportId: id } }),
    );
    expect(String(response.body.value)).toContain('could not check just now that you are in the Heads of Service group');
  });

  it('lets a Head of Service added to the group directly answer as before', async () => {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    const activityId = connector.cardsFor(id)[0].activityId;
    await postActivity(
      bot,
      cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: 'Answered directly.' },
        replyToId: activityId,
      }),
    );
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBe('Answered directly.');
  });
});
