// Prebuilds the workflow bundle (dist/workflow-bundle.js) that workers load at start (`npm run build`).
import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';
import {
  WORKFLOW_BUNDLE_PATH,
  WORKFLOW_BUNDLE_SOURCES_PATH,
  workflowSourcesFingerprint,
} from '../worker/workflow-source';

async function main(): Promise<void> {
  // Read before bundling: an edit made while it bundles must make the bundle stale, not pass for current.
  const fingerprint = workflowSourcesFingerprint();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
    },
  });
  await writeFile(WORKFLOW_BUNDLE_PATH, code);
  await writeFile(WORKFLOW_BUNDLE_SOURCES_PATH, fingerprint ?? '');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
