/**
 * Sandbox + fake Bot Connector + the real bot over HTTP, and Teams-shaped activities to drive it.
 */
import { ILogger } from '@microsoft/teams.common';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { loadConfig } from '../../../src/bot/config';
import { RunningBot, startBot, StartBotOptions } from '../../../src/bot/server';
import { FRONTLINE_TEAMS, GRID_CELL_FIELDS, VISIT_REPORTS } from '../../../src/data/listContract';
import { formToItemFields } from '../../../src/data/mappers';
import { emptyGrid, Grid } from '../../../src/domain/grid';
import { londonToday } from '../../../src/domain/calendarDate';
import { buildForm } from '../../helpers/reportFixtures';
import { graphClientForApp, PERSONAS, SandboxHandle, spForApp, spForUser } from '../../helpers/sandbox';
import { FakeConnector } from './fakeConnector';

export const CHANNEL_ID = '19:improvement-channel@thread.tacv2';

export const OBJECT_IDS = {
  hale: '0b6f3c1e-0000-4000-8000-000000000001',
  improvement: '0b6f3c1e-0000-4000-8000-000000000010',
  headOfService: '0b6f3c1e-0000-4000-8000-000000000020',
  clerk: '0b6f3c1e-0000-4000-8000-000000000030',
} as const;

/** A logger that keeps what the bot says, for assertions, and prints nothing. */
export class MemoryLogger implements ILogger {
  readonly lines: Array<{ level: string; text: string }> = [];
  private add(level: string, msg: unknown[]): void {
    this.lines.push({ level, text: msg.map((m) => (m instanceof Error ? m.stack || m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ') });
  }
  debug(): void {
    // not kept: the SDK is chatty at debug level
  }
  info(...msg: unknown[]): void {
    this.add('info', msg);
  }
  warn(...msg: unknown[]): void {
    this.add('warn', msg);
  }
  error(...msg: unknown[]): void {
    this.add('error', msg);
  }
  trace(): void {
    // not kept
  }
  log(level: string, ...msg: unknown[]): void {
    this.add(level, msg);
  }
  child(): ILogger {
    return this;
  }
  warnings(): string[] {
    return this.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.text);
  }
}

export async function startTestBot(
  sandbox: SandboxHandle,
  connector: FakeConnector,
  logger = new MemoryLogger(),
  extraEnv: { [k: string]: string } = {},
  options: Pick<StartBotOptions, 'now' | 'random'> = {},
): Promise<RunningBot> {
  const config = loadConfig({
    BOT_MODE: 'local',
    SANDBOX_URL: sandbox.url,
    BOT_SERVICE_URL: connector.url,
    TEAMS_CHANNEL_ID: CHANNEL_ID,
    REPORT_PAGE_URL: `${sandbox.url}/`,
    ...extraEnv,
  });
  return startBot({ config, port: 0, timers: false, sweepAtStart: false, logger, ...options });
}

export async function firstTeam(sandbox: SandboxHandle): Promise<{ id: number; title: string }> {
  const teams = await spForApp(sandbox.siteUrl).web.lists.getByTitle(FRONTLINE_TEAMS.title).items.select('Id', 'Title').top(1)();
  return { id: teams[0].Id, title: teams[0].Title };
}

/** A councillor writes and submits a report through SharePoint REST, as the web part does. */
export async function submitReport(sandbox: SandboxHandle, cells: Partial<Grid> = {}, email: string = PERSONAS.hale): Promise<number> {
  const sp = spForUser(sandbox.siteUrl, email);
  const me = await sp.web.currentUser();
  const team = await firstTeam(sandbox);
  const grid = { ...emptyGrid(), staffingWorries: 'Two vacancies covered by agency staff.', ...cells };
  const list = sp.web.lists.getByTitle(VISIT_REPORTS.title);
  // Submitting adds the report to Visit Reports in one write, as the web part does.
  const added = await list.items.add({
    ...formToItemFields(
      buildForm({
        title: 'Visit report (test)',
        teamId: team.id,
        visitDate: londonToday(),
        members: [{ id: me.Id, displayName: me.Title, email }],
        staffInvolved: 'Team manager',
        grid,
        safetyScale: 6,
      }),
    ),
    [VISIT_REPORTS.fields.ReportStatus]: 'Submitted',
    [VISIT_REPORTS.fields.SubmittedOn]: new Date().toISOString(),
  });
  const id = (added as { Id?: number; data?: { Id: number } }).Id || (added as { data: { Id: number } }).data.Id;
  return id;
}

export interface GraphReportFields {
  [name: string]: unknown;
}

export async function reportItem(sandbox: SandboxHandle, id: number): Promise<{ eTag: string; fields: GraphReportFields }> {
  const graph = graphClientForApp(sandbox.url);
  const site = await graph.api(`/sites/localhost:${new URL(sandbox.siteUrl).pathname}`).get();
  return graph.api(`/sites/${site.id}/lists/${VISIT_REPORTS.urlName}/items/${id}`).expand('fields').get();
}

export async function patchReportFields(sandbox: SandboxHandle, id: number, fields: GraphReportFields): Promise<void> {
  const graph = graphClientForApp(sandbox.url);
  const site = await graph.api(`/sites/localhost:${new URL(sandbox.siteUrl).pathname}`).get();
  await graph.api(`/sites/${site.id}/lists/${VISIT_REPORTS.urlName}/items/${id}/fields`).patch(fields);
}

let invokeSeq = 0;

/** An `adaptiveCard/action` invoke as Teams sends it when someone presses a card's button. */
export function cardActionInvoke(options: {
  connectorUrl: string;
  actorObjectId: string;
  actorId?: string;
  verb: string;
  data: { [k: string]: unknown };
  replyToId?: string;
  trigger?: 'manual' | 'automatic';
}): { [k: string]: unknown } {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${++invokeSeq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.connectorUrl,
    from: { id: options.actorId || `29:${options.actorObjectId}`, aadObjectId: options.actorObjectId, name: 'Someone' },
    recipient: { id: '28:frontline-visits-local-bot', name: 'Frontline Visits' },
    conversation: { id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant' },
    replyToId: options.replyToId,
    channelData: { tenant: { id: 'tenant' }, channel: { id: CHANNEL_ID }, team: { id: '19:team@thread.tacv2' } },
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: options.trigger || 'manual' },
  };
}

/** POSTs an activity to the bot's real messaging endpoint; returns the HTTP status and JSON body. */
export async function postActivity(
  bot: RunningBot,
  activity: { [k: string]: unknown },
): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Every TextBlock/FactSet text of a card, as one string. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'text' || key === 'value') {
        out.push(node);
      }
    } else if (Array.isArray(node)) {
      node.forEach((n) => walk(n));
    } else if (node && typeof node === 'object') {
      Object.keys(node).forEach((k) => walk((node as { [k: string]: unknown })[k], k));
    }
  };
  walk(card);
  return out;
}

export { GRID_CELL_FIELDS };

export interface TestBotFixture {
  connector: FakeConnector;
  bot: RunningBot;
  logger: MemoryLogger;
}

/** A fresh fake Bot Connector and bot (with its own logger) for each test of the enclosing block. */
export function withTestBot(fixture: { sandbox: SandboxHandle }): TestBotFixture {
  const running = {} as TestBotFixture;
  beforeEach(async () => {
    running.connector = await new FakeConnector().start();
    running.logger = new MemoryLogger();
    running.bot = await startTestBot(fixture.sandbox, running.connector, running.logger);
  });
  afterEach(async () => {
    await running.bot.close();
    await running.connector.close();
  });
  return running;
}
