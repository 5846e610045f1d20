// Complaint texts, names and addresses are encrypted in Temporal's history: read raw from the server by a
// client without the key, the history holds none of them; with the key, everything reads back.
import { Client } from '@temporalio/client';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { SEED_CASE_PATH, seedCase } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

test('the raw history of a complaint holds no plaintext of the case, the officers or the answer', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').startsWith('Notice'));
  const handle = stack.env.client.workflow.getHandle(workflowId);
  const atr = 'FIR 0777/2021 registered against the handles that shared the material';
  await handle.executeUpdate(submitAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: atr }],
  });
  // With the key (the project's clients): the state reads back in clear.
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.answers[0]!.atrText).toBe(atr);

  // Without it: the raw history, as anyone with access to the server or its database would read it.
  const raw = new Client({ connection: stack.env.connection });
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  // Every string and every byte field of the history, bytes read as text: what a reader of the raw data sees.
  const seen: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) seen.push(Buffer.from(value).toString('utf8'));
    else if (typeof value === 'string') seen.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(history);
  const text = seen.join('\n');
  const seed = seedCase();
  for (const secret of [
    seed.subject,
    seed.summary.slice(0, 40),
    seed.respondents[0]!.officer.email,
    seed.respondents[0]!.summonedOfficer!.email,
    seed.commission.email,
    'Register an FIR',
    atr,
  ]) {
    expect(text.includes(secret)).toBe(false);
  }
  expect(text.includes('binary/encrypted')).toBe(true);
  // The walk does read payloads: the plain search attributes show through it.
  expect(text.includes('"review"')).toBe(true);
  // Only what admins filter on is in clear: the workflow ID and the search attributes.
  expect(text.includes('complaint-NCPCR-2021-05-0291')).toBe(true);
});

test('the codec server decodes for signed-in staff only, and only for the Temporal UI origin', async () => {
  const handle = stack.env.client.workflow.getHandle('complaint-NCPCR-2021-05-0291');
  const raw = new Client({ connection: stack.env.connection });
  const history = await raw.workflow.getHandle(handle.workflowId).fetchHistory();
  const memo = history.events![0]!.workflowExecutionStartedEventAttributes!.memo!.fields!.caseReference!;
  const body = JSON.stringify({
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(memo.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        data: Buffer.from(memo.data!).toString('base64'),
      },
    ],
  });
  const decode = (cookie?: string, origin?: string) =>
    fetch(`${stack.webUrl}/codec/decode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-namespace': 'default',
        ...(cookie ? { cookie } : {}),
        ...(origin ? { origin } : {}),
      },
      body,
    });

  expect((await decode()).status).toBe(401);
  expect((await decode('cd_staff=forged.1.2.3')).status).toBe(401);

  // Signed in as staff, the session cookie (sent to the whole app: the UI under /temporal calls /codec on the
  // same origin) opens the codec.
  const session = (await stack.signInStaff()).find((c) => c.startsWith('cd_staff='))!;
  expect(session).toContain('Path=/;');
  expect(session).toContain('SameSite=Strict');
  const cookie = session.split(';')[0];
  const res = await decode(cookie, stack.webUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  const decoded = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
  expect(Buffer.from(decoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
  expect(JSON.parse(Buffer.from(decoded.payloads[0]!.data, 'base64').toString())).toBe('NCPCR/2021/05/0291');

  // A page of another origin is refused even with the cookie; the configured external UI is allowed (CORS).
  expect((await decode(cookie, 'http://evil.localhost:3000')).status).toBe(403);
  const external = await decode(cookie, 'http://localhost:8233');
  expect(external.status).toBe(200);
  expect(external.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
  // The preflight a browser sends first (with the method and headers it means to use).
  const preflight = (origin: string) =>
    fetch(`${stack.webUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
  const allowed = await preflight('http://localhost:8233');
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
  expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
  expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type, x-namespace');
  const foreign = await preflight('http://evil.localhost:3000');
  // No Access-Control-Allow-Origin: the browser lets that page read nothing.
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});
