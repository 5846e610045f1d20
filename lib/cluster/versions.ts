// The pinned versions of the cluster's Temporal server and of the Go toolchain that builds it
// (scripts/cluster/versions.json, which docker-compose.yml's build reads too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

export const CLUSTER_FILES = join(PROJECT_ROOT, 'scripts', 'cluster');

export interface ClusterVersions {
  temporalServer: string;
  goToolchain: string;
  temporalUi?: string;
}

export function clusterVersions(): ClusterVersions {
  return JSON.parse(readFileSync(join(CLUSTER_FILES, 'versions.json'), 'utf8')) as ClusterVersions;
}
