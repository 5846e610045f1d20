// The benchmark's results: the machine and versions, the server they were measured on, every run's figures,
// their medians beside the targets; written as JSON and as the table of BENCHMARKS.md (between its results
// markers). The dev server's results are the files' main block; a server given by --temporal-address has a
// block of its own, keyed by its label, so results from several servers stand side by side.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PROJECT_ROOT } from '../../lib/project-root';
import { findTemporalBinaries } from '../../lib/dev/temporal-binaries';
import { describeServer, type ServerIdentity } from './bench-server';

/**
 * A figure that cannot be measured on this server (the CPU of a server whose processes were not named, the
 * size of a database that is not a local file): shown and written as such, never as a 0 that reads as a result.
 */
export const NOT_MEASURED = 'n/a';
export type Figure = number | typeof NOT_MEASURED;

export const figure = (n: number | null): Figure => (n === null ? NOT_MEASURED : n);

/** a ÷ b, not measured if either is not. */
export const ratioOf = (a: Figure, b: Figure): Figure =>
  a === NOT_MEASURED || b === NOT_MEASURED ? NOT_MEASURED : a / b;

export interface Row {
  section: 'lifecycle' | 'latency' | 'scale';
  measure: string;
  engine: Figure;
  /** null where there is no floor. */
  floor: Figure | null;
  /** engine ÷ floor, or null where there is no floor. */
  ratio: Figure | null;
  target: string;
  met: boolean | null;
  /** Each run's engine figure, for the spread. */
  runs: Figure[];
}

/** This machine and the versions on it; the Temporal CLI's only where it ran the server (`withCli`). */
export function machine(withCli = true) {
  const version = (pkg: string) =>
    (
      JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const cli = findTemporalBinaries().cli;
  const os = existsSync('/etc/os-release')
    ? (/PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux')
    : process.platform;
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    temporalSdk: version('@temporalio/worker'),
    ...(withCli
      ? {
          temporalCli: cli ? execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim() : 'SDK download',
        }
      : {}),
    nodemailer: version('nodemailer'),
  };
}

const fmt = (n: Figure | null, unit = '') =>
  n === NOT_MEASURED
    ? NOT_MEASURED
    : n === null || Number.isNaN(n)
      ? '–'
      : `${n >= 100 ? Math.round(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2)}${unit}`;

export function tableOf(rows: Row[]): string {
  const lines = [
    '| measure | complaint engine | Temporal floor | ratio | target | met | runs |',
    '| --- | ---: | ---: | ---: | --- | :---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${fmt(r.engine)} | ${fmt(r.floor)} | ${r.ratio === null ? '–' : r.ratio === NOT_MEASURED ? NOT_MEASURED : `${r.ratio.toFixed(2)}×`} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} | ${r.runs.map((x) => fmt(x)).join(', ')} |`,
    ),
  ];
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** The markers of a server's own block: its key, in a form an HTML comment can hold. */
function markersOf(key: string | undefined): { start: string; end: string } {
  if (key === undefined) return { start: START, end: END };
  const slug = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    start: `<!-- bench:results:server:${slug}:start -->`,
    end: `<!-- bench:results:server:${slug}:end -->`,
  };
}

/** Writes `text` formatted as the project's Prettier settings say, so a bench run leaves `npm run lint` green. */
export async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

/**
 * Replaces the results block of `file` (a Markdown file with the markers): the main one, or the block of the
 * server `key`. A server's block not yet there goes after the main block (else at the end); a file that is not
 * there is written with the block only.
 */
export async function writeMarkdown(file: string, block: string, key?: string): Promise<void> {
  const { start, end } = markersOf(key);
  const section = `${start}\n${block}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = current.indexOf(start);
  const to = current.indexOf(end);
  const mainEnd = current.indexOf(END);
  await writeFormatted(
    file,
    at >= 0 && to > at
      ? `${current.slice(0, at)}${section}${current.slice(to + end.length)}`
      : key !== undefined && mainEnd >= 0
        ? `${current.slice(0, mainEnd + END.length)}\n\n${section}${current.slice(mainEnd + END.length)}`
        : current
          ? `${current.trimEnd()}\n\n${section}\n`
          : `${section}\n`,
  );
}

export interface SectionRun {
  measuredAt: string;
  runs: number;
  how: string;
  tuning: Record<string, string | undefined>;
}

export interface Results {
  machine?: ReturnType<typeof machine>;
  /** The server measured on (results written before it was named have none). */
  server?: ServerIdentity;
  sections?: Record<string, SectionRun>;
  rows: Row[];
  detail?: Record<string, unknown>;
}

/** BENCHMARKS.json: the dev server's results, and each other server's under its key. */
type ResultsFile = Partial<Results> & { servers?: Record<string, Results> };

const usable = (r: Partial<Results> | undefined): r is Results =>
  // Results written before rows named their section are not kept.
  !!r && Array.isArray(r.rows) && r.rows.every((row) => typeof row.section === 'string');

function readFile(file: string): ResultsFile {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : {};
}

/** The last results in `file`: the dev server's, or those of the server `key`. */
export function readPrevious(file: string, key?: string): Results | undefined {
  const parsed = readFile(file);
  const block = key === undefined ? parsed : parsed.servers?.[key];
  if (!usable(block)) return undefined;
  const { servers: _others, ...results } = block as ResultsFile;
  return results as Results;
}

/**
 * BENCHMARKS.json, and the results block of BENCHMARKS.md: the server, the machine, how and when each section
 * ran, the table. `key`: a server given by --temporal-address, whose block is written beside the others.
 */
export async function writeResults(
  out: string,
  results: Results & { machine: ReturnType<typeof machine>; server: ServerIdentity },
  key?: string,
): Promise<void> {
  const jsonFile = join(out, 'BENCHMARKS.json');
  const current = readFile(jsonFile);
  const { servers, ...main } = current;
  const file: ResultsFile =
    key === undefined
      ? { ...results, ...(servers ? { servers } : {}) }
      : { ...(usable(main) ? main : {}), servers: { ...servers, [key]: results } };
  await writeFormatted(jsonFile, JSON.stringify(file));
  const m = results.machine;
  await writeSideBySide(join(out, 'BENCHMARKS.md'), file);
  await writeMarkdown(
    join(out, 'BENCHMARKS.md'),
    [
      ...(key === undefined ? [] : [`### ${key}`, '']),
      `Server: ${describeServer(results.server)}.`,
      '',
      `Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, Temporal SDK ${m.temporalSdk}, ${m.temporalCli ? `${m.temporalCli}, ` : ''}nodemailer ${m.nodemailer}. Each figure is the median of the runs; the runs column lists them${results.rows.some((r) => r.engine === NOT_MEASURED) ? `; ${NOT_MEASURED}: not measurable on this server` : ''}.`,
      '',
      ...Object.entries(results.sections ?? {}).map(
        ([name, r]) =>
          `- ${name}: measured ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} run(s) of ${r.how}; worker tuning: ${
            Object.entries(r.tuning)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ') || "the project's defaults"
          }.`,
      ),
      '',
      tableOf(results.rows),
    ].join('\n'),
    key,
  );
}

const SIDE_START = '<!-- bench:side-by-side:start -->';
const SIDE_END = '<!-- bench:side-by-side:end -->';

/**
 * One table of every server's figures, a column each (the dev server first): the engine's figure and, where
 * it has one, its ratio to the floor measured on that same server. Written before the servers' own blocks
 * once there is more than the dev server's.
 */
export function sideBySideOf(file: ResultsFile): string | undefined {
  const { servers = {}, ...main } = file;
  const columns: [string, Results][] = [
    ...(usable(main) ? [['dev server', main] as [string, Results]] : []),
    ...Object.entries(servers).filter(([, r]) => usable(r)),
  ];
  if (columns.length < 2) return undefined;
  const measures: string[] = [];
  for (const [, r] of columns)
    for (const row of r.rows) if (!measures.includes(row.measure)) measures.push(row.measure);
  const cell = (r: Results, measure: string) => {
    const row = r.rows.find((x) => x.measure === measure);
    if (!row) return '';
    const ratio = typeof row.ratio === 'number' ? ` (${row.ratio.toFixed(2)}×)` : '';
    return `${fmt(row.engine)}${ratio}`;
  };
  return [
    `| measure | ${columns.map(([name]) => name).join(' | ')} |`,
    `| --- |${columns.map(() => ' ---: |').join('')}`,
    ...measures.map((m) => `| ${m} | ${columns.map(([, r]) => cell(r, m)).join(' | ')} |`),
  ].join('\n');
}

async function writeSideBySide(mdFile: string, results: ResultsFile): Promise<void> {
  const table = sideBySideOf(results);
  if (!table || !existsSync(mdFile)) return;
  const block = `${SIDE_START}\nThe engine's figure on each server, with its ratio to the floor measured on that same server (each server's own block below has the floors and the runs).\n\n${table}\n${SIDE_END}`;
  const current = readFileSync(mdFile, 'utf8');
  const at = current.indexOf(SIDE_START);
  const to = current.indexOf(SIDE_END);
  const main = current.indexOf(START);
  const next =
    at >= 0 && to > at
      ? `${current.slice(0, at)}${block}${current.slice(to + SIDE_END.length)}`
      : main >= 0
        ? `${current.slice(0, main)}${block}\n\n${current.slice(main)}`
        : `${current.trimEnd()}\n\n${block}\n`;
  await writeFormatted(mdFile, next);
}

/** `node dist/scripts/bench/report.js`: rewrites the side-by-side table from BENCHMARKS.json as it stands. */
if (require.main === module) {
  const out = process.argv[2] ?? PROJECT_ROOT;
  writeSideBySide(join(out, 'BENCHMARKS.md'), readFile(join(out, 'BENCHMARKS.json'))).catch(
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
