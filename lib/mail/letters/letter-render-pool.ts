// Letters are rendered off the worker's event loop, in a pool of threads (piscina): laying out and shaping a
// letter burns CPU for as long as its text takes, and the thread that polls workflow and activity tasks must
// stay free for every other complaint. The pool starts with the first letter and lives as long as the worker.
//
// Each render is bounded in time, counted from when a thread starts on it (not while it waits its turn in a
// burst): past the bound its thread is terminated (piscina's abort) and the render fails with
// LetterRenderTimeout, which makes that one message undeliverable, staff told (activities/notices.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { loadConfig, type LetterRendering } from '../../config';
import { PROJECT_ROOT } from '../../project-root';
import { LETTER_NOT_RENDERED, type Letter } from './letter';
import type { BlockDocument } from './letter-pdf';
import type { LetterRenderTask } from './letter-render-thread';

/** Renders a letter's PDF; `signal` gives it up (the activity was cancelled). */
export interface LetterRenderer {
  render(letter: Letter, signal?: AbortSignal): Promise<Buffer>;
  /** A document laid out as blocks (a transfer's letter and case papers), on the same terms as a letter. */
  renderDocument(document: BlockDocument, signal?: AbortSignal): Promise<Buffer>;
}

/** A letter that took longer than the bound to render: it never will render in time, so it is not retried. */
export class LetterRenderTimeout extends Error {
  override name = 'LetterRenderTimeout';
  constructor(timeoutMs: number) {
    const bound = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
    super(`${LETTER_NOT_RENDERED} within ${bound}`);
  }
}

/**
 * The compiled thread file: beside this one when running from dist/ (the worker process); from the TypeScript
 * sources (ts-jest) the one in dist/ too, as a thread cannot load TypeScript (npm test builds dist/ first).
 */
function threadFile(): string {
  const file = __filename.endsWith('.js')
    ? join(__dirname, 'letter-render-thread.js')
    : join(PROJECT_ROOT, 'dist', 'lib', 'mail', 'letters', 'letter-render-thread.js');
  if (!existsSync(file))
    throw new Error(`letters cannot be rendered: ${file} is missing (run npm run build)`);
  return file;
}

/** A letter with more text than this (its demands and note, in characters) waits behind the shorter ones. */
const LONG_LETTER_CHARS = 20_000;

const textLength = (letter: Letter) =>
  letter.demands.reduce((sum, d) => sum + d.length, 0) + (letter.note?.length ?? 0);

/** A laid-out document's text, in characters (its paragraphs and list items). */
const documentLength = (document: BlockDocument) =>
  document.blocks.reduce(
    (sum, b) =>
      sum + (b.type === 'paragraph' ? b.text.length : b.type === 'list' ? b.items.join('').length : 0),
    0,
  );

/** How long short letters must have stopped coming before a long one takes a thread. */
const LULL_MS = 250;
/** A long letter waits for a lull at most this long. */
const LONG_LETTER_MAX_WAIT_MS = 30_000;

interface Waiting {
  go(): void;
  since: number;
}

/**
 * Turns at the pool's threads: short letters first, each lane first come first served, and a long letter only
 * in a lull of short ones. A complaint of the largest size queues 50 letters of half a second each; an ordinary
 * complaint's letter (a few hundredths) goes ahead of them rather than waiting the half minute they take, and
 * during a burst of ordinary letters (a fan-out of lapses) the long ones leave the render thread to it (a long
 * one started mid-burst holds it half a second: BENCHMARKS.md, the heavy neighbour). A long letter waits for a
 * lull 30 s at most. Kept here rather than in piscina's queue, which puts abortable tasks back
 * in arrival order.
 */
class Turns {
  private busy = 0;
  private lastShortAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private readonly short: Waiting[] = [];
  private readonly long: Waiting[] = [];

  constructor(private readonly threads: number) {}

  /** Resolves when a thread is free for this letter; the caller must call `done()` after. Given up by `signal`. */
  async take(long: boolean, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (!long) this.lastShortAt = Date.now();
    const lane = long ? this.long : this.short;
    await new Promise<void>((resolve, reject) => {
      const waiting: Waiting = {
        since: Date.now(),
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        lane.splice(lane.indexOf(waiting), 1);
        reject(signal!.reason as Error);
      };
      lane.push(waiting);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.dispatch();
    });
  }

  /** A thread is free again. */
  done(): void {
    this.busy--;
    this.dispatch();
  }

  private dispatch(): void {
    while (this.busy < this.threads) {
      const now = Date.now();
      const longMayGo =
        now - this.lastShortAt >= LULL_MS || now - (this.long[0]?.since ?? now) >= LONG_LETTER_MAX_WAIT_MS;
      const next = this.short.shift() ?? (longMayGo ? this.long.shift() : undefined);
      if (!next) break;
      this.busy++;
      next.go();
    }
    // Long letters held for a lull: look again when one may have come.
    if (this.long.length && this.busy < this.threads && !this.timer)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.dispatch();
      }, LULL_MS);
  }
}

export class LetterRenderPool implements LetterRenderer {
  private pool: Piscina<LetterRenderTask, Uint8Array> | undefined;
  private turns: Turns | undefined;

  constructor(private readonly settings: LetterRendering) {}

  render(letter: Letter, signal?: AbortSignal): Promise<Buffer> {
    return this.run({ letter }, textLength(letter), signal);
  }

  renderDocument(document: BlockDocument, signal?: AbortSignal): Promise<Buffer> {
    return this.run({ document }, documentLength(document), signal);
  }

  private async run(
    task: Omit<LetterRenderTask, 'started'>,
    length: number,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    const { threads, timeoutMs } = this.settings;
    this.pool ??= new Piscina({ filename: threadFile(), minThreads: threads, maxThreads: threads });
    this.turns ??= new Turns(threads);
    const turns = this.turns;
    await turns.take(length > LONG_LETTER_CHARS, signal);
    const { port1: started, port2 } = new MessageChannel();
    const bound = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    started.once('message', () => {
      // (The result and this word come by different channels: one arriving after the result starts nothing.)
      if (!done) timer = setTimeout(() => bound.abort(new LetterRenderTimeout(timeoutMs)), timeoutMs);
    });
    try {
      // A thread's result arrives as a Uint8Array (a Buffer's prototype does not cross threads).
      if (!this.pool) throw new Error('the letter pool is closed');
      const pdf = await this.pool.run({ ...task, started: port2 } satisfies LetterRenderTask, {
        transferList: [port2],
        signal: signal ? AbortSignal.any([signal, bound.signal]) : bound.signal,
      });
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (err) {
      if (bound.signal.aborted) throw bound.signal.reason as LetterRenderTimeout;
      if (signal?.aborted) throw signal.reason as Error;
      throw err;
    } finally {
      done = true;
      clearTimeout(timer);
      started.close();
      turns.done();
    }
  }

  /** Ends the threads (the worker stopping): a render under way fails, and its send is retried elsewhere. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}

let shared: LetterRenderPool | undefined;

/** The process's pool with the default settings, for activities given none (openActivityDependencies gives one). */
export function sharedLetterRenderPool(): LetterRenderPool {
  return (shared ??= new LetterRenderPool(loadConfig({}).letterRendering));
}
