/**
 * The people who run the process, end to end in Chromium against the sandbox's workbench: the
 * improvement team's overview (its counts match the lists), a chase that reaches the councillors'
 * activity feed once (a second chase that day is not offered), the Head of Service's page (exactly
 * the demo's outstanding responses, each opening its report), and a councillor's year as an .ics
 * file parsed back with ical.js (one event per visit, London dates, the same UID after a move).
 * axe-core finds nothing at 1280 and 320 px, in SharePoint and in Teams light, dark and high contrast.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ICAL from 'ical.js';
import { Browser, BrowserContext, Page } from 'playwright-core';

import { RunningBot } from '../../src/bot/server';
import { RotaService } from '../../src/data/RotaService';
import { ResponsesService } from '../../src/data/ResponsesService';
import { VisitsOverviewService } from '../../src/data/VisitsOverviewService';
import { VISIT_REPORTS } from '../../src/data/listContract';
import { addDays, londonToday } from '../../src/domain/calendarDate';
import { municipalYearOf, municipalYearRange } from '../../src/domain/municipalYear';
import { buildVisitsOverview, filterVisitsOverview } from '../../src/domain/visitsOverview';
import { startSandbox } from '../../src/sandbox/server';
import { MemoryLogger, startTestBot } from '../integration/bot/botHarness';
import { FakeConnector } from '../integration/bot/fakeConnector';
import { PERSONAS, spForUser } from '../helpers/sandbox';
import { listItemsAs } from './support/api';
import { axeViolations, describeViolations, DESKTOP, launchChromium, PHONE, screenshot, Viewport, workbenchUrl } from './support/browser';
import { writeScreenshotIndex } from './support/screenshotIndex';

jest.setTimeout(240000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('visits overview, chasing, the Head of Service and calendar files in the workbench', () => {
  const today = londonToday();
  const year = municipalYearOf(today);
  const period = municipalYearRange(year);
  let dataDir: string;
  let downloads: string;
  let sandbox: Sandbox;
  let connector: FakeConnector;
  let bot: RunningBot;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;

  async function open(as: string, viewport: Viewport, heading: string, view: { host?: 'teams'; theme?: 'dark' | 'contrast' } = {}): Promise<void> {
    await context?.close();
    context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      // eslint-disable-next-line no-console
      console.error('page error:', error);
    });
    await page.goto(workbenchUrl(sandbox.url, { as, ...view }));
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function expectAccessible(name: string): Promise<void> {
    const violations = await axeViolations(page);
    await screenshot(page, name);
    expect(describeViolations(violations)).toBe('');
    // Nothing scrolls sideways, even at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-overview-'));
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-overview-downloads-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    connector = await new FakeConnector().start();
    bot = await startTestBot(sandbox, connector, new MemoryLogger());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await bot?.close();
    await connector?.close();
    await sandbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
    writeScreenshotIndex();
  });

  it('shows the improvement team every visit of the year with counts that match the lists, accessible in every host and theme', async () => {
    await open(PERSONAS.improvement, DESKTOP, 'Visits overview');
    await page.getByTestId('overview-row').first().waitFor();
    const data = await new VisitsOverviewService(spForUser(sandbox.siteUrl, PERSONAS.improvement)).getOverview(period, today);
    const expected = filterVisitsOverview(buildVisitsOverview(data.rota, data.reports, today, period), {}).counts;
    const shown = await page
      .getByTestId('state-count')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-state'), Number(li.getAttribute('data-count'))]));
    expect(shown).toEqual(expected.map((c) => [c.state, c.count]));
    expect(await page.getByTestId('overview-row').count()).toBe(expected.reduce((n, c) => n + c.count, 0));
    await expectAccessible('overview-1280');

    // Choosing a count shows just those visits.
    const overdue = expected.find((c) => c.state === 'formOverdue')!;
    await page.getByRole('button', { name: `Form overdue: ${overdue.count}` }).click();
    expect(await page.getByTestId('overview-row').count()).toBe(overdue.count);
    expect(await page.getByTestId('overview-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-state') === 'formOverdue'))).toBe(true);

    await open(PERSONAS.improvement, PHONE, 'Visits overview');
    await page.getByTestId('overview-row').first().waitFor();
    await expectAccessible('overview-320');
    for (const theme of [undefined, 'dark', 'contrast'] as const) {
      await open(PERSONAS.improvement, DESKTOP, 'Visits overview', { host: 'teams', theme });
      await page.getByTestId('overview-row').first().waitFor();
      await expectAccessible(`overview-teams-${theme || 'light'}-1280`);
    }
  });

  it('chases an overdue form: the councillors are told once, and no second chase is offered that day', async () => {
    await open(PERSONAS.improvement, DESKTOP, 'Visits overview');
    const row = page.locator('[data-testid="overview-row"][data-state="formOverdue"]').filter({ hasText: 'Cllr Osei' }).first();
    await row.waitFor();
    const key = (await row.getAttribute('data-key')) as string;
    await row.getByRole('button', { name: /^Remind the councillors?/ }).click();
    const again = page.locator(`[data-testid="overview-row"][data-key="${key}"]`).getByRole('button', { name: /Chased today/ });
    await again.waitFor();
    expect(await again.isDisabled()).toBe(true);
    expect(await page.locator(`[data-testid="overview-row"][data-key="${key}"]`).getByTestId('overview-chased').textContent()).toMatch(
      /^Reminder asked for today by Children’s Improvement Team/,
    );
    await expectAccessible('overview-chased-1280');

    const told = async (): Promise<Array<{ body: { previewText: string; activityType: string } }>> =>
      (
        (await (await fetch(`${sandbox.url}/_sandbox/notifications?user=${encodeURIComponent(PERSONAS.osei)}`)).json()) as Array<{
          body: { previewText: string; activityType: string };
        }>
      ).filter((n) => /asks for your visit report/.test(n.body.previewText));
    expect(await told()).toHaveLength(0);
    expect((await bot.sendChases(today)).sent).toBe(1);
    expect(await bot.sendChases(today)).toEqual({ sent: 0, nothingToChase: 0, failed: 0 });
    const notifications = await told();
    expect(notifications).toHaveLength(1);
    expect(notifications[0].body.activityType).toBe('reportOverdue');

    // Another officer, on another screen, is not offered a second chase that day either.
    await open(PERSONAS.improvement, DESKTOP, 'Visits overview');
    const row2 = page.locator(`[data-testid="overview-row"][data-key="${key}"]`);
    await row2.waitFor();
    expect(await row2.getByTestId('overview-chased').textContent()).toMatch(/^Reminded today by Children’s Improvement Team/);
    expect(await row2.getByRole('button', { name: /Chased today/ }).isDisabled()).toBe(true);
  });

  it('gives the Head of Service exactly the outstanding responses, oldest first, each opening its report', async () => {
    await open(PERSONAS.headOfService, DESKTOP, 'Responses to write');
    await page.getByTestId('owed-count').waitFor();
    const waiting = await listItemsAs(sandbox.siteUrl, PERSONAS.headOfService, `${VISIT_REPORTS.fields.ReportStatus} eq 'Submitted'`);
    const shown = await page.getByTestId('owed-response').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-report-id'))));
    expect(shown.slice().sort((a, b) => a - b)).toEqual(waiting.map((i) => i.Id).sort((a, b) => a - b));
    const data = await new ResponsesService(spForUser(sandbox.siteUrl, PERSONAS.headOfService)).getAwaitingResponse();
    expect(shown).toEqual(data.reports.map((r) => r.id));
    await expectAccessible('head-of-service-1280');
    await page
      .getByTestId('owed-response')
      .first()
      .getByRole('link', { name: /Open the report/ })
      .click();
    await page.waitForURL(new RegExp(`#/report/${shown[0]}$`));
    await open(PERSONAS.headOfService, PHONE, 'Responses to write');
    await page.getByTestId('owed-count').waitFor();
    await expectAccessible('head-of-service-320');
    for (const theme of ['dark', 'contrast'] as const) {
      await open(PERSONAS.headOfService, DESKTOP, 'Responses to write', { host: 'teams', theme });
      await page.getByTestId('owed-count').waitFor();
      await expectAccessible(`head-of-service-teams-${theme}-1280`);
    }
  });

  it("downloads a councillor's year as a calendar file: one event per visit on its London date, the same UID after a move", async () => {
    const eventsOf = (file: string) =>
      new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8'))).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const download = async (name: string): Promise<string> => {
      await open(PERSONAS.hale, DESKTOP, 'My visits');
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('add-year-to-calendar').click()]);
      const target = path.join(downloads, name);
      await file.saveAs(target);
      expect(file.suggestedFilename()).toBe(`frontline-visits-${year.replace('/', '-')}.ics`);
      return target;
    };
    await open(PERSONAS.hale, DESKTOP, 'My visits');
    await expectAccessible('my-visits-calendar-1280');
    const before = eventsOf(await download('before.ics'));
    const rota = await new RotaService(spForUser(sandbox.siteUrl, PERSONAS.improvement)).getRotaYear(year);
    const me = await spForUser(sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    const mine = rota.visits.filter((v) => v.members.some((m) => m.id === me.Id));
    expect(before.map((e) => e.uid).sort()).toEqual(mine.map((v) => `frontline-visit-${v.id}@${new URL(sandbox.siteUrl).host}`).sort());
    for (const visit of mine) {
      const event = before.find((e) => e.uid.indexOf(`frontline-visit-${visit.id}@`) === 0)!;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(visit.visitDate);
    }
    // The improvement team moves an upcoming visit; the new file updates the same event.
    const upcoming = mine.find((v) => v.visitDate > today && v.status === 'Scheduled')!;
    const newDate = addDays(upcoming.visitDate, 1);
    const [moved] = await new RotaService(spForUser(sandbox.siteUrl, PERSONAS.improvement)).applyChanges([
      { kind: 'move', id: upcoming.id, etag: upcoming.etag, visitDate: newDate },
    ]);
    expect(moved.ok).toBe(true);
    const after = eventsOf(await download('after.ics'));
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const uid = before.find((e) => e.uid.indexOf(`frontline-visit-${upcoming.id}@`) === 0)!.uid;
    const old = before.find((e) => e.uid === uid)!;
    const now = after.find((e) => e.uid === uid)!;
    expect([old.startDate.toString(), now.startDate.toString()]).toEqual([upcoming.visitDate, newDate]);
    expect(now.sequence).toBeGreaterThan(old.sequence);
  });
});
