// One letter rendered in a thread of the letter pool (letter-render-pool.ts runs the compiled file in piscina's
// worker threads). It says when it starts, so the render's time bound counts rendering, not waiting its turn.
// (The letterhead's logo arrives as a plain Uint8Array, a Buffer's prototype staying behind: pdfkit takes either.)
import type { MessagePort } from 'node:worker_threads';
import type { Letter } from './letter';
import { renderBlocksPdf, renderLetterPdf, type BlockDocument } from './letter-pdf';

/** A letter, or a document already laid out as blocks (a transfer's letter and case papers). */
export interface LetterRenderTask {
  letter?: Letter;
  document?: BlockDocument;
  /** Told once, when this thread starts on the letter. */
  started: MessagePort;
}

export default function renderLetterInThread({
  letter,
  document,
  started,
}: LetterRenderTask): Promise<Buffer> {
  started.postMessage('started');
  return letter ? renderLetterPdf(letter) : renderBlocksPdf(document!);
}
