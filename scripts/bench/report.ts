// The benchmark's results: the machine and versions, every run's figures, their medians beside the targets;
// written as JSON and as the table of BENCHMARKS.md (between its results markers).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PROJECT_ROOT } from '../../lib/project-root';
import { findTemporalBinaries } from '../../lib/dev/temporal-binaries';

export interface Row {
  section: 'lifecycle' | 'latency' | 'scale';
  measure: string;
  engine: number;
  floor: number | null;
  /** engine ÷ floor, or null where there is no floor. */
  ratio: number | null;
  target: string;
  met: boolean | null;
  /** Each run's engine figure, for the spread. */
  runs: number[];
}

export function machine() {
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
    temporalCli: cli ? execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim() : 'SDK download',
    nodemailer: version('nodemailer'),
  };
}

const fmt = (n: number | null, unit = '') =>
  n === null || Number.isNaN(n)
    ? '–'
    : `${n >= 100 ? Math.round(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2)}${unit}`;

export function tableOf(rows: Row[]): string {
  const lines = [
    '| measure | complaint engine | Temporal floor | ratio | target | met | runs |',
    '| --- | ---: | ---: | ---: | --- | :---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${fmt(r.engine)} | ${fmt(r.floor)} | ${r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} | ${r.runs.map((x) => fmt(x)).join(', ')} |`,
    ),
  ];
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Writes `text` formatted as the project's Prettier settings say, so a bench run leaves `npm run lint` green. */
export async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

/** Replaces the results block of `file` (a Markdown file with the markers), or writes a file with the block only. */
export async function writeMarkdown(file: string, block: string): Promise<void> {
  const section = `${START}\n${block}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  await writeFormatted(
    file,
    at >= 0 && end > at
      ? `${current.slice(0, at)}${section}${current.slice(end + END.length)}`
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
  sections?: Record<string, SectionRun>;
  rows: Row[];
  detail?: Record<string, unknown>;
}

export function readPrevious(file: string): Results | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Results>;
  // Results written before rows named their section are not kept.
  return Array.isArray(parsed.rows) && parsed.rows.every((r) => typeof r.section === 'string')
    ? (parsed as Results)
    : undefined;
}

/** BENCHMARKS.json, and the results block of BENCHMARKS.md: the machine, how and when each section ran, the table. */
export async function writeResults(
  out: string,
  results: Results & { machine: ReturnType<typeof machine> },
): Promise<void> {
  await writeFormatted(join(out, 'BENCHMARKS.json'), JSON.stringify(results));
  const m = results.machine;
  await writeMarkdown(
    join(out, 'BENCHMARKS.md'),
    [
      `Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, Temporal SDK ${m.temporalSdk}, ${m.temporalCli}, nodemailer ${m.nodemailer}. Each figure is the median of the runs; the runs column lists them.`,
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
  );
}
