/**
 * Fault injection for tests: the next N requests (optionally only those whose path and query
 * contain a substring, ignoring case) answer 429 with `Retry-After`, or 503. See src/sandbox/README.md.
 */
export interface FaultRule {
  count: number;
  status: 429 | 503;
  retryAfter?: number;
  pathContains?: string;
}

export class Faults {
  private rules: FaultRule[] = [];

  /** Validates and adds a rule from the JSON a test POSTs; returns a message when it is wrong. */
  public add(raw: unknown): string | undefined {
    const rule = raw as Partial<FaultRule>;
    if (!rule || typeof rule !== 'object') {
      return 'Send JSON: { "count": N, "status": 429 | 503, "retryAfter": seconds, "pathContains": "optional substring" }';
    }
    if (!Number.isInteger(rule.count) || (rule.count as number) < 1) {
      return '"count" must be a whole number of requests, at least 1';
    }
    if (rule.status !== 429 && rule.status !== 503) {
      return '"status" must be 429 or 503';
    }
    if (rule.retryAfter !== undefined && (typeof rule.retryAfter !== 'number' || rule.retryAfter < 0)) {
      return '"retryAfter" must be a number of seconds';
    }
    if (rule.pathContains !== undefined && typeof rule.pathContains !== 'string') {
      return '"pathContains" must be a string';
    }
    this.rules.push({ count: rule.count as number, status: rule.status, retryAfter: rule.retryAfter, pathContains: rule.pathContains });
    return undefined;
  }

  public clear(): void {
    this.rules = [];
  }

  /** The fault this request gets, if any (consuming one of the rule's count). */
  public take(pathAndQuery: string): FaultRule | undefined {
    let decoded = pathAndQuery;
    try {
      decoded = decodeURIComponent(pathAndQuery);
    } catch {
      // keep the raw form
    }
    // SharePoint URLs are case-insensitive, so is the match
    const haystacks = [pathAndQuery.toLowerCase(), decoded.toLowerCase()];
    const rule = this.rules.filter((r) => !r.pathContains || haystacks.some((h) => h.indexOf((r.pathContains as string).toLowerCase()) !== -1))[0];
    if (!rule) {
      return undefined;
    }
    rule.count--;
    if (rule.count <= 0) {
      this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }

  public pending(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }
}
