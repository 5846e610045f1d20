// The worker runs the prebuilt workflow bundle (dist/workflow-bundle.js, written by `npm run build`) when
// there is one: it starts in a fraction of the time it takes to bundle, and every worker runs the same code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import { PROJECT_ROOT } from '../lib/project-root';

export type WorkflowSource =
  Required<Pick<WorkerOptions, 'workflowBundle'>> | Required<Pick<WorkerOptions, 'workflowsPath'>>;

export const WORKFLOW_BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');

export function workflowSource(): WorkflowSource {
  if (existsSync(WORKFLOW_BUNDLE_PATH)) return { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } };
  return { workflowsPath: require.resolve('../workflows') };
}
