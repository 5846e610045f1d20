// Replays committed histories of real runs (test/histories/, recorded by `npm run record-histories`) against
// the current workflow code: a change that would break complaints already running fails here, in `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { HISTORIES } from '../helpers/fixtures';

const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')));

let current: WorkflowBundle;
beforeAll(async () => {
  current = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
});

test('there are recorded histories for every path of the procedure', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'no-answer-summons-hearing.json',
      'answered-and-accepted.json',
      'returned-then-accepted.json',
      'extended-then-withdrawn.json',
      'further-hearing-rescheduled.json',
      'fresh-demand.json',
      'two-respondents.json',
      'working-days-disposed.json',
    ]),
  );
});

test.each(files)('the current workflow code replays %s', async (file) => {
  await Worker.runReplayHistory({ workflowBundle: current }, load(file));
});

test('a change made without patched() fails the replay', async () => {
  const changed = await bundleWorkflowCode({
    workflowsPath: require.resolve('../fixtures/changed-workflow'),
  });
  await expect(
    Worker.runReplayHistory({ workflowBundle: changed }, load('answered-and-accepted.json')),
  ).rejects.toThrow(/[Nn]ondeterminism/);
});
