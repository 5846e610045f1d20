// No Docker engine runs here, so docker-compose.yml is checked against the app itself: its services and
// ports, the env vars it sets (each one the app reads, and together a configuration the app accepts), and
// commands that name files the build produces; and against `npm run cluster` (lib/cluster/): the same Temporal
// server, UI and Go versions (scripts/cluster/versions.json), the same config template, dynamic config and
// schema script, the same services and shard count. test/cluster/server-config.test.ts renders the template
// with the real server.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_HISTORY_SHARDS } from '../../lib/cluster/cluster';
import { TEMPORAL_UI_MODULE, temporalUiConfig } from '../../lib/cluster/temporal-ui';
import {
  CLUSTER_FILES,
  DYNAMIC_CONFIG_FILE,
  SCHEMA_SCRIPT,
  SERVER_CONFIG_FILE,
  clusterVersions,
} from '../../lib/cluster/versions';
import { CONFIG_VARIABLES, loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/project-root';
import { containerEnv, readCompose, renderTemplate, templateVariables } from '../helpers/compose';

const { services } = readCompose();
// What `${VAR:-default}` and `${VAR:?message}` become when the operator sets LINK_SECRET and nothing else.
const interpolate = (value: string | number) =>
  String(value)
    .replace(/\$\{LINK_SECRET:\?[^}]*\}/, 's'.repeat(48))
    .replace(/\$\{STAFF_USERS:\?[^}]*\}/, 'registrar:scrypt$00$00')
    .replace(/\$\{ENCRYPTION_KEYS:\?[^}]*\}/, `k1:${Buffer.alloc(32).toString('base64')}`)
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const TEMPORAL_ENVCONFIG = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_API_KEY', 'TEMPORAL_PROFILE'];

test('the stack: the Temporal cluster on PostgreSQL, its UI, PostgreSQL for the records, a mail catcher, worker and web app', () => {
  expect(Object.keys(services).sort()).toEqual([
    'mail',
    'records-db',
    'setup',
    'temporal-db',
    'temporal-frontend',
    'temporal-history-1',
    'temporal-history-2',
    'temporal-matching',
    'temporal-schema',
    'temporal-ui',
    'temporal-worker',
    'web',
    'worker',
  ]);
  // No prebuilt Temporal image: every Temporal service runs the one built from the Go module proxy.
  for (const service of Object.values(services)) expect(service.image ?? '').not.toMatch(/^temporalio\//);
  // The UI is published only through the web app, which serves it to signed-in staff with the codec.
  expect(services['temporal-ui']!.environment).toMatchObject({
    TEMPORAL_ADDRESS: 'temporal-frontend:7233',
    TEMPORAL_CODEC_ENDPOINT: '${TEMPORAL_UI_URL:-http://localhost:8233}/codec',
  });
  expect(services['temporal-ui']!.ports).toBeUndefined();
  expect(services.web!.environment).toMatchObject({
    TEMPORAL_UI_UPSTREAM: 'http://temporal-ui:8080',
    TEMPORAL_UI_PORT: 8233,
  });
  expect(services.web!.ports).toEqual(['3000:3000', '8233:8233']);
  expect(services['temporal-frontend']!.ports).toEqual(['7233:7233']);
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

// ---- The Temporal cluster: the one `npm run cluster` runs ----

const TEMPORAL_SERVICES = Object.keys(services).filter(
  (name) => name.startsWith('temporal-') && name !== 'temporal-db',
);
const SERVER_SERVICES = TEMPORAL_SERVICES.filter(
  (name) => !['temporal-schema', 'temporal-ui'].includes(name),
);
const DOCKERFILE = join(CLUSTER_FILES, 'Dockerfile');
const dockerfile = readFileSync(DOCKERFILE, 'utf8');
/** The image's ENV lines, KEY=value. */
const imageEnv = Object.fromEntries(
  [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) =>
    m[1]!.split(/\s+/).map((kv) => kv.split('=') as [string, string]),
  ),
);

/** Where a path in a Temporal container comes from on the host: through the services' mount of scripts/cluster. */
function hostPath(service: string, containerPath: string): string | undefined {
  for (const volume of services[service]!.volumes ?? []) {
    const [source, target, mode] = volume.split(':');
    if (!source!.startsWith('./') || mode !== 'ro') continue;
    const rel = posix.relative(target!, containerPath);
    if (!rel.startsWith('..')) return join(PROJECT_ROOT, source!, rel);
  }
  return undefined;
}

const serverCommand = (service: string) => [
  'temporal-server',
  '--config-file',
  '/etc/temporal/temporal-server.yaml',
  '--allow-no-auth',
  'start',
  '--service',
  service,
];

test("the Temporal image is built at scripts/cluster/versions.json's server, UI and Go versions", () => {
  const versions = clusterVersions();
  expect(versions.temporalUi).toBeDefined();
  expect(versions.goToolchain).toMatch(/^go\d+\.\d+\.\d+$/);
  for (const name of TEMPORAL_SERVICES) {
    const { build } = services[name]!;
    expect(typeof build).toBe('object');
    if (typeof build !== 'object') continue;
    expect(join(PROJECT_ROOT, build.context, build.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE);
    expect(build.args).toEqual({
      TEMPORAL_VERSION: versions.temporalServer,
      TEMPORAL_UI_VERSION: versions.temporalUi,
      GO_VERSION: versions.goToolchain.replace(/^go/, ''),
    });
    expect(services[name]!.image).toBe(services['temporal-frontend']!.image);
  }
  // Each build arg is declared and used as lib/cluster/ uses the version: the golang image and the toolchain, the
  // server and temporal-sql-tool packages, the UI server's module, and the release's own PostgreSQL schema.
  for (const arg of ['GO_VERSION', 'TEMPORAL_VERSION', 'TEMPORAL_UI_VERSION'])
    expect(dockerfile).toMatch(new RegExp(`^ARG ${arg}$`, 'm'));
  expect(dockerfile).toMatch(/^FROM golang:\$\{GO_VERSION\}-\S+ AS build$/m);
  expect(imageEnv.GOTOOLCHAIN ?? dockerfile.match(/GOTOOLCHAIN=(\S+)/)?.[1]).toBe('go${GO_VERSION}');
  expect(dockerfile).toContain('go install "go.temporal.io/server/cmd/server@v${TEMPORAL_VERSION}"');
  expect(dockerfile).toContain('go install "go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_VERSION}"');
  expect(dockerfile).toContain(`go install "${TEMPORAL_UI_MODULE}/cmd/server@v\${TEMPORAL_UI_VERSION}"`);
  expect(dockerfile).toContain('go.temporal.io/server@v${TEMPORAL_VERSION}/schema/postgresql/v12');
  // No version written into the Dockerfile itself: the build args are the only ones.
  for (const version of Object.values(versions)) expect(dockerfile).not.toContain(version);
});

test('every Temporal service reads the very files `npm run cluster` reads, mounted read-only', () => {
  for (const name of TEMPORAL_SERVICES) {
    const mounts = (services[name]!.volumes ?? []).filter((v) => v.startsWith('./'));
    expect(mounts.map((v) => join(PROJECT_ROOT, v.split(':')[0]!))).toEqual([CLUSTER_FILES]);
  }
  for (const name of SERVER_SERVICES) {
    const command = services[name]!.command!;
    expect(hostPath(name, command[command.indexOf('--config-file') + 1]!)).toBe(SERVER_CONFIG_FILE);
    expect(hostPath(name, String(services[name]!.environment!.DYNAMIC_CONFIG_FILE))).toBe(
      DYNAMIC_CONFIG_FILE,
    );
  }
  // The schema step runs setup-schema.sh, with the image's temporal-sql-tool and the release's schema.
  const schema = services['temporal-schema']!;
  expect(schema.command![0]).toBe('bash');
  expect(hostPath('temporal-schema', schema.command![1]!)).toBe(SCHEMA_SCRIPT);
  expect(imageEnv).toMatchObject({
    SQL_TOOL: 'temporal-sql-tool',
    SCHEMA_DIR: '/usr/local/share/temporal/schema/postgresql/v12',
  });
  expect(dockerfile).toMatch(
    /^COPY --from=build \/out\/schema\/v12 \/usr\/local\/share\/temporal\/schema\/postgresql\/v12$/m,
  );
  const script = readFileSync(SCHEMA_SCRIPT, 'utf8');
  const read = [...script.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!);
  for (const variable of read) expect({ ...imageEnv, ...containerEnv(schema) }).toHaveProperty(variable);
  expect(schema.restart).toBe('on-failure');
  expect(schema.depends_on).toEqual({ 'temporal-db': { condition: 'service_healthy' } });
});

test("the server processes are the cluster's: frontend, matching, worker and two history, 16 shards, each its own broadcast address", () => {
  expect(SERVER_SERVICES.map((name) => services[name]!.command!.at(-1)).sort()).toEqual([
    'frontend',
    'history',
    'history',
    'matching',
    'worker',
  ]);
  const template = readFileSync(SERVER_CONFIG_FILE, 'utf8');
  for (const name of SERVER_SERVICES) {
    const service = services[name]!;
    expect(service.command).toEqual(serverCommand(service.command!.at(-1)!));
    const env = service.environment!;
    expect(Number(env.NUM_HISTORY_SHARDS)).toBe(DEFAULT_HISTORY_SHARDS);
    // Only variables the template reads; the broadcast address is the container's own, set by the entrypoint.
    for (const key of Object.keys(env)) expect(templateVariables(template)).toContain(key);
    expect(env).not.toHaveProperty('BROADCAST_ADDRESS');
    expect(env).toMatchObject({ BIND_ON_IP: '0.0.0.0', PUBLIC_FRONTEND_ADDRESS: 'temporal-frontend:7233' });
    // The template rendered with this environment: the store, the shards, the dynamic config, the frontend.
    const config = parse(
      renderTemplate(template, { ...containerEnv(service), BROADCAST_ADDRESS: '172.18.0.5' }),
    ) as {
      persistence: {
        numHistoryShards: number;
        datastores: Record<string, { sql: { connectAddr: string; user: string } }>;
      };
      global: { membership: { broadcastAddress: string } };
      dynamicConfigClient: { filepath: string };
      publicClient: { hostPort: string };
    };
    expect(config.persistence.numHistoryShards).toBe(DEFAULT_HISTORY_SHARDS);
    for (const store of Object.values(config.persistence.datastores)) {
      expect(store.sql).toMatchObject({ connectAddr: 'temporal-db:5432', user: 'temporal' });
    }
    expect(config.global.membership.broadcastAddress).toBe('172.18.0.5');
    expect(hostPath(name, config.dynamicConfigClient.filepath)).toBe(DYNAMIC_CONFIG_FILE);
    expect(config.publicClient.hostPort).toBe('temporal-frontend:7233');
  }
  // The store the schema step sets up is the one the servers use.
  const store = ['POSTGRES_SEEDS', 'DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD'];
  for (const name of SERVER_SERVICES) {
    for (const key of store)
      expect(services[name]!.environment![key]).toBe(services['temporal-schema']!.environment![key]);
  }
  expect(services['temporal-db']!.environment).toMatchObject({
    POSTGRES_USER: services['temporal-schema']!.environment!.POSTGRES_USER,
    POSTGRES_PASSWORD: services['temporal-schema']!.environment!.POSTGRES_PWD,
  });
  // The entrypoint gives each container its own address for the membership ring.
  expect(dockerfile).toMatch(/^ENTRYPOINT \["temporal-entrypoint"\]$/m);
  expect(dockerfile).toMatch(/^COPY docker-entrypoint\.sh \/usr\/local\/bin\/temporal-entrypoint$/m);
  expect(readFileSync(join(CLUSTER_FILES, 'docker-entrypoint.sh'), 'utf8')).toMatch(
    /BROADCAST_ADDRESS.*hostname -i/s,
  );
});

test('the cluster starts in order: store, schema, the first history process, the rest; the app once the namespace is ready', () => {
  const after = (name: string) => services[name]!.depends_on;
  expect(services['temporal-db']!.healthcheck).toBeDefined();
  expect(after('temporal-history-1')).toEqual({
    'temporal-schema': { condition: 'service_completed_successfully' },
  });
  expect(services['temporal-history-1']!.healthcheck!.test.join(' ')).toContain('/7234');
  for (const name of SERVER_SERVICES.filter((n) => n !== 'temporal-history-1'))
    expect(after(name)).toEqual({ 'temporal-history-1': { condition: 'service_healthy' } });
  expect(services['temporal-frontend']!.healthcheck!.test.join(' ')).toContain('/7233');
  expect(after('temporal-ui')).toEqual({ 'temporal-frontend': { condition: 'service_healthy' } });
  // The namespace and search attributes, as lib/cluster/cluster.ts's ensureNamespace makes them.
  expect(services.setup!.command).toEqual(['node', 'dist/scripts/cluster-namespace.js']);
  expect(readFileSync(join(PROJECT_ROOT, 'scripts', 'cluster-namespace.ts'), 'utf8')).toContain(
    'ensureNamespace(',
  );
  expect(after('setup')).toEqual({ 'temporal-frontend': { condition: 'service_healthy' } });
  expect(after('web')).toMatchObject({ 'temporal-ui': { condition: 'service_started' } });
  for (const name of ['worker', 'web', 'setup'])
    expect(services[name]!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal-frontend:7233' });
  for (const service of Object.values(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {}))
      expect(services).toHaveProperty([dependency]);
  }
});

test("the UI server is configured as lib/cluster/temporal-ui.ts configures `npm run cluster`'s, on the frontend", () => {
  const ui = services['temporal-ui']!;
  expect(ui.command).toEqual([
    'temporal-ui-server',
    '--root',
    '/etc/temporal',
    '--config',
    '.',
    '--env',
    'temporal-ui',
    'start',
  ]);
  // The ui-server reads <root>/<config>/<env>.yaml: scripts/cluster/temporal-ui.yaml, a template of its env.
  const file = hostPath('temporal-ui', '/etc/temporal/temporal-ui.yaml')!;
  expect(file).toBe(join(CLUSTER_FILES, 'temporal-ui.yaml'));
  const env = containerEnv(ui);
  const rendered = parse(renderTemplate(readFileSync(file, 'utf8'), env)) as Record<string, unknown>;
  const upstream = new URL(String(services.web!.environment!.TEMPORAL_UI_UPSTREAM));
  expect(upstream.hostname).toBe('temporal-ui');
  expect(rendered).toEqual({
    ...temporalUiConfig({
      temporalAddress: 'temporal-frontend:7233',
      port: Number(upstream.port),
      codecEndpoint: 'http://localhost:8233/codec',
      namespace: 'default',
      dir: '',
    }),
    host: '0.0.0.0', // reached by the web app's container, not on loopback
  });
});

test('the Temporal files compose mounts exist in scripts/cluster/', () => {
  for (const file of [SERVER_CONFIG_FILE, DYNAMIC_CONFIG_FILE, SCHEMA_SCRIPT, DOCKERFILE])
    expect(existsSync(file)).toBe(true);
  expect(relative(PROJECT_ROOT, CLUSTER_FILES)).toBe(join('scripts', 'cluster'));
});
