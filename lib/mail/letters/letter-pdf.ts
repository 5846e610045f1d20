// A letter as a PDF (A4), with pdfkit: Noto Sans Devanagari (Latin and Devanagari in one face, embedded from the
// @expo-google-fonts/noto-sans-devanagari package), shaped by fontkit. The same letter gives the same bytes: the
// creation date is its date of issue, and pdfkit derives the document ID and font tags from what it is given.
//
// Lines are broken here, not by pdfkit, so each line is drawn inside a marked-content span whose ActualText is
// the line as written: shaped Devanagari puts glyphs in visual order (the vowel sign ि before its consonant,
// the reph of र् after the syllable), which text extraction, search and copy would otherwise get back scrambled.
import { readFileSync } from 'node:fs';
import { create as openFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { ConfigError, type CommissionIdentity } from '../../config';
import type { LetterLanguage } from '../../procedure/procedure';
import type { Letter, Letterhead } from './letter';
import { letterBlocks, letterTitle, type LetterBlock } from './letter-text';
import { breakLines } from './line-breaks';

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-devanagari';
let fonts: { regular: Font; bold: Font } | undefined;

/**
 * The faces, parsed once per process (fontkit keeps what it has shaped): pdfkit takes a fontkit font as it takes a
 * file, and makes each document's subset from it afresh, so a letter's bytes do not depend on the letters before.
 */
function loadFonts(): { regular: Font; bold: Font } {
  const face = (file: string) =>
    withLayoutMemo(openFont(readFileSync(require.resolve(`${FONT_PACKAGE}/${file}`))) as Font);
  fonts ??= {
    regular: face('400Regular/NotoSansDevanagari_400Regular.ttf'),
    bold: face('700Bold/NotoSansDevanagari_700Bold.ttf'),
  };
  return fonts;
}

/**
 * The letterhead from the commission's identity, its logo read and checked (a PNG or JPEG): done when the worker
 * starts, so a wrong COMMISSION_LOGO stops it with a message naming the variable rather than failing every send.
 */
export function openLetterhead(commission: CommissionIdentity): Letterhead {
  const { name, nameHi, address, signatory, contact, logo } = commission;
  const head: Letterhead = { name, ...(nameHi ? { nameHi } : {}), address, signatory, contact };
  if (!logo) return head;
  let bytes: Buffer;
  try {
    bytes = readFileSync(logo);
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration: COMMISSION_LOGO: cannot read ${logo} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg)
    throw new ConfigError(`Invalid configuration: COMMISSION_LOGO: ${logo} is not a PNG or JPEG file`);
  return { ...head, logo: bytes };
}

type GlyphRun = ReturnType<Font['layout']>;
const LAYOUT_MEMO_MAX = 20_000;
/** Characters kept in all (a shaped character holds its position, some 100 bytes): a few MB at most. */
const LAYOUT_MEMO_MAX_CHARS = 100_000;
/** Longer texts are not kept: a word this long is a pasted link or a number, not one that recurs. */
const LAYOUT_MEMO_MAX_TEXT = 64;

/**
 * Shaping Devanagari (fontkit's GSUB lookups) is most of a letter's cost, and pdfkit's own cache of shaped words
 * lives and dies with one document. The same words are shaped alike in every letter, so the font keeps them for
 * the process: each caller gets its own copy of the positions, which pdfkit scales in place. Bounded by entries
 * and by characters, long texts not kept: cleared when full (a letter's own words, names and subjects, are the
 * ones that come and go).
 */
function withLayoutMemo(font: Font): Font {
  const layout = font.layout.bind(font);
  const memo = new Map<string, GlyphRun>();
  let chars = 0;
  const copy = (run: GlyphRun): GlyphRun => {
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      ...run,
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((width, p) => width + p.xAdvance, 0);
      },
    };
  };
  font.layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((arg) => arg !== undefined)) return layout(text, ...(rest as []));
    let run = memo.get(text);
    if (!run) {
      run = layout(text);
      if (text.length > LAYOUT_MEMO_MAX_TEXT) return run;
      if (memo.size >= LAYOUT_MEMO_MAX || chars + text.length > LAYOUT_MEMO_MAX_CHARS) {
        memo.clear();
        chars = 0;
      }
      memo.set(text, run);
      chars += text.length;
    }
    return copy(run);
  };
  return font;
}

/** Each grapheme cluster's width, per face and size, for the process (line-breaks.ts measures each once). */
const CLUSTER_WIDTHS_MAX = 10_000;
const clusterWidthsBy = new Map<string, Map<string, number>>();
function clusterWidths(font: string, size: number): Map<string, number> {
  const key = `${font}/${size}`;
  let widths = clusterWidthsBy.get(key);
  if (!widths) clusterWidthsBy.set(key, (widths = new Map<string, number>()));
  return widths;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 64;
const WIDTH = PAGE.width - 2 * MARGIN;
const BODY = 10.5;
/** Devanagari stacks marks above and below the line: more leading than Latin alone needs. */
const LEADING = 1.55;

/** A document laid out as blocks (a letter; a transfer's letter and case papers): what the PDF is drawn from. */
export interface BlockDocument {
  blocks: LetterBlock[];
  /** Its first language (the PDF's). */
  language: LetterLanguage;
  title: string;
  author: string;
  /** Its number, printed at the foot of each page of a document of more than one page. */
  number: string;
  /** Its date of issue (ISO instant): the PDF's creation date, so a retried send attaches the same bytes. */
  issuedAt: string;
  logo?: Buffer;
}

export function renderLetterPdf(letter: Letter): Promise<Buffer> {
  return renderBlocksPdf({
    blocks: letterBlocks(letter),
    language: letter.languages[0] ?? 'en',
    title: `${letterTitle(letter)} ${letter.caseReference}`,
    author: letter.from.name,
    number: letter.letterNumber,
    issuedAt: letter.issuedAt,
    ...(letter.from.logo ? { logo: letter.from.logo } : {}),
  });
}

export async function renderBlocksPdf(letter: BlockDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
    bufferPages: true,
    lang: letter.language === 'hi' ? 'hi-IN' : 'en-IN',
    info: {
      Title: letter.title,
      Author: letter.author,
      Subject: letter.number,
      // The letter's date of issue, not the time of rendering: a retried send attaches the very same bytes.
      CreationDate: new Date(letter.issuedAt),
    },
  });
  // A fontkit font is a font source to pdfkit (its types know only files and buffers).
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let y = MARGIN;
  const room = (height: number) => {
    if (y + height <= PAGE.height - MARGIN) return;
    doc.addPage();
    y = MARGIN;
  };

  /** Breaks `text` into lines of at most `width` (line-breaks.ts: in linear time, never inside a cluster). */
  const wrap = (text: string, font: string, size: number, width: number): string[] => {
    doc.font(font).fontSize(size);
    const widths = clusterWidths(font, size);
    return breakLines(text, width, {
      measure: (s) => doc.widthOfString(s),
      clusterWidth: (cluster) => {
        let w = widths.get(cluster);
        if (w === undefined) {
          if (widths.size >= CLUSTER_WIDTHS_MAX) widths.clear();
          w = doc.widthOfString(cluster);
          widths.set(cluster, w);
        }
        return w;
      },
    });
  };

  /** Draws one line at (x, y), marked with its text as written (see above); a list's number hangs before it. */
  const drawLine = (
    text: string,
    x: number,
    font: string,
    size: number,
    align?: 'center' | 'right',
    number?: string,
  ) => {
    doc.font(font).fontSize(size);
    const w = doc.widthOfString(text);
    const at = align === 'center' ? MARGIN + (WIDTH - w) / 2 : align === 'right' ? MARGIN + WIDTH - w : x;
    doc.markContent('Span', { actual: number ? `${number} ${text}` : text });
    if (number) doc.text(number, x - 18, y, { lineBreak: false });
    doc.text(text, at, y, { lineBreak: false });
    doc.endMarkedContent();
  };

  const paragraph = (
    text: string,
    opts: { font?: string; size?: number; indent?: number; align?: 'center' | 'right'; after?: number } = {},
  ) => {
    const font = opts.font ?? 'regular';
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 0;
    for (const line of wrap(text, font, size, WIDTH - indent)) {
      room(size * LEADING);
      drawLine(line, MARGIN + indent, font, size, opts.align);
      y += size * LEADING;
    }
    y += opts.after ?? size * 0.6;
  };

  const draw = (block: LetterBlock) => {
    switch (block.type) {
      case 'letterhead': {
        const top = y;
        if (letter.logo) doc.image(letter.logo, MARGIN, top, { fit: [56, 56] });
        for (const name of block.names)
          paragraph(name, { font: 'bold', size: 15, align: 'center', after: 2 });
        for (const line of block.address) paragraph(line, { size: 9.5, align: 'center', after: 0 });
        y = Math.max(y, letter.logo ? top + 60 : y) + 6;
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + WIDTH, y)
          .lineWidth(0.8)
          .stroke();
        y += 14;
        return;
      }
      case 'title':
        paragraph(block.text, { font: 'bold', size: 13, align: 'center', after: 10 });
        return;
      case 'field':
        paragraph(`${block.label}: ${block.value}`, { after: 2 });
        return;
      case 'addressee':
        y += 8;
        paragraph(block.label, { after: 0 });
        for (const line of block.lines) paragraph(line, { indent: 14, after: 0 });
        y += 10;
        return;
      case 'paragraph':
        paragraph(block.text, { font: block.bold ? 'bold' : 'regular', after: 6 });
        return;
      case 'list':
        block.items.forEach((item, i) => {
          const lines = wrap(item, 'regular', BODY, WIDTH - 34);
          lines.forEach((line, j) => {
            room(BODY * LEADING);
            drawLine(line, MARGIN + 34, 'regular', BODY, undefined, j === 0 ? `${i + 1}.` : undefined);
            y += BODY * LEADING;
          });
        });
        y += 6;
        return;
      case 'rule':
        room(24);
        y += 6;
        doc
          .moveTo(MARGIN + WIDTH / 3, y)
          .lineTo(MARGIN + (2 * WIDTH) / 3, y)
          .lineWidth(0.5)
          .stroke();
        y += 14;
        return;
      case 'signature':
        room(BODY * LEADING * 6);
        y += 8;
        paragraph(block.closing, { after: 26 });
        block.lines.forEach((line, i) => paragraph(line, { font: i === 0 ? 'bold' : 'regular', after: 0 }));
        y += 12;
        return;
    }
  };

  for (const block of letter.blocks) draw(block);
  // A letter of more than one page says on each which letter it is and where it stands.
  const { start, count } = doc.bufferedPageRange();
  if (count > 1)
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      y = PAGE.height - MARGIN / 2 - 10;
      drawLine(`${letter.number} · ${i - start + 1}/${count}`, MARGIN, 'regular', 8, 'center');
    }
  doc.end();
  return done;
}

/** The attachment's file name: the kind, the case reference and the letter's number, in safe characters. */
export function letterFileName(letter: Letter): string {
  return `${letter.kind}-${letter.letterNumber.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
}
