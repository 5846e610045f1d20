// A history process dies (kill -9) on a Temporal cluster (two history processes, 16 shards) while complaints
// fall due and officers answer: its shards move to the other process, every lapsed complaint's overdue
// reminder still goes out exactly once, and every answer given meanwhile is recorded exactly once.
import '../helpers/use-cluster';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { startComplaint } from '../../client/complaints';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { benchCase, officerAddress, procedureDueAt } from '../../scripts/bench/bench-cases';
import { inPool } from '../../scripts/bench/measure';
import { recordsEventually } from '../helpers/fixtures';
import { expectEachOnce, sleepUntil } from '../helpers/lapse-burst';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

const LAPSING = 40;
const ANSWERING = 10;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 15 * 60_000); // the first cluster test on a fresh machine builds the Temporal server (minutes)
afterAll(() => stack?.stop());

const subjectStarts = (prefix: string) => (m: ParsedMail) => (m.subject ?? '').startsWith(prefix);
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

test(
  'kill -9 of a history process while complaints fall due and officers answer: each reminder once, each answer recorded once',
  async () => {
    const { env, sink, records, taskQueue, cluster } = stack;
    // Complaints that lapse in the same second, and complaints whose officers will answer during the fault.
    const dueAt = DateTime.utc().plus({ seconds: 30 }).startOf('second');
    await inPool(LAPSING, 10, (i) =>
      startComplaint(env.client, taskQueue, benchCase('lapse', i), procedureDueAt(dueAt)),
    );
    const answering = await Promise.all(
      Array.from({ length: ANSWERING }, (_, i) =>
        startComplaint(env.client, taskQueue, benchCase('answer', i), DEFAULT_PROCEDURE),
      ),
    );
    await sink.waitForMessages(LAPSING, subjectStarts('Notice BENCH/lapse/'), 25_000);
    const notices = await sink.waitForMessages(ANSWERING, subjectStarts('Notice BENCH/answer/'), 25_000);
    expect(Date.now()).toBeLessThan(dueAt.toMillis() - 3_000);

    // Just before the deadlines, one of the two history processes dies with the shards it owns.
    await sleepUntil(dueAt.toMillis() - 3_000);
    await cluster!.kill('history-1');
    expect(cluster!.processes.find((p) => p.name === 'history-1')!.child.signalCode).toBe('SIGKILL');

    // The officers answer now, while those shards have no owner.
    const posted = await Promise.all(
      notices.map((notice, i) =>
        fetch(
          answerLinkIn(notice),
          form({
            atrText: `Action taken on complaint ${i}`,
            firNumber: `FIR ${i}/2026`,
            firDate: DateTime.utc().toISODate(),
            action: 'answer',
          }),
        ),
      ),
    );
    // 303: recorded at once; 202: the complaint could not take it in time (its shard had no owner yet), so the
    // web app kept it in its inbox, to deliver it when it can.
    for (const response of posted) expect([202, 303]).toContain(response.status);

    // Every lapse is mailed once, late by the failover but never twice.
    const reminders = await sink.waitForMessages(
      LAPSING,
      subjectStarts('Overdue reminder BENCH/lapse/'),
      3 * 60_000,
    );
    expectEachOnce(reminders, LAPSING, (i) => officerAddress('lapse', i));

    // Every answer is recorded once (through the web app's inbox if the complaint could not take it at once).
    for (const { workflowId } of answering) {
      const rows = await recordsEventually(() => records.answersFor(workflowId), 1, 3 * 60_000);
      expect(rows).toHaveLength(1);
    }
    const receipts = await sink.waitForMessages(
      ANSWERING,
      subjectStarts('Answer received BENCH/answer/'),
      60_000,
    );
    expectEachOnce(receipts, ANSWERING, (i) => officerAddress('answer', i));

    // The process comes back and the ring rebalances the shards again: nothing is sent a second time.
    await cluster!.restart('history-1');
    await new Promise((r) => setTimeout(r, 15_000));
    expectEachOnce(sink.messages.filter(subjectStarts('Overdue reminder BENCH/lapse/')), LAPSING, (i) =>
      officerAddress('lapse', i),
    );
    for (const { workflowId } of answering) expect(await records.answersFor(workflowId)).toHaveLength(1);
  },
  10 * 60_000,
);
