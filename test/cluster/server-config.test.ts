// scripts/cluster/'s server files checked by the real Temporal server binary (built into .tools/ by
// lib/cluster/server-tools.ts, or reused): the dynamic config's keys and types, and the config template rendered
// with the environment of docker-compose.yml's server containers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { DEFAULT_HISTORY_SHARDS } from '../../lib/cluster/cluster';
import { ensureServerTools, type ServerTools } from '../../lib/cluster/server-tools';
import { CLUSTER_FILES, DYNAMIC_CONFIG_FILE, SERVER_CONFIG_FILE } from '../../lib/cluster/versions';
import { basename } from 'node:path';
import { containerEnv, readCompose } from '../helpers/compose';

const run = promisify(execFile);
let tools: ServerTools;

beforeAll(async () => {
  tools = await ensureServerTools();
}, 30 * 60_000);

test('the dynamic config is valid for this server release: known keys, right types', async () => {
  const { stdout } = await run(tools.server, ['validate-dynamic-config', DYNAMIC_CONFIG_FILE]);
  expect(stdout).not.toMatch(/error:|warning:/);
});

test("the config template renders, with each compose server container's environment, to the cluster it describes", async () => {
  const { services } = readCompose();
  const servers = Object.entries(services).filter(([, s]) => s.command?.[0] === 'temporal-server');
  expect(servers.length).toBe(5);
  for (const [, service] of servers) {
    // The server's render-config takes a config folder and an env (the file's name), not --config-file.
    const { stdout } = await run(
      tools.server,
      ['--config', CLUSTER_FILES, '--env', basename(SERVER_CONFIG_FILE, '.yaml'), 'render-config'],
      { env: { PATH: process.env.PATH, ...containerEnv(service), BROADCAST_ADDRESS: '172.18.0.5' } },
    );
    const config = parse(stdout) as {
      persistence: {
        numHistoryShards: number;
        datastores: Record<string, { sql?: { pluginName: string; connectAddr: string } }>;
      };
      global: { membership: { broadcastAddress: string } };
      services: Record<string, { rpc: { bindOnIP: string; grpcPort: number } }>;
      dynamicConfigClient: { filepath: string };
      publicClient: { hostPort: string };
    };
    expect(config.persistence.numHistoryShards).toBe(DEFAULT_HISTORY_SHARDS);
    expect(config.persistence.datastores.default!.sql).toMatchObject({
      pluginName: 'postgres12',
      connectAddr: 'temporal-db:5432',
    });
    expect(config.global.membership.broadcastAddress).toBe('172.18.0.5');
    for (const svc of Object.values(config.services)) expect(svc.rpc.bindOnIP).toBe('0.0.0.0');
    expect(config.services.frontend!.rpc.grpcPort).toBe(7233);
    expect(config.services.history!.rpc.grpcPort).toBe(7234);
    expect(config.dynamicConfigClient.filepath).toBe('/etc/temporal/dynamic-config.yaml');
    expect(config.publicClient.hostPort).toBe('temporal-frontend:7233');
  }
});
