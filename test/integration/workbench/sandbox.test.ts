/**
 * The workbench served by the real sandbox, in Chromium: the App renders a councillor's name and
 * upcoming visits through PnPjs and the sandbox_user cookie; the chrome switches to Teams dark
 * and high contrast with backgrounds that match the App's; axe-core finds nothing in the chrome.
 */
import type { Browser, Page } from 'playwright-core';
import { startSandbox, SandboxHandle } from '../../../src/sandbox/server';
import { londonMidnightUtc, londonToday } from '../../../src/domain/calendarDate';
import { VISIT_ROTA } from '../../../src/data/listContract';
import { ROTA_EXPAND, ROTA_SELECT, toRotaEntry } from '../../../src/data/mappers';
import type { RotaEntry } from '../../../src/domain/types';
import { axeViolations, describeViolations, launchChromium, screenshot, scrollsSideways } from './browser';

jest.setTimeout(180000);

const HALE = 'cllr.hale@northshire.example';
/** The App is the web part's business (its own suite checks it); these tests judge the chrome. */
const WEB_PART = '.wb-webpart';

let sandbox: SandboxHandle;
let browser: Browser;
let haleName: string;
let haleNextVisit: RotaEntry;

async function restAs<T>(email: string, path: string): Promise<T> {
  const response = await fetch(`${sandbox.siteUrl}/_api/${path}`, { headers: { Accept: 'application/json;odata=nometadata', 'X-Sandbox-User': email } });
  if (!response.ok) {
    throw new Error(`GET ${path} as ${email}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  browser = await launchChromium();
  haleName = (await restAs<{ Title: string }>(HALE, 'web/currentuser')).Title;
  const query = new URLSearchParams({
    $select: ROTA_SELECT.join(','),
    $expand: ROTA_EXPAND.join(','),
    $filter: `${VISIT_ROTA.fields.VisitDate} ge datetime'${londonMidnightUtc(londonToday())}'`,
    $orderby: VISIT_ROTA.fields.VisitDate,
    $top: '100',
  });
  const haleId = (await restAs<{ Id: number }>(HALE, 'web/currentuser')).Id;
  const rota = await restAs<{ value: Parameters<typeof toRotaEntry>[0][] }>(
    HALE,
    `web/lists/getByTitle('${encodeURIComponent(VISIT_ROTA.title)}')/items?${query}`,
  );
  const hers = rota.value.map(toRotaEntry).filter((entry) => entry.members.some((m) => m.id === haleId));
  expect(hers.length).toBeGreaterThan(0);
  haleNextVisit = hers[0];
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

function backgroundOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => getComputedStyle(element).backgroundColor);
}

async function expectChromeAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page, [WEB_PART]);
  await screenshot(page, name);
  expect(describeViolations(violations)).toBe('');
}

it('shows the councillor’s name and upcoming visits, then Teams dark and high contrast, with an accessible chrome', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const offMachine: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(sandbox.url) && !request.url().startsWith('data:')) {
      offMachine.push(request.url());
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const started = Date.now();
  await page.goto(`${sandbox.url}/?as=${HALE}`);
  await page.waitForFunction(
    ({ selector, name }) => document.querySelector(selector)?.textContent?.includes(name),
    { selector: WEB_PART, name: haleName },
    { timeout: 60000 },
  );
  // eslint-disable-next-line no-console
  console.log(`workbench: page to the App showing ${haleName}: ${Date.now() - started} ms`);
  const appText = (await page.textContent(WEB_PART)) ?? '';
  expect(appText).toContain('Upcoming visits');
  expect(appText).toContain(haleNextVisit.teamTitle);
  expect(await page.evaluate(() => document.cookie)).toBe(`sandbox_user=${HALE}`);
  expect(await page.$$eval('#wb-persona option', (options) => options.map((o) => o.textContent))).toContain(`${haleName} (Councillor)`);
  expect(await backgroundOf(page, `${WEB_PART} > div`)).toBe(await backgroundOf(page, '.sp-section'));
  await expectChromeAccessible(page, 'workbench-sandbox-sharepoint-1280');

  await page.selectOption('#wb-host', 'teams');
  await page.selectOption('#wb-theme', 'dark');
  expect(new URL(page.url()).search).toBe(`?host=teams&theme=dark&as=${HALE}`);
  await page.waitForFunction((selector) => getComputedStyle(document.querySelector(`${selector} > div`)!).backgroundColor === 'rgb(31, 31, 31)', WEB_PART);
  expect(await backgroundOf(page, '.teams-content')).toBe('rgb(31, 31, 31)');
  expect(await page.textContent(WEB_PART)).toContain(haleName);
  await expectChromeAccessible(page, 'workbench-sandbox-teams-dark-1280');

  await page.selectOption('#wb-theme', 'contrast');
  await page.waitForFunction((selector) => getComputedStyle(document.querySelector(`${selector} > div`)!).backgroundColor === 'rgb(0, 0, 0)', WEB_PART);
  expect(await backgroundOf(page, '.teams-content')).toBe('rgb(0, 0, 0)');
  await expectChromeAccessible(page, 'workbench-sandbox-teams-contrast-1280');

  await page.setViewportSize({ width: 320, height: 640 });
  // At 320 px the settings are folded away: open them as a person would.
  expect(await page.isVisible('#wb-theme')).toBe(false);
  await page.click('.wb-bar__toggle[aria-controls="wb-settings"]');
  await page.selectOption('#wb-theme', 'dark');
  await page.waitForFunction((selector) => getComputedStyle(document.querySelector(`${selector} > div`)!).backgroundColor === 'rgb(31, 31, 31)', WEB_PART);
  expect(await scrollsSideways(page)).toBe(false);
  await expectChromeAccessible(page, 'workbench-sandbox-teams-dark-320');

  await page.goto(`${sandbox.url}/?as=${HALE}`);
  await page.waitForFunction(({ selector, name }) => document.querySelector(selector)?.textContent?.includes(name), { selector: WEB_PART, name: haleName });
  expect(await scrollsSideways(page)).toBe(false);
  await expectChromeAccessible(page, 'workbench-sandbox-sharepoint-320');

  expect(offMachine).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});

it('serves the personas the sandbox knows to the chooser', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sandbox.url}/`);
  await page.waitForSelector('.wb-persona');
  const names = await page.$$eval('.wb-persona__name', (elements) => elements.map((e) => e.textContent));
  expect(names).toContain(haleName);
  expect(await page.$('.wb-note')).toBeNull();
  await page.close();
});
