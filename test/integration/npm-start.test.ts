// `npm start` as a newcomer runs it (the built start script, on free ports and a scratch var/ folder): every
// part answers, the seed complaint's notice shows up in the mail inbox with a working link, an admin signs in
// and reads the complaint decoded in the Temporal UI in Chromium, data survive a restart, and one SIGINT to the
// script, or one SIGTERM to the npm process, leaves no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { PROJECT_ROOT } from '../../lib/project-root';
import { getComplaint } from '../../workflows/messages';
import { launchBrowser } from '../helpers/browser';
import { runCli } from '../helpers/cli';
import { SEED_CASE_PATH, testDataConverter } from '../helpers/fixtures';
import { freePorts, isListening } from '../helpers/network';
import { stacksOnCluster } from '../helpers/on-cluster';
import { freeLowPort } from '../../lib/dev/free-port';

// test/cluster/npm-cluster.test.ts runs this file as `npm run cluster`: a Temporal cluster on PostgreSQL.
const onCluster = stacksOnCluster();

const marker = randomUUID();
let varDir: string;
let ports: {
  temporal: number;
  ui: number;
  smtp: number;
  inbox: number;
  web: number;
  workerMetrics: number;
  webMetrics: number;
};

beforeAll(async () => {
  varDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  chmodSync(varDir, 0o755); // the cluster's PostgreSQL runs as its own user, and passes through to its folder
  const [temporal, ui, smtp, inbox, web, workerMetrics, webMetrics] = (await freePorts(7)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  ports = { temporal, ui, smtp, inbox, web, workerMetrics, webMetrics };
  // The cluster's other ports follow from its frontend's, below 32768 (lib/cluster/cluster.ts).
  if (onCluster) ports.temporal = await freeLowPort();
});

interface Stack {
  child: ChildProcess;
  output: () => string;
}

/** The start script itself, or (`viaNpm`) `npm start` as the README says, build included. */
function startStack(viaNpm = false): Promise<Stack> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    START_TEST_MARKER: marker,
    TEMPORAL_PORT: `${ports.temporal}`,
    TEMPORAL_UI_PORT: `${ports.ui}`,
    MAILDEV_SMTP_PORT: `${ports.smtp}`,
    MAILDEV_WEB_PORT: `${ports.inbox}`,
    WEB_PORT: `${ports.web}`,
    WORKER_METRICS_ADDRESS: `127.0.0.1:${ports.workerMetrics}`,
    WEB_METRICS_ADDRESS: `127.0.0.1:${ports.webMetrics}`,
    VAR_DIR: varDir,
  };
  for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_PROFILE', 'SMTP_URL', 'DATABASE_URL', 'PUBLIC_BASE_URL'])
    delete env[name];
  const child = viaNpm
    ? spawn('npm', onCluster ? ['run', 'cluster'] : ['start'], { cwd: PROJECT_ROOT, env })
    : spawn(
        process.execPath,
        [join(PROJECT_ROOT, 'dist', 'scripts', 'start.js'), ...(onCluster ? ['--cluster'] : [])],
        { cwd: PROJECT_ROOT, env },
      );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 180_000);
    const check = setInterval(() => {
      if (output.includes('complaint-deadlines is running.')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Sends SIGINT, as Ctrl-C does (or another signal); returns the exit code, with the output if it is not 0. */
async function stopStack(
  { child, output }: Stack,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<number | string | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  const code = await exited;
  return code === 0 ? 0 : `exit ${code}:\n${output()}`;
}

/** Processes still running with this test's marker in their environment (the stack's children inherit it). */
function markedProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`START_TEST_MARKER=${marker}`))
        pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  try {
    return await fn(new Client({ connection, dataConverter: testDataConverter() }));
  } finally {
    await connection.close();
  }
}

// One stack for the tests below, in order: each names what it checks, and later ones build on the earlier ones (the
// seed complaint's link, the officer's answer).
let stack: Stack | undefined;
let link = '';

beforeAll(async () => {
  stack = await startStack();
}, 240_000);

afterAll(async () => {
  if (stack) await stopStack(stack); // a test failed before the one that stops it
  rmSync(varDir, { recursive: true, force: true });
});

/** The running stack; a test that needs it fails plainly if the start (or an earlier stop) took it away. */
function running(): Stack {
  if (!stack) throw new Error('the stack is not running');
  return stack;
}

test('npm start prints the URLs of the Temporal UI, the mail inbox and the web app, and logs no line per request', () => {
  const out = running().output();
  expect(out).toContain(`Temporal UI   http://127.0.0.1:${ports.ui}/   (sign in as staff)`);
  // At info level the log has no line per request and none of the dev server's warnings.
  expect(out).not.toMatch(/"msg":"incoming request"|GetHistory page size/);
  expect(out).toContain(`Mail inbox    http://localhost:${ports.inbox}`);
  expect(out).toContain(`Web app       http://127.0.0.1:${ports.web}`);
});

test('npm start runs every part as a process of its own', () => {
  running();
  // The start script, the Temporal dev server, the mail catcher, the worker and the web app; on a cluster,
  // PostgreSQL, the server's five processes and the UI server in place of the dev server.
  expect(markedProcesses().length).toBeGreaterThanOrEqual(onCluster ? 11 : 5);
});

test('the Temporal UI opens to signed-in staff only: anyone else is sent to sign in, or refused', async () => {
  running();
  const anonymous = await fetch(`http://127.0.0.1:${ports.ui}/`, {
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get('location')).toBe(
    `http://127.0.0.1:${ports.web}/staff/login?next=${encodeURIComponent(`http://127.0.0.1:${ports.ui}/`)}`,
  );
  expect((await fetch(`http://127.0.0.1:${ports.ui}/api/v1/namespaces/default/workflows`)).status).toBe(401);
});

test('the mail inbox and the web app answer', async () => {
  running();
  const inbox = await fetch(`http://127.0.0.1:${ports.inbox}/`, { headers: { accept: 'text/html' } });
  expect(inbox.status).toBe(200);
  expect(await fetch(`http://127.0.0.1:${ports.web}/health`).then((r) => r.json())).toEqual({ ok: true });
});

test("the project's custom search attributes are registered on the dev server", async () => {
  running();
  const attributes = await withClient((c) =>
    c.connection.operatorService.listSearchAttributes({ namespace: 'default' }),
  );
  expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
    expect.arrayContaining(['ComplaintStage', 'NextDeadline', 'Overdue', 'OpenSteps', 'NextHearing']),
  );
});

test('the seed complaint, started from the CLI, reaches the mail inbox with a link to the answer page', async () => {
  running();
  const started = await runCli(['start', SEED_CASE_PATH], {
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
  });
  expect(started).toMatchObject({
    code: 0,
    stdout: expect.stringContaining('complaint-NCPCR-2021-05-0291') as unknown,
  });
  let emails: { subject: string; text: string }[] = [];
  for (let i = 0; i < 100 && emails.length === 0; i++) {
    emails = (await fetch(`http://127.0.0.1:${ports.inbox}/api/email`).then((r) =>
      r.json(),
    )) as typeof emails;
    if (!emails.length) await new Promise((r) => setTimeout(r, 200));
  }
  expect(emails).toHaveLength(1);
  expect(emails[0]!.subject).toContain('NCPCR/2021/05/0291');
  link = /http:\/\/\S+\/answer\/\S+/.exec(emails[0]!.text)![0];
  expect(link.startsWith(`http://127.0.0.1:${ports.web}/answer/`)).toBe(true);
});

test("the mail catcher's own page and its static files open (content-disposition is pinned for Node 20)", async () => {
  running();
  const inboxPage = await fetch(`http://127.0.0.1:${ports.inbox}/`, { headers: { accept: 'text/html' } });
  expect(inboxPage.status).toBe(200);
  const inboxHtml = await inboxPage.text();
  expect(inboxHtml.toLowerCase()).toContain('maildev');
  const asset = /(?:src|href)="\.?\/?(assets\/[^"]+)"/.exec(inboxHtml)![1]!;
  expect((await fetch(`http://127.0.0.1:${ports.inbox}/${asset}`)).status).toBe(200);
});

test("the officer answers through the notice's link in a browser", async () => {
  running();
  expect(link).not.toBe(''); // the seed complaint's notice arrived (the test before)
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(link);
    await page.getByLabel('Action Taken Report').fill('FIR registered; the report follows.');
    await Promise.all([page.waitForURL(link), page.getByRole('button', { name: 'Submit answer' }).click()]);
    expect(await page.textContent('main')).toContain('Your answer was recorded on');
  } finally {
    await browser.close();
  }
});

test("metrics for Prometheus: the SDK's and the worker's own, and the web app's, count the notice and the answer", async () => {
  running();
  const workerMetrics = await fetch(`http://127.0.0.1:${ports.workerMetrics}/metrics`).then((r) => r.text());
  expect(workerMetrics).toMatch(/^temporal_workflow_task_schedule_to_start_latency/m);
  expect(workerMetrics).toMatch(/^complaint_messages_sent(_total)?\{[^}]*kind="notice"[^}]*\} 1$/m);
  expect(workerMetrics).toMatch(/^complaint_answers_recorded(_total)?(\{[^}]*\})? 1$/m);
  expect(workerMetrics).toMatch(/^complaint_open_steps(\{[^}]*\})? 1$/m);
  const webMetrics = await fetch(`http://127.0.0.1:${ports.webMetrics}/metrics`).then((r) => r.text());
  expect(webMetrics).toContain('complaint_officer_actions_total{action="answer"} 1');
  expect(webMetrics).toContain('complaint_complaints{stage="review"} 1');
});

test('an admin signs in as staff on the way to the Temporal UI and reads the complaint decoded, without personal data', async () => {
  running();
  // The input, the workflow's summary and details, and an activity's summary (the codec, same-origin).
  const admin = await launchBrowser();
  try {
    const page = await admin.newPage({ viewport: { width: 1400, height: 1000 } });
    const decodes: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`http://127.0.0.1:${ports.ui}/codec/decode`)) decodes.push(r.status());
    });
    const workflowPage = `http://127.0.0.1:${ports.ui}/namespaces/default/workflows/complaint-NCPCR-2021-05-0291`;
    await page.goto(workflowPage);
    expect(page.url()).toContain(`http://127.0.0.1:${ports.web}/staff/login`);
    await page.getByLabel('Name').fill('staff');
    await page.getByLabel('Password').fill('staff');
    await Promise.all([
      page.waitForURL(`${workflowPage}**`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.getByText('Child sexual abuse material shared on a social network').first().waitFor();
    await page.getByText('notice v1 to delhi-police [notice]').first().waitFor();
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    const rendered = async () =>
      (
        await Promise.all(
          page
            .frames()
            .filter((f) => f !== page.mainFrame())
            .map((f) => f.textContent('body').catch(() => '')),
        )
      ).join('\n');
    for (let i = 0; i < 50 && !(await rendered()).includes('Respondents'); i++)
      await page.waitForTimeout(200);
    const metadata = await rendered();
    expect(metadata).toContain('Complaint NCPCR/2021/05/0291 (1 respondent(s), procedure ncpcr-seven-days)');
    expect(metadata).toMatch(/Respondents\s*delhi-police/);
    // No personal data in the summaries: the officer's name and address stay in the encrypted input.
    expect(metadata).not.toMatch(/Commissioner|@/);
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((status) => status === 200)).toBe(true);
  } finally {
    await admin.close();
  }
});

test('one SIGINT to the start script stops every process it started and frees every port', async () => {
  const stopping = running();
  stack = undefined;
  expect(await stopStack(stopping)).toBe(0);
  expect(markedProcesses()).toEqual([]);
  for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
});

test('`npm start` again on the same var/ folder: the answered complaint is still there; one SIGTERM to npm stops everything', async () => {
  // Started with `npm start` itself: the complaint is still there, its answer waiting for review; a SIGTERM to the
  // npm process (as a service manager or `kill` sends) stops everything.
  const again = await startStack(true);
  try {
    const [description, state] = await withClient((c) => {
      const handle = c.workflow.getHandle('complaint-NCPCR-2021-05-0291');
      return Promise.all([handle.describe(), handle.query(getComplaint)]);
    });
    expect(description.status.name).toBe('RUNNING');
    expect(state.respondents[0]!.steps[0]!.answers[0]!.atrText).toBe('FIR registered; the report follows.');
  } finally {
    expect(await stopStack(again, 'SIGTERM')).toBe(0);
  }
  expect(markedProcesses()).toEqual([]);
}, 240_000);
