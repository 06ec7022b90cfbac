/**
 * Themes end to end: Chromium against the sandbox's workbench. The improvement team opens a
 * submitted report, sees the themes its words suggest, changes one and confirms; the clerk's pack
 * then counts the changed theme, on screen and in the Word document. The themes screen and the
 * pack with its chart are axe-clean at 1280 and 320 px in the light, dark and high contrast themes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';

import { startSandbox } from '../../src/sandbox/server';
import { londonToday } from '../../src/domain/calendarDate';
import { REPORT_THEMES, VISIT_REPORTS, VISIT_THEMES } from '../../src/data/listContract';
import { defaultPackPeriod } from '../../src/report/packPeriod';
import { visitDateFilter } from '../../src/report/packData';
import { preparePack } from '../../src/report/preparePack';
import { axeViolations, describeViolations, DESKTOP, launchChromium, PHONE, screenshot, Viewport, workbenchUrl } from './support/browser';
import { fetchAs, listItemsAs } from './support/api';
import { spForUser } from '../helpers/sandbox';

jest.setTimeout(300000);

const IMPROVEMENT = 'improvement@northshire.example';
const CLERK = 'clerk@northshire.example';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('themes across visits in the workbench', () => {
  const today = londonToday();
  const period = defaultPackPeriod(today);
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let reportId: number;
  let themeIds: { [title: string]: number };

  async function open(as: string, viewport: Viewport, hash: string, theme?: 'dark' | 'contrast'): Promise<void> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'en-GB', timezoneId: 'Europe/London' });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      // eslint-disable-next-line no-console
      console.error('page error:', error);
    });
    await page.goto(workbenchUrl(sandbox.url, theme ? { as, host: 'teams', theme, hash } : { as, hash }));
  }

  async function expectAccessible(name: string): Promise<void> {
    const violations = await axeViolations(page);
    await screenshot(page, name);
    expect(describeViolations(violations)).toBe('');
  }

  const themesPanel = (): ReturnType<Page['getByTestId']> => page.getByTestId('report-themes');

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-themes-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    browser = await launchChromium();
    const themes = await listItemsAs(sandbox.siteUrl, IMPROVEMENT, 'IsActive eq 1', VISIT_THEMES.title);
    themeIds = {};
    themes.forEach((t) => (themeIds[String(t.Title)] = t.Id));
    // A submitted report in the clerk's default period whose themes no one has confirmed yet.
    const reports = await listItemsAs(sandbox.siteUrl, IMPROVEMENT, visitDateFilter(period));
    const confirmed = await listItemsAs(sandbox.siteUrl, IMPROVEMENT, visitDateFilter(period), REPORT_THEMES.title);
    const candidates = reports.filter(
      (r) => r[VISIT_REPORTS.fields.ReportStatus] === 'Submitted' && !confirmed.some((c) => c[REPORT_THEMES.fields.ReportId] === r.Id) && r.StaffingWorries,
    );
    expect(candidates.length).toBeGreaterThan(0);
    reportId = candidates[0].Id;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sandbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('suggests themes from the report’s words; the improvement team changes one and the pack counts it', async () => {
    const before = await preparePack(spForUser(sandbox.siteUrl, CLERK), { ...period, today, teamIds: [] });
    const countOf = (model: typeof before, theme: string): number => (model.themes!.counts.rows.find((r) => r.theme === theme) || { count: 0 }).count;
    const courtsBefore = countOf(before, 'Courts');

    await open(IMPROVEMENT, DESKTOP, `#/report/${reportId}`);
    await themesPanel().getByRole('heading', { name: 'Themes' }).waitFor();
    await page.getByTestId('themes-status').filter({ hasText: 'not yet confirmed' }).waitFor();
    const staffing = page.getByTestId('themes-staffing');
    // The demo's staffing text speaks of vacancies covered by agency staff, or of complex cases.
    const suggested = await staffing.getByRole('checkbox', { checked: true }).count();
    expect(suggested).toBeGreaterThan(0);
    expect(await staffing.textContent()).toMatch(/Suggested: .+ \(from “/);
    await expectAccessible('themes-report-1280');

    // Nothing in the report suggests courts: the improvement team adds it under Other.
    const other = page.getByTestId('themes-other');
    const courts = other.getByRole('checkbox', { name: 'Courts' });
    expect(await courts.isChecked()).toBe(false);
    // The label's own text, without the check mark icon's glyph.
    await other
      .locator('label')
      .filter({ has: page.locator('.ms-Checkbox-text', { hasText: /^Courts$/ }) })
      .click();
    expect(await courts.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Confirm themes' }).click();
    await page.getByText('Themes confirmed. The committee pack now counts them.').waitFor();
    await page.getByTestId('themes-status').filter({ hasText: 'Confirmed by' }).waitFor();

    // What the list holds now: the report's themes, Courts among Other's.
    const records = await listItemsAs(sandbox.siteUrl, IMPROVEMENT, `${REPORT_THEMES.fields.ReportId} eq ${reportId}`, REPORT_THEMES.title);
    expect(records).toHaveLength(1);
    expect(String(records[0][REPORT_THEMES.fields.OtherThemes]).split(';').map(Number)).toContain(themeIds.Courts);

    // The pack counts it, from the command line's code and on the clerk's screen.
    const after = await preparePack(spForUser(sandbox.siteUrl, CLERK), { ...period, today, teamIds: [] });
    expect(countOf(after, 'Courts')).toBe(courtsBefore + 1);
    await open(CLERK, DESKTOP, '');
    await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor();
    const table = page.getByRole('table', { name: /^Themes raised/ });
    const courtsRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Courts', exact: true }) });
    expect(await courtsRow.count()).toBe(1);
    const cells = await courtsRow.getByRole('cell').allTextContents();
    // The "All teams" column: third from the end.
    expect(cells[cells.length - 3]).toBe(String(courtsBefore + 1));
    const chart = page.getByTestId('scale-chart').getByRole('img');
    expect(await chart.getAttribute('alt')).toMatch(/^Line chart of the average safety scale/);
    await expectAccessible('themes-pack-1280');
  });

  it('keeps the report’s confirmed themes, and councillors cannot read or write them', async () => {
    await open(IMPROVEMENT, DESKTOP, `#/report/${reportId}`);
    await page.getByTestId('themes-status').filter({ hasText: 'Confirmed by' }).waitFor();
    expect(await page.getByTestId('themes-other').getByRole('checkbox', { name: 'Courts' }).isChecked()).toBe(true);
    const councillor = 'cllr.hale@northshire.example';
    const seen = await listItemsAs(sandbox.siteUrl, councillor, `${REPORT_THEMES.fields.ReportId} eq ${reportId}`, REPORT_THEMES.title).catch(() => []);
    expect(seen).toEqual([]);
    const write = await fetchAs(`${sandbox.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(REPORT_THEMES.title)}')/items`, councillor, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;odata=nometadata' },
      body: JSON.stringify({ Title: 'Report 1', ReportId: 999999, OtherThemes: String(themeIds.Courts) }),
    });
    expect(write.ok).toBe(false);
  });

  it('is axe-clean at 1280 and 320 px in the light, dark and high contrast themes', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      for (const theme of [undefined, 'dark', 'contrast'] as const) {
        const name = `${viewport.name}${theme ? `-${theme}` : ''}`;
        await open(IMPROVEMENT, viewport, `#/report/${reportId}`, theme);
        await page.getByTestId('themes-status').waitFor();
        if (viewport === PHONE) {
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
        }
        await expectAccessible(`themes-report-${name}`);
        if (viewport === DESKTOP && theme) {
          // The clerk's journey checks its screen in these; the pack's chart and themes are checked here at 320 px.
          continue;
        }
        await open(CLERK, viewport, '', theme);
        await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor();
        await page.getByTestId('scale-chart').waitFor();
        await expectAccessible(`themes-pack-${name}`);
      }
    }
  });
});
