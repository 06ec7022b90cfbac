/**
 * A stand-in for the Bot Connector (Teams' service URL) on a local port: records every activity
 * the bot posts or updates, serves a channel roster, and can answer the next calls with 429/503.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  activityId: string;
  activity: { type?: string; attachments?: Array<{ contentType: string; content: { [k: string]: unknown } }>; [k: string]: unknown };
  at: number;
}

export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
}

export class FakeConnector {
  readonly posted: RecordedActivity[] = [];
  readonly updates: RecordedActivity[] = [];
  readonly faults: Array<{ status: number; retryAfter?: number }> = [];
  /** Requests answered with a fault, for assertions on retries. */
  faulted = 0;
  roster: RosterMember[] = [];
  /** While set, every new post is answered with this status (an outage, e.g. 500) and kept in `refused`. */
  postOutage?: number;
  /** While set, every card update is answered with this status. */
  updateOutage?: number;
  readonly refused: RecordedActivity[] = [];
  /** Milliseconds each post takes (to widen races in tests). */
  postDelayMs = 0;
  /** Runs when a post arrives, before it is answered: a test changes the world mid-post here. */
  whilePosting?: (activity: RecordedActivity['activity']) => Promise<void>;
  private server?: http.Server;
  private seq = 0;
  private waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error) => {
          res.writeHead(500);
          res.end(String(error));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, resolve));
    this.url = `http://localhost:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
  }

  /** Cards posted for a report (by the Action.Execute data). */
  cardsFor(reportId: number): RecordedActivity[] {
    return this.posted.filter((p) => cardReportId(p) === reportId);
  }

  latestCard(conversationId: string, activityId: string): { [k: string]: unknown } | undefined {
    const updates = this.updates.filter((u) => u.conversationId === conversationId && u.activityId === activityId);
    const last = updates.length ? updates[updates.length - 1] : this.posted.filter((p) => p.activityId === activityId)[0];
    return last && last.activity.attachments ? last.activity.attachments[0].content : undefined;
  }

  /** Resolves once `predicate` holds, checked after every recorded call (or rejects after `ms`). */
  waitFor(predicate: () => boolean, ms = 10000): Promise<void> {
    if (predicate()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Timed out waiting for the fake Bot Connector')), ms);
      const check = (): void => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      this.waiters.push(check);
    });
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const fault = this.faults.shift();
    if (fault) {
      this.faulted++;
      res.writeHead(fault.status, fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {});
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
      return;
    }
    const url = new URL(req.url || '/', 'http://localhost');
    const parts = url.pathname.split('/').map(decodeURIComponent);
    // /v3/conversations/{id}/activities[/{activityId}] | /v3/conversations/{id}/members
    const conversationId = parts[3];
    if (req.method === 'POST' && parts[4] === 'activities' && parts.length === 5 && this.postOutage) {
      this.refused.push({ conversationId, activityId: '', activity: JSON.parse(body), at: Date.now() });
      this.json(res, this.postOutage, { error: { code: 'ServiceError', message: 'The service is unavailable' } });
    } else if (req.method === 'PUT' && parts[4] === 'activities' && parts[5] && this.updateOutage) {
      this.refused.push({ conversationId, activityId: parts[5], activity: JSON.parse(body), at: Date.now() });
      this.json(res, this.updateOutage, { error: { code: 'ServiceError', message: 'The service is unavailable' } });
    } else if (req.method === 'POST' && parts[4] === 'activities' && parts.length === 5) {
      if (this.postDelayMs) {
        await new Promise((r) => setTimeout(r, this.postDelayMs));
      }
      if (this.whilePosting) {
        await this.whilePosting(JSON.parse(body));
      }
      const activityId = `activity-${++this.seq}`;
      this.posted.push({ conversationId, activityId, activity: JSON.parse(body), at: Date.now() });
      this.json(res, 201, { id: activityId });
    } else if (req.method === 'PUT' && parts[4] === 'activities' && parts[5]) {
      this.updates.push({ conversationId, activityId: parts[5], activity: JSON.parse(body), at: Date.now() });
      this.json(res, 200, { id: parts[5] });
    } else if (req.method === 'GET' && parts[4] === 'members') {
      this.json(res, 200, this.roster);
    } else {
      this.json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
    }
    this.notify();
  }

  private json(res: http.ServerResponse, status: number, value: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  }
}

/** The report id a posted card carries (its refresh or button data). */
export function cardReportId(recorded: RecordedActivity): number | undefined {
  const card = recorded.activity.attachments && recorded.activity.attachments[0] && recorded.activity.attachments[0].content;
  const refresh = card && (card.refresh as { action?: { data?: { reportId?: number } } } | undefined);
  if (refresh && refresh.action && refresh.action.data) {
    return refresh.action.data.reportId;
  }
  const actions = (card && (card.actions as Array<{ data?: { reportId?: number } }>)) || [];
  const withId = actions.filter((a) => a.data && a.data.reportId !== undefined)[0];
  return withId && withId.data ? withId.data.reportId : undefined;
}
