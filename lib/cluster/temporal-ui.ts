// The Temporal Web UI for a cluster of our own (issue 16), where there is no dev server to embed one. It is the
// ui-server Go module, github.com/temporalio/ui-server/v2, whose published module embeds the built UI (ui/assets),
// so `go install` from the Go module proxy is the whole installation: no Docker image, no Node build of the UI.
// Its version is pinned in scripts/cluster/versions.json ("temporalUi"), matched to the UI the CLI's dev server
// embeds, so admins see the same UI with `npm start` and on a cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { canListen } from '../dev/free-port';
import { join } from 'node:path';
import { goInstall, reportsVersion } from './go-install';
import { clusterVersions } from './versions';

export const TEMPORAL_UI_MODULE = 'github.com/temporalio/ui-server/v2';
const LOOPBACK = '127.0.0.1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function temporalUiVersion(): string {
  const version = clusterVersions().temporalUi;
  if (!version) throw new Error('scripts/cluster/versions.json names no "temporalUi" version');
  return version;
}

/**
 * The path of the pinned Temporal UI server, built into .tools/temporal-ui-<version>/bin the first time (lib/
 * cluster/go-install.ts). TEMPORAL_UI_SERVER names a binary to use instead (a machine without Go).
 */
export async function ensureTemporalUi(log?: (line: string) => void): Promise<string> {
  const override = process.env.TEMPORAL_UI_SERVER;
  if (override) {
    try {
      accessSync(override, constants.X_OK);
    } catch {
      throw new Error(`TEMPORAL_UI_SERVER=${override} is not an executable file`);
    }
    return override;
  }
  const version = temporalUiVersion();
  const dir = await goInstall(
    {
      name: `temporal-ui-${version}`,
      programs: [{ pkg: `${TEMPORAL_UI_MODULE}/cmd/server@v${version}`, as: 'temporal-ui-server' }],
    },
    log,
  );
  const binary = join(dir, 'bin', 'temporal-ui-server');
  if (!(await reportsVersion(binary, version))) {
    throw new Error(`${binary} does not report version ${version}: remove ${dir} to build it again`);
  }
  return binary;
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

/** Starts the UI server (installing it first if need be) and resolves once it answers HTTP. */
export async function startTemporalUi(options: TemporalUiOptions): Promise<TemporalUi> {
  // The server itself starts without one and fails only on the browser's first API call.
  if (!/^\S+:\d+$/.test(options.temporalAddress))
    throw new Error(`the Temporal UI needs the frontend's host:port, not "${options.temporalAddress}"`);
  const binary = await ensureTemporalUi();
  // Otherwise whatever holds the port would answer the readiness check while ours fails to bind.
  if (!(await canListen(options.port))) throw new Error(`${LOOPBACK}:${options.port} is already in use`);
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
