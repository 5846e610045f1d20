// Every form, query and body the web app reads is parsed by one schema per route (client/web/form-schemas.ts,
// list-query.ts, the codec's): a repeated field, a value of another type or an unknown field is a 400 naming the
// field, never a 500, and changes nothing. The codec answers 400 to a malformed payload and never says which
// part failed to decrypt.
import { startComplaint } from '../../client/complaints';
import { loadConfig } from '../../lib/config';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { encryptionCodec } from '../../lib/temporal/data-converter';
import { EncryptionCodec } from '../../lib/temporal/encryption-codec';
import { getComplaint } from '../../workflows/messages';
import { seedCase } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let cookie: string;
let csrf: string;
let workflowId: string;
let link: string;

beforeAll(async () => {
  stack = await startStack();
  cookie = (await stack.signInStaff()).find((c) => c.startsWith('cd_staff='))!.split(';')[0]!;
  csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/staff/new')).text())![1]!;
  ({ workflowId } = await startComplaint(
    stack.env.client,
    stack.taskQueue,
    seedCase({ caseReference: 'SCHEMA/2026/1' }),
    DEFAULT_PROCEDURE,
  ));
  const [notice] = await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').includes('SCHEMA/2026/1'));
  link = answerLinkIn(notice!);
});
afterAll(() => stack?.stop());

const get = (path: string) => fetch(`${stack.webUrl}${path}`, { headers: { cookie }, redirect: 'manual' });

/** A urlencoded POST whose fields may repeat (a browser never sends these; an attacker does). */
const post = (url: string, pairs: [string, string][], withCookie = true) =>
  fetch(url.startsWith('http') ? url : `${stack.webUrl}${url}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(withCookie ? { cookie } : {}),
    },
    body: new URLSearchParams(pairs).toString(),
    redirect: 'manual',
  });

async function expectRefused(response: Response, field: string, message: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(await response.text()).toContain(`${field}: ${message}`);
}

test('staff forms and queries: a repeated, mistyped or unknown field is a 400 naming it, and nothing changes', async () => {
  const before = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  const step = [
    ['_csrf', csrf],
    ['respondentId', 'delhi-police'],
    ['stepId', 'notice'],
  ] as [string, string][];
  const page = `/staff/complaints/${workflowId}`;

  await expectRefused(
    await post(`${page}/extend`, [...step, ['until', '2030-01-01'], ['reason', 'a'], ['reason', 'b']]),
    'reason',
    'must be given once',
  );
  await expectRefused(
    await post(`${page}/extend`, [...step, ['until', '2030-01-01'], ['reason', 'a'], ['admin', '1']]),
    'admin',
    'is not a field of this form',
  );
  await expectRefused(
    await post(`${page}/reschedule`, [
      ...step,
      ['date', '2030-01-01'],
      ['time', '10:00'],
      ['time', '11:00'],
      ['reason', 'r'],
    ]),
    'time',
    'must be given once',
  );
  await expectRefused(
    await post(`${page}/hearing`, [...step, ['appeared', 'yes'], ['next', 'close']]),
    'appeared',
    'must be 1 or absent',
  );
  await expectRefused(
    await post(`${page}/hearing`, [...step, ['demand', 'x'], ['demand', 'y'], ['next', 'fresh-demand']]),
    'demand',
    'must be given once',
  );
  await expectRefused(
    await post(`${page}/close`, [
      ['_csrf', csrf],
      ['action', 'withdraw'],
      ['reason', 'x'],
      ['notes', 'x'],
      ['notes', 'y'],
    ]),
    'notes',
    'is not a field of this form',
  );
  await expectRefused(
    await post('/staff/new', [
      ['_csrf', csrf],
      ['caseReference', 'A/1'],
      ['caseReference', 'B/2'],
    ]),
    'caseReference',
    'must be given once',
  );
  await expectRefused(await get(`${page}?done=a&done=b`), 'done', 'must be given once');
  await expectRefused(await get(`${page}?debug=1`), 'debug', 'is not a field of this form');
  await expectRefused(await get('/staff?search=A&search=B'), 'search', 'must be given once');
  // Sign-in: two names, a password given twice.
  const login = await fetch(`${stack.webUrl}/staff/login`);
  const loginCookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('cd_login='))!
    .split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
  const twoNames = await fetch(`${stack.webUrl}/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams([
      ['_csrf', token],
      ['name', 'a'],
      ['name', 'b'],
      ['password', 'p'],
    ]).toString(),
    redirect: 'manual',
  });
  await expectRefused(twoNames, 'name', 'must be given once');
  await expectRefused(await get('/staff/login?next=/staff&next=/staff'), 'next', 'must be given once');

  const after = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(after.respondents[0]!.steps[0]!.extensions).toEqual(before.respondents[0]!.steps[0]!.extensions);
  expect(after.closure).toBeUndefined();
});

test("an officer's form: a repeated or unknown field is a 400 naming it, urlencoded or multipart; nothing is recorded", async () => {
  await expectRefused(
    await post(
      link,
      [
        ['action', 'answer'],
        ['atrText', 'one'],
        ['atrText', 'two'],
      ],
      false,
    ),
    'atrText',
    'must be given once',
  );
  await expectRefused(
    await post(
      link,
      [
        ['action', 'answer'],
        ['atrText', 'one'],
        ['role', 'admin'],
      ],
      false,
    ),
    'role',
    'is not a field of this form',
  );
  const form = new FormData();
  form.append('action', 'answer');
  form.append('atrText', 'one');
  form.append('atrText', 'two');
  const multipart = await fetch(link, { method: 'POST', body: form, redirect: 'manual' });
  await expectRefused(multipart, 'atrText', 'must be given once');
  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.answers).toEqual([]);
});

test('the codec: a malformed body or payload is a 400, and a payload that fails to decrypt says no more than that', async () => {
  const codec = (body: unknown) =>
    fetch(`${stack.webUrl}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refused = async (body: unknown) => {
    const res = await codec(body);
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: string }).error;
  };
  expect(await refused([null])).toMatch(/^\(root\)|^form|invalid|expected/i);
  expect(await refused({ payloads: [null] })).toContain('payloads[0]');
  expect(await refused({ payloads: 'all' })).toContain('payloads');
  expect(await refused({ payloads: [{ data: '%%%' }] })).toContain('payloads[0].data: must be base64');
  expect(await refused({ payloads: [], extra: 1 })).toMatch(/extra|unrecognized/i);
  expect((await codec('{garbage')).status).toBe(400);

  // A real ciphertext, then tampered with; then sealed with a key this app does not hold.
  const [sealed] = await encryptionCodec(loadConfig({})).encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"secret"') },
  ]);
  const asJson = (p: typeof sealed) => ({
    metadata: Object.fromEntries(
      Object.entries(p!.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p!.data!).toString('base64'),
  });
  const good = await codec({ payloads: [asJson(sealed)] });
  expect(good.status).toBe(200);
  const tampered = asJson(sealed);
  const bytes = Buffer.from(tampered.data, 'base64');
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
  tampered.data = bytes.toString('base64');
  const [foreign] = await new EncryptionCodec([{ id: 'other', key: Buffer.alloc(32, 7) }]).encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"secret"') },
  ]);
  const tamperedError = await refused({ payloads: [tampered] });
  const foreignError = await refused({ payloads: [asJson(foreign)] });
  expect(tamperedError).toBe('payloads: cannot be decoded');
  expect(foreignError).toBe(tamperedError);
});
