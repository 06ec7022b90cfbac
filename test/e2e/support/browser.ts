/**
 * Chromium for the end-to-end tests: the system browser driven by playwright-core, plus what
 * every journey test needs — axe-core checks, request counting per screen, small screenshots.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page, Request } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * Test runs keep their screenshots under test-output/ (ignored by git); `npm run screenshots`
 * (UPDATE_SCREENSHOTS=1) refreshes the committed set in docs/screenshots/ on purpose.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS ? path.join(REPO_ROOT, 'docs', 'screenshots') : path.join(REPO_ROOT, 'test-output', 'screenshots');
const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
}

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { name: '1280', width: 1280, height: 900 };
/** The narrowest phone WCAG reflow asks for (1.4.10). */
export const PHONE: Viewport = { name: '320', width: 320, height: 640 };

/** The workbench's hosts: a SharePoint page on the data site, a Teams channel tab, the Teams personal app. */
export type WorkbenchHostName = 'sharepoint' | 'teams' | 'teams-personal';

export interface WorkbenchView {
  host?: WorkbenchHostName;
  theme?: 'light' | 'dark' | 'contrast';
  as: string;
  /** App route, e.g. `#/report/12`. */
  hash?: string;
  /** A deep link as SharePoint (`?report=12`) or the Teams tab (`subPageId=report-12`) gives it. */
  deepLink?: { report: number; via: 'sharepoint' | 'teams' };
}

export function workbenchUrl(baseUrl: string, view: WorkbenchView): string {
  const params = new URLSearchParams();
  if (view.host && view.host !== 'sharepoint') {
    params.set('host', view.host);
    if (view.theme && view.theme !== 'light') {
      params.set('theme', view.theme);
    }
  }
  params.set('as', view.as);
  if (view.deepLink) {
    if (view.deepLink.via === 'teams') {
      params.set('subPageId', `report-${view.deepLink.report}`);
    } else {
      params.set('report', String(view.deepLink.report));
    }
  }
  return `${baseUrl}/?${params.toString().replace(/%40/g, '@')}${view.hash || ''}`;
}

export async function newPage(browser: Browser, viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    // eslint-disable-next-line no-console
    console.error('page error:', error);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      // The app logs system errors with their context; show them beside the failing step.
      // eslint-disable-next-line no-console
      console.error('browser console:', message.text().slice(0, 2000));
    }
  });
  return { context, page };
}

/** The requests a page makes, so each screen's cost can be counted and printed. */
export class RequestCounter {
  private requests: Request[] = [];

  public constructor(page: Page) {
    page.on('request', (request) => this.requests.push(request));
  }

  public reset(): void {
    this.requests = [];
  }

  /** Requests to the lists (SharePoint REST, $batch counted once) since the last reset. */
  public get dataRequests(): string[] {
    return this.requests.filter((r) => /\/_api\//.test(r.url())).map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
  }

  public get all(): number {
    return this.requests.length;
  }
}

/**
 * Every SharePoint request a page makes (anything under a site's `/_api/`), with its answer's
 * status, so a test can assert which site the app talked to.
 */
export class SharePointRequestLog {
  public readonly requests: Array<{ method: string; url: string; status?: number }> = [];

  public constructor(page: Page) {
    page.on('requestfinished', async (request) => {
      if (/\/_api\//.test(request.url())) {
        const response = await request.response();
        this.requests.push({ method: request.method(), url: request.url(), status: response ? response.status() : undefined });
      }
    });
    page.on('requestfailed', (request) => {
      if (/\/_api\//.test(request.url())) {
        this.requests.push({ method: request.method(), url: request.url() });
      }
    });
  }

  /** Requests that did not go to the site's own `_api`. */
  public outside(siteUrl: string): string[] {
    const prefix = `${siteUrl}/_api/`.toLowerCase();
    return this.requests.filter((r) => !r.url.toLowerCase().startsWith(prefix)).map((r) => `${r.method} ${r.url}`);
  }

  public failed(): string[] {
    return this.requests.filter((r) => r.status === undefined || r.status >= 400).map((r) => `${r.method} ${r.url} → ${r.status ?? 'no answer'}`);
  }
}

export const requestTable: Array<{ screen: string; dataRequests: number; allRequests: number; detail: string }> = [];

export function recordRequests(screen: string, counter: RequestCounter): void {
  const data = counter.dataRequests;
  requestTable.push({ screen, dataRequests: data.length, allRequests: counter.all, detail: data.join(', ') });
}

export function printRequestTable(): void {
  if (!requestTable.length) {
    return;
  }
  const lines = requestTable.map((r) => `${r.screen.padEnd(48)} ${String(r.dataRequests).padStart(4)} ${String(r.allRequests).padStart(5)}   ${r.detail}`);
  // eslint-disable-next-line no-console
  console.log(['Requests per screen (data = SharePoint REST; all = everything the page fetched)', `${'screen'.padEnd(48)} data   all`, ...lines].join('\n'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core on the current page with the WCAG 2.2 AA tags; returns the violations, readably. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  // Fluent fades messages in; a half-faded colour is not what people read once it settles.
  await page.evaluate(() => {
    const finite = document.getAnimations().filter((a) => {
      const timing = a.effect ? a.effect.getComputedTiming() : undefined;
      return !!timing && timing.iterations !== Infinity;
    });
    const settled = Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target as string[], failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return violations;
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${(n.failureSummary || '').split('\n').join(' ')}`).join('\n')}`,
    )
    .join('\n');
}

/** A viewport-sized PNG (small enough to commit) in SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
  return file;
}

/** Chooses a radio option by clicking its label, as a person does (the input itself is hidden under it). */
export async function chooseRadio(page: Page, name: string): Promise<void> {
  const id = await page.getByRole('radio', { name, exact: true }).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit`. */
export async function tabUntil(
  page: Page,
  matches: (info: { id: string; tag: string; text: string; role: string | null; label: string | null; type: string | null }) => boolean,
  limit = 80,
  key = 'Tab',
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        id: el ? el.id : '',
        tag: el ? el.tagName.toLowerCase() : '',
        text: el ? (el.textContent || '').trim().slice(0, 200) : '',
        role: el ? el.getAttribute('role') : null,
        label: el ? el.getAttribute('aria-label') : null,
        type: el ? el.getAttribute('type') : null,
      };
    });
    if (matches(info)) {
      return;
    }
  }
  throw new Error(`Tabbed ${limit} times without reaching the element wanted`);
}

export async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement ? document.activeElement.id : ''));
}
