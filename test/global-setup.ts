// Before any test file: the cluster tests' Go programs are built (minutes, once per machine), so that no test
// file's timeout has to hold a build. Skipped when no cluster test is selected.
import { ensureClusterTools } from '../scripts/cluster-tools';

export default async function globalSetup(config: {
  testPathPattern?: string;
  rootDir: string;
}): Promise<void> {
  const pattern = config.testPathPattern ?? '';
  if (pattern && !/cluster/.test(pattern)) return;
  await ensureClusterTools((line) => process.stderr.write(`[cluster-tools] ${line}\n`));
}
