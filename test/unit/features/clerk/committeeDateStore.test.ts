import { committeeDateKey, readCommitteeDate, writeCommitteeDate } from '../../../../src/features/clerk/committeeDateStore';

/** A browser's localStorage, enough for the store (jest runs these tests in Node). */
class MemoryStorage {
  public readonly items = new Map<string, string>();
  public getItem(key: string): string | null {
    return this.items.has(key) ? this.items.get(key)! : null;
  }
  public setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  public removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('the clerk’s committee date, kept in the browser', () => {
  const site = 'https://northshire.sharepoint.com/sites/frontline-visits';
  const global = globalThis as unknown as { window?: unknown };
  afterEach(() => {
    delete global.window;
  });

  it('remembers a real date per site and forgets a cleared one', () => {
    const storage = new MemoryStorage();
    global.window = { localStorage: storage };
    writeCommitteeDate(site, '2027-01-14');
    expect(storage.items.get(committeeDateKey(site))).toBe('2027-01-14');
    expect(readCommitteeDate(site)).toBe('2027-01-14');
    expect(readCommitteeDate('https://northshire.sharepoint.com/sites/other')).toBeUndefined();
    writeCommitteeDate(site, undefined);
    expect(readCommitteeDate(site)).toBeUndefined();
  });

  it('ignores a stored value that is not a date', () => {
    const storage = new MemoryStorage();
    storage.setItem(committeeDateKey(site), 'next Thursday');
    global.window = { localStorage: storage };
    expect(readCommitteeDate(site)).toBeUndefined();
  });

  it('carries on when storage is blocked', () => {
    global.window = {
      get localStorage(): Storage {
        throw new Error('SecurityError: storage is disabled');
      },
    };
    expect(() => writeCommitteeDate(site, '2027-01-14')).not.toThrow();
    expect(readCommitteeDate(site)).toBeUndefined();
  });
});
