/**
 * The workbench chrome in Chromium, served by the bare handler (no sandbox): persona chooser,
 * switches, URL state, the identity cookie, collapsing at 320 px, and axe-core on every host and
 * theme. The App itself meets the sandbox in sandbox.test.ts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createWorkbenchHandler } from '../../../src/sandbox/workbench';
import { axeViolations, describeViolations, launchChromium, screenshot, scrollsSideways } from './browser';

jest.setTimeout(120000);

const PERSONAS = [
  { email: 'cllr.hale@northshire.example', displayName: 'Cllr Hale', role: 'Councillor' },
  { email: 'cllr.osei@northshire.example', displayName: 'Cllr Osei', role: 'Councillor' },
  { email: 'clerk@northshire.example', displayName: 'Committee Clerk', role: 'Committee Clerk' },
];

interface SiteRequest {
  method: string;
  url: string;
  cookie: string;
}

let server: http.Server;
let base: string;
let browser: Browser;
const siteRequests: SiteRequest[] = [];

beforeAll(async () => {
  const handler = createWorkbenchHandler({ siteUrl: 'http://localhost:4321/sites/frontline-visits' });
  server = http.createServer(async (req, res) => {
    if (req.url === '/_sandbox/personas') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(PERSONAS));
      return;
    }
    if (req.url?.startsWith('/sites/frontline-visits/_api/')) {
      // Stands in for the sandbox: remember who asked, and refuse, as an unknown user is refused.
      siteRequests.push({ method: req.method ?? '', url: req.url, cookie: req.headers.cookie ?? '' });
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ 'odata.error': { code: '-2147024891, System.UnauthorizedAccessException', message: { lang: 'en-US', value: 'Access denied.' } } }),
      );
      return;
    }
    if (!(await handler(req, res))) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function until(condition: () => boolean, what: string, timeoutMs: number = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function open(query: string, width: number = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/${query}`);
  await page.waitForSelector('.wb-bar');
  expect(errors).toEqual([]);
  return page;
}

describe('with nobody chosen', () => {
  it('shows the sandbox’s personas to choose from, and asks the site for nothing', async () => {
    siteRequests.length = 0;
    const page = await open('');
    await page.waitForSelector('.wb-persona');
    expect(await page.textContent('h1')).toBe('Choose a demo user');
    expect(await page.$$eval('.wb-persona__name', (names) => names.map((n) => n.textContent))).toEqual(['Cllr Hale', 'Cllr Osei', 'Committee Clerk']);
    expect(await page.$$eval('#wb-persona option', (options) => options.map((o) => o.textContent))).toEqual([
      'Nobody (choose a demo user)',
      'Cllr Hale (Councillor)',
      'Cllr Osei (Councillor)',
      'Committee Clerk (Committee Clerk)',
    ]);
    expect(await page.textContent('.sp-siteheader__title')).toBe('Frontline Visits — Northshire Council');
    expect(siteRequests).toEqual([]);
    await page.close();
  });

  for (const width of [1280, 320]) {
    for (const [query, name] of [
      ['', 'sharepoint'],
      ['?host=teams', 'teams-light'],
      ['?host=teams&theme=dark', 'teams-dark'],
      ['?host=teams&theme=contrast', 'teams-contrast'],
    ]) {
      it(`has no axe-core violations and no sideways scrolling: ${name} at ${width} px`, async () => {
        const page = await open(query, width);
        await page.waitForSelector('.wb-persona');
        const violations = await axeViolations(page);
        await screenshot(page, `workbench-chooser-${name}-${width}`);
        expect(describeViolations(violations)).toBe('');
        expect(await scrollsSideways(page)).toBe(false);
        await page.close();
      });
    }
  }
});

describe('choosing and switching', () => {
  it('sets the sandbox_user cookie, puts the persona in the URL and mounts the App, which calls the site as that persona', async () => {
    siteRequests.length = 0;
    const page = await open('?host=teams&theme=dark');
    await page.click('.wb-persona >> text=Cllr Osei');
    await page.waitForSelector('.wb-webpart > *');
    expect(new URL(page.url()).search).toBe('?host=teams&theme=dark&as=cllr.osei@northshire.example');
    expect(await page.evaluate(() => document.cookie)).toBe('sandbox_user=cllr.osei@northshire.example');
    expect(await page.inputValue('#wb-persona')).toBe('cllr.osei@northshire.example');
    await until(() => siteRequests.length > 0, 'the App to call the site');
    expect(siteRequests.every((r) => r.url.startsWith('/sites/frontline-visits/_api/') && r.cookie === 'sandbox_user=cllr.osei@northshire.example')).toBe(true);

    // Another persona: a fresh App whose requests carry the new identity.
    siteRequests.length = 0;
    await page.selectOption('#wb-persona', 'clerk@northshire.example');
    await page.waitForFunction(() => document.querySelector('.wb-webpart')?.getAttribute('data-persona') === 'clerk@northshire.example');
    await until(() => siteRequests.length > 0, 'the App to call the site again');
    expect(siteRequests.every((r) => r.cookie === 'sandbox_user=clerk@northshire.example')).toBe(true);
    // the workbench's own announcement (the activity feed has its own status line)
    expect(await page.textContent('.wb > [role=status].wb-visually-hidden')).toBe('Showing Teams channel tab, dark theme, signed in as Committee Clerk.');

    // Back to nobody: the chooser again, and the App is gone.
    await page.selectOption('#wb-persona', '');
    await page.waitForSelector('.wb-chooser');
    expect(await page.$('.wb-webpart')).toBeNull();
    expect(new URL(page.url()).search).toBe('?host=teams&theme=dark');
    await page.close();
  });

  it('switches host and Teams theme from the settings, keeps them in the URL, and follows the back button', async () => {
    const page = await open('?as=cllr.hale@northshire.example&report=12');
    expect(await page.$('#wb-theme')).toBeNull();
    expect(await page.$('.sp-suitebar')).not.toBeNull();
    await page.selectOption('#wb-host', 'teams');
    await page.waitForSelector('.teams-appbar');
    expect(new URL(page.url()).search).toBe('?host=teams&as=cllr.hale@northshire.example&report=12');
    await page.selectOption('#wb-theme', 'contrast');
    expect(await page.getAttribute('.wb-host', 'data-theme')).toBe('contrast');
    expect(new URL(page.url()).search).toBe('?host=teams&theme=contrast&as=cllr.hale@northshire.example&report=12');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.teams-content')!).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.selectOption('#wb-theme', 'dark');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.teams-content')!).backgroundColor)).toBe('rgb(31, 31, 31)');

    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.wb-host')?.getAttribute('data-theme') === 'contrast');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.wb-host')?.getAttribute('data-theme') === 'light');
    await page.goBack();
    await page.waitForSelector('.sp-suitebar');
    expect(await page.inputValue('#wb-host')).toBe('sharepoint');
    await page.close();
  });

  it('at 320 px folds the settings behind a button that says whether it is open, and keyboard focus is visible', async () => {
    const page = await open('?as=cllr.hale@northshire.example', 320);
    expect(await page.isVisible('#wb-host')).toBe(false);
    const settings = '.wb-bar__toggle[aria-controls="wb-settings"]';
    expect(await page.getAttribute(settings, 'aria-expanded')).toBe('false');
    // The persona's activity feed button comes first in the bar, then Settings.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('activity-button');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('wb-settings');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(settings, 'aria-expanded')).toBe('true');
    expect(await page.isVisible('#wb-host')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wb-host');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'workbench-settings-open-320');
    await page.close();
  });
});
