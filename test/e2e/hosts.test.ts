/**
 * The app in each place a council opens it: a SharePoint page on the data site, the improvement
 * team's channel tab (the page is on the team's own site) and the Teams personal app (the page is
 * on the tenant's root site). In each, the councillor's journey and the clerk's pack work, every
 * SharePoint request goes to the data site, and axe-core finds nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../src/sandbox/server';
import { londonToday } from '../../src/domain/calendarDate';
import {
  axeViolations,
  chooseRadio,
  describeViolations,
  DESKTOP,
  launchChromium,
  newPage,
  SharePointRequestLog,
  WorkbenchHostName,
  workbenchUrl,
} from './support/browser';
import { addPastVisitsWithoutReports, fetchAs } from './support/api';
import { gridCell, HALE, waitForForm, waitForMyVisits } from './support/journey';

jest.setTimeout(180000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const CLERK = 'clerk@northshire.example';
const HOSTS: ReadonlyArray<{ host: WorkbenchHostName; pageWeb: (sandbox: Sandbox) => string }> = [
  { host: 'sharepoint', pageWeb: (s) => s.siteUrl },
  { host: 'teams', pageWeb: (s) => s.teamSiteUrl },
  { host: 'teams-personal', pageWeb: (s) => s.url },
];

describe('the app in a SharePoint page, a Teams channel tab and the Teams personal app', () => {
  const today = londonToday();
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-hosts-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    await addPastVisitsWithoutReports(sandbox, today, HALE, HOSTS.length);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    expect(`${screen}: ${describeViolations(await axeViolations(page))}`).toBe(`${screen}: `);
  }

  function expectOnlyTheDataSite(log: SharePointRequestLog): void {
    expect(log.requests.length).toBeGreaterThan(0);
    expect(log.outside(sandbox.siteUrl)).toEqual([]);
    expect(log.failed()).toEqual([]);
  }

  for (const { host, pageWeb } of HOSTS) {
    it(`${host}: My visits → the visit form → submit, all on the data site`, async () => {
      const { context, page } = await newPage(browser, DESKTOP);
      const log = new SharePointRequestLog(page);
      await page.goto(workbenchUrl(sandbox.url, { as: HALE, host }));
      await waitForMyVisits(page);
      // The host page really is on the site this host runs on: not the data site, outside SharePoint.
      expect(await page.getAttribute('.wb-host', 'data-page-web')).toBe(pageWeb(sandbox));
      await expectAccessible(page, `My visits (${host})`);

      await page
        .locator('[data-testid="visit-row"][data-state="notStarted"]')
        .first()
        .getByRole('link', { name: /Start the report/ })
        .click();
      await waitForForm(page);
      await expectAccessible(page, `visit form (${host})`);
      await gridCell(page, 'staffingWorkingWell').fill(`Supervision is regular (${host}).`);
      await chooseRadio(page, '6');
      await page.getByRole('button', { name: 'Submit report' }).click();
      await page.getByRole('button', { name: 'Yes, submit it' }).click();
      await page.getByTestId('report-status').waitFor({ timeout: 20000 });
      await expect(page.getByTestId('report-status').innerText()).resolves.toContain('Status: Submitted');
      await expect(page.locator('article').innerText()).resolves.toContain(`Supervision is regular (${host}).`);
      await expectAccessible(page, `submitted report (${host})`);
      await page.waitForLoadState('networkidle');
      expectOnlyTheDataSite(log);
      await context.close();
    });

    it(`${host}: the clerk's pack, all on the data site`, async () => {
      const { context, page } = await newPage(browser, DESKTOP);
      const log = new SharePointRequestLog(page);
      await page.goto(workbenchUrl(sandbox.url, { as: CLERK, host }));
      await page.getByRole('heading', { level: 1, name: 'Committee report pack' }).waitFor({ timeout: 20000 });
      await page.getByRole('button', { name: 'Show the pack' }).click();
      await page.getByTestId('clerk-status').filter({ hasText: 'The pack is ready to check' }).waitFor({ timeout: 20000 });
      const preview = page.getByTestId('pack-preview');
      await preview.getByRole('heading', { name: '5 Background' }).waitFor();
      // The demo's co-opted member has no mailbox: the pack still names them.
      await expect(preview.innerText()).resolves.toContain('Cllr Fenwick');
      await expectAccessible(page, `committee pack (${host})`);
      await page.waitForLoadState('networkidle');
      expectOnlyTheDataSite(log);
      await context.close();
    });
  }

  it('a report with a member who has no email opens from My visits, with every member named', async () => {
    // Hale's reports include visits made with Cllr Fenwick, a co-opted member with no mailbox.
    const response = await fetchAs(
      `${sandbox.siteUrl}/_api/web/lists/getByTitle('Visit%20Reports')/items?$select=Id,Members/Id,Members/Title&$expand=Members&$top=500`,
      HALE,
    );
    const reports = ((await response.json()) as { value: Array<{ Id: number; Members: Array<{ Title: string }> }> }).value;
    const withFenwick = reports.find((r) => r.Members.some((m) => m.Title === 'Cllr Fenwick'));
    expect(withFenwick).toBeDefined();
    // SharePoint itself refuses the same query projecting the members' emails.
    const withEmails = await fetchAs(
      `${sandbox.siteUrl}/_api/web/lists/getByTitle('Visit%20Reports')/items?$select=Id,Members/EMail&$expand=Members&$top=500`,
      HALE,
    );
    expect(withEmails.status).toBe(500);

    const { context, page } = await newPage(browser, DESKTOP);
    const log = new SharePointRequestLog(page);
    await page.goto(workbenchUrl(sandbox.url, { as: HALE, host: 'teams-personal', hash: `#/report/${withFenwick!.Id}` }));
    await page.getByTestId('report-status').waitFor({ timeout: 20000 });
    await expect(page.locator('article').innerText()).resolves.toContain('Cllr Fenwick');
    await page.waitForLoadState('networkidle');
    expectOnlyTheDataSite(log);
    await context.close();
  });
});
