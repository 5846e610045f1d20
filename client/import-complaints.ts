// Importing many complaints from JSON Lines (one case file per line) or CSV (one row per respondent; rows
// with the same caseReference form one complaint). Every row is checked before anything starts, and a rerun
// skips the complaints already started, so an interrupted import is resumed by running it again.
import { readFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { parse } from 'csv-parse/sync';
import { caseFileSchema, type CaseFile } from '../lib/procedure/case-file';
import type { Procedure } from '../lib/procedure/procedure';
import { describeZodError, InputError } from '../lib/procedure/validation';
import { startComplaint } from './complaints';

export interface ImportItem {
  /** Where it came from: `line 3`, or `rows 2-4`. */
  source: string;
  caseFile: CaseFile;
}

export const CSV_COLUMNS = [
  'caseReference',
  'subject',
  'categories',
  'receivedOn',
  'summary',
  'commissionName',
  'commissionEmail',
  'respondentId',
  'respondentName',
  'officerName',
  'officerDesignation',
  'officerEmail',
  'demands',
] as const;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function fromCsv(text: string): { source: string; data: unknown }[] {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    throw new InputError(`import file: is not valid CSV (${(err as Error).message})`);
  }
  const missing = CSV_COLUMNS.filter((c) => rows.length && !(c in rows[0]!));
  if (missing.length) throw new InputError(`import file: missing CSV columns ${missing.join(', ')}`);
  const byCase = new Map<string, { first: number; last: number; rows: Record<string, string>[] }>();
  rows.forEach((row, i) => {
    const key = row.caseReference ?? '';
    const entry = byCase.get(key) ?? { first: i + 2, last: i + 2, rows: [] };
    entry.last = i + 2;
    entry.rows.push(row);
    byCase.set(key, entry);
  });
  return [...byCase.values()].map(({ first, last, rows: group }) => {
    const head = group[0]!;
    return {
      source: first === last ? `row ${first}` : `rows ${first}-${last}`,
      data: {
        caseReference: head.caseReference,
        subject: head.subject,
        categories: list(head.categories),
        receivedOn: head.receivedOn,
        summary: head.summary,
        commission: { name: head.commissionName, email: head.commissionEmail },
        respondents: group.map((r) => ({
          id: r.respondentId,
          name: r.respondentName,
          officer: { name: r.officerName, designation: r.officerDesignation, email: r.officerEmail },
          demands: list(r.demands),
        })),
      },
    };
  });
}

function fromJsonLines(text: string): { source: string; data: unknown }[] {
  const out: { source: string; data: unknown }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push({ source: `line ${i + 1}`, data: JSON.parse(line) });
    } catch (err) {
      throw new InputError(`import file line ${i + 1}: is not valid JSON (${(err as Error).message})`);
    }
  });
  return out;
}

/** Reads and checks every complaint of the file; any problem refuses the whole file, naming line and field. */
export async function readImportFile(path: string): Promise<ImportItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(
      `import file ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  const raw = path.toLowerCase().endsWith('.csv') ? fromCsv(text) : fromJsonLines(text);
  const problems: string[] = [];
  const items: ImportItem[] = [];
  const seen = new Map<string, string>();
  for (const { source, data } of raw) {
    const parsed = caseFileSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(`${source}: ${describeZodError(parsed.error)}`);
      continue;
    }
    const earlier = seen.get(parsed.data.caseReference);
    if (earlier)
      problems.push(`${source}: caseReference: ${parsed.data.caseReference} is also at ${earlier}`);
    seen.set(parsed.data.caseReference, source);
    items.push({ source, caseFile: parsed.data });
  }
  if (problems.length)
    throw new InputError(`Invalid import file, nothing was started:\n  ${problems.join('\n  ')}`);
  if (items.length === 0) throw new InputError('import file: holds no complaints');
  return items;
}

export interface ImportProgress {
  done: number;
  total: number;
  started: number;
  skipped: number;
}

export async function importComplaints(
  client: Client,
  taskQueue: string,
  procedure: Procedure,
  items: ImportItem[],
  onProgress: (p: ImportProgress) => void = () => undefined,
  concurrency = 8,
): Promise<{ started: string[]; skipped: string[] }> {
  const started: string[] = [];
  const skipped: string[] = [];
  let next = 0;
  const report = () =>
    onProgress({
      done: started.length + skipped.length,
      total: items.length,
      started: started.length,
      skipped: skipped.length,
    });
  async function lane(): Promise<void> {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await startComplaint(client, taskQueue, item.caseFile, procedure);
        started.push(item.caseFile.caseReference);
      } catch (err) {
        // Started by an earlier run of this import: resuming skips it.
        if (!(err instanceof InputError && err.fields.includes('caseReference'))) throw err;
        skipped.push(item.caseFile.caseReference);
      }
      report();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { started, skipped };
}

/** `[########------------]  8/20  started 6, skipped 2` */
export function progressBar(p: ImportProgress, width = 24): string {
  const filled = Math.round((p.done / Math.max(1, p.total)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}  started ${p.started}, skipped ${p.skipped}`;
}
