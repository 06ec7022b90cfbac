/**
 * A council whose role groups hold Entra security groups, with group membership hidden from
 * non-members (SharePoint's default), in Chromium against the workbench: a councillor who is in
 * only through an Entra group gets the councillor screens and the form; the improvement team and a
 * Head of Service in through an Entra group open a report. axe-core on each screen.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSandbox } from '../../src/sandbox/server';
import { londonToday } from '../../src/domain/calendarDate';
import { VISIT_REPORTS } from '../../src/data/listContract';
import { ENTRA, entraDirectoryFile, VIA_ENTRA } from '../helpers/entraDirectory';
import { spForApp } from '../helpers/sandbox';
import { axeViolations, describeViolations, DESKTOP, launchChromium, newPage, workbenchUrl } from './support/browser';
import { HALE, IMPROVEMENT, waitForForm, waitForMyVisits } from './support/journey';

jest.setTimeout(120000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('roles through Entra security groups, in the browser', () => {
  const today = londonToday();
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-entra-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today, directoryFile: entraDirectoryFile() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    if (browser) {
      await browser.close();
    }
    if (sandbox) {
      await sandbox.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives a councillor in the councillors Entra group My visits and the form, with themselves to choose', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto(workbenchUrl(sandbox.url, { as: VIA_ENTRA.councillor.email }));
    await waitForMyVisits(page);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.getByRole('button', { name: 'Report a visit that was not on the rota' }).click();
    await waitForForm(page);
    const hint = await page.locator('#fv-field-members-hint').innerText();
    expect(hint).toContain(VIA_ENTRA.councillor.displayName);
    expect(hint).toContain(ENTRA.councillors.displayName);
    await page.locator('#fv-field-members-box-input').click();
    await page.locator('#fv-field-members-box-list').waitFor({ timeout: 10000 });
    const options = await page
      .locator('#fv-field-members-box-list [role="option"]')
      .evaluateAll((elements) => elements.map((e) => (document.getElementById(e.getAttribute('aria-labelledby') || '') || e).textContent || ''));
    expect(options).toContain(VIA_ENTRA.councillor.displayName);
    expect(options).toContain('Cllr Hale');
    expect(options).not.toContain(ENTRA.councillors.displayName);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await context.close();
  });

  it('lets a councillor name a fellow member who is in only through the Entra group, by work email', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto(workbenchUrl(sandbox.url, { as: HALE }));
    await waitForMyVisits(page);
    await page.getByRole('button', { name: 'Report a visit that was not on the rota' }).click();
    await waitForForm(page);
    const email = page.getByLabel('Add another councillor by work email');
    await email.fill('nobody.here@northshire.example');
    await page.getByRole('button', { name: 'Add councillor' }).click();
    await page.getByText('We could not find nobody.here@northshire.example in the council').waitFor({ timeout: 10000 });
    expect(describeViolations(await axeViolations(page))).toBe('');
    await email.fill(VIA_ENTRA.councillor.email);
    await email.press('Enter');
    await page.getByTestId('members-lookup-status').getByText(`${VIA_ENTRA.councillor.displayName} is chosen.`).waitFor({ timeout: 10000 });
    expect(await page.locator('#fv-field-members-hint').innerText()).toContain(`Chosen: Cllr Hale and ${VIA_ENTRA.councillor.displayName}.`);
    // Enter added the councillor and did not submit the form.
    expect(await page.getByTestId('visit-form').count()).toBe(1);
    await context.close();
  });

  it.each([
    ['the improvement team', IMPROVEMENT],
    ['a Head of Service in the Heads of Service Entra group', VIA_ENTRA.headOfService.email],
  ])('lets %s open a report although the members group is hidden from them', async (_who, email) => {
    const submitted = await spForApp(sandbox.siteUrl)
      .web.lists.getByTitle(VISIT_REPORTS.title)
      .items.filter(`${VISIT_REPORTS.fields.ReportStatus} eq 'Submitted'`)
      .select('Id')
      .top(1)();
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto(workbenchUrl(sandbox.url, { as: email, hash: `#/report/${submitted[0].Id}` }));
    await page.getByRole('heading', { level: 1, name: /^Visit report: / }).waitFor({ timeout: 20000 });
    expect(await page.getByText('We could not open this report').count()).toBe(0);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await context.close();
  });
});
