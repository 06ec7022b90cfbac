/**
 * Test helpers for driving the local sandbox the way production code does. Stable API — other
 * suites use these:
 *
 * - `spForUser(siteUrl, email)` — a PnPjs `SPFI` set up as in the browser (DefaultHeaders,
 *   DefaultInit, BrowserFetchWithRetry, DefaultParse, a request digest of its own) acting as a demo persona
 *   through the `X-Sandbox-User` header.
 * - `spForApp(siteUrl)` — the same, as the bot's app-only identity (Bearer token).
 * - `graphClientForApp(url)` — `@microsoft/microsoft-graph-client` pointed at the sandbox, with
 *   the app token and the client's own retry middleware.
 * - `withSandbox(options)` — a jest fixture: starts a sandbox (temp dir, port 0) in `beforeAll`,
 *   closes it in `afterAll`; read `fixture.sandbox` inside tests.
 * - `PERSONAS` — the fixed demo personas' emails.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { BrowserFetchWithRetry, DefaultParse, InjectHeaders } from '@pnp/queryable';
import { DefaultHeaders, DefaultInit, SPFI, spfi } from '@pnp/sp';
import { graphClient } from '../../src/provisioning/appGrant';
import { DEFAULT_APP_TOKEN } from '../../src/sandbox/security';
import { SandboxHandle, SandboxOptions, startSandbox } from '../../src/sandbox/server';
import { PersonaRequestDigest } from '../../src/sandbox/workbench/personaDigest';

export type { SandboxHandle, SandboxOptions };

export const PERSONAS = {
  hale: 'cllr.hale@northshire.example',
  osei: 'cllr.osei@northshire.example',
  improvement: 'improvement@northshire.example',
  headOfService: 'hos.cincp@northshire.example',
  clerk: 'clerk@northshire.example',
} as const;

/** The app-only token the sandbox accepts (`SANDBOX_APP_TOKEN` overrides it, as in the sandbox). */
export function sandboxAppToken(): string {
  return process.env.SANDBOX_APP_TOKEN || DEFAULT_APP_TOKEN;
}

export interface RetryOptions {
  /** Tries in all (PnPjs's default 3). */
  retries?: number;
  /** First wait in ms when no Retry-After is sent (PnPjs's default 200). */
  interval?: number;
}

function browserLike(siteUrl: string, headers: { [name: string]: string }, retry: RetryOptions = {}): SPFI {
  // One digest per instance: each persona gets its own, as SharePoint binds a digest to its person.
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry(retry),
    DefaultParse(),
    PersonaRequestDigest(siteUrl, headers),
    InjectHeaders(headers),
  );
}

/** PnPjs as the browser runs it, signed in as a sandbox persona. */
export function spForUser(siteUrl: string, email: string, retry?: RetryOptions): SPFI {
  return browserLike(siteUrl, { 'X-Sandbox-User': email }, retry);
}

/** PnPjs as the bot's app-only identity (SharePoint needs no digest with a bearer token). */
export function spForApp(siteUrl: string, retry?: RetryOptions): SPFI {
  return browserLike(siteUrl, { Authorization: `Bearer ${sandboxAppToken()}` }, retry);
}

/** The Graph client, app-only, against the sandbox's `/v1.0` (429/503 retried with Retry-After), as provisioning makes it. */
export function graphClientForApp(url: string, token: string = sandboxAppToken()): Client {
  return graphClient(url, token);
}

export interface SandboxFixture {
  /** Set in beforeAll; use inside tests only. */
  sandbox: SandboxHandle;
}

/** Starts a sandbox for the enclosing describe block (temp dir, free port) and closes it after. */
export function withSandbox(options: SandboxOptions = {}): SandboxFixture {
  const fixture = {} as SandboxFixture;
  beforeAll(async () => {
    fixture.sandbox = await startSandbox({ port: 0, ...options });
  });
  afterAll(async () => {
    if (fixture.sandbox) {
      await fixture.sandbox.close();
    }
  });
  return fixture;
}

/** What a failed PnPjs (`status`) or Graph client (`statusCode`, `code`) call threw. */
export interface RequestFailure {
  status?: number;
  statusCode?: number;
  code?: string;
  message: string;
}

/** Awaits a call that must fail and returns its error; fails the test if it succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<RequestFailure> {
  try {
    await promise;
  } catch (error) {
    return error as RequestFailure;
  }
  throw new Error('Expected the request to fail, but it succeeded');
}
