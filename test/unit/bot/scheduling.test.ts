import { nextDigestAt } from '../../../src/bot/digest';
import { formatClaim, parseClaim } from '../../../src/bot/publisher';
import { fetchWithRetry, retryAfterMs, retryDelayMs, DEFAULT_RETRY } from '../../../src/bot/retry';

describe('overdue digest schedule', () => {
  it('is next Monday 09:00 London, in summer time and in winter', () => {
    // Wednesday 1 July 2026 (BST): Monday 6 July 09:00 London = 08:00 UTC.
    expect(nextDigestAt(new Date('2026-07-01T12:00:00Z'), 'monday', '09:00').toISOString()).toBe('2026-07-06T08:00:00.000Z');
    // Wednesday 2 December 2026 (GMT): Monday 7 December 09:00 = 09:00 UTC.
    expect(nextDigestAt(new Date('2026-12-02T12:00:00Z'), 'monday', '09:00').toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });

  it('is later the same day when the time has not passed, a week on when it has', () => {
    expect(nextDigestAt(new Date('2026-12-07T08:59:00Z'), 'monday', '09:00').toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-07T09:00:00Z'), 'monday', '09:00').toISOString()).toBe('2026-12-14T09:00:00.000Z');
  });

  it('runs every day when asked', () => {
    expect(nextDigestAt(new Date('2026-12-07T10:00:00Z'), 'daily', '09:00').toISOString()).toBe('2026-12-08T09:00:00.000Z');
  });
});

describe('card claims', () => {
  it('round-trip and are not confused with a conversation id', () => {
    const claim = { until: Date.parse('2026-11-22T01:02:03Z'), token: 'b7f1c7e2-1111-4a4a-9b9b-123456789abc' };
    expect(parseClaim(formatClaim(claim))).toEqual(claim);
    expect(parseClaim('19:abc@thread.tacv2')).toBeUndefined();
    expect(parseClaim(undefined)).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Sun, 22 Nov 2026 01:00:10 GMT', Date.parse('2026-11-22T01:00:00Z'))).toBe(10000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('is honoured, capped, and replaced by backoff when absent', () => {
    expect(retryDelayMs(DEFAULT_RETRY, 0, '2')).toBe(2000);
    expect(retryDelayMs(DEFAULT_RETRY, 0, '100000')).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(retryDelayMs(DEFAULT_RETRY, 2, undefined)).toBe(DEFAULT_RETRY.baseDelayMs * 4);
  });

  it('fetchWithRetry waits as told and then succeeds', async () => {
    const waits: number[] = [];
    const answers = [
      new Response('', { status: 429, headers: { 'Retry-After': '1' } }),
      new Response('', { status: 503 }),
      new Response('ok', { status: 200 }),
    ];
    const realFetch = global.fetch;
    global.fetch = (async () => answers.shift() as Response) as typeof fetch;
    try {
      const response = await fetchWithRetry('http://example.invalid/', {}, { ...DEFAULT_RETRY, sleep: async (ms) => void waits.push(ms) });
      expect(await response.text()).toBe('ok');
      expect(waits).toEqual([1000, DEFAULT_RETRY.baseDelayMs * 2]);
    } finally {
      global.fetch = realFetch;
    }
  });
});
