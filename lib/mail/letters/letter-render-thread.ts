// One letter rendered in a thread of the letter pool (letter-render-pool.ts runs the compiled file in piscina's
// worker threads). It says when it starts, so the render's time bound counts rendering, not waiting its turn.
import type { MessagePort } from 'node:worker_threads';
import type { Letter } from './letter';
import { renderLetterPdf } from './letter-pdf';

export interface LetterRenderTask {
  letter: Letter;
  /** Told once, when this thread starts on the letter. */
  started: MessagePort;
}

export default async function renderLetterInThread({ letter, started }: LetterRenderTask): Promise<Buffer> {
  started.postMessage('started');
  // A Buffer crosses between threads as a plain Uint8Array: pdfkit takes the logo as a Buffer only.
  const { logo } = letter.from;
  const from = logo
    ? { ...letter.from, logo: Buffer.from(logo.buffer, logo.byteOffset, logo.byteLength) }
    : letter.from;
  return renderLetterPdf({ ...letter, from });
}
