// No Docker engine runs here, so docker-compose.yml is checked against the app itself: its services and
// ports, the env vars it sets (each one the app reads, and together a configuration the app accepts), and
// commands that name files the build produces.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/project-root';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;
// What `${VAR:-default}` and `${VAR:?message}` become when the operator sets LINK_SECRET and nothing else.
const interpolate = (value: string | number) =>
  String(value)
    .replace(/\$\{LINK_SECRET:\?[^}]*\}/, 's'.repeat(48))
    .replace(/\$\{STAFF_USERS:\?[^}]*\}/, 'registrar:scrypt$00$00')
    .replace(/\$\{ENCRYPTION_KEYS:\?[^}]*\}/, `k1:${Buffer.alloc(32).toString('base64')}`)
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const TEMPORAL_ENVCONFIG = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_API_KEY', 'TEMPORAL_PROFILE'];

test('the stack: Temporal on PostgreSQL, its UI, PostgreSQL for the records, a mail catcher, worker and web app', () => {
  expect(Object.keys(services).sort()).toEqual([
    'mail',
    'records-db',
    'setup',
    'temporal',
    'temporal-db',
    'temporal-ui',
    'web',
    'worker',
  ]);
  expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-db' });
  // The UI is published only through the web app, which serves it to signed-in staff with the codec.
  expect(services['temporal-ui']!.environment).toMatchObject({
    TEMPORAL_ADDRESS: 'temporal:7233',
    TEMPORAL_CODEC_ENDPOINT: '${TEMPORAL_UI_URL:-http://localhost:8233}/codec',
  });
  expect(services['temporal-ui']!.ports).toBeUndefined();
  expect(services.web!.environment).toMatchObject({
    TEMPORAL_UI_UPSTREAM: 'http://temporal-ui:8080',
    TEMPORAL_UI_PORT: 8233,
  });
  expect(services.web!.ports).toEqual(['3000:3000', '8233:8233']);
  expect(services.temporal!.ports).toEqual(['7233:7233']);
  expect(services.mail!.ports).toEqual(['1080:1080']);
  for (const name of ['worker', 'web', 'setup']) expect(services[name]!.build).toBe('.');
  expect(existsSync(join(PROJECT_ROOT, 'Dockerfile'))).toBe(true);
  expect(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8')).toMatch(
    /COPY --from=build \/app\/dist \.\/dist/,
  );
});

test('the worker and web app run files the build produces, after setup and with their database ready', () => {
  for (const name of ['worker', 'web', 'setup']) {
    const [program, script] = services[name]!.command!;
    expect(program).toBe('node');
    expect(existsSync(join(PROJECT_ROOT, script!))).toBe(true);
  }
  expect(services.worker!.command).toEqual(['node', 'dist/worker/main.js']);
  expect(services.web!.command).toEqual(['node', 'dist/client/web/main.js']);
  for (const name of ['worker', 'web']) {
    expect(services[name]!.depends_on).toMatchObject({
      setup: { condition: 'service_completed_successfully' },
      'records-db': { condition: 'service_healthy' },
    });
  }
});

test('every env var the services set is one the app reads, and together they are a configuration it accepts', () => {
  for (const name of ['worker', 'web', 'setup']) {
    const env = services[name]!.environment!;
    for (const key of Object.keys(env)) expect([...CONFIG_VARIABLES, ...TEMPORAL_ENVCONFIG]).toContain(key);
    const config = loadConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)])));
    expect(config.env).toBe('production');
    expect(config.databaseUrl).toBe('postgres://records:records@records-db:5432/records');
    expect(new URL(config.smtpUrl).hostname).toBe('mail');
    expect(new URL(config.smtpUrl).port).toBe('1025');
    expect(config.blobDir).toBe('/app/var/blobs');
  }
  // The web app listens where its port is published, and the worker and web app share the blob store.
  const web = services.web!;
  expect(web.environment).toMatchObject({
    WEB_HOST: '0.0.0.0',
    WEB_PORT: 3000,
    WEB_METRICS_ADDRESS: '0.0.0.0:9465',
  });
  expect(web.environment!.STAFF_USERS).toMatch(/^\$\{STAFF_USERS:\?/);
  expect(services.worker!.environment).toMatchObject({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' });
  expect(web.ports).toEqual(['3000:3000', '8233:8233']);
  expect(services.worker!.volumes).toEqual(['blobs:/app/var/blobs']);
  expect(web.volumes).toEqual(['blobs:/app/var/blobs']);
  expect(services['records-db']!.environment).toMatchObject({
    POSTGRES_USER: 'records',
    POSTGRES_DB: 'records',
  });
});
