// Recognises an upload's type by its first bytes, never by its name or the browser's claim; refuses a file that
// is also something a browser or a PDF viewer would run (a polyglot); names a file after what it is.
import type { AttachmentType } from '../domain/answer';

const SIGNATURES: { type: AttachmentType; matches: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    type: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export function sniffAttachmentType(bytes: Buffer): AttachmentType | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

/** The extension a stored or downloaded file gets, from its detected type (the first is the one given). */
const EXTENSIONS: Record<AttachmentType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};

/**
 * The officer's file name with the extension of what the file is: `report.html` holding a PDF is `report.pdf`,
 * `scan.jpeg` stays `scan.jpeg`. Path separators and line breaks are replaced; the name is at most 200 characters.
 */
export function fileNameFor(name: string, type: AttachmentType): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}/\\]/gu, '_').trim();
  const dot = clean.lastIndexOf('.');
  // What follows the last dot is an extension when it looks like one; otherwise it is part of the name.
  const [stem, ext] =
    dot > 0 && /^[A-Za-z0-9]{1,10}$/.test(clean.slice(dot + 1))
      ? [clean.slice(0, dot), clean.slice(dot + 1)]
      : [clean, ''];
  const allowed = EXTENSIONS[type];
  const extension = allowed.includes(ext.toLowerCase()) ? ext.toLowerCase() : allowed[0]!;
  const base = (stem || 'attachment').slice(0, 200 - extension.length - 1);
  return `${base}.${extension}`;
}

/**
 * Markup that makes a file something a browser renders or runs: HTML and SVG elements, `javascript:` URLs.
 * Each needs a delimiter after the tag name, so random bytes (compressed images) essentially never match.
 */
const ACTIVE_MARKUP =
  /<(?:!doctype\s+html|html|head|body|script|svg|iframe|frame|frameset|object|embed|applet|meta|link|base|style|form|math)[\s>/]|<img\s[^>]{0,200}\bon[a-z]+\s*=|javascript\s*:|vbscript\s*:/i;

/** PDF names that run or open something when the document is viewed (outside streams, `#xx` escapes decoded). */
const PDF_ACTIVE_NAMES = new Set(['JS', 'JavaScript', 'Launch', 'RichMedia', 'EmbeddedFile', 'XFA']);

/** The PDF's text outside its streams' data (stream bodies are often compressed: no name there counts). */
function pdfOutsideStreams(text: string): string {
  return text.replace(/\bstream\r?\n[\s\S]*?\bendstream\b/g, ' ');
}

/**
 * What makes the file more than a document or a picture, or null: a file that is also HTML, SVG or script
 * (whatever its first bytes say), or a PDF with JavaScript, a launch action or embedded files.
 */
export function activeContentIn(bytes: Buffer, type: AttachmentType | null): string | null {
  const text = bytes.toString('latin1');
  const markup = ACTIVE_MARKUP.exec(text);
  if (markup) return `it contains HTML or script (${markup[0].slice(0, 20).replace(/[^\x20-\x7e]/g, '')})`;
  if (type === 'application/pdf') {
    // `/JavaScript` spelt out anywhere (in an uncompressed object stream too), or any active name outside streams.
    if (/\/JavaScript\b/.test(text)) return 'it is a PDF with JavaScript';
    for (const [, raw] of pdfOutsideStreams(text).matchAll(/\/([^\s()<>[\]{}/%]+)/g)) {
      const name = raw!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      if (PDF_ACTIVE_NAMES.has(name)) return `it is a PDF with active content (/${name})`;
    }
  }
  return null;
}
