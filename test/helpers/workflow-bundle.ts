// The workflow code a test's worker runs: the bundle `npm run build` wrote, when it was built from the sources
// beside it (webpack need not run again in every test file: a few seconds of CPU each); the sources bundled
// here when it is missing or stale (a workflow edited and `npx jest` run without a build), never stale code.
import { existsSync } from 'node:fs';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { staleBundleProblem, WORKFLOW_BUNDLE_PATH } from '../../worker/workflow-source';

export async function currentWorkflowBundle(): Promise<WorkflowBundleOption> {
  if (existsSync(WORKFLOW_BUNDLE_PATH) && staleBundleProblem() === null)
    return { codePath: WORKFLOW_BUNDLE_PATH };
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
}
