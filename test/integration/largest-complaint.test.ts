// The largest complaint the schema accepts, in English and in Hindi, started beside the seed case on the real dev
// server: the seed case's notice arrives and its answer is recorded while the large complaints' 100 letters
// render (off the worker's event loop), all 100 notices arrive, staff extend a deadline and an officer asks for
// more time on a large one, no workflow task takes more than a few seconds, and no event of any history comes
// near Temporal's 512 KiB (the case files travel by reference).
import type { ParsedMail } from 'mailparser';
import { temporal } from '@temporalio/proto';
import { getComplaint } from '../../workflows/messages';
import { SEED_CASE_PATH, seedCase } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';
import { largestCaseFile } from '../../scripts/largest-case-file';
import { PAYLOAD_LIMIT_BYTES } from '../../lib/domain/payload-limits';

jest.setTimeout(600_000);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

const LARGE = { en: 'NCPCR/2026/12/9001', hi: 'NCPCR/2026/12/9002' } as const;
const about = (reference: string) => (m: ParsedMail) => m.subject?.includes(reference) ?? false;

/** How long each workflow task of a complaint took, from its history (started to completed), in ms. */
async function workflowTaskDurations(workflowId: string): Promise<number[]> {
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const started = new Map<string, number>();
  const durations: number[] = [];
  const ms = (t: temporal.api.history.v1.IHistoryEvent['eventTime']) =>
    Number(t!.seconds) * 1000 + Math.floor((t!.nanos ?? 0) / 1e6);
  for (const event of history.events ?? []) {
    if (event.workflowTaskStartedEventAttributes) started.set(String(event.eventId), ms(event.eventTime));
    const done = event.workflowTaskCompletedEventAttributes ?? event.workflowTaskFailedEventAttributes;
    const at = done ? started.get(String(done.startedEventId)) : undefined;
    if (at !== undefined) durations.push(ms(event.eventTime) - at);
  }
  return durations;
}

/** The largest event of a complaint's history, encoded as Temporal keeps it. */
async function largestEventBytes(workflowId: string): Promise<number> {
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  return Math.max(
    ...(history.events ?? []).map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length),
  );
}

test('the largest valid complaints, in English and Hindi, beside the seed case: every notice arrives, the seed case goes on, staff and officers act', async () => {
  const seed = seedCase();
  const files = {
    en: stack.writeJson('largest-en.json', largestCaseFile(LARGE.en, 'en')),
    hi: stack.writeJson('largest-hi.json', largestCaseFile(LARGE.hi, 'hi')),
  };
  const started = await Promise.all(
    [files.en, files.hi, SEED_CASE_PATH].map((path) => stack.cli(['start', path, '--json'])),
  );
  for (const result of started) expect(result).toMatchObject({ code: 0, stderr: '' });
  const [enId, hiId, seedId] = started.map(
    (r) => (JSON.parse(r.stdout) as { workflowId: string }).workflowId,
  );

  // The seed case is served while the large complaints' letters render: its notice arrives, its answer is taken.
  const [notice] = await stack.sink.waitForMessages(1, about(seed.caseReference), 120_000);
  const link = answerLinkIn(notice!);
  const answered = await fetch(link, form({ atrText: 'An FIR was registered.', action: 'answer' }));
  expect(answered.status).toBe(303);
  expect(await (await fetch(link)).text()).toContain('Your answer was recorded on');
  const largeNoticesWhenSeedAnswered = stack.sink.messages.filter(
    (m) => about(LARGE.en)(m) || about(LARGE.hi)(m),
  ).length;

  // Every one of the 100 notices arrives, each carrying its respondent's demands whole.
  const en = await stack.sink.waitForMessages(50, about(LARGE.en), 480_000);
  const hi = await stack.sink.waitForMessages(50, about(LARGE.hi), 480_000);
  const caseFiles = { en: largestCaseFile(LARGE.en, 'en'), hi: largestCaseFile(LARGE.hi, 'hi') };
  for (const [language, notices] of [
    ['en', en],
    ['hi', hi],
  ] as const) {
    expect(new Set(notices.map((m) => m.to && 'value' in m.to && m.to.value[0]?.address)).size).toBe(50);
    const last = notices.find((m) => JSON.stringify(m.to).includes('officer50@'))!;
    expect(last.text?.replace(/\s+/g, '')).toContain(caseFiles[language].respondents[49]!.demands[19]);
    expect(last.attachments.map((a) => a.contentType)).toContain('application/pdf');
  }
  console.log(
    `largest complaints: ${largeNoticesWhenSeedAnswered} of their 100 notices had arrived when the seed case's answer was recorded`,
  );

  // Staff extend a deadline of the large complaint; its officer asks for more time by the link.
  const extended = await stack.cli([
    'extend',
    LARGE.en,
    '-r',
    'respondent-01',
    '-s',
    'notice',
    '--until',
    '2030-01-31',
    '--reason',
    'The respondent asked in writing',
  ]);
  expect(extended).toMatchObject({ code: 0, stderr: '' });
  const officerLink = answerLinkIn(hi.find((m) => JSON.stringify(m.to).includes('officer2@'))!);
  const asked = await fetch(
    officerLink,
    form({ reason: 'Awaiting the platform data', requestedDate: '2030-02-15', action: 'request-extension' }),
  );
  expect(asked.status).toBe(303);
  const enState = await stack.env.client.workflow.getHandle(enId!).query(getComplaint);
  expect(enState.respondents[0]!.steps[0]!.dueDate).toBe('2030-01-31');
  const hiState = await stack.env.client.workflow.getHandle(hiId!).query(getComplaint);
  expect(hiState.respondents[1]!.steps[0]!.extensionRequests).toEqual([
    expect.objectContaining({ reason: 'Awaiting the platform data', requestedDate: '2030-02-15' }),
  ]);
  const seedState = await stack.env.client.workflow.getHandle(seedId!).query(getComplaint);
  expect(seedState.respondents[0]!.steps[0]!.status).toBe('answered');

  // No workflow task of any of the three took more than a few seconds; no event came near 512 KiB.
  for (const id of [enId!, hiId!, seedId!]) {
    const durations = await workflowTaskDurations(id);
    expect(durations.length).toBeGreaterThan(0);
    expect(Math.max(...durations)).toBeLessThan(5_000);
    expect(await largestEventBytes(id)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  }
});
