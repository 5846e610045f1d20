// Installs Go programs from the Go module proxy into .tools/<name>-<version>/ once: `go install` with the
// pinned toolchain (GOTOOLCHAIN), a marker file written last (an install cut short is redone), and a lock so
// that two callers at once (CI's test files, `npm run cluster` beside a test) build it once.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../project-root';
import { clusterVersions } from './versions';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 30 * 60_000;

export interface GoInstall {
  /** The folder under .tools/ (its bin/ holds the programs). */
  name: string;
  /** Module paths with @version, built in order. */
  packages: string[];
  /** Anything to copy in after the build (e.g. files from the module cache), given the folder and GOMODCACHE. */
  after?: (dir: string, modCache: string) => Promise<void> | void;
}

export function toolsDir(name: string): string {
  return join(process.env.CLUSTER_TOOLS_DIR ?? join(PROJECT_ROOT, '.tools'), name);
}

/** The folder, installed; builds it first if absent (minutes the first time). */
export async function goInstall(
  spec: GoInstall,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const dir = toolsDir(spec.name);
  const done = join(dir, '.installed');
  const lock = `${dir}.lock`;
  mkdirSync(join(dir, '..'), { recursive: true });
  for (;;) {
    if (existsSync(done)) return dir;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(1_000); // another process is building it
    }
  }
  try {
    if (existsSync(done)) return dir;
    const env = {
      ...process.env,
      GOTOOLCHAIN: clusterVersions().goToolchain,
      GOBIN: join(dir, 'bin'),
      GOFLAGS: '-trimpath',
    };
    const go = await run('go', ['env', 'GOMODCACHE'], { env }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        err.code === 'ENOENT'
          ? 'Go is not installed: the cluster builds the Temporal server with `go install` (apt-get install golang-go)'
          : `go env failed: ${String(err)}`,
      );
    });
    const started = Date.now();
    for (const pkg of spec.packages) {
      log(`go install ${pkg} (${env.GOTOOLCHAIN}): the first build takes minutes`);
      await run('go', ['install', pkg], { env, maxBuffer: 64 * 1024 * 1024 }).catch(
        (err: Error & { stderr?: string }) => {
          throw new Error(`go install ${pkg} failed:\n${err.stderr ?? String(err)}`);
        },
      );
    }
    await spec.after?.(dir, go.stdout.trim());
    writeFileSync(
      done,
      `${new Date().toISOString()} built in ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    log(`installed into ${dir} in ${Math.round((Date.now() - started) / 1000)} s`);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
