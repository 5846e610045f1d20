// Uploads through an officer's link, against the running web app (issue 15, point 5): a file is named and served
// as what its content is; a file that is also HTML or script is refused; a malformed part fails the whole POST;
// files enter the blob store only with the answer that references them (the others are removed, or swept); a
// link is checked before the body is read, and a body is limited while it streams (the connection closed).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { startComplaint } from '../../client/complaints';
import { sweepBlobs } from '../../client/web/blob-sweep';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { closeComplaint, getComplaint } from '../../workflows/messages';
import { recordsEventually, seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ admitWithinMs: 3_000 });
});
afterAll(() => stack?.stop());

let n = 0;
async function startWithLink(): Promise<{ workflowId: string; link: string }> {
  const reference = `NCPCR/2026/UPLOAD/${++n}`;
  const caseFile = { ...seedCase(), caseReference: reference, receivedOn: todayInCommissionZone() };
  const { workflowId } = await startComplaint(stack.env.client, stack.taskQueue, caseFile, DEFAULT_PROCEDURE);
  const [notice] = await stack.sink.waitForMessages(
    1,
    (m) => (m.subject ?? '').startsWith(`Notice ${reference}:`),
    30_000,
  );
  return { workflowId, link: answerLinkIn(notice!) };
}

/** A small but genuine PDF. */
function pdf(text: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under the blob store (staged or kept), relative to its root. */
function filesOnDisk(): string[] {
  const root = stack.blobs.root;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path.slice(root.length + 1)];
    });
  try {
    return walk(root).sort();
  } catch {
    return [];
  }
}

function form(fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files)
    body.append('attachments', new Blob([f.bytes], { type: f.type ?? 'application/pdf' }), f.name);
  return { method: 'POST', body, redirect: 'manual' as const };
}

/** A multipart body written by hand, part by part (headers as given): what a browser would never send. */
function rawMultipart(parts: { headers: string[]; body: string | Buffer }[], closing = true) {
  const boundary = 'XxBoundary7MA4YWxk';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${p.headers.join('\r\n')}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  if (closing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat(chunks),
    redirect: 'manual' as const,
  };
}

const field = (name: string, value: string) => ({
  headers: [`Content-Disposition: form-data; name="${name}"`],
  body: value,
});

async function expectNothingRecorded(workflowId: string): Promise<void> {
  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.status).toBe('open');
  expect(state.respondents[0]!.steps[0]!.answers).toEqual([]);
  expect(await stack.records.answersFor(workflowId)).toEqual([]);
}

async function staffCookie(): Promise<string> {
  return (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
}

test('a PDF named report.html is stored as report.pdf and downloads as report.pdf, application/pdf, as an attachment', async () => {
  const { workflowId, link } = await startWithLink();
  const report = pdf('Action Taken Report');
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF pixels')]);
  const res = await fetch(
    link,
    form({ atrText: 'FIR registered', action: 'answer' }, [
      { name: 'report.html', bytes: report, type: 'text/html' },
      { name: 'scene.JPEG', bytes: photo, type: 'image/jpeg' },
    ]),
  );
  expect(res.status).toBe(303);
  // A form read to its end keeps the connection (only a reply before the body's end closes it).
  expect(res.headers.get('connection')).not.toBe('close');
  expect((await fetch(link)).headers.get('connection')).not.toBe('close');

  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  const answer = state.respondents[0]!.steps[0]!.answers[0]!;
  expect(answer.attachments!.map((a) => [a.fileName, a.contentType])).toEqual([
    ['report.pdf', 'application/pdf'],
    ['scene.jpeg', 'image/jpeg'],
  ]);
  const rows = await recordsEventually(() => stack.records.attachmentsFor(answer.answerId), 2);
  expect(rows.map((r) => r.file_name)).toEqual(['report.pdf', 'scene.jpeg']);

  const download = await fetch(`${stack.webUrl}/staff/complaints/${workflowId}/attachments/${sha(report)}`, {
    headers: { cookie: await staffCookie() },
  });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="report\.pdf"/);
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await download.arrayBuffer())).toEqual(report);
  // Only the kept files are on disk: nothing left staged.
  expect(filesOnDisk()).toEqual(
    expect.arrayContaining([
      join(sha(report).slice(0, 2), sha(report)),
      join(sha(photo).slice(0, 2), sha(photo)),
    ]),
  );
  expect(filesOnDisk().filter((f) => f.startsWith('staging'))).toEqual([]);
});

test('a file that is also HTML, SVG or script (a polyglot), or a PDF with JavaScript: refused naming the file, nothing stored', async () => {
  const { workflowId, link } = await startWithLink();
  const before = filesOnDisk();
  const polyglots: [string, Buffer][] = [
    [
      'report.html',
      Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n'),
    ],
    ['report.pdf', Buffer.concat([pdf('ATR'), Buffer.from('<HTML><img src=x onerror=alert(1)>')])],
    [
      'scene.png',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('<svg onload="alert(1)"/>'),
      ]),
    ],
    ['photo.gif', Buffer.from('GIF89a/*\x00\x00*/=1;<script src=//evil.example></script>', 'latin1')],
    [
      'action.pdf',
      Buffer.from(
        '%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF',
      ),
    ],
    [
      'escaped.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj\n%%EOF'),
    ],
    [
      'launch.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n%%EOF'),
    ],
    [
      'link.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /A << /S /URI /URI (javascript:alert(1)) >> >> endobj\n%%EOF'),
    ],
  ];
  for (const [name, bytes] of polyglots) {
    const res = await fetch(
      link,
      form({ atrText: 'see attached', action: 'answer' }, [
        { name, bytes },
        { name: 'fine.pdf', bytes: pdf('ok') },
      ]),
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(`attachments: ${name} is refused: it`);
    expect(page).not.toContain('<script>alert');
  }
  await expectNothingRecorded(workflowId);
  expect(filesOnDisk()).toEqual(before);
  // A genuine PDF (compressed streams, XMP metadata, names like /Type) passes.
  const genuine = Buffer.concat([
    pdf('genuine'),
    Buffer.from(
      '2 0 obj << /Type /Metadata /Length 60 >> stream\n<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>\nendstream\n',
    ),
    Buffer.from('3 0 obj << /Filter /FlateDecode >> stream\n'),
    Buffer.from([0x78, 0x9c, 0x2f, 0x4a, 0x53, 0x28, 0x0a]),
    Buffer.from('\nendstream\n%%EOF\n'),
  ]);
  expect(
    (await fetch(link, form({ atrText: 'genuine', action: 'answer' }, [{ name: 'atr.pdf', bytes: genuine }])))
      .status,
  ).toBe(303);
});

test('a malformed part fails the whole POST with a 400 naming the field: nothing recorded, nothing stored', async () => {
  const { workflowId, link } = await startWithLink();
  const before = filesOnDisk();
  const report = pdf('ATR').toString('latin1');
  const cases: { parts: { headers: string[]; body: string | Buffer }[]; closing?: boolean; says: string }[] =
    [
      {
        // Malformed filename* (no charset'language' prefix): the parser would read it as a text field.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          {
            headers: [
              'Content-Disposition: form-data; name="attachments"; filename*=report.pdf',
              'Content-Type: application/pdf',
            ],
            body: report,
          },
        ],
        says: 'attachments: a part could not be read (its file name (filename*) is malformed)',
      },
      {
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          {
            headers: [`Content-Disposition: form-data; name="attachments"; filename*=UTF-8''%ZZ%C3.pdf`],
            body: report,
          },
        ],
        says: 'attachments: a part could not be read (its file name (filename*) is malformed)',
      },
      {
        // Percent-encoded bytes that are not UTF-8.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          {
            headers: [`Content-Disposition: form-data; name="attachments"; filename*=UTF-8''r%E9port.pdf`],
            body: report,
          },
        ],
        says: 'attachments: a part could not be read (its file name (filename*) is malformed)',
      },
      {
        // No file name at all: the parser reads the file as text.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          {
            headers: ['Content-Disposition: form-data; name="attachments"', 'Content-Type: application/pdf'],
            body: report,
          },
        ],
        says: 'attachments: a file was sent without a valid file name',
      },
      {
        // A part the parser drops in silence: not form-data.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          {
            headers: ['Content-Disposition: attachment; name="attachments"; filename="r.pdf"'],
            body: report,
          },
        ],
        says: 'attachments: a part could not be read (it is not a form-data part)',
      },
      {
        // A part with no Content-Disposition: dropped by the parser too.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          { headers: ['Content-Type: application/pdf'], body: report },
        ],
        says: 'form: a part could not be read (it has no Content-Disposition)',
      },
      {
        // An unterminated quoted file name.
        parts: [
          field('atrText', 'see attached'),
          field('action', 'answer'),
          { headers: ['Content-Disposition: form-data; name="attachments"; filename="r.pdf'], body: report },
        ],
        says: 'attachments: a part could not be read (its Content-Disposition is malformed)',
      },
      {
        // The form cut short (no closing boundary).
        parts: [field('atrText', 'see attached'), field('action', 'answer')],
        closing: false,
        says: 'form: the form data is incomplete',
      },
    ];
  for (const c of cases) {
    const res = await fetch(link, rawMultipart(c.parts, c.closing ?? true));
    const page = await res.text();
    expect([res.status, page]).toEqual([400, expect.stringContaining(c.says)]);
    expect(page).toContain('Nothing was recorded');
  }
  // A text field longer than its limit is refused (413), never truncated in silence.
  const long = await fetch(
    link,
    rawMultipart([field('atrText', 'x'.repeat(70 * 1024)), field('action', 'answer')]),
  );
  expect(long.status).toBe(413);
  expect(await long.text()).toContain('atrText: longer than 64 KiB');
  await expectNothingRecorded(workflowId);
  expect(filesOnDisk()).toEqual(before);

  // A well-formed RFC 8187 file name is read, as its UTF-8.
  const ok = await fetch(
    link,
    rawMultipart([
      field('atrText', 'see attached'),
      field('action', 'answer'),
      {
        headers: [
          `Content-Disposition: form-data; name="attachments"; filename*=UTF-8''r%C3%A9port%20final.html`,
        ],
        body: report,
      },
    ]),
  );
  expect(ok.status).toBe(303);
  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.answers[0]!.attachments!.map((a) => a.fileName)).toEqual([
    'réport final.pdf',
  ]);
});

test('concurrent answers through one link: one is recorded, its files kept; the others leave no file on disk, before or after the sweep', async () => {
  const { workflowId, link } = await startWithLink();
  const before = filesOnDisk();
  const reports = Array.from({ length: 6 }, (_, i) => pdf(`Report from tab ${i}`));
  const replies = await Promise.all(
    reports.map((bytes, i) =>
      fetch(link, form({ atrText: `Answer ${i}`, action: 'answer' }, [{ name: `atr-${i}.pdf`, bytes }])),
    ),
  );
  // One wins; the others are answered with the recorded answer's page (a second answer is not taken).
  for (const r of replies) expect(r.status).toBe(303);
  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  const [answer, ...others] = state.respondents[0]!.steps[0]!.answers;
  expect(others).toEqual([]);
  const winner = reports[Number(/Answer (\d)/.exec(answer!.atrText)![1])]!;
  expect(answer!.attachments!.map((a) => a.sha256)).toEqual([sha(winner)]);
  await recordsEventually(() => stack.records.attachmentsFor(answer!.answerId), 1);

  const added = () => filesOnDisk().filter((f) => !before.includes(f));
  expect(added()).toEqual([join(sha(winner).slice(0, 2), sha(winner))]);
  await sweepBlobs(stack.blobs, stack.records.db, 0);
  expect(added()).toEqual([join(sha(winner).slice(0, 2), sha(winner))]);
  expect(await stack.blobs.get(sha(winner))).toEqual(winner);
});

test('the sweep: an upload nothing references is removed after the grace time; one waiting in the inbox is kept, and enters the store when recorded', async () => {
  // A web app stopped between staging a file and recording its answer leaves it staged.
  const orphan = await stack.blobs.stage(pdf('never recorded'));
  expect((await sweepBlobs(stack.blobs, stack.records.db, 60_000)).deleted).toEqual([]);
  expect(filesOnDisk()).toContain(join('staging', orphan.path.split('/').at(-1)!));
  expect((await sweepBlobs(stack.blobs, stack.records.db, 0)).deleted).toContain(orphan.sha256);
  expect(filesOnDisk().filter((f) => f.startsWith('staging'))).toEqual([]);

  // No worker: the answer waits in the inbox, its file staged; the sweep keeps it.
  const { workflowId, link } = await startWithLink();
  await stack.stopWorker();
  const report = pdf('sent while no worker ran');
  try {
    const res = await fetch(
      link,
      form({ atrText: 'sent meanwhile', action: 'answer' }, [{ name: 'late.pdf', bytes: report }]),
    );
    expect(res.status).toBe(202);
    expect(await stack.blobs.has(sha(report))).toBe(false);
    const swept = await sweepBlobs(stack.blobs, stack.records.db, 0);
    expect(swept.kept).toEqual([sha(report)]);
    expect(filesOnDisk().filter((f) => f.startsWith('staging'))).toHaveLength(1);
  } finally {
    await stack.startWorker();
  }
  const [row] = await recordsEventually(() => stack.records.answersFor(workflowId), 1, 60_000);
  expect((await stack.records.attachmentsFor(row!.answer_id)).map((a) => a.sha256)).toEqual([sha(report)]);
  await recordsEventually(async () => ((await stack.blobs.has(sha(report))) ? [true] : []), 1, 30_000);
  expect(await stack.blobs.get(sha(report))).toEqual(report);
  await recordsEventually(
    () => Promise.resolve(filesOnDisk().some((f) => f.startsWith('staging')) ? [] : [true]),
    1,
    30_000,
  );
  // Once recorded, the sweep keeps it.
  await sweepBlobs(stack.blobs, stack.records.db, 0);
  expect(await stack.blobs.has(sha(report))).toBe(true);
}, 120_000);

/**
 * Sends a POST's headers at once and its body as `body` says (slowly, or never), and notes what comes back:
 * the reply's status and page, how many body bytes had been sent when it came, and whether the connection closed.
 */
function probe(
  url: string,
  headers: Record<string, string | number>,
  body: { chunks: Buffer[]; everyMs: number } | 'never',
): Promise<{ status: number; page: string; sentBefore: number; ms: number; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let sentBefore = -1;
    let timer: NodeJS.Timeout | undefined;
    const req = httpRequest(url, { method: 'POST', headers });
    req.on('error', () => undefined); // writes after the server closed: expected
    req.on('response', (res: IncomingMessage) => {
      sentBefore = sent;
      const ms = Date.now() - started;
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const socket = req.socket;
        const page = Buffer.concat(chunks).toString('utf8');
        const done = (closed: boolean) => resolve({ status: res.statusCode!, page, sentBefore, ms, closed });
        if (!socket || socket.destroyed) return done(true);
        const giveUp = setTimeout(() => done(false), 3_000);
        socket.once('close', () => {
          clearTimeout(giveUp);
          done(true);
        });
      });
    });
    req.flushHeaders();
    if (body === 'never') return;
    let i = 0;
    const next = () => {
      if (sentBefore >= 0 || req.destroyed) return;
      if (i >= body.chunks.length) return void req.end();
      const chunk = body.chunks[i++]!;
      req.write(chunk, (err) => {
        if (!err) sent += chunk.length;
      });
      timer = setTimeout(next, body.everyMs);
    };
    next();
    setTimeout(() => reject(new Error('no reply in 60 s')), 60_000).unref();
  });
}

const MiB = 1024 * 1024;
const boundary = 'ProbeBoundary0123';
const multipartHeaders = (extra: Record<string, string | number> = {}) => ({
  'content-type': `multipart/form-data; boundary=${boundary}`,
  ...extra,
});
const partHead = (headers: string) => Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`);

test('a forged link with a 300 MiB body: 404 before any of it is sent, and the connection closed', async () => {
  const { link } = await startWithLink();
  const forged = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  const r = await probe(forged, multipartHeaders({ 'content-length': 300 * MiB }), 'never');
  expect(r.status).toBe(404);
  expect(r.page).toContain('This link is not valid');
  expect(r.sentBefore).toBe(0);
  expect(r.closed).toBe(true);
  // Sent as a stream of unknown length: the same.
  const chunked = await probe(forged, multipartHeaders({ 'transfer-encoding': 'chunked' }), 'never');
  expect([chunked.status, chunked.sentBefore, chunked.closed]).toEqual([404, 0, true]);
});

test('a genuine link announcing 300 MiB: 413 before any of it is sent, the connection closed, nothing recorded', async () => {
  const { workflowId, link } = await startWithLink();
  const r = await probe(link, multipartHeaders({ 'content-length': 300 * MiB }), 'never');
  expect(r.status).toBe(413);
  expect(r.page).toContain('form: the submission is larger than');
  expect([r.sentBefore, r.closed]).toEqual([0, true]);
  await expectNothingRecorded(workflowId);
});

test('a link whose complaint was closed, with a large body of unknown length: refused before it is read, connection closed', async () => {
  const { workflowId, link } = await startWithLink();
  await stack.env.client.workflow
    .getHandle(workflowId)
    .executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'The complainant withdrew' }] });
  const r = await probe(link, multipartHeaders({ 'transfer-encoding': 'chunked' }), 'never');
  expect(r.status).toBe(409);
  expect(r.page).toContain('Your submission was not recorded');
  expect([r.sentBefore, r.closed]).toEqual([0, true]);
});

test('bodies streamed without a length are limited while they stream: refused as soon as a limit is passed, connection closed', async () => {
  const { workflowId, link } = await startWithLink();
  const before = filesOnDisk();
  // A file that never ends: refused once past 10 MiB, not after 300 MiB.
  const file = [
    partHead('Content-Disposition: form-data; name="action"'),
    Buffer.from('answer\r\n'),
    partHead(
      'Content-Disposition: form-data; name="attachments"; filename="big.pdf"\r\nContent-Type: application/pdf',
    ),
    Buffer.from('%PDF-1.4\n'),
    ...Array.from({ length: 300 }, () => Buffer.alloc(MiB, 0x20)),
  ];
  const big = await probe(link, multipartHeaders({ 'transfer-encoding': 'chunked' }), {
    chunks: file,
    everyMs: 5,
  });
  expect(big.status).toBe(400);
  expect(big.page).toContain('attachments: big.pdf is larger than 10 MiB');
  expect(big.sentBefore).toBeLessThan(40 * MiB);
  expect(big.closed).toBe(true);

  // A text field that never ends: refused once past 64 KiB.
  const text = [
    partHead('Content-Disposition: form-data; name="atrText"'),
    ...Array.from({ length: 300 }, () => Buffer.alloc(MiB, 0x61)),
  ];
  const long = await probe(link, multipartHeaders({ 'transfer-encoding': 'chunked' }), {
    chunks: text,
    everyMs: 5,
  });
  expect(long.status).toBe(413);
  expect(long.page).toContain('atrText: longer than 64 KiB');
  expect(long.sentBefore).toBeLessThan(40 * MiB);
  expect(long.closed).toBe(true);

  // Bytes after the end of the form: refused, not read on.
  const trailing = [
    partHead('Content-Disposition: form-data; name="action"'),
    Buffer.from(`answer\r\n--${boundary}--\r\n`),
    ...Array.from({ length: 300 }, () => Buffer.alloc(MiB, 0x62)),
  ];
  const after = await probe(link, multipartHeaders({ 'transfer-encoding': 'chunked' }), {
    chunks: trailing,
    everyMs: 5,
  });
  expect(after.status).toBe(400);
  expect(after.page).toContain('form: data after the end of the form');
  expect(after.sentBefore).toBeLessThan(40 * MiB);
  expect(after.closed).toBe(true);

  await expectNothingRecorded(workflowId);
  expect(filesOnDisk()).toEqual(before);
}, 120_000);
