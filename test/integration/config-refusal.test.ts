// Outside development, the worker and the web app refuse to start without a link secret, saying why; the worker
// refuses a letterhead logo it cannot print.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', ...script.split('/'))],
      { env, timeout: 20_000 },
      (err, _out, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

test.each(['worker/main.js', 'client/web/main.js'])(
  '%s refuses to start in production without LINK_SECRET',
  async (script) => {
    // Nothing listens on port 1: had it gone on to connect, it would fail differently.
    const env = { PATH: process.env.PATH, NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1' };
    const { code, stderr } = await run(script, env);
    expect(code).toBe(1);
    expect(stderr).toContain('LINK_SECRET is required outside development');
  },
);

test('the worker refuses to start with a COMMISSION_LOGO that is not a PNG or JPEG, naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logo-'));
  const logo = join(dir, 'logo.gif');
  writeFileSync(logo, 'GIF89a');
  const env = {
    PATH: process.env.PATH,
    COMMISSION_LOGO: logo,
    WORKER_METRICS_ADDRESS: '',
    DATABASE_URL: `sqlite:${join(dir, 'records.sqlite')}`,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  };
  const { code, stderr } = await run('worker/main.js', env);
  expect(code).toBe(1);
  expect(stderr).toContain(`Invalid configuration: COMMISSION_LOGO: ${logo} is not a PNG or JPEG file`);
  // Refused before anything was opened: no records database was made.
  expect(existsSync(join(dir, 'records.sqlite'))).toBe(false);
});

test('the web app refuses to start with a PROCEDURES_DIR it cannot read, naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'procedures-'));
  writeFileSync(join(dir, 'broken.json'), JSON.stringify({ id: 'broken' }));
  const env = {
    PATH: process.env.PATH,
    PROCEDURES_DIR: dir,
    WEB_METRICS_ADDRESS: '',
    DATABASE_URL: `sqlite:${join(dir, 'records.sqlite')}`,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  };
  const { code, stderr } = await run('client/web/main.js', env);
  expect(code).toBe(1);
  expect(stderr).toContain(
    `Invalid configuration: PROCEDURES_DIR: ${join(dir, 'broken.json')}: Invalid procedure:`,
  );
  // Refused before anything was opened: no records database was made.
  expect(existsSync(join(dir, 'records.sqlite'))).toBe(false);
});
