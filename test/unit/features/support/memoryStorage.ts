import { KeyValueStorage } from '../../../../src/features/councillor/draftStore';

/** localStorage in memory, with a switch to make writes fail as a full or blocked store does. */
export class MemoryStorage implements KeyValueStorage {
  public readonly data = new Map<string, string>();
  public failWrites = false;
  public getItem(key: string): string | null {
    return this.data.has(key) ? (this.data.get(key) as string) : null;
  }
  public setItem(key: string, value: string): void {
    if (this.failWrites) {
      throw new Error('QuotaExceededError');
    }
    this.data.set(key, value);
  }
  public removeItem(key: string): void {
    this.data.delete(key);
  }
  public get length(): number {
    return this.data.size;
  }
  public key(index: number): string | null {
    return Array.from(this.data.keys())[index] ?? null;
  }
}

/** A hand-driven clock for code that takes its timer functions as options. */
export class ManualClock {
  private nowMs = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  public readonly setTimer = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + ms, callback });
    return id;
  };

  public readonly clearTimer = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Moves time on, running each timer that falls due, in order. */
  public advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      this.timers.forEach((t, id) => {
        if (t.at <= until && t.at < dueAt) {
          dueAt = t.at;
          dueId = id;
        }
      });
      if (dueId === undefined) {
        break;
      }
      const timer = this.timers.get(dueId) as { at: number; callback: () => void };
      this.timers.delete(dueId);
      this.nowMs = timer.at;
      timer.callback();
    }
    this.nowMs = until;
  }
}
