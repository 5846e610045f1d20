// A running complaint's dates explain themselves where staff and officers read them: `complaint show --explain`
// (and --json), the staff page's disclosure under each date, the officer's page in one sentence. Against the
// whole system: the CLI as a subprocess, the worker, the web app, the dev server.
import { DateTime } from 'luxon';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const REFERENCE = 'EXPLAIN/2026/1';
const today = DateTime.fromISO(todayInCommissionZone(), { zone: 'Asia/Kolkata' });
const day = (n: number) => today.plus({ days: n });
const long = (d: DateTime) => d.setLocale('en-GB').toFormat('cccc d LLLL yyyy');

// Two working days, no weekend, and the commission's own holiday tomorrow: whatever today is, the notice is due
// the day after next but one, tomorrow passed over.
const procedure: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'explain-test',
  rules: { ...DEFAULT_PROCEDURE.rules, weekend: [], holidays: [day(1).toISODate()!] },
  steps: DEFAULT_PROCEDURE.steps.map((s) =>
    s.kind === 'notice' ? { ...s, answerWithin: { days: 2, kind: 'working' as const } } : s,
  ),
};
const dueAt = day(3).set({ hour: 17 }).toUTC().toISO({ suppressMilliseconds: true })!;

beforeAll(async () => {
  const started = await stack.cli([
    'start',
    stack.writeJson('explain.json', {
      ...seedCase(),
      caseReference: REFERENCE,
      receivedOn: today.toISODate(),
    }),
    '--procedure',
    stack.writeJson('explain-procedure.json', procedure),
  ]);
  expect(started).toMatchObject({ code: 0, stderr: '' });
});

test('complaint show --explain prints under the due date how it was computed; --json carries it', async () => {
  const shown = await stack.cli(['show', REFERENCE, '--explain']);
  expect(shown).toMatchObject({ code: 0, stderr: '' });
  const lines = shown.stdout.split('\n');
  const due = lines.findIndex((l) => l.startsWith('    due '));
  expect(lines.slice(due + 1, due + 4)).toEqual([
    `      counted from ${long(day(0))}`,
    `      2 working days later: ${long(day(3))}; passed over: ${long(day(1))} (holiday: the commission's own holiday)`,
    `      due at 17:00 Asia/Kolkata on ${long(day(3))}: ${dueAt}`,
  ]);
  // Without --explain, the timeline as before.
  expect((await stack.cli(['show', REFERENCE])).stdout).not.toContain('counted from');

  const json = JSON.parse((await stack.cli(['show', REFERENCE, '--json'])).stdout) as ComplaintState;
  expect(json.respondents[0]!.steps[0]!.derivation).toEqual([
    { step: 'counted-from', date: day(0).toISODate() },
    {
      step: 'counted',
      period: { days: 2, kind: 'working' },
      to: day(3).toISODate(),
      passedOver: [{ date: day(1).toISODate(), why: 'holiday' }],
    },
    { step: 'due', date: day(3).toISODate(), time: '17:00', instant: dueAt, clock: null },
  ]);
});

test("the staff page folds the derivation under the date; the officer's page says it in one sentence", async () => {
  const cookie = (await stack.signInStaff()).find((c) => c.startsWith('cd_staff='))!.split(';')[0]!;
  const staffPage = await (
    await fetch(`${stack.webUrl}/staff/complaints/${complaintWorkflowId(REFERENCE)}`, { headers: { cookie } })
  ).text();
  expect(staffPage).toContain('<details class="derivation"><summary>How this date was computed</summary>');
  // Escaped as the rest of the page.
  expect(staffPage).toContain(
    `<li>2 working days later: ${long(day(3))}; passed over: ${long(day(1))} (holiday: the commission&#39;s own holiday)</li>`,
  );
  expect(staffPage).toContain(`<li>due at 17:00 Asia/Kolkata on ${long(day(3))}: ${dueAt}</li>`);

  const [notice] = await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').includes(REFERENCE));
  const officerPage = await (await fetch(answerLinkIn(notice!))).text();
  expect(officerPage).toContain(
    `2 working days from ${day(0).setLocale('en-GB').toFormat('d LLLL yyyy')}; ` +
      `${day(1).setLocale('en-GB').toFormat('cccc d LLLL')} (the commission&#39;s own holiday) passed over; ` +
      `due ${long(day(3))} at 17:00 Asia/Kolkata.`,
  );
});
