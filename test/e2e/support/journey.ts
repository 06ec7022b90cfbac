/**
 * Steps of the councillor's journey in the workbench, shared by the e2e tests: each waits for
 * the screen to be ready the way a person would (its heading, its status line).
 */
import { expect } from '@jest/globals';
import { Page } from 'playwright-core';

export const HALE = 'cllr.hale@northshire.example';
export const OSEI = 'cllr.osei@northshire.example';
/** Visits with Hale in the demo rota. */
export const MARLOW = 'cllr.marlow@northshire.example';
export const IMPROVEMENT = 'improvement@northshire.example';
export const HOS = 'hos.cincp@northshire.example';

/** Text as it arrives from Word: smart quotes, dashes, bullets, tabs, emoji, markup-like text. */
export const WORD_TEXT =
  '“Morale is low” – staff said… caseloads ‘too high’ 😟\n\t• agency cover at 40%\n\t• two vacancies <b>unfilled</b> <script>alert(1)</script> =HYPERLINK("http://x")\nSee https://example.org';

export async function waitForMyVisits(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor({ timeout: 20000 });
}

export async function waitForForm(page: Page): Promise<void> {
  await page.getByTestId('visit-form').waitFor({ timeout: 20000 });
}

/** Waits until the draft's status line says it is saved on the list. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: 20000 });
}

export function gridCell(page: Page, key: string) {
  return page.locator(`#fv-field-${key}`);
}

/** The route the app shows now (`#/report/12`). */
export async function currentHash(page: Page): Promise<string> {
  return page.evaluate(() => window.location.hash);
}

/** The draft the form saves to, once its first save has created it (`#/draft/12`). */
export async function draftIdFromHash(page: Page): Promise<number> {
  await page.waitForFunction(() => /^#\/draft\/\d+$/.test(window.location.hash), undefined, { timeout: 20000 });
  const hash = await currentHash(page);
  return Number(/(\d+)$/.exec(hash)![1]);
}

/** The submitted report on screen (`#/report/12`). */
export async function reportIdFromHash(page: Page): Promise<number> {
  await page.waitForFunction(() => /^#\/report\/\d+$/.test(window.location.hash), undefined, { timeout: 20000 });
  const hash = await currentHash(page);
  return Number(/(\d+)$/.exec(hash)![1]);
}

export async function expectNoDraftTextVisible(page: Page, text: string): Promise<void> {
  const body = await page.evaluate(() => document.body.innerText);
  expect(body.indexOf(text)).toBe(-1);
}
