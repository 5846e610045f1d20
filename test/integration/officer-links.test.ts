// The officer's link against the whole system, with the records in a real PostgreSQL server: attachments
// (checked by content and size, kept in the blob store under their SHA-256), and links that are cross-step,
// reused or expired, each refused or shown read-only, with nothing changed anywhere.
import { createHash } from 'node:crypto';
import { getComplaint, reviewAnswer } from '../../workflows/messages';
import { seedCase, SUBSIDIARY, recordsEventually } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ database: 'postgres' });
});
afterAll(() => stack?.stop());

/** A small but genuine PDF. */
export function pdf(text: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

let n = 0;
async function startCase(
  extra: Record<string, unknown> = {},
): Promise<{ workflowId: string; links: Map<string, string> }> {
  const caseFile = { ...seedCase(), caseReference: `NCPCR/2026/LINK/${++n}`, ...extra };
  const started = await stack.cli(['start', stack.writeJson(`case-${n}.json`, caseFile), '--json']);
  expect(started).toMatchObject({ code: 0 });
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const count = caseFile.respondents.length;
  const mails = await stack.sink.waitForMessages(count, (m) =>
    (m.subject ?? '').startsWith(`Notice ${caseFile.caseReference}:`),
  );
  const links = new Map(
    mails.map((m) => [(m.to && 'value' in m.to ? m.to.value[0]!.address : '')!, answerLinkIn(m)]),
  );
  return { workflowId, links };
}

function multipart(
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type: string }[] = [],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new Blob([f.bytes], { type: f.type }), f.name);
  return { method: 'POST', body: form, redirect: 'manual' as const };
}

const OFFICER = 'commissioner@delhipolice.example';

test('an answer with a PDF and an image: both stored by SHA-256 in the blob store and referenced from the records', async () => {
  const { workflowId, links } = await startCase();
  const link = links.get(OFFICER)!;
  const report = pdf('Action Taken Report');
  const photo = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('not really pixels'),
  ]);
  const res = await fetch(
    link,
    multipart({ atrText: 'FIR registered; report attached', action: 'answer' }, [
      { name: 'atr.pdf', bytes: report, type: 'application/pdf' },
      { name: 'scene.png', bytes: photo, type: 'image/png' },
    ]),
  );
  expect(res.status).toBe(303);

  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  const answer = state.respondents[0]!.steps[0]!.answers[0]!;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  expect(answer.attachments).toEqual([
    { sha256: sha(report), fileName: 'atr.pdf', contentType: 'application/pdf', size: report.length },
    { sha256: sha(photo), fileName: 'scene.png', contentType: 'image/png', size: photo.length },
  ]);
  expect(
    (await recordsEventually(() => stack.records.attachmentsFor(answer.answerId), 2)).map((a) => [
      a.file_name,
      a.sha256,
      a.content_type,
    ]),
  ).toEqual([
    ['atr.pdf', sha(report), 'application/pdf'],
    ['scene.png', sha(photo), 'image/png'],
  ]);
  expect(await stack.blobs.get(sha(report))).toEqual(report);
  expect(await (await fetch(link)).text()).toContain('atr.pdf (1 KiB)');
});

test('a mistyped or oversized upload is refused naming the file, and nothing is recorded or stored', async () => {
  const { workflowId, links } = await startCase();
  const link = links.get(OFFICER)!;
  const exe = Buffer.from('MZ\x90\x00 this is a program, named like a PDF', 'latin1');
  const mistyped = await fetch(
    link,
    multipart({ atrText: 'see attached', action: 'answer' }, [
      { name: 'report.pdf', bytes: exe, type: 'application/pdf' },
    ]),
  );
  expect(mistyped.status).toBe(400);
  expect(await mistyped.text()).toContain('attachments: report.pdf is not a PDF or an image');

  const huge = Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024)]);
  const oversized = await fetch(
    link,
    multipart({ atrText: 'see attached', action: 'answer' }, [
      { name: 'big.pdf', bytes: huge, type: 'application/pdf' },
    ]),
  );
  expect(oversized.status).toBe(400);
  expect(await oversized.text()).toContain('attachments: big.pdf is larger than 10 MiB');

  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.status).toBe('open');
  expect(await stack.records.answersFor(workflowId)).toEqual([]);
  expect(await stack.blobs.has(createHash('sha256').update(exe).digest('hex'))).toBe(false);
});

test('cross-step, reused and expired links: refused or read-only, and nothing changes', async () => {
  const { workflowId, links } = await startCase({ respondents: [...seedCase().respondents, SUBSIDIARY] });
  const police = links.get(OFFICER)!;
  const company = links.get(SUBSIDIARY.officer.email)!;

  // Cross-step: the police officer's link rewritten to name the company's step is not signed for it.
  const [body, mac] = police.split('/answer/')[1]!.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as string[];
  claims[2] = SUBSIDIARY.id;
  const forged = `${stack.webUrl}/answer/${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
  for (const res of [
    await fetch(forged),
    await fetch(forged, multipart({ atrText: 'forged', action: 'answer' })),
  ]) {
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This link is not valid');
  }

  // Reused: a second answer through the same link after the first is recorded once.
  expect(
    (await fetch(company, multipart({ atrText: 'Account details shared', action: 'answer' }))).status,
  ).toBe(303);
  expect(
    (await fetch(company, multipart({ atrText: 'A different second answer', action: 'answer' }))).status,
  ).toBe(303);
  const handle = stack.env.client.workflow.getHandle(workflowId);
  let state = await handle.query(getComplaint);
  const companyStep = state.respondents[1]!.steps[0]!;
  expect(companyStep.answers.map((a) => a.atrText)).toEqual(['Account details shared']);

  // Expired: once staff accept it, the step is closed; the link shows what was recorded and when, read-only.
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: SUBSIDIARY.id, stepId: 'notice', decision: 'accept' }],
  });
  const page = await (await fetch(company)).text();
  expect(page).toContain('This step was closed on');
  expect(page).toContain('Account details shared');
  expect(page).not.toContain('<form');
  expect((await fetch(company, multipart({ atrText: 'too late', action: 'answer' }))).status).toBe(303);
  state = await handle.query(getComplaint);
  expect(state.respondents[1]!.steps[0]!.answers).toHaveLength(1);
  expect(state.respondents[0]!.steps[0]!.answers).toHaveLength(0);
  expect(
    (await recordsEventually(() => stack.records.answersFor(workflowId), 1)).map((a) => a.atr_text),
  ).toEqual(['Account details shared']);
});
