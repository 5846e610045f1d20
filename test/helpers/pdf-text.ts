// The text of a PDF as a reader's tools see it: poppler's `pdftotext` (Debian's poppler-utils, installed by
// scripts/system-packages.mjs and .ci/run), and `pdfinfo` for its metadata.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? '/usr/bin/pdftotext';

function tool(name: 'pdftotext' | 'pdfinfo' | 'pdfimages'): string {
  const path = name === 'pdftotext' ? PDFTOTEXT : join(dirname(PDFTOTEXT), name);
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`apt-get install poppler-utils\` (or set PDFTOTEXT_PATH)`);
  return path;
}

/** The PDF's text in reading order, UTF-8, with runs of whitespace (line breaks too) made one space. */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
  return text.replace(/\s+/g, ' ').trim();
}

/** The PDF's metadata as pdfinfo prints it (`CreationDate`, `Pages`, `Title`, ...). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync(tool('pdfinfo'), ['-isodates', '-'], { input: pdf }).toString('utf8');
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
}

/** How many images the PDF draws (`pdfimages -list`, less its two heading lines). */
export function pdfImageCount(pdf: Buffer): number {
  const out = execFileSync(tool('pdfimages'), ['-list', '-'], { input: pdf }).toString('utf8');
  return out.trim().split('\n').length - 2;
}
