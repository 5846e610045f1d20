// The worker runs the prebuilt workflow bundle (dist/workflow-bundle.js, written by `npm run build`) when
// there is one: it starts in a fraction of the time it takes to bundle, and every worker runs the same code.
// A bundle built from other sources than those beside it (a workflow edited, `npm run build` not run) is
// refused loudly: a test or a worker must never run yesterday's workflow code while its reader sees today's.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import { PROJECT_ROOT } from '../lib/project-root';

export type WorkflowSource =
  Required<Pick<WorkerOptions, 'workflowBundle'>> | Required<Pick<WorkerOptions, 'workflowsPath'>>;

export const WORKFLOW_BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
/** Beside the bundle: the fingerprint of the sources it was built from. */
export const WORKFLOW_BUNDLE_SOURCES_PATH = join(PROJECT_ROOT, 'dist', 'workflow-bundle.sources');

/** The folders whose TypeScript a bundle is built from (workflows import only these). */
const SOURCE_FOLDERS = ['workflows', 'lib'];

/** A fingerprint of the workflow sources under `root`, or null where there are none (a deployed image). */
export function workflowSourcesFingerprint(root: string = PROJECT_ROOT): string | null {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder));
  if (files.length === 0) return null;
  const hash = createHash('sha256');
  for (const file of files.sort())
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

/** Why the bundle under `root` must not be run, or null when it fits the sources beside it (or there are none). */
export function staleBundleProblem(root: string = PROJECT_ROOT): string | null {
  const current = workflowSourcesFingerprint(root);
  if (current === null) return null;
  const recordedPath = join(root, 'dist', 'workflow-bundle.sources');
  const recorded = existsSync(recordedPath) ? readFileSync(recordedPath, 'utf8').trim() : '';
  if (recorded === current) return null;
  return 'dist/workflow-bundle.js was built from other workflow sources than those in workflows/ and lib/: run `npm run build`';
}

export function workflowSource(): WorkflowSource {
  if (!existsSync(WORKFLOW_BUNDLE_PATH)) return { workflowsPath: require.resolve('../workflows') };
  const problem = staleBundleProblem();
  if (problem) throw new Error(problem);
  return { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } };
}
