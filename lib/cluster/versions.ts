// The pinned versions of the cluster's Temporal server and of the Go toolchain that builds it
// (scripts/cluster/versions.json, which docker-compose.yml's build reads too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

export const CLUSTER_FILES = join(PROJECT_ROOT, 'scripts', 'cluster');
/** The files every cluster process is started with, here and in docker-compose.yml (which mounts CLUSTER_FILES). */
export const SERVER_CONFIG_FILE = join(CLUSTER_FILES, 'temporal-server.yaml');
export const DYNAMIC_CONFIG_FILE = join(CLUSTER_FILES, 'dynamic-config.yaml');
export const SCHEMA_SCRIPT = join(CLUSTER_FILES, 'setup-schema.sh');

export interface ClusterVersions {
  temporalServer: string;
  goToolchain: string;
  temporalUi?: string;
}

export function clusterVersions(): ClusterVersions {
  return JSON.parse(readFileSync(join(CLUSTER_FILES, 'versions.json'), 'utf8')) as ClusterVersions;
}
