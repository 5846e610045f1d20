#!/usr/bin/env node
// Installs the Debian packages the tests use when they are missing: PostgreSQL (the records tests run on it
// as well as SQLite), Chromium (the browser tests) and poppler-utils (`pdftotext`: the letters' tests read
// the PDFs' text). Needs root and apt-get; elsewhere it says what to do.
//   --soft   never fail (npm's postinstall)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const soft = process.argv.includes('--soft');
const log = (msg) => process.stderr.write(`[system-packages] ${msg}\n`);

const hasPostgres = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
const hasChromium = () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const hasPdftotext = () => existsSync(process.env.PDFTOTEXT_PATH ?? '/usr/bin/pdftotext');

const missing = [
  ...(hasPostgres() ? [] : ['postgresql']),
  ...(hasChromium() ? [] : ['chromium']),
  ...(hasPdftotext() ? [] : ['poppler-utils']),
];
if (missing.length === 0) process.exit(0);

const apt = ['/usr/bin/apt-get', '/bin/apt-get'].find(existsSync);
if (!apt || process.getuid?.() !== 0) {
  log(
    `missing for the tests: ${missing.join(', ')}. Install them: sudo apt-get install ${missing.join(' ')}`,
  );
  process.exit(soft ? 0 : 1);
}
try {
  log(`installing ${missing.join(', ')} from Debian's packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync(apt, ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync(apt, ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
} catch (err) {
  log(`could not install ${missing.join(', ')}: ${err.message}`);
  process.exit(soft ? 0 : 1);
}
