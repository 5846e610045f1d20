// Outside development, the worker and the web app refuse to start without a link secret, saying why.
import { execFile } from 'node:child_process';
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
