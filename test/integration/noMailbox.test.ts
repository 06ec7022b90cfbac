/**
 * A member with no email (a co-opted member, a guest) on a report. SharePoint answers 500 to any
 * query projecting the emails of a multi-person column that holds them; none of the product's
 * queries may depend on it: My visits, the report screen, the card and the pack all still work.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/batching';
import { RunningBot } from '../../src/bot/server';
import { unescapeCardText } from '../../src/cards';
import { FrontlineDataService } from '../../src/data/FrontlineDataService';
import { VISIT_REPORTS } from '../../src/data/listContract';
import { addDays, londonToday } from '../../src/domain/calendarDate';
import { preparePack } from '../../src/report/preparePack';
import { cardTexts, MemoryLogger, startTestBot } from './bot/botHarness';
import { FakeConnector } from './bot/fakeConnector';
import { buildForm, gridWith } from '../helpers/reportFixtures';
import { failureOf, PERSONAS, spForUser, withSandbox } from '../helpers/sandbox';

const FENWICK = 'cllr.fenwick@northshire.example';

describe('a member with no email on a report', () => {
  const fixture = withSandbox({ seed: 'demo' });
  const today = londonToday();
  let reportId: number;

  beforeAll(async () => {
    // Hale reports a visit made with Cllr Fenwick, who has no mailbox, and submits it.
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const service = new FrontlineDataService(sp);
    const me = await sp.web.currentUser();
    const options = await service.getFormOptions();
    const fenwick = options.councillors.find((c) => c.displayName === 'Cllr Fenwick');
    expect(fenwick).toBeDefined();
    const form = buildForm({
      title: 'Visit with a co-opted member',
      teamId: options.teams[0].id,
      visitDate: addDays(today, -2),
      members: [{ id: me.Id, displayName: me.Title, email: PERSONAS.hale }, fenwick!],
      staffInvolved: 'Team manager',
      grid: gridWith({ staffingWorries: 'Agency cover on two posts.' }),
      safetyScale: 6,
    });
    const saved = await service.saveDraft(form, {});
    reportId = (await service.submit(form, saved)).reportId;
  });

  it('is a person SharePoint holds no email for, so projecting the members’ emails fails (500)', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const fenwick = await spForUser(fixture.sandbox.siteUrl, FENWICK).web.currentUser();
    expect(fenwick.LoginName).toBe(`i:0#.f|membership|${FENWICK}`);
    expect(fenwick.Email).toBe('');
    // looked up by login name, as a site owner's tools do: one user, the same one
    const byLogin = await sp.web.siteUsers.getByLoginName(fenwick.LoginName)();
    expect([byLogin.Id, byLogin.Email]).toEqual([fenwick.Id, '']);
    const failure = await failureOf(
      sp.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(reportId).select('Id', 'Members/Id', 'Members/EMail').expand('Members')(),
    );
    expect(failure.status).toBe(500);
    expect(failure.message).toContain('Cannot get value for projected field Members_x005f_EMail');
  });

  it('My visits and the report screen name every member', async () => {
    const service = new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    const start = await service.getStartPage(today);
    const report = start.reports.find((r) => r.id === reportId);
    expect(report && report.members.map((m) => m.displayName)).toEqual(['Cllr Hale', 'Cllr Fenwick']);
    const screen = await service.getReportScreen(reportId);
    expect(screen.report.members.map((m) => m.displayName)).toEqual(['Cllr Hale', 'Cllr Fenwick']);
    // Fenwick, a councillor too, reads the same start page.
    const theirs = await new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, FENWICK)).getStartPage(today);
    expect(theirs.upcomingRota.length + theirs.pastRota.length).toBeGreaterThan(0);
  });

  it('the committee pack lists the visit with both members', async () => {
    const model = await preparePack(spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk), { from: addDays(today, -10), to: today, today, teamIds: [] });
    expect(JSON.stringify(model)).toContain('Cllr Hale, Cllr Fenwick');
  });

  describe('the card in the channel', () => {
    let connector: FakeConnector;
    let bot: RunningBot | undefined;

    afterAll(async () => {
      await bot?.close();
      await connector?.close();
    });

    it('is posted and names both members', async () => {
      connector = await new FakeConnector().start();
      bot = await startTestBot(fixture.sandbox, connector, new MemoryLogger());
      await bot.sweep();
      const cards = connector.cardsFor(reportId);
      expect(cards).toHaveLength(1);
      const texts = cardTexts(cards[0].activity.attachments![0].content).map(unescapeCardText);
      expect(texts.some((t) => t.includes('Cllr Hale, Cllr Fenwick'))).toBe(true);
    });
  });
});
