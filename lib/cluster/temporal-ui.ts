// The Temporal Web UI for a cluster of our own (issue 16), where there is no dev server to embed one. It is the
// ui-server Go module, github.com/temporalio/ui-server/v2, whose published module embeds the built UI (ui/assets),
// so `go install` from the Go module proxy is the whole installation: no Docker image, no Node build of the UI.
// Its version is pinned in scripts/cluster/versions.json ("temporalUi"), matched to the UI the CLI's dev server
// embeds, so admins see the same UI with `npm start` and on a cluster.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../project-root';

const execFileAsync = promisify(execFile);

export const TEMPORAL_UI_MODULE = 'github.com/temporalio/ui-server/v2';
/** The toolchain the cluster's Go binaries are built with, unless versions.json names one. */
const DEFAULT_GO_TOOLCHAIN = 'go1.27.3';
const VERSIONS_FILE = join(PROJECT_ROOT, 'scripts', 'cluster', 'versions.json');
const TOOLS_DIR = join(PROJECT_ROOT, '.tools');
const BINARY_NAME = 'temporal-ui-server';
const LOOPBACK = '127.0.0.1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The cluster's pinned versions: one flat JSON object, so that additions by different changes merge cleanly. */
export function clusterVersions(): Record<string, string> {
  return JSON.parse(readFileSync(VERSIONS_FILE, 'utf8')) as Record<string, string>;
}

export function temporalUiVersion(): string {
  const version = clusterVersions().temporalUi;
  if (!version) throw new Error(`${VERSIONS_FILE} names no "temporalUi" version`);
  return version;
}

const installDir = (version: string) => join(TOOLS_DIR, `temporal-ui-${version}`);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `binary` is the pinned version: a half-copied or older binary in the cache is never used. */
async function reportsVersion(binary: string, version: string): Promise<boolean> {
  if (!isExecutable(binary)) return false;
  try {
    const { stdout } = await execFileAsync(binary, ['--version'], { timeout: 30_000 });
    return stdout.trim() === `Temporal UI version ${version}`;
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by an installer that died: its process is gone (or it never wrote its pid, long ago). */
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

async function goInstall(version: string, gobin: string): Promise<void> {
  const toolchain = clusterVersions().goToolchain ?? DEFAULT_GO_TOOLCHAIN;
  try {
    await execFileAsync('go', ['install', `${TEMPORAL_UI_MODULE}/cmd/server@v${version}`], {
      cwd: gobin,
      env: { ...process.env, GOBIN: gobin, GOTOOLCHAIN: toolchain },
      timeout: 20 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        `the Temporal UI server is built from the Go module ${TEMPORAL_UI_MODULE}@v${version}, and \`go\` is not ` +
          `on PATH: install Go (1.21 or later; it fetches ${toolchain} itself), or set TEMPORAL_UI_SERVER to a ` +
          `ui-server binary`,
      );
    throw new Error(
      `go install ${TEMPORAL_UI_MODULE}/cmd/server@v${version} failed: ${e.stderr?.trim() || e.message}`,
    );
  }
}

let ensured: Promise<string> | undefined;

/**
 * The path of the pinned Temporal UI server, built into .tools/temporal-ui-<version>/ the first time (seconds
 * to a few minutes, as much of the Go module and build caches is cold). TEMPORAL_UI_SERVER names a binary to use instead (a machine without Go).
 * Safe when called by several processes at once: one builds, under a lock directory, the others wait for it.
 */
export function ensureTemporalUi(): Promise<string> {
  ensured ??= ensureInstalled().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

async function ensureInstalled(): Promise<string> {
  const override = process.env.TEMPORAL_UI_SERVER;
  if (override) {
    if (!isExecutable(override)) throw new Error(`TEMPORAL_UI_SERVER=${override} is not an executable file`);
    return override;
  }
  const version = temporalUiVersion();
  const dir = installDir(version);
  const binary = join(dir, BINARY_NAME);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 30 * 60_000;
  mkdirSync(TOOLS_DIR, { recursive: true });
  for (;;) {
    if (await reportsVersion(binary, version)) return binary;
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`gave up waiting for ${lock} (another install of the UI)`);
      else await sleep(1000);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), `${process.pid}`);
      // Checked again under the lock: whoever held it before may have just finished.
      if (await reportsVersion(binary, version)) return binary;
      // Built aside and moved into place whole, so that no one ever runs a binary still being written.
      const staging = `${dir}.partial-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      try {
        await goInstall(version, staging);
        renameSync(join(staging, 'server'), join(staging, BINARY_NAME));
        if (!(await reportsVersion(join(staging, BINARY_NAME), version)))
          throw new Error(`${TEMPORAL_UI_MODULE}@v${version} built a server that does not report ${version}`);
        rmSync(dir, { recursive: true, force: true });
        renameSync(staging, dir);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
      return binary;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface TemporalUiOptions {
  /** The cluster's frontend, host:port. */
  temporalAddress: string;
  /** The namespace the UI opens on. */
  namespace?: string;
  /** Its port on 127.0.0.1: only the web app's console (TEMPORAL_UI_UPSTREAM) is meant to reach it. */
  port: number;
  /** Where the UI decodes payloads: the web app's console's /codec, as with the dev server's UI. */
  codecEndpoint?: string;
  /** Where its configuration and log are written. */
  dir: string;
  /** How long to wait for it to answer, in ms. */
  startTimeoutMs?: number;
}

export interface TemporalUi {
  url: string;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

const CONFIG_ENV = 'temporal-ui';

/**
 * The ui-server's configuration, as the CLI's dev server configures the same server for its UI: no sign-in of
 * its own (the web app's console admits staff), no news feed fetched from the internet by an admin's browser,
 * and its CSRF cookie without the Secure flag, since the console serves it over plain HTTP on loopback.
 */
export function temporalUiConfig(options: TemporalUiOptions): Record<string, unknown> {
  return {
    temporalGrpcAddress: options.temporalAddress,
    host: LOOPBACK,
    port: options.port,
    publicPath: '',
    enableUi: true,
    defaultNamespace: options.namespace ?? 'default',
    disableNewsFetch: true,
    // Its request log is one line per API call of every open browser tab: noise in ours.
    hideLogs: true,
    auth: { enabled: false },
    cors: { cookieInsecure: true, unsafeAllowAllOrigins: false, allowOrigins: [] },
    codec: { endpoint: options.codecEndpoint ?? '', passAccessToken: false, includeCredentials: false },
  };
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
  } catch {
    return '';
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve(true)));
  });
}

/** Starts the UI server (installing it first if need be) and resolves once it answers HTTP. */
export async function startTemporalUi(options: TemporalUiOptions): Promise<TemporalUi> {
  // The server itself starts without one and fails only on the browser's first API call.
  if (!/^\S+:\d+$/.test(options.temporalAddress))
    throw new Error(`the Temporal UI needs the frontend's host:port, not "${options.temporalAddress}"`);
  const binary = await ensureTemporalUi();
  // Otherwise whatever holds the port would answer the readiness check while ours fails to bind.
  if (!(await portFree(options.port))) throw new Error(`${LOOPBACK}:${options.port} is already in use`);
  mkdirSync(options.dir, { recursive: true });
  // JSON is YAML: the server's loader reads <root>/<config>/<env>.yaml, and nothing here needs a YAML writer.
  writeFileSync(
    join(options.dir, `${CONFIG_ENV}.yaml`),
    `${JSON.stringify(temporalUiConfig(options), null, 2)}\n`,
  );
  const logFile = join(options.dir, 'temporal-ui.log');
  const log = openSync(logFile, 'a');
  const child = spawn(binary, ['--root', options.dir, '--config', '.', '--env', CONFIG_ENV, 'start'], {
    cwd: options.dir,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const stop = async () => {
    if (hasExited()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://${LOOPBACK}:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  for (;;) {
    if (spawnError) throw new Error(`could not start ${binary}: ${spawnError.message}`);
    if (hasExited())
      throw new Error(`the Temporal UI server exited before answering on ${url}:\n${logTail(logFile)}`);
    // /healthz answers once the HTTP listener is up; the UI and its API are served by that same listener.
    if (await answers(`${url}/healthz`)) return { url, process: child, logFile, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Temporal UI server did not answer on ${url}:\n${logTail(logFile)}`);
    }
    await sleep(200);
  }
}
