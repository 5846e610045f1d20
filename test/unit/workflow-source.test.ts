// The prebuilt workflow bundle is run only while it fits the workflow sources beside it: a workflow edited
// without `npm run build` makes every worker (and every test worker) refuse it, loudly.
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleBundleProblem, workflowSourcesFingerprint } from '../../worker/workflow-source';
import { PROJECT_ROOT } from '../../lib/project-root';

test('a bundle built from these sources runs; one edit to a workflow or a shared module makes it stale', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundle-'));
  try {
    for (const folder of ['workflows', 'lib'])
      cpSync(join(PROJECT_ROOT, folder), join(root, folder), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'workflow-bundle.sources'), workflowSourcesFingerprint(root)!);
    expect(staleBundleProblem(root)).toBeNull();

    appendFileSync(join(root, 'workflows', 'respondent-track.ts'), '\n// edited\n');
    expect(staleBundleProblem(root)).toMatch(/run `npm run build`/);
    writeFileSync(join(root, 'dist', 'workflow-bundle.sources'), workflowSourcesFingerprint(root)!);
    appendFileSync(join(root, 'lib', 'schedule.ts'), '\n// edited\n');
    expect(staleBundleProblem(root)).toMatch(/run `npm run build`/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the bundle of this checkout fits its sources (npm test builds first)', () => {
  expect(staleBundleProblem()).toBeNull();
});

test('without sources beside it (a deployed image), the bundle is simply run', () => {
  const root = mkdtempSync(join(tmpdir(), 'image-'));
  try {
    expect(workflowSourcesFingerprint(root)).toBeNull();
    expect(staleBundleProblem(root)).toBeNull();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
