// The letter pool (lib/mail/letters/letter-render-pool.ts): letters render in its threads, so the calling thread's
// event loop stays free while a burst of the largest letters renders (its delay measured with
// monitorEventLoopDelay over the burst: a property of where the work runs, not a timing of it); the bytes are
// those rendered in-process; the bound counts rendering, not waiting in the queue; a render past the bound, or
// given up by its activity, fails at once. The threads run the compiled file in dist/ (npm test builds it).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../lib/config';
import { letterFor, type Letter } from '../../lib/mail/letters/letter';
import { openLetterhead, renderLetterPdf } from '../../lib/mail/letters/letter-pdf';
import { LetterRenderPool, LetterRenderTimeout } from '../../lib/mail/letters/letter-render-pool';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';

/** The largest letter a case file allows: bilingual, 20 demands of 2,000 characters without a space. */
function largestLetter(n: number): Letter {
  return letterFor(
    {
      kind: 'notice',
      respondentId: `respondent-${n}`,
      stepId: 'notice',
      version: 1,
      caseReference: 'NCPCR/2021/05/0291',
      subject: 'Child sexual abuse material shared on a social network',
      respondentName: 'Delhi Police',
      recipient: { name: 'The Commissioner', designation: 'Commissioner of Police' },
      demands: Array.from({ length: 20 }, (_, i) =>
        `https://records.example/${n}/${i}/${'ReferenceNumberX'.repeat(130)}`.slice(0, 2000),
      ),
      timeZone: 'Asia/Kolkata',
      dueAt: '2021-06-05T11:30:00Z',
    },
    openLetterhead(loadConfig({}).commission),
    {
      issuedAt: '2021-05-29T04:30:00Z',
      languages: ['en', 'hi'],
      legalBasis: DEFAULT_PROCEDURE.legalBasis!.notice!,
    },
  );
}

const pools: LetterRenderPool[] = [];
function pool(timeoutMs = loadConfig({}).letterRendering.timeoutMs): LetterRenderPool {
  const p = new LetterRenderPool({ threads: 1, timeoutMs });
  pools.push(p);
  return p;
}
afterAll(() => Promise.all(pools.map((p) => p.close())));

test("a burst of 10 of the largest letters: the caller's event loop stays free (p99 < 100 ms), the bytes as rendered in-process", async () => {
  const letters = Array.from({ length: 10 }, (_, n) => largestLetter(n));
  const renderer = pool();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((r) => setTimeout(r, 50)); // the monitor counts from its first tick
  const started = performance.now();
  const pdfs = await Promise.all(letters.map((letter) => renderer.render(letter)));
  const burstMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 50)); // a loop held until now records its delay on its next turn
  delay.disable();
  const p99 = delay.percentile(99) / 1e6;
  console.log(
    `burst of 10 largest letters: ${Math.round(burstMs)} ms; caller's event-loop delay p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  );
  expect(p99).toBeLessThan(100);
  expect(delay.count).toBeGreaterThan(10); // it did measure the burst
  // The same bytes as in this thread (the first and the last of the burst).
  expect(pdfs[0]!.equals(await renderLetterPdf(letters[0]!))).toBe(true);
  expect(pdfs[9]!.equals(await renderLetterPdf(letters[9]!))).toBe(true);
  expect(Buffer.isBuffer(pdfs[0])).toBe(true);
});

test('the bound counts a letter from when a thread starts it: a burst longer than the bound, each letter within it', async () => {
  // One letter's time in a warm thread, then a pool bounded at 5 times that: 15 letters queued on its one thread
  // take about 15 times as long, and none is given up.
  const warm = pool();
  await warm.render(largestLetter(0));
  const started = performance.now();
  await warm.render(largestLetter(1));
  const one = performance.now() - started;
  const bounded = pool(Math.ceil(5 * one));
  await bounded.render(largestLetter(0)); // its thread started, fonts read
  const burstStarted = performance.now();
  const pdfs = await Promise.all(Array.from({ length: 15 }, (_, n) => bounded.render(largestLetter(n))));
  expect(pdfs).toHaveLength(15);
  expect(performance.now() - burstStarted).toBeGreaterThan(Math.ceil(5 * one));
});

test('a render past its bound fails with the reason staff read; one given up by its activity fails with its reason', async () => {
  const tight = pool(1);
  const timedOut = await tight.render(largestLetter(0)).catch((err: unknown) => err);
  expect(timedOut).toBeInstanceOf(LetterRenderTimeout);
  expect((timedOut as Error).message).toBe('the letter could not be rendered within 1 ms');
  // Its thread was terminated (piscina's abort): the next letter has a fresh one, and fails in its turn.
  await expect(tight.render(largestLetter(1))).rejects.toThrow('within 1 ms');
  expect(new LetterRenderTimeout(20_000).message).toBe('the letter could not be rendered within 20 s');

  const stopping = new AbortController();
  const cancelled = pool().render(largestLetter(2), stopping.signal);
  stopping.abort(new Error('the worker is stopping'));
  await expect(cancelled).rejects.toThrow('the worker is stopping');
});

test("an ordinary letter queued behind a burst of the largest goes first: a small complaint never waits for a large one's letters", async () => {
  const renderer = pool();
  const finished: string[] = [];
  const render = (name: string, letter: Letter) =>
    renderer.render(letter).then(() => void finished.push(name));
  const burst = Array.from({ length: 6 }, (_, n) => render(`large-${n}`, largestLetter(n)));
  const small = largestLetter(99);
  const ordinary = render('ordinary', { ...small, demands: ['Send an Action Taken Report'] });
  // A letter given up while it waits its turn (its activity cancelled) leaves the queue with that reason.
  const cancelled = new AbortController();
  const givenUp = renderer.render(largestLetter(98), cancelled.signal);
  cancelled.abort(new Error('the activity was cancelled'));
  await expect(givenUp).rejects.toThrow('the activity was cancelled');
  await Promise.all([...burst, ordinary]);
  // One thread: the first large letter was under way when the ordinary one came; it went next.
  expect(finished.indexOf('ordinary')).toBeLessThanOrEqual(1);
  expect(finished.filter((n) => n.startsWith('large-'))).toEqual(
    Array.from({ length: 6 }, (_, n) => `large-${n}`),
  );
});
