/**
 * Retrying throttled calls. SharePoint, Graph and the Bot Connector answer 429 (too many requests)
 * or 503 (busy) with a `Retry-After` header; the caller waits that long and tries again. Without
 * the header we back off exponentially. Other errors are not retried here.
 */
import type { Middleware } from '@microsoft/teams.common';

export const RETRYABLE_STATUSES = [429, 503];

export interface RetryPolicy {
  maxRetries: number;
  /** Backoff base when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Longest we wait for one retry, whatever Retry-After says. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { status: number; attempt: number; delayMs: number; what: string }) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 60000 };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const at = Date.parse(value);
  return isNaN(at) ? undefined : Math.max(0, at - now);
}

export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter: string | null | undefined): number {
  const given = retryAfterMs(retryAfter);
  const delay = given !== undefined ? given : policy.baseDelayMs * Math.pow(2, attempt);
  return Math.min(delay, policy.maxDelayMs);
}

/** `fetch` that retries 429/503 honouring Retry-After. The body must be replayable (string or none). */
export async function fetchWithRetry(url: string, init: RequestInit, policy: RetryPolicy = DEFAULT_RETRY): Promise<Response> {
  const sleep = policy.sleep || defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, init);
    if (RETRYABLE_STATUSES.indexOf(response.status) === -1 || attempt >= policy.maxRetries) {
      return response;
    }
    const delayMs = retryDelayMs(policy, attempt, response.headers.get('retry-after'));
    if (policy.onRetry) {
      policy.onRetry({ status: response.status, attempt: attempt + 1, delayMs, what: `${init.method || 'GET'} ${url}` });
    }
    await response.arrayBuffer().catch(() => undefined);
    await sleep(delayMs);
  }
}

interface AxiosLikeError {
  response?: { status?: number; headers?: unknown };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) {
    return undefined;
  }
  const h = headers as { get?(n: string): unknown; [k: string]: unknown };
  const value = typeof h.get === 'function' ? h.get(name) : h[name] !== undefined ? h[name] : h[name.toLowerCase()];
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Middleware for the Teams SDK's HTTP client (the Bot Connector calls: send, update, members):
 * the same retry policy, applied to its axios errors.
 */
export function teamsRetryMiddleware(policy: RetryPolicy = DEFAULT_RETRY): Middleware {
  const sleep = policy.sleep || defaultSleep;
  return {
    async invoke(context, next) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next();
        } catch (error) {
          const e = error as AxiosLikeError;
          const status = e.response && e.response.status;
          if (!status || RETRYABLE_STATUSES.indexOf(status) === -1 || attempt >= policy.maxRetries) {
            throw error;
          }
          const delayMs = retryDelayMs(policy, attempt, headerOf(e.response && e.response.headers, 'retry-after'));
          if (policy.onRetry) {
            policy.onRetry({ status, attempt: attempt + 1, delayMs, what: `${(context.config.method || 'get').toUpperCase()} ${context.config.url}` });
          }
          await sleep(delayMs);
        }
      }
    },
  };
}
