/**
 * The committee clerk's journey end to end: Chromium against the sandbox's workbench (the real
 * App root) as clerk@northshire.example. Sets the committee date (kept across a reload), checks
 * the preview, narrows to a team, meets the period error, downloads Word and CSV, and proves the
 * downloaded document is the pack the command line's code makes. axe-core finds nothing at
 * 1280 px and at 320 px, which does not scroll sideways.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';

import { startSandbox } from '../../src/sandbox/server';
import { londonToday } from '../../src/domain/calendarDate';
import { formatDateInput, honestDefaultPeriod } from '../../src/report/packPeriod';
import { preparePack } from '../../src/report/preparePack';
import { newCommitteeReport } from '../../src/report/committeeReport';
import { renderWordReport } from '../../src/features/clerk/usePack';
import { rasteriseSvgInNode } from '../../src/node/rasteriseSvg';
import { renderPackCsv } from '../../src/report/packCsv';
import { axeViolations, describeViolations, DESKTOP, launchChromium, PHONE, screenshot, Viewport, workbenchUrl } from './support/browser';
import { writeScreenshotIndex } from './support/screenshotIndex';
import { documentXml, readDocx } from '../unit/report/docxXml';
import { spForUser } from '../helpers/sandbox';

jest.setTimeout(240000);

const CLERK = 'clerk@northshire.example';
const COMMITTEE_DATE = '2027-01-14';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('committee clerk journey in the workbench', () => {
  const today = londonToday();
  let dataDir: string;
  let downloads: string;
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function open(viewport: Viewport, theme?: 'dark' | 'contrast'): Promise<void> {
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
    await page.goto(workbenchUrl(sandbox.url, theme ? { as: CLERK, host: 'teams', theme } : { as: CLERK }));
    await page.getByRole('heading', { level: 1, name: 'Committee report pack' }).waitFor();
    await page.getByTestId('pack-preview').waitFor();
  }

  async function expectAccessible(name: string): Promise<void> {
    const violations = await axeViolations(page);
    await screenshot(page, name);
    expect(describeViolations(violations)).toBe('');
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-clerk-'));
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-clerk-downloads-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sandbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
    writeScreenshotIndex();
  });

  it('sets the committee date, previews the pack and downloads the same Word document the command line makes', async () => {
    await open(DESKTOP);
    // Without a committee date the period is the six whole months before this month.
    const fallback = honestDefaultPeriod(today, today);
    expect(await page.getByLabel('Period from').inputValue()).toBe(formatDateInput(fallback.from));
    expect(await page.getByLabel('Period to').inputValue()).toBe(formatDateInput(fallback.to));
    await expectAccessible('clerk-pack-default-1280');

    await page.getByLabel('Date of the next committee meeting').fill('14/01/2027');
    // Never past today unless the clerk asks.
    const period = honestDefaultPeriod(COMMITTEE_DATE, today);
    expect(await page.getByLabel('Period from').inputValue()).toBe(formatDateInput(period.from));
    expect(await page.getByLabel('Period to').inputValue()).toBe(formatDateInput(period.to));
    await page.getByRole('button', { name: 'Show the pack' }).click();
    await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor();

    const preview = page.getByTestId('pack-preview');
    await preview.getByRole('heading', { name: '5 Background' }).waitFor();
    for (const name of [
      '1 Report Summary',
      '6 Issues and Head of Service Response',
      'Contact Information',
      'Appendix 1: Rota for future visits',
      'Appendix 2: Summary of issues by team',
    ]) {
      expect(await preview.getByRole('heading', { name }).count()).toBe(1);
    }
    const visitsTable = preview.getByRole('table').first();
    expect(await visitsTable.getByRole('columnheader').allTextContents()).toEqual(['Month', 'Date', 'Team', 'Members', 'Visit', 'Notes']);
    expect(await preview.textContent()).toContain('Children and Families Overview and Scrutiny Committee');
    expect(await preview.textContent()).toContain('Thursday 14 January 2027');
    // The written sections start from the data and can be changed; the preview shows the clerk's words.
    expect(await page.getByLabel('Report Summary', { exact: true }).inputValue()).toMatch(/^This report presents the themes and issues/);
    await page.getByLabel('Recommendations', { exact: true }).fill('That the Committee notes the visits.');
    await preview.getByText('2.1 That the Committee notes the visits.').waitFor();
    await expectAccessible('clerk-pack-preview-1280');

    const [wordDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Word (.docx)' }).click()]);
    expect(wordDownload.suggestedFilename()).toBe(`committee-pack-${period.from}-to-${period.to}.docx`);
    const wordPath = path.join(downloads, wordDownload.suggestedFilename());
    await wordDownload.saveAs(wordPath);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csvPath = path.join(downloads, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvPath);
    await page.getByTestId('clerk-status').filter({ hasText: 'CSV file' }).waitFor();

    // The command line's code, against the same site, as the same person, makes the same files.
    const model = await preparePack(spForUser(sandbox.siteUrl, CLERK), { ...period, committeeDate: COMMITTEE_DATE, today, teamIds: [] });
    const browserXml = await documentXml(fs.readFileSync(wordPath));
    const report = { ...newCommitteeReport(COMMITTEE_DATE, period), texts: { recommendations: 'That the Committee notes the visits.' } };
    // The chart's PNG copy is drawn by the browser's canvas there and by resvg here: the same
    // document, but the picture's part is named by its bytes.
    const samePicture = (xml: string): string => xml.replace(/r:embed="[^"]*"/g, 'r:embed="chart"');
    expect(samePicture(browserXml)).toBe(samePicture(await documentXml(await renderWordReport(model, report, undefined, rasteriseSvgInNode))));
    expect(fs.readFileSync(csvPath, 'utf8')).toBe(renderPackCsv(model));
    const doc = readDocx(browserXml);
    expect(doc.headings.map(([, text]) => text)).toContain('Issues and Head of Service Response');
    expect(doc.tables.every((t) => t.headerRows.length === 1)).toBe(true);
    // The theme table and the chart, its PNG copy drawn by the browser, with its alt text.
    expect(doc.tables.some((t) => t.headerRows[0][0] === 'Theme' && t.headerRows[0].includes('Recurring'))).toBe(true);
    expect(browserXml).toMatch(/<wp:docPr [^>]*descr="Line chart of the average safety scale/);
    expect(browserXml).toMatch(/<a:blip r:embed="[^"]+"/);
  });

  it('keeps the committee date, narrows to one team and explains a wrong period', async () => {
    await page.reload();
    await page.getByTestId('pack-preview').waitFor();
    expect(await page.getByLabel('Date of the next committee meeting').inputValue()).toBe('14/01/2027');

    const teamBoxes = page.getByRole('group', { name: /Teams/ }).getByRole('checkbox');
    expect(await teamBoxes.count()).toBeGreaterThan(1);
    const firstTeam = page.getByRole('group', { name: /Teams/ }).locator('label').first();
    // The label's own text, without the check mark icon's glyph.
    const teamName = (await firstTeam.locator('.ms-Checkbox-text').textContent())!.trim();
    await firstTeam.click();
    expect(await page.getByText('You have changed your choices since this preview').count()).toBe(1);
    await page.getByRole('button', { name: 'Show the pack' }).click();
    await page.getByText('You have changed your choices since this preview').waitFor({ state: 'detached' });
    const preview = page.getByTestId('pack-preview');
    expect(await preview.textContent()).toContain(`Teams: ${teamName}`);
    expect(await preview.getByRole('heading', { level: 5, name: teamName }).count()).toBe(1);
    await firstTeam.click();

    await page.getByLabel('Period to').fill('01/01/2020');
    await page.getByRole('button', { name: 'Show the pack' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const link = summary.getByRole('link', { name: 'The first day of the period must be on or before the last day.' });
    await link.click();
    expect(await page.evaluate(() => document.activeElement && document.activeElement.id)).toBe('fv-period-from');
    await expectAccessible('clerk-pack-error-1280');
  });

  it('reads well in Teams dark and high contrast themes', async () => {
    for (const theme of ['dark', 'contrast'] as const) {
      await context?.close();
      await open(DESKTOP, theme);
      await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor();
      await expectAccessible(`clerk-pack-teams-${theme}-1280`);
    }
  });

  it('works at 320 px without sideways scrolling, in every theme', async () => {
    for (const theme of [undefined, 'dark', 'contrast'] as const) {
      await context?.close();
      await open(PHONE, theme);
      await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
      await expectAccessible(theme ? `clerk-pack-320-teams-${theme}` : 'clerk-pack-320');
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Word (.docx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^committee-pack-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.docx$/);
  });
});
