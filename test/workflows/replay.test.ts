// Replays committed histories of real runs (test/histories/, recorded by `npm run record-histories`) against
// the current workflow code: a change that would break complaints already running fails here, in `npm test`.
import { currentWorkflowBundle } from '../helpers/workflow-bundle';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { GENERATION } from '../../workflows/generation';
import { HISTORIES, testDataConverter } from '../helpers/fixtures';

// One folder per generation of the workflow code, named for it (workflows/generation.ts). Before 1.0.0 there is
// one, re-recorded at each change; from 1.0.0 on, an older one stays while complaints of it run (docs/versioning.md).
const files = readdirSync(HISTORIES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(HISTORIES, d.name)).map((f) => join(d.name, f)))
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')));

let current: WorkflowBundleOption;
beforeAll(async () => {
  current = await currentWorkflowBundle();
});

test('there are recorded histories of the current code for every path of the procedure', () => {
  expect(files).toEqual(
    expect.arrayContaining(
      [
        'no-answer-summons-hearing',
        'answered-and-accepted',
        'returned-then-accepted',
        'extended-then-withdrawn',
        'further-hearing-rescheduled',
        'fresh-demand',
        'two-respondents',
        'working-days-disposed',
        'extended-accepted-told',
        'returned-then-withdrawn-told',
        'hearing-moved-disposed-told',
        'validator-rejections',
        'withdrawn',
        'continued-as-new',
      ].map((name) => join(GENERATION, `${name}.json`)),
    ),
  );
});

test.each(files)('the current workflow code replays %s', async (file) => {
  await Worker.runReplayHistory({ workflowBundle: current, dataConverter: testDataConverter() }, load(file));
});

test('a change to what the workflow commands, not re-recorded (nor patched, from 1.0.0), fails the replay', async () => {
  const changed = await bundleWorkflowCode({
    workflowsPath: require.resolve('../fixtures/changed-workflow'),
  });
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: changed, dataConverter: testDataConverter() },
      load(join(GENERATION, 'answered-and-accepted.json')),
    ),
  ).rejects.toThrow(/[Nn]ondeterminism/);
});
