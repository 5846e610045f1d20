// Installs Go programs from the Go module proxy into .tools/<name>/bin once: `go install` with the pinned
// toolchain (GOTOOLCHAIN, scripts/cluster/versions.json) into a staging folder moved into place whole (no one
// ever runs a binary still being written, and an install cut short is redone), under a lock so that two
// callers at once (jest's global setup and CI's early build, `npm run cluster` beside a test) build it once.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../project-root';
import { clusterVersions } from './versions';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface GoInstall {
  /** The folder under .tools/, e.g. temporal-server-1.32.2; its bin/ holds the programs. */
  name: string;
  /** Each package path with @version, and the name its program gets in bin/. */
  programs: { pkg: string; as: string }[];
  /** Anything to add to the folder before it is moved into place, given it and GOMODCACHE. */
  after?: (dir: string, modCache: string) => void;
}

export function toolsDir(name: string): string {
  return join(process.env.CLUSTER_TOOLS_DIR ?? join(PROJECT_ROOT, '.tools'), name);
}

/** The installed folder; built first if absent (minutes the first time on a cold machine). */
export async function goInstall(
  spec: GoInstall,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const dir = toolsDir(spec.name);
  const done = () => existsSync(join(dir, '.installed'));
  const lock = `${dir}.lock`;
  mkdirSync(join(dir, '..'), { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    if (done()) return dir;
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock} (another install)`);
      else await sleep(1_000);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), `${process.pid}`);
      if (done()) return dir; // whoever held the lock before has just finished
      await build(spec, dir, log);
      return dir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function build(spec: GoInstall, dir: string, log: (line: string) => void): Promise<void> {
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const env = {
    ...process.env,
    GOTOOLCHAIN: clusterVersions().goToolchain,
    GOBIN: join(staging, 'bin'),
    GOFLAGS: '-trimpath',
  };
  try {
    const modCache = await run('go', ['env', 'GOMODCACHE'], { env }).then(
      (r) => r.stdout.trim(),
      (err: NodeJS.ErrnoException) => {
        throw new Error(
          err.code === 'ENOENT'
            ? `Go is not installed: ${spec.name} is built with \`go install\` (Go 1.21 or later; apt-get install golang-go)`
            : `go env failed: ${String(err)}`,
        );
      },
    );
    const started = Date.now();
    for (const { pkg, as } of spec.programs) {
      log(`go install ${pkg} (${env.GOTOOLCHAIN}): the first build takes minutes`);
      await run('go', ['install', pkg], { env, maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 }).catch(
        (err: Error & { stderr?: string }) => {
          throw new Error(`go install ${pkg} failed:\n${err.stderr?.trim() || String(err)}`);
        },
      );
      // The program is named after its package's folder (cmd/server: `server`): named here for what it is.
      renameSync(join(staging, 'bin', basename(pkg.replace(/@.*$/, ''))), join(staging, 'bin', as));
    }
    spec.after?.(staging, modCache);
    const seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(join(staging, '.installed'), `${new Date().toISOString()} built in ${seconds} s\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    log(`installed into ${dir} in ${seconds} s`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A lock left by an installer that died: its process is gone (or it never wrote its pid, a minute ago). */
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    if ((err as NodeJS.ErrnoException).code === 'EPERM') return false;
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

/** Whether `binary --version` names `version`: a stale or foreign binary in the cache is never used. */
export async function reportsVersion(binary: string, version: string): Promise<boolean> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 30_000 });
    return new RegExp(`\\b${version.replace(/\./g, '\\.')}\\b`).test(stdout);
  } catch {
    return false;
  }
}
