// The complaint's running work that it must see through before it ends: each respondent's track (the case file's
// from the start, one staff add later), and each transfer waiting for its body's acknowledgement. Tracks are
// started at any time, so the complaint waits for the set to empty rather than for a list fixed at its start. A
// failure of one (a bug) fails the workflow task, as Promise.all would.
import { condition } from '@temporalio/workflow';

export class RunningTracks {
  private running = 0;
  private failure: { error: unknown } | undefined;

  start(work: Promise<void>): void {
    this.running++;
    work.then(
      () => this.running--,
      (error: unknown) => {
        this.failure ??= { error };
        this.running--;
      },
    );
  }

  /** Nothing left to run. */
  idle(): boolean {
    return this.running === 0;
  }

  /** Resolves when every track and watch has ended; rethrows the first failure. */
  async allEnded(): Promise<void> {
    await condition(() => this.running === 0 || this.failure !== undefined);
    if (this.failure) throw this.failure.error;
  }
}
