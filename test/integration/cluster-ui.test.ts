// The standalone Temporal UI a cluster gets (lib/cluster/temporal-ui.ts), pointed at a dev server's frontend as
// it would be at a cluster's: it serves the real UI, is told the web app's codec, and its API lists a workflow
// started on that frontend. The first run builds the UI server with `go install` (about a minute).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTemporalUi, temporalUiVersion, type TemporalUi } from '../../lib/cluster/temporal-ui';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { uniqueTaskQueue } from '../helpers/fixtures';
import { freePort } from '../helpers/network';

let dir: string;
let env: TestWorkflowEnvironment;
let ui: TemporalUi;
const codecEndpoint = 'http://127.0.0.1:18233/codec';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-ui-'));
  const port = await freePort();
  // The dev server's own UI stays off: the one answering is the standalone server.
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      ip: '127.0.0.1',
      port,
      ui: false,
      log: { format: 'pretty', level: 'error' },
    },
  });
  ui = await startTemporalUi({
    temporalAddress: `127.0.0.1:${port}`,
    namespace: 'default',
    port: await freePort(),
    codecEndpoint,
    dir,
  });
}, 900_000);

afterAll(async () => {
  await ui?.stop();
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

test('the UI server serves the UI itself, with the pinned version, the codec and no news feed', async () => {
  const page = await fetch(`${ui.url}/namespaces/default/workflows`);
  expect(page.status).toBe(200);
  const html = await page.text();
  // The built app, not an empty asset folder: its entry script is referenced and served.
  const entry = /\/_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(html)?.[0];
  expect(entry).toBeDefined();
  expect((await fetch(`${ui.url}${entry}`)).status).toBe(200);

  const settings = (await (await fetch(`${ui.url}/api/v1/settings`)).json()) as Record<string, unknown>;
  expect(settings).toMatchObject({
    Version: temporalUiVersion(),
    DefaultNamespace: 'default',
    DisableNewsFetch: true,
    Auth: { Enabled: false },
    Codec: { Endpoint: codecEndpoint },
  });
});

test("a workflow started on the frontend appears in the UI's API", async () => {
  const workflowId = `cluster-ui-${Date.now()}`;
  // No worker: the workflow stays open, which is enough to be listed.
  const handle = await env.client.workflow.start('complaintWorkflow', {
    workflowId,
    taskQueue: uniqueTaskQueue('cluster-ui'),
    args: [{ reference: 'UI-1' }],
  });
  type Listing = { executions?: { execution: { workflowId: string }; status: string }[] };
  let listing: Listing = {};
  // Visibility lags a start by a moment.
  for (let i = 0; i < 50 && !listing.executions?.some((e) => e.execution.workflowId === workflowId); i++) {
    const query = encodeURIComponent(`WorkflowId = "${workflowId}"`);
    const response = await fetch(`${ui.url}/api/v1/namespaces/default/workflows?query=${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    listing = (await response.json()) as Listing;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(listing.executions).toEqual([
    expect.objectContaining({
      execution: expect.objectContaining({ workflowId }) as unknown,
      status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
    }),
  ]);
  await handle.terminate('test over');
});
