// A letter's lines: text broken at spaces into lines no wider than the page allows, a word wider than a line
// broken between grapheme clusters (never inside a Devanagari conjunct such as क्ष or स्त्र, nor inside an
// emoji), in time linear in the text whatever it holds: each word is measured once, each cluster once per font
// and size (the caller caches), and each line is confirmed with one measure of its own.
//
// Widths add up almost exactly (pdfkit shapes text word by word, and a cluster is shaped whole), but kerning and
// ligatures can make a line a little wider than its parts: the line then sheds pieces worth its excess, and if
// shaping made it wider still, the longest prefix that fits is found by bisection, so no input can make a line
// cost more than a few measures of itself.

/** The width of a text as it is drawn (points). */
export type Measure = (text: string) => number;

export interface LineMeasures {
  /** The real width of a text: shaped, as pdfkit draws it. */
  measure: Measure;
  /** The width of one grapheme cluster, or of the space between words (cached by the caller). */
  clusterWidth: Measure;
}

/** A piece of a line: a word, or a cluster of a word too wide for a line; `glue` goes before it mid-line. */
interface Piece {
  text: string;
  width: number;
  glue: '' | ' ';
  /** A word too wide for a line starts a line of its own, as a reader expects a broken word to. */
  breakBefore: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Clusters found per window (each of V8's segments copies the text it came from: short windows, linear). */
const WINDOW = 128;

/**
 * A text's grapheme clusters, as Intl.Segmenter finds them, in time linear in its length. V8 gives each segment
 * a fresh copy of the whole input, so segmenting a 40,000-character word at once takes seconds and gigabytes:
 * the text is segmented a window at a time instead. A window starts at a cluster boundary and its last cluster,
 * which the window's end may have cut, is left to the next window. Starting where a cluster starts, the rules
 * that look back (conjuncts, emoji sequences, pairs of flag letters) decide as they would in the whole text; a
 * cluster longer than the window widens it.
 */
export function graphemeClusters(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let window = WINDOW;
  while (start < text.length) {
    let end = Math.min(text.length, start + window);
    // Never between the halves of a surrogate pair: half a character would end the cluster before it.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
    const segments = segmenter.segment(text.slice(start, end))[Symbol.iterator]();
    // Segments are made as they are read: a window widened for one long cluster reads just past it.
    const widened = window > WINDOW;
    let held = segments.next().value!;
    let more = false;
    for (let next = segments.next(); !next.done; next = segments.next()) {
      out.push(held.segment);
      held = next.value;
      more = true;
      if (widened) break;
    }
    if (end === text.length && !(widened && more)) {
      out.push(held.segment);
      break;
    }
    if (!more) {
      window *= 2; // one cluster fills the window: widen it
      continue;
    }
    start += held.index;
    window = WINDOW;
  }
  return out;
}

/**
 * At most this many pieces to a line. A line of the narrowest visible characters holds far fewer; this keeps
 * zero-width clusters (joiners, marks alone) from making one candidate line as long as the whole text.
 */
const MAX_PIECES_PER_LINE = 400;

/**
 * A word too wide for a line, as its grapheme clusters: the first starts a line, the others follow it without
 * a space. (A "cluster" wider than a whole line, a base with a thousand spacing marks, is no conjunct nor emoji
 * anyone writes; drawn whole it would run off the page, so it alone is broken between code points.)
 */
function clustersOf(word: string, width: number, clusterWidth: Measure): Piece[] {
  const pieces: Piece[] = [];
  const add = (text: string, w: number) =>
    pieces.push({ text, width: w, glue: pieces.length ? '' : ' ', breakBefore: !pieces.length });
  for (const segment of graphemeClusters(word)) {
    const w = clusterWidth(segment);
    if (w <= width) add(segment, w);
    else for (const point of segment) add(point, clusterWidth(point));
  }
  return pieces;
}

/** `text` in lines of at most `width` (a single cluster wider than that has a line to itself). */
export function breakLines(text: string, width: number, { measure, clusterWidth }: LineMeasures): string[] {
  const space = clusterWidth(' ');
  const pieces: Piece[] = [];
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const w = measure(word);
    if (w <= width) pieces.push({ text: word, width: w, glue: ' ', breakBefore: false });
    else for (const piece of clustersOf(word, width, clusterWidth)) pieces.push(piece);
  }

  const join = (from: number, to: number) => {
    let line = pieces[from]!.text;
    for (let k = from + 1; k < to; k++) line += pieces[k]!.glue + pieces[k]!.text;
    return line;
  };
  const lines: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    // Fill by the pieces' widths...
    let estimate = pieces[i]!.width;
    let j = i + 1;
    while (j < pieces.length && j - i < MAX_PIECES_PER_LINE && !pieces[j]!.breakBefore) {
      const next = pieces[j]!;
      const more = (next.glue ? space : 0) + next.width;
      if (estimate + more > width) break;
      estimate += more;
      j++;
    }
    // ...and confirm with the line as shaped: too wide, it sheds at least its excess by the pieces' widths
    // (at least one piece), twice at most; then the longest prefix that fits, by bisection.
    let line = join(i, j);
    for (let tries = 0; j - i > 1; tries++) {
      const excess = measure(line) - width;
      if (excess <= 0) break;
      if (tries === 2) {
        let fits = i + 1; // a line's first piece stands, fitting or not
        let tooWide = j;
        while (tooWide - fits > 1) {
          const mid = (fits + tooWide) >> 1;
          if (measure(join(i, mid)) <= width) fits = mid;
          else tooWide = mid;
        }
        j = fits;
        line = join(i, j);
        break;
      }
      for (let shed = 0; shed < excess && j - i > 1;) {
        const last = pieces[--j]!;
        shed += last.width + (last.glue ? space : 0);
      }
      line = join(i, j);
    }
    lines.push(line);
    i = j;
  }
  return lines;
}
