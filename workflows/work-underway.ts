// What a complaint runs beside its clock (a message, a record), by key: started once per key, awaited before
// the complaint ends or continues as new (an activity of a run that ended would be abandoned).

export class WorkUnderway {
  private readonly byKey = new Map<string, Promise<void>>();

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Nothing under way. */
  idle(): boolean {
    return this.byKey.size === 0;
  }

  /** Runs `work`, once per key (or set of keys, all of which it covers). */
  start(key: string | string[], work: () => Promise<void>): void {
    const keys = typeof key === 'string' ? [key] : key;
    if (keys.some((k) => this.byKey.has(k))) return;
    const done = work().finally(() => {
      for (const k of keys) this.byKey.delete(k);
    });
    for (const k of keys) this.byKey.set(k, done);
  }

  /** Waits for the work under way under `key`, if any. */
  async finished(key: string): Promise<void> {
    await this.byKey.get(key);
  }

  /** Waits for all work under way (before the complaint ends: its last messages still go out). */
  async allDone(): Promise<void> {
    while (this.byKey.size > 0) await Promise.all(new Set(this.byKey.values()));
  }
}
