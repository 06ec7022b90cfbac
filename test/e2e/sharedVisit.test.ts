/**
 * A visit has one report, end to end in Chromium: a fellow member sees who is writing it and
 * reads it, cannot start another (in the app or through the API), and reads the report and the
 * answer once given; an unscheduled visit's draft exists only once something is typed, and a
 * draft can be deleted after confirming. Runs under the sandbox's rules and, in the
 * "production list rules" jest project, under production's list settings only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { startSandbox } from '../../src/sandbox/server';
import { addDays, londonMidnightUtc, londonToday } from '../../src/domain/calendarDate';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../src/data/listContract';
import { failureOf, spForApp, spForUser } from '../helpers/sandbox';
import { axeViolations, chooseRadio, describeViolations, DESKTOP, launchChromium, newPage, screenshot, workbenchUrl } from './support/browser';
import { listItemsAs } from './support/api';
import { currentHash, draftIdFromHash, gridCell, HALE, MARLOW, reportIdFromHash, waitForForm, waitForMyVisits, waitSaved } from './support/journey';

jest.setTimeout(180000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('one report per visit, in the workbench', () => {
  const today = londonToday();
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-shared-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
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

  async function openAs(email: string, options: { hash?: string } = {}) {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto(workbenchUrl(sandbox.url, { as: email, hash: options.hash }));
    return { context, page };
  }

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length) {
      throw new Error(`axe found ${violations.length} violation(s) on ${screen}:\n${describeViolations(violations)}`);
    }
  }

  it('a visit has one report: Hale starts it, Marlow sees it as hers and cannot start another, then reads the report and the answer', async () => {
    const app = spForApp(sandbox.siteUrl);
    const people = await app.web.siteUsers.select('Id', 'Email')();
    const idOf = (email: string): number => (people as Array<{ Id: number; Email: string }>).filter((p) => p.Email === email)[0].Id;
    const visitDay = addDays(today, -3);
    const rota = await app.web.lists.getByTitle(VISIT_ROTA.title).items.add({
      Title: 'Shared visit',
      VisitDate: londonMidnightUtc(visitDay),
      TeamId: 2,
      MembersId: [idOf(HALE), idOf(MARLOW)],
      MunicipalYear: '2026/27',
      RotaStatus: 'Held',
    });

    // Hale starts the report.
    const hale = await openAs(HALE, { hash: `#/visit/${rota.Id}/new` });
    await waitForForm(hale.page);
    await gridCell(hale.page, 'staffingWorries').fill('Shared visit: two vacancies');
    await waitSaved(hale.page);
    const draftId = await draftIdFromHash(hale.page);

    // Marlow's My visits shows it as Hale's, and leads to her draft, not to a form.
    const marlow = await openAs(MARLOW);
    await waitForMyVisits(marlow.page);
    const row = marlow.page.locator(`[data-testid="visit-row"][data-key="draft-${draftId}"]`);
    await expect(row.innerText()).resolves.toContain('Cllr Hale is writing the report (draft)');
    await expect(row.getByRole('link', { name: /Start/ }).count()).resolves.toBe(0);
    await row.getByRole('link', { name: /Read Cllr Hale’s draft/ }).click();
    await marlow.page.getByTestId('fellow-draft').waitFor({ timeout: 20000 });
    await expect(marlow.page.locator('article').innerText()).resolves.toContain('Shared visit: two vacancies');
    await expectAccessible(marlow.page, 'a fellow member’s draft');
    // The start address of that visit opens Hale's draft too.
    await marlow.page.goto(workbenchUrl(sandbox.url, { as: MARLOW, hash: `#/visit/${rota.Id}/new` }));
    await marlow.page.getByTestId('fellow-draft').waitFor({ timeout: 20000 });
    await expect(currentHash(marlow.page)).resolves.toBe(`#/draft/${draftId}`);
    await expect(marlow.page.getByTestId('visit-form').count()).resolves.toBe(0);
    // Nor through the API: SharePoint refuses a second draft for the visit.
    const second = await failureOf(
      spForUser(sandbox.siteUrl, MARLOW).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.add({ Title: 'Second', RotaEntryId: rota.Id }),
    );
    expect(second.status).toBe(500);
    expect(second.message).toContain('SPDuplicateValuesFoundException');

    // Hale submits; the Head of Service's answer is written as the bot writes it.
    await chooseRadio(hale.page, '6');
    await hale.page.getByRole('button', { name: 'Submit report' }).click();
    await hale.page.getByRole('button', { name: 'Yes, submit it' }).click();
    await hale.page.getByTestId('report-status').waitFor({ timeout: 20000 });
    const reportId = await reportIdFromHash(hale.page);
    await app.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.getById(reportId)
      .update({ HosFeedback: 'Two posts are being advertised this month.', ReportStatus: 'Responded', HosFeedbackOn: new Date().toISOString() });
    expect(await listItemsAs(sandbox.siteUrl, HALE, `RotaEntryId eq ${rota.Id}`, VISIT_REPORT_DRAFTS.title)).toEqual([]);

    await marlow.page.goto(workbenchUrl(sandbox.url, { as: MARLOW }));
    await waitForMyVisits(marlow.page);
    const answered = marlow.page.locator(`[data-testid="visit-row"][data-key="report-${reportId}"]`);
    await expect(answered.innerText()).resolves.toContain('Responded, by Cllr Hale');
    await answered.getByRole('link', { name: /Read the report and response/ }).click();
    await marlow.page.getByTestId('feedback').waitFor({ timeout: 20000 });
    await expect(marlow.page.getByTestId('feedback').innerText()).resolves.toContain('Two posts are being advertised this month.');
    await expect(marlow.page.locator('article').innerText()).resolves.toContain('Shared visit: two vacancies');
    await hale.context.close();
    await marlow.context.close();
  });

  it('the form for a visit not on the rota saves nothing until something is typed, and a draft can be deleted after confirming', async () => {
    const haleDrafts = async (): Promise<number[]> =>
      (await listItemsAs(sandbox.siteUrl, 'clerk@northshire.example', 'Id gt 0', VISIT_REPORT_DRAFTS.title)).map((i) => i.Id);
    const before = await haleDrafts();
    const { context, page } = await openAs(HALE);
    for (let i = 0; i < 3; i++) {
      await waitForMyVisits(page);
      await page.getByRole('button', { name: 'Report a visit that was not on the rota' }).click();
      await waitForForm(page);
      await page.waitForLoadState('networkidle');
      await page
        .getByRole('link', { name: /My visits/ })
        .first()
        .click();
    }
    await waitForMyVisits(page);
    expect(await haleDrafts()).toEqual(before);

    await page.getByRole('button', { name: 'Report a visit that was not on the rota' }).click();
    await waitForForm(page);
    await gridCell(page, 'otherWorries').fill('A draft to delete');
    await waitSaved(page);
    const draftId = await draftIdFromHash(page);
    await page.getByRole('button', { name: 'Delete this draft' }).click();
    const keep = page.getByRole('button', { name: 'No, keep it' });
    await keep.waitFor();
    await expect(page.getByText('You cannot undo this').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'delete-draft confirmation');
    await screenshot(page, 'delete-draft-confirmation-1280-light');
    await page.getByRole('button', { name: 'Yes, delete the draft' }).click();
    await waitForMyVisits(page);
    expect(await haleDrafts()).not.toContain(draftId);
    expect(await haleDrafts()).toEqual(before);
    await context.close();
  });

  it('a form opened before the other member started tells him, when it first saves, that she is writing it and leads there', async () => {
    const app = spForApp(sandbox.siteUrl);
    const people = (await app.web.siteUsers.select('Id', 'Email')()) as Array<{ Id: number; Email: string }>;
    const idOf = (email: string): number => people.filter((p) => p.Email === email)[0].Id;
    const rota = await app.web.lists.getByTitle(VISIT_ROTA.title).items.add({
      Title: 'Shared visit, both at once',
      VisitDate: londonMidnightUtc(addDays(today, -4)),
      TeamId: 1,
      MembersId: [idOf(HALE), idOf(MARLOW)],
      MunicipalYear: '2026/27',
      RotaStatus: 'Held',
    });
    const marlow = await openAs(MARLOW, { hash: `#/visit/${rota.Id}/new` });
    await waitForForm(marlow.page);
    // Hale starts hers first (another device).
    const hers = await spForUser(sandbox.siteUrl, HALE).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.add({ Title: 'Hale’s', RotaEntryId: rota.Id });
    await gridCell(marlow.page, 'staffingWorries').fill('Written by Marlow at the same time');
    await marlow.page.locator('[data-testid="save-status"][data-state="rejected"]').waitFor({ timeout: 20000 });
    const notice = marlow.page.getByTestId('already-reported');
    await notice.waitFor({ timeout: 20000 });
    await expect(notice.innerText()).resolves.toContain('Cllr Hale is already writing the report for this visit');
    await expectAccessible(marlow.page, 'a form refused because the visit already has a report');
    await notice.getByRole('link', { name: 'Read Cllr Hale’s draft' }).click();
    await marlow.page.getByTestId('fellow-draft').waitFor({ timeout: 20000 });
    await expect(currentHash(marlow.page)).resolves.toBe(`#/draft/${hers.Id}`);
    expect(await listItemsAs(sandbox.siteUrl, HALE, `RotaEntryId eq ${rota.Id}`, VISIT_REPORT_DRAFTS.title)).toHaveLength(1);
    await marlow.context.close();
  });
});
