/**
 * The rota end to end in Chromium against the workbench: the improvement team proposes a year's
 * rota, moves one visit, swaps a councillor and publishes it; the councillors involved see the
 * change on My visits. A past visit recorded as not held (with its reason) stops showing as
 * overdue. axe-core finds nothing on the rota screen at 1280 and 320 px in SharePoint and in
 * Teams light, dark and high contrast.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { startSandbox } from '../../src/sandbox/server';
import { addDays, dateOnlyFromSharePoint, formatLongDate, formatShortDate, londonMidnightUtc, londonToday } from '../../src/domain/calendarDate';
import { englandBankHolidayOn } from '../../src/domain/bankHolidays';
import { isWeekend } from '../../src/domain/rotaRules';
import { municipalYearOf, municipalYearRange, nextMunicipalYear } from '../../src/domain/municipalYear';
import { FRONTLINE_TEAMS, VISIT_ROTA } from '../../src/data/listContract';
import { spForApp } from '../helpers/sandbox';
import {
  axeViolations,
  describeViolations,
  DESKTOP,
  launchChromium,
  newPage,
  PHONE,
  screenshot,
  Viewport,
  workbenchUrl,
  WorkbenchView,
} from './support/browser';
import { listItemsAs } from './support/api';
import { writeScreenshotIndex } from './support/screenshotIndex';
import { HALE, IMPROVEMENT, OSEI, waitForMyVisits } from './support/journey';

jest.setTimeout(300000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const R = VISIT_ROTA.fields;

/** The first open weekday a week or more after a day (not a bank holiday). */
function openDayAfter(day: string): string {
  let candidate = addDays(day, 7);
  while (isWeekend(candidate) || englandBankHolidayOn(candidate)) {
    candidate = addDays(candidate, 1);
  }
  return candidate;
}

describe('the rota in the workbench', () => {
  const today = londonToday();
  const planYear = nextMunicipalYear(nextMunicipalYear(municipalYearOf(today)));
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let people: Array<{ Id: number; Email: string; Title: string }>;
  const person = (email: string) => people.filter((p) => p.Email === email)[0];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-rota-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    browser = await launchChromium();
    people = (await spForApp(sandbox.siteUrl).web.siteUsers.select('Id', 'Email', 'Title')()) as typeof people;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sandbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    writeScreenshotIndex();
  });

  async function open(view: Omit<WorkbenchView, 'hash'>, hash: string, viewport: Viewport = DESKTOP): Promise<Page> {
    await context?.close();
    const opened = await newPage(browser, viewport);
    context = opened.context;
    await opened.page.goto(workbenchUrl(sandbox.url, { ...view, hash }));
    return opened.page;
  }

  async function openRota(as: string, viewport: Viewport = DESKTOP, extra: Partial<WorkbenchView> = {}): Promise<Page> {
    const page = await open({ as, ...extra }, '#/rota', viewport);
    await page.getByRole('heading', { level: 1, name: 'Rota' }).waitFor({ timeout: 20000 });
    await page.getByTestId('unavailable-dates').waitFor({ timeout: 20000 });
    return page;
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    const violations = await axeViolations(page);
    await screenshot(page, name);
    expect(describeViolations(violations)).toBe('');
  }

  async function chooseInDropdown(page: Page, label: string, option: string): Promise<void> {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Ticks or unticks a multi-select option by its label, as a person clicks it. */
  async function toggleOption(page: Page, name: string): Promise<void> {
    const id = await page.getByRole('option', { name, exact: true }).getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
  }

  it('proposes a year, moves a visit, swaps a councillor and publishes; the councillors see it on My visits', async () => {
    const page = await openRota(IMPROVEMENT);
    await expectAccessible(page, 'rota-1280');
    await page.getByRole('button', { name: 'Propose next year’s rota' }).click();
    await page.getByTestId('rota-propose').waitFor();
    await chooseInDropdown(page, 'Year to plan', planYear);
    await page.getByRole('button', { name: 'Make a proposal' }).click();
    const proposal = page.getByTestId('rota-proposal');
    await proposal.waitFor();
    expect(await proposal.getByTestId('proposal-problems').count()).toBe(1);
    // Nothing is written before publishing.
    const range = municipalYearRange(planYear);
    const inYear = `${R.VisitDate} ge datetime'${londonMidnightUtc(range.start)}'`;
    expect(await listItemsAs(sandbox.siteUrl, IMPROVEMENT, inYear, VISIT_ROTA.title)).toHaveLength(0);
    await expectAccessible(page, 'rota-proposal-1280');

    // The first visit with Osei and not Hale: move it a week on, then swap Osei for Hale.
    const cards = proposal.getByTestId('rota-visit');
    const texts = await cards.allTextContents();
    const index = texts.findIndex((t) => t.indexOf(person(OSEI).Title) !== -1 && t.indexOf(person(HALE).Title) === -1);
    expect(index).toBeGreaterThanOrEqual(0);
    const card = cards.nth(index);
    const key = (await card.getAttribute('data-key'))!;
    await card.getByRole('button', { name: /^Move or change councillors/ }).click();
    const dialog = page.getByRole('alertdialog');
    const oldDate = (await dialog.getByLabel('Visit date (day/month/year)').inputValue()).split('/').reverse().join('-');
    const newDate = openDayAfter(oldDate);
    await expectAccessible(page, 'rota-visit-dialog-1280');
    await dialog.getByLabel('Visit date (day/month/year)').fill(newDate.split('-').reverse().join('/'));
    await dialog.getByRole('button', { name: 'Keep these changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const moved = proposal.locator(`[data-key="${key}"]`);
    expect(await moved.locator('h3').textContent()).toBe(formatLongDate(newDate));

    await moved.getByRole('button', { name: /^Move or change councillors/ }).click();
    await page.getByRole('combobox', { name: 'Councillors' }).click();
    await toggleOption(page, person(OSEI).Title);
    await toggleOption(page, person(HALE).Title);
    // Closes the list as a click elsewhere does (Escape would close the dialog too).
    await page.getByRole('alertdialog').getByRole('heading').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Keep these changes' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await moved.textContent()).toContain(person(HALE).Title);
    expect(await moved.textContent()).not.toContain(person(OSEI).Title);
    expect(await moved.textContent()).toContain('Changed from the proposal');

    await proposal.getByRole('button', { name: 'Publish the rota' }).click();
    await page.getByText(/^Published: \d+ visits are on the rota\.$/).waitFor({ timeout: 30000 });
    expect(await page.getByRole('combobox', { name: 'Municipal year' }).textContent()).toContain(planYear);
    const stored = await listItemsAs(sandbox.siteUrl, IMPROVEMENT, inYear, VISIT_ROTA.title);
    expect(stored.length).toBeGreaterThanOrEqual(12);
    const onNewDate = stored.filter((item) => dateOnlyFromSharePoint(item[R.VisitDate] as string) === newDate);
    expect(onNewDate).toHaveLength(1);
    expect(onNewDate[0][`${R.Members}Id`]).toContain(person(HALE).Id);
    expect(onNewDate[0][`${R.Members}Id`]).not.toContain(person(OSEI).Id);

    // Hale sees the visit on its new date; Osei does not see it at all.
    const hale = await open({ as: HALE }, '');
    await waitForMyVisits(hale);
    expect(
      await hale
        .getByTestId('visit-row')
        .filter({ hasText: formatLongDate(newDate) })
        .count(),
    ).toBe(1);
    const osei = await open({ as: OSEI }, '');
    await waitForMyVisits(osei);
    expect(
      await osei
        .getByTestId('visit-row')
        .filter({ hasText: formatLongDate(newDate) })
        .count(),
    ).toBe(0);
    expect(
      await osei
        .getByTestId('visit-row')
        .filter({ hasText: formatLongDate(oldDate) })
        .count(),
    ).toBe(0);
  });

  it('records a past visit as not held with its reason, and it stops showing as overdue', async () => {
    const app = spForApp(sandbox.siteUrl);
    const teams = await app.web.lists.getByTitle(FRONTLINE_TEAMS.title).items.select('Id', 'Title')();
    const day = addDays(today, -40);
    await app.web.lists.getByTitle(VISIT_ROTA.title).items.add({
      [R.Title]: 'Visit that did not happen',
      [R.VisitDate]: londonMidnightUtc(day),
      [`${R.Team}Id`]: teams[0].Id,
      [`${R.Members}Id`]: [person(HALE).Id],
      [R.MunicipalYear]: municipalYearOf(day),
      [R.RotaStatus]: 'Scheduled',
    });
    let hale = await open({ as: HALE }, '');
    await waitForMyVisits(hale);
    const row = () => hale.getByTestId('visit-row').filter({ hasText: formatLongDate(day) });
    expect(await row().getAttribute('data-state')).toBe('notStarted');
    expect(await row().textContent()).toContain('Overdue');

    const page = await openRota(IMPROVEMENT);
    if (municipalYearOf(day) !== municipalYearOf(today)) {
      await chooseInDropdown(page, 'Municipal year', municipalYearOf(day));
    }
    const card = page.getByTestId('rota-visit').filter({ hasText: formatLongDate(day) });
    await card.getByRole('button', { name: /^Record as not held/ }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Record as not held' }).click();
    await dialog.getByText('Say why the visit did not happen', { exact: false }).waitFor();
    await expectAccessible(page, 'rota-not-held-error-1280');
    await dialog.getByLabel('Why did the visit not take place?').fill('Cancelled: special Cabinet meeting');
    await dialog.getByRole('button', { name: 'Record as not held' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('rota-status').textContent()).toBe('1 visit changed here and not saved yet.');

    // And a visit ahead moved a week on: saved in the same go, it shows the date it moved from.
    const ahead = page
      .getByTestId('rota-visit')
      .filter({ has: page.getByRole('button', { name: /^Cancel visit/ }) })
      .first();
    const aheadKey = (await ahead.getAttribute('data-key'))!;
    await ahead.getByRole('button', { name: /^Move or change councillors/ }).click();
    const moveDialog = page.getByRole('alertdialog');
    const firstDate = (await moveDialog.getByLabel('Visit date (day/month/year)').inputValue()).split('/').reverse().join('-');
    const laterDate = openDayAfter(firstDate);
    await moveDialog.getByLabel('Visit date (day/month/year)').fill(laterDate.split('-').reverse().join('/'));
    await moveDialog.getByRole('button', { name: 'Keep these changes' }).click();
    await moveDialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('rota-status').textContent()).toBe('2 visits changed here and not saved yet.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved: 2 visits changed.').waitFor({ timeout: 20000 });
    expect(await page.locator(`[data-key="${aheadKey}"] h3`).textContent()).toBe(`${formatLongDate(laterDate)} (moved from ${formatShortDate(firstDate)})`);
    const saved = page.getByTestId('rota-visit').filter({ hasText: formatLongDate(day) });
    expect(await saved.getAttribute('data-status')).toBe('NotHeld');
    expect(await saved.textContent()).toContain('Reason: Cancelled: special Cabinet meeting');

    hale = await open({ as: HALE }, '');
    await waitForMyVisits(hale);
    expect(await row().getAttribute('data-state')).toBe('notHeld');
    expect(await row().textContent()).toContain('Cancelled: special Cabinet meeting');
    expect(await row().textContent()).not.toContain('Overdue');
  });

  it('has no axe violations at 1280 and 320 px, in SharePoint and in Teams light, dark and high contrast', async () => {
    const views: Array<[string, Viewport, Partial<WorkbenchView>]> = [
      ['rota-320', PHONE, {}],
      ['rota-teams-light', DESKTOP, { host: 'teams', theme: 'light' }],
      ['rota-teams-dark', DESKTOP, { host: 'teams', theme: 'dark' }],
      ['rota-teams-contrast', DESKTOP, { host: 'teams', theme: 'contrast' }],
      ['rota-teams-dark-320', PHONE, { host: 'teams', theme: 'dark' }],
      ['rota-teams-contrast-320', PHONE, { host: 'teams', theme: 'contrast' }],
    ];
    for (const [name, viewport, extra] of views) {
      const page = await openRota(IMPROVEMENT, viewport, extra);
      if (viewport === PHONE) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
      }
      await expectAccessible(page, name);
    }
    for (const [name, viewport, extra] of views.slice(0, 4)) {
      const page = await openRota(HALE, viewport, extra);
      await expectAccessible(page, `rota-councillor-${name.replace(/^rota-/, '')}`);
    }
  });
});
