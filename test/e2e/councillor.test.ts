/**
 * The councillor's journey end to end: Chromium against the sandbox's workbench (the real App
 * root), as the demo councillors. Each screen is checked with axe-core and photographed (to
 * docs/screenshots/ with `npm run screenshots`), and the requests it makes are counted and printed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSandbox } from '../../src/sandbox/server';
import { formatShortDate, londonToday } from '../../src/domain/calendarDate';
import { responseDueDate } from '../../src/domain/deadlines';
import {
  axeViolations,
  chooseRadio,
  describeViolations,
  DESKTOP,
  focusedId,
  launchChromium,
  newPage,
  PHONE,
  printRequestTable,
  recordRequests,
  RequestCounter,
  screenshot,
  tabUntil,
  workbenchUrl,
} from './support/browser';
import { addPastVisitsWithoutReports, listItemsAs } from './support/api';
import { failureOf, spForUser } from '../helpers/sandbox';
import { VISIT_REPORT_DRAFTS } from '../../src/data/listContract';
import { draftIdFromHash, gridCell, HALE, OSEI, reportIdFromHash, waitForForm, waitForMyVisits, waitSaved, WORD_TEXT } from './support/journey';
import { writeScreenshotIndex } from './support/screenshotIndex';

jest.setTimeout(180000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('councillor journey in the workbench', () => {
  const today = londonToday();
  let dataDir: string;
  let sandbox: Sandbox;
  let browser: Browser;
  /** Hale's report from the draft-and-submit test. */
  let submittedReportId: number | undefined;
  /** A draft of Hale's that Osei must never see. */
  let privateDraftId: number | undefined;
  const PRIVATE_TEXT = 'Hale’s private draft note: not for other councillors';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-e2e-councillor-'));
    sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo', today });
    await addPastVisitsWithoutReports(sandbox, today, HALE, 10);
    browser = await launchChromium();
  });

  afterAll(async () => {
    printRequestTable();
    writeScreenshotIndex();
    if (browser) {
      await browser.close();
    }
    if (sandbox) {
      await sandbox.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function openAs(
    email: string,
    options: { viewport?: typeof DESKTOP; host?: 'sharepoint' | 'teams'; theme?: 'light' | 'dark' | 'contrast'; hash?: string } = {},
  ) {
    const { context, page } = await newPage(browser, options.viewport || DESKTOP);
    const counter = new RequestCounter(page);
    await page.goto(workbenchUrl(sandbox.url, { as: email, host: options.host, theme: options.theme, hash: options.hash }));
    return { context, page, counter };
  }

  async function setSaveFaults(url: string, on: boolean): Promise<void> {
    const response = await fetch(`${url}/_sandbox/faults`, {
      method: on ? 'POST' : 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: on ? JSON.stringify({ count: 1000, status: 503, retryAfter: 0, pathContains: "Visit Report Drafts')/items" }) : undefined,
    });
    expect(response.ok).toBe(true);
  }

  /**
   * Waits until no more requests reach the faulted path (the count left stays the same for a
   * while): a closing tab's last save can still be in flight after page.close() resolves, and it
   * must meet the fault, not a healed list.
   */
  async function waitForFaultedRequestsToSettle(url: string): Promise<void> {
    const remaining = async (): Promise<number> => {
      const body = (await (await fetch(`${url}/_sandbox/faults`)).json()) as { pending: Array<{ count: number }> };
      return body.pending.reduce((sum, rule) => sum + rule.count, 0);
    };
    let last = await remaining();
    let stableSince = Date.now();
    const deadline = Date.now() + 20000;
    while (Date.now() - stableSince < 2000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await remaining();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
    }
  }

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length) {
      throw new Error(`axe found ${violations.length} violation(s) on ${screen}:\n${describeViolations(violations)}`);
    }
  }

  it('My visits shows upcoming visits and past visits with the state of each report, in one round trip', async () => {
    const { context, page, counter } = await openAs(HALE);
    await waitForMyVisits(page);
    await page.waitForLoadState('networkidle');
    recordRequests('My visits (first load)', counter);
    // One $batch for the user, groups, rota and reports (PnPjs outside SPFx first asks for a
    // request digest; in SharePoint the page already has one).
    expect(counter.dataRequests.filter((r) => /\/_api\/\$batch$/.test(r))).toHaveLength(1);
    expect(counter.dataRequests.filter((r) => !/\/_api\/contextinfo$/.test(r))).toHaveLength(1);
    const states = await page.locator('[data-testid="visit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states).toContain('upcoming');
    expect(states).toContain('notStarted');
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Upcoming visits/);
    expect(text).toMatch(/Status: /);
    await screenshot(page, 'my-visits-1280-light');
    await context.close();
  });

  it('a draft survives a reload and a dropped connection, then is submitted with its due date', async () => {
    const { context, page, counter } = await openAs(HALE);
    await waitForMyVisits(page);
    const row = page.locator('[data-testid="visit-row"][data-state="notStarted"]').first();
    const teamTitle = (await row.locator('p').first().innerText()).trim();
    counter.reset();
    await row.getByRole('link', { name: /Start the report/ }).click();
    await waitForForm(page);
    await page.waitForLoadState('networkidle');
    recordRequests('Visit form, new from the rota', counter);

    // Pre-filled from the rota: team, date, members.
    await expect(page.locator('#fv-field-teamId').innerText()).resolves.toContain(teamTitle);
    await expect(page.locator('#fv-field-visitDate').inputValue()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await expect(page.locator('#fv-field-members').innerText()).resolves.toContain('Cllr Hale');

    counter.reset();
    await gridCell(page, 'staffingWorries').fill(WORD_TEXT);
    await waitSaved(page);
    recordRequests('Autosave (first save creates the draft)', counter);
    await draftIdFromHash(page);

    // Reload: the draft is intact.
    counter.reset();
    await page.reload();
    await waitForForm(page);
    await page.waitForLoadState('networkidle');
    recordRequests('Reload on a draft (start data + the report)', counter);
    await expect(gridCell(page, 'staffingWorries').inputValue()).resolves.toBe(WORD_TEXT);
    await screenshot(page, 'visit-form-draft-1280-light');

    // The connection drops while typing: the text stays on the device and comes back on reload.
    await page.route('**/_api/**', (route) => route.abort('internetdisconnected'));
    await gridCell(page, 'performanceWorries').fill('Typed while the connection was down');
    await page.locator('[data-testid="save-status"][data-state="retrying"]').waitFor({ timeout: 20000 });
    await expect(page.getByTestId('save-status').innerText()).resolves.toContain('your text is kept on this device');
    await screenshot(page, 'visit-form-not-saved-1280-light');
    // Reloading while still offline: the page says what to do, and the last save attempt on
    // leaving fails too.
    await page.reload();
    await page.getByText('We could not load your visits').waitFor({ timeout: 20000 });
    await page.unroute('**/_api/**');
    await page.reload();
    await waitForForm(page);
    await expect(gridCell(page, 'performanceWorries').inputValue()).resolves.toBe('Typed while the connection was down');
    await expect(gridCell(page, 'staffingWorries').inputValue()).resolves.toBe(WORD_TEXT);
    await expect(page.locator('body').innerText()).resolves.toContain('We found text you typed on this device');
    await waitSaved(page);

    // Finish and submit.
    const longText = 'A long observation. '.repeat(350).trim();
    await gridCell(page, 'otherNextSteps').fill(longText);
    await page.locator('#fv-field-staffInvolved').fill('Service manager; two social workers; the team’s business support officer');
    await chooseRadio(page, '7');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Submit report' }).click();
    // Fluent's blocking Dialog: role alertdialog, its text and buttons inside.
    const confirmButton = page.getByRole('button', { name: 'Yes, submit it' });
    await confirmButton.waitFor();
    await expect(page.getByText('You cannot change the report once it is submitted').isVisible()).resolves.toBe(true);
    await screenshot(page, 'submit-confirmation-1280-light');
    counter.reset();
    await confirmButton.click();
    await page.getByTestId('report-status').waitFor({ timeout: 20000 });
    await page.waitForLoadState('networkidle');
    recordRequests('Submit, then the submitted report', counter);
    const reportId = await reportIdFromHash(page);
    submittedReportId = reportId;
    const status = await page.getByTestId('report-status').innerText();
    expect(status).toContain('Status: Submitted');
    expect(status).toContain(`Submitted on ${formatShortDate(today)}`);
    expect(status).toContain(`response is due by ${formatShortDate(responseDueDate(today))}`);
    // Read-only now: no form, no text boxes.
    await expect(page.getByTestId('visit-form').count()).resolves.toBe(0);
    await expect(page.locator('textarea').count()).resolves.toBe(0);
    // What was typed is shown as typed: no markup, no link made of it.
    const article = page.locator('article');
    await expect(article.innerText()).resolves.toContain('<b>unfilled</b> <script>alert(1)</script>');
    await expect(article.locator('b, script, a').count()).resolves.toBe(0);
    await screenshot(page, 'report-submitted-1280-light');

    // The list holds exactly what was typed (Word text round-trips).
    const [item] = await listItemsAs(sandbox.siteUrl, HALE, `Id eq ${reportId}`);
    expect(item.StaffingWorries).toBe(WORD_TEXT);
    expect(item.OtherNextSteps).toBe(longText);
    expect(item.ReportStatus).toBe('Submitted');
    expect(item.SafetyScale).toBe(7);
    await context.close();
  });

  it('a tab closed before the first save loses nothing: My visits offers to continue, and the text comes back', async () => {
    const { context, page } = await openAs(HALE);
    await waitForMyVisits(page);
    const row = page.locator('[data-testid="visit-row"][data-state="notStarted"]').first();
    const rowKey = await row.getAttribute('data-key');
    await row.getByRole('link', { name: /Start the report/ }).click();
    await waitForForm(page);
    // The list fails every save from here on (the sandbox's fault injection, 503), including the
    // last one the tab tries as it closes: the report is never created on the list.
    await setSaveFaults(sandbox.url, true);
    await gridCell(page, 'otherWorries').fill('Typed, then the tab was closed');
    await page.locator('[data-testid="save-status"][data-state="retrying"]').waitFor({ timeout: 20000 });
    await page.close();
    await waitForFaultedRequestsToSettle(sandbox.url);
    await setSaveFaults(sandbox.url, false);

    const again = await context.newPage();
    await again.goto(workbenchUrl(sandbox.url, { as: HALE }));
    await waitForMyVisits(again);
    const kept = again.locator(`[data-testid="visit-row"][data-key="${rowKey}"]`);
    await expect(kept.innerText()).resolves.toContain('Started on this device, not saved yet');
    await kept.getByRole('link', { name: /Continue the report/ }).click();
    await waitForForm(again);
    await expect(gridCell(again, 'otherWorries').inputValue()).resolves.toBe('Typed, then the tab was closed');
    await waitSaved(again);
    await draftIdFromHash(again);
    await context.close();
  });

  it('an empty submit lists every missing answer at the top, each linked to its field', async () => {
    const { context, page } = await openAs(HALE);
    await waitForMyVisits(page);
    await page.getByRole('button', { name: 'Report a visit that was not on the rota' }).click();
    await waitForForm(page);
    await page.getByRole('button', { name: 'Submit report' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    // The summary takes focus, so a screen reader reads it at once.
    await expect(page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-testid'))).resolves.toBe('error-summary');
    const links = summary.getByRole('link');
    const messages = await links.allInnerTexts();
    expect(messages).toEqual([
      'Enter the date of the visit.',
      'Choose the team you visited.',
      'Write about what you found in at least one box of the grid (Staffing, Performance or Other).',
      'Choose a number from 0 to 10 for how safe the service keeps children.',
    ]);
    // Each message is repeated beside its field.
    const bodyText = await page.getByTestId('visit-form').innerText();
    for (const message of messages) {
      expect(bodyText.split(message).length - 1).toBeGreaterThanOrEqual(2);
    }
    await expectAccessible(page, 'form with errors');
    await screenshot(page, 'visit-form-errors-1280-light');
    // Each link moves focus to its field.
    const expectedFocus = ['fv-field-visitDate', 'fv-field-teamId', 'fv-field-staffingWorries'];
    for (let i = 0; i < expectedFocus.length; i++) {
      await links.nth(i).click();
      await expect(focusedId(page)).resolves.toBe(expectedFocus[i]);
    }
    await links.nth(3).click();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).type)).resolves.toBe('radio');

    // This becomes Hale's private draft for the next test.
    await gridCell(page, 'otherWorries').fill(PRIVATE_TEXT);
    await waitSaved(page);
    privateDraftId = await draftIdFromHash(page);
    await context.close();
  });

  it('a second councillor can read the first one’s draft but not change or delete it, in the app or through the API', async () => {
    expect(privateDraftId).toBeDefined();
    const draftId = privateDraftId as number;
    const oseiSp = spForUser(sandbox.siteUrl, OSEI);
    const drafts = oseiSp.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items;
    expect((await drafts.getById(draftId)()).OtherWorries).toBe(PRIVATE_TEXT);
    expect((await failureOf(drafts.getById(draftId).update({ OtherWorries: 'Changed by Osei' }))).status).toBe(403);
    expect((await failureOf(drafts.getById(draftId).delete())).status).toBe(403);

    // In the app: not on Osei's start page (he was not on that visit); a direct link shows it to read, with no form.
    const { context, page } = await openAs(OSEI);
    await waitForMyVisits(page);
    await expect(page.locator('body').innerText()).resolves.not.toContain(PRIVATE_TEXT);
    await page.goto(workbenchUrl(sandbox.url, { as: OSEI, hash: `#/draft/${draftId}` }));
    await page.getByTestId('fellow-draft').waitFor({ timeout: 20000 });
    await expect(page.getByTestId('fellow-draft').innerText()).resolves.toContain('Cllr Hale is writing this report');
    await expect(page.locator('article').innerText()).resolves.toContain(PRIVATE_TEXT);
    await expect(page.getByTestId('visit-form').count()).resolves.toBe(0);
    await context.close();
  });

  it('the form can be completed and submitted with the keyboard alone', async () => {
    const { context, page } = await openAs(HALE);
    await waitForMyVisits(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabUntil(page, (el) => el.tag === 'a' && /^Start the report/.test(el.text));
    await page.keyboard.press('Enter');
    await waitForForm(page);
    await tabUntil(page, (el) => el.id === 'fv-field-staffingWorkingWell');
    await page.keyboard.type('Supervision is regular; “buddy” system for new starters.');
    await tabUntil(page, (el) => el.type === 'radio');
    // Arrow keys move through the scale; each press selects.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('ArrowRight');
    }
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).resolves.toBe(true);
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Submit report');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Yes, submit it' }).waitFor();
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Yes, submit it', 10);
    await page.keyboard.press('Enter');
    await page.getByTestId('report-status').waitFor({ timeout: 20000 });
    await expect(page.getByTestId('report-status').innerText()).resolves.toContain('Status: Submitted');
    await expect(page.locator('article').innerText()).resolves.toContain('“buddy” system');
    await context.close();
  });

  it('a draft changed in another tab is not overwritten silently, and this tab keeps its text (412)', async () => {
    // Two tabs with separate storage, as two devices.
    const first = await openAs(HALE);
    await waitForMyVisits(first.page);
    await first.page.locator('[data-testid="visit-row"][data-state="notStarted"]').first().getByRole('link').click();
    await waitForForm(first.page);
    await gridCell(first.page, 'staffingWorries').fill('Notes before the visit');
    await waitSaved(first.page);
    const reportId = await draftIdFromHash(first.page);
    const second = await openAs(HALE, { hash: `#/draft/${reportId}` });
    await waitForForm(second.page);

    await gridCell(first.page, 'staffingNextSteps').fill('Written on the first device');
    await waitSaved(first.page);
    await gridCell(second.page, 'performanceNextSteps').fill('Written on the second device');
    await second.page.locator('[data-testid="save-status"][data-state="conflict"]').waitFor({ timeout: 20000 });
    await expect(second.page.locator('body').innerText()).resolves.toContain('Your text is kept on this device');
    await screenshot(second.page, 'visit-form-conflict-1280-light');
    // Even a reload keeps this device's text until the person chooses.
    await second.page.reload();
    await waitForForm(second.page);
    await expect(gridCell(second.page, 'performanceNextSteps').inputValue()).resolves.toBe('Written on the second device');
    await second.page.locator('[data-testid="save-status"][data-state="conflict"]').waitFor({ timeout: 20000 });
    await second.page.getByRole('button', { name: 'Keep my version' }).click();
    await waitSaved(second.page);
    const [item] = await listItemsAs(sandbox.siteUrl, HALE, `Id eq ${reportId}`, VISIT_REPORT_DRAFTS.title);
    expect(item.PerformanceNextSteps).toBe('Written on the second device');

    // The second device loses its connection mid-sentence; the first submits the report.
    await second.context.route('**/_api/**', (route) => route.abort('internetdisconnected'));
    await gridCell(second.page, 'otherNextSteps').fill('Typed on the second device after it went offline');
    await second.page.locator('[data-testid="save-status"][data-state="retrying"]').waitFor({ timeout: 20000 });
    await first.page.reload();
    await waitForForm(first.page);
    await chooseRadio(first.page, '6');
    await first.page.getByRole('button', { name: 'Submit report' }).click();
    await first.page.getByRole('button', { name: 'Yes, submit it' }).click();
    await first.page.getByTestId('report-status').waitFor({ timeout: 20000 });
    // Back online, the second device says the draft is gone (submitted) and shows the text it still holds.
    await second.context.unroute('**/_api/**');
    await second.page.reload();
    await second.page.getByText('We could not open this draft').waitFor({ timeout: 20000 });
    await second.page.getByText('Show the text kept on this device').click();
    await expect(second.page.locator('body').innerText()).resolves.toContain('Typed on the second device after it went offline');
    await second.page.getByRole('button', { name: 'Discard the text on this device' }).click();
    await expect(second.page.getByText('Show the text kept on this device').count()).resolves.toBe(0);
    await first.context.close();
    await second.context.close();
  });

  it('a deep link (as the card in the channel gives it) opens that report, in SharePoint and in Teams', async () => {
    expect(submittedReportId).toBeDefined();
    for (const via of ['sharepoint', 'teams'] as const) {
      const { context, page } = await newPage(browser, DESKTOP);
      await page.goto(workbenchUrl(sandbox.url, { as: HALE, host: via, deepLink: { report: submittedReportId as number, via } }));
      await page.getByTestId('report-status').waitFor({ timeout: 20000 });
      await expect(page.getByTestId('report-status').innerText()).resolves.toContain('Status: Submitted');
      await context.close();
    }
  });

  const looks = [
    { viewport: DESKTOP, theme: 'light' as const },
    { viewport: DESKTOP, theme: 'dark' as const },
    { viewport: PHONE, theme: 'light' as const },
    { viewport: PHONE, theme: 'dark' as const },
    // High contrast: checked, not photographed.
    { viewport: DESKTOP, theme: 'contrast' as const },
  ];
  for (const look of looks) {
    it(`has no axe violations on any screen at ${look.viewport.width}px in the Teams ${look.theme === 'contrast' ? 'high contrast' : look.theme} theme`, async () => {
      const name = (screen: string): string => `${screen}-${look.viewport.name}-teams-${look.theme}`;
      const keep = look.viewport === PHONE ? look.theme === 'dark' : look.theme === 'light';
      const { context, page, counter } = await openAs(HALE, { viewport: look.viewport, host: 'teams', theme: look.theme });
      await waitForMyVisits(page);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, name('my-visits'));
      if (keep) {
        await screenshot(page, name('my-visits'));
      }

      // A responded report: the feedback beside the report.
      const responded = page.locator('[data-testid="visit-row"][data-state="responded"]').first();
      expect(await responded.count()).toBe(1);
      counter.reset();
      await responded.getByRole('link').click();
      await page.getByTestId('feedback').waitFor({ timeout: 20000 });
      await page.waitForLoadState('networkidle');
      if (look === looks[0]) {
        recordRequests('Responded report', counter);
      }
      await expect(page.getByTestId('feedback').innerText()).resolves.toMatch(/By .+/);
      await expectAccessible(page, name('report-responded'));
      if (keep) {
        await screenshot(page, name('report-responded'));
      }

      // The form (new from the rota, or the draft it became), with errors, and the confirmation.
      await page.goto(workbenchUrl(sandbox.url, { as: HALE, host: 'teams', theme: look.theme }));
      await waitForMyVisits(page);
      const notStarted = page.locator('[data-testid="visit-row"][data-state="notStarted"]').first();
      await notStarted.getByRole('link').click();
      await waitForForm(page);
      await expectAccessible(page, name('visit-form'));
      if (keep) {
        await screenshot(page, name('visit-form'));
      }
      await page.getByRole('button', { name: 'Submit report' }).click();
      await page.getByTestId('error-summary').waitFor();
      await expectAccessible(page, name('visit-form-errors'));
      if (keep) {
        await screenshot(page, name('visit-form-errors'));
      }
      // The confirmation step: something found, a judgement.
      await gridCell(page, 'staffingWorkingWell').fill('Stable team');
      await chooseRadio(page, '5');
      await page.getByRole('button', { name: 'Submit report' }).click();
      await page.getByRole('button', { name: 'Yes, submit it' }).waitFor();
      await expectAccessible(page, name('submit-confirmation'));
      if (keep) {
        await screenshot(page, name('submit-confirmation'));
      }
      await page.getByRole('button', { name: 'Not yet' }).click();
      await page.getByRole('button', { name: 'Yes, submit it' }).waitFor({ state: 'detached' });

      // The members picker, open.
      await page.locator('#fv-field-members-box-input').click();
      await page.locator('#fv-field-members-box-list').getByText('Cllr Osei', { exact: true }).waitFor({ timeout: 10000 });
      await expectAccessible(page, name('members-picker'));
      if (keep) {
        await screenshot(page, name('members-picker'));
      }
      await page.keyboard.press('Escape');

      // The submitted report from earlier.
      if (submittedReportId !== undefined) {
        await page.goto(workbenchUrl(sandbox.url, { as: HALE, host: 'teams', theme: look.theme, hash: `#/report/${submittedReportId}` }));
        await page.getByTestId('report-status').waitFor({ timeout: 20000 });
        await expectAccessible(page, name('report-submitted'));
        if (keep) {
          await screenshot(page, name('report-submitted'));
        }
      }
      await context.close();

      // Another role's start page: the improvement team's overview of every visit.
      const other = await openAs('improvement@northshire.example', { viewport: look.viewport, host: 'teams', theme: look.theme });
      await other.page.getByRole('heading', { level: 1, name: 'Visits overview' }).waitFor({ timeout: 20000 });
      await other.page.getByTestId('overview-row').first().waitFor({ timeout: 20000 });
      await other.page.waitForLoadState('networkidle');
      if (look === looks[0]) {
        recordRequests('Improvement team start page', other.counter);
      }
      await expectAccessible(other.page, name('reports-list'));
      if (keep) {
        await screenshot(other.page, name('reports-list'));
      }
      await other.context.close();
    });
  }
});
