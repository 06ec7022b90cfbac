/**
 * What a person sees locally: the Agents Playground as the improvement channel, driven in Chromium.
 * A councillor submits → the card appears in the channel → the Head of Service responds in it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../../src/bot/config';
import { PLAYGROUND_CHANNEL_ID, RunningPlayground, startPlayground } from '../../../src/bot/playground';
import { RunningBot, startBot } from '../../../src/bot/server';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { withSandbox } from '../../helpers/sandbox';
import { MemoryLogger, reportItem, submitReport } from './botHarness';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

describe('bot in the Agents Playground', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let playground: RunningPlayground;
  let bot: RunningBot;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      SANDBOX_URL: fixture.sandbox.url,
      BOT_SERVICE_URL: `http://localhost:${port}/_connector`,
      TEAMS_CHANNEL_ID: PLAYGROUND_CHANNEL_ID,
      REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
    });
    bot = await startBot({ config, port: 0, timers: false, sweepAtStart: false, logger: new MemoryLogger() });
    await bot.ensureWebhook();
    playground = await startPlayground({
      dir: mkdtempSync(join(tmpdir(), 'frontline-playground-')),
      botEndpoint: `${bot.url}/api/messages`,
      botId: config.credentials.clientId,
      port,
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
    });
  }, 90000);

  afterAll(async () => {
    if (browser) {
      await browser.close();
    }
    if (playground) {
      await playground.close();
    }
    if (bot) {
      await bot.webhook.remove().catch(() => undefined);
      await bot.close();
    }
  });

  it('shows the card when a report is submitted, and the response once the Head of Service sends it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(playground.url, { waitUntil: 'networkidle' });
    await page.getByText('Visit reports', { exact: true }).first().click();

    const marker = `Marker ${Date.now()}: read [this](https://evil.example) first`;
    const id = await submitReport(fixture.sandbox, { staffingWorries: marker });
    // The demo's other submitted reports get cards too; work inside ours.
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Marker ' }).last();
    await card.waitFor({ timeout: 20000 });
    await card.getByText('Visit report: Consultation Team (front door)').waitFor();
    // The Markdown link is shown as typed, not as a link.
    await card.getByText(marker.replace('https://', 'https\u2060://')).waitFor();
    expect(await card.locator('a[href^="https://evil.example"]').count()).toBe(0);

    // The Playground cannot show user-specific views, so the Head of Service asks for theirs.
    await card.getByRole('button', { name: 'Respond as Head of Service' }).click();
    // A box for each area the members wrote about, and one for the overall response.
    const staffing = card.getByRole('textbox', { name: 'Your response on Staffing' });
    await staffing.waitFor();
    await staffing.fill('We will recruit two permanent social workers by March.');
    await card.getByRole('textbox', { name: /^Your overall response/ }).fill('Thank you for the visit.');
    await card.getByRole('button', { name: 'Send response' }).click();
    await card.getByText('Head of Service response on Staffing').waitFor({ timeout: 10000 });
    await card.getByText('We will recruit two permanent social workers by March.').waitFor();
    await card.getByText('Thank you for the visit.').waitFor();

    const item = await reportItem(fixture.sandbox, id);
    expect(item.fields[VISIT_REPORTS.fields.ReportStatus]).toBe('Responded');
    expect(item.fields[VISIT_REPORTS.fields.HosFeedbackStaffing]).toBe('We will recruit two permanent social workers by March.');
    expect(item.fields[VISIT_REPORTS.fields.HosFeedback]).toBe('Thank you for the visit.');
    await page.close();
  }, 60000);
});
