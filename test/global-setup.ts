// Before any test file: the cluster tests' Go programs are built (minutes, once per machine), so that no test
// file's timeout has to hold a build. Skipped when no cluster test is selected.
import { ensureClusterTools } from '../scripts/cluster-tools';

/** The paths jest was asked for: Jest 30 gives `testPathPatterns` (an object with `patterns`), older ones a string. */
function selectedPaths(config: {
  testPathPattern?: string;
  testPathPatterns?: { patterns?: string[] } | string[];
}): string[] {
  const p = config.testPathPatterns;
  if (Array.isArray(p)) return p;
  if (p?.patterns) return p.patterns;
  return config.testPathPattern ? [config.testPathPattern] : [];
}

export default async function globalSetup(config: {
  testPathPattern?: string;
  testPathPatterns?: { patterns?: string[] } | string[];
  rootDir: string;
}): Promise<void> {
  const paths = selectedPaths(config);
  if (paths.length > 0 && !paths.some((p) => /cluster/.test(p))) return;
  await ensureClusterTools((line) => process.stderr.write(`[cluster-tools] ${line}\n`));
}
