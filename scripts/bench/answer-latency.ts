// Section 2, answer latency: an officer's POST of the answer form to the web app (link check, Update, answer
// recorded), answered by the redirect to the confirmation page; beside it, a raw no-op Update round trip on a
// trivial workflow. Each sample is a fresh complaint (or trivial workflow), at concurrency 1 and 20.
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { complaintWorkflowId } from '../../lib/workflow-ids';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { benchCase, officerAddress, procedureDueAt, RESPONDENT_ID } from './bench-cases';
import { COMPLAINT_TASK_QUEUE, type BenchStack } from './bench-stack';
import { BASELINE_TASK_QUEUE } from './baseline-worker';
import { ping, type pingWorkflow } from './baseline-workflows';
import { inPool } from './measure';
import { answerLinkIn } from './mail-sink';

/** Complaints whose notices have arrived: their officers' links, ready to be answered. */
export async function openComplaintsForAnswers(
  stack: BenchStack,
  tag: string,
  count: number,
): Promise<string[]> {
  const procedure = procedureDueAt(
    DateTime.utc()
      .plus({ seconds: 600 + count })
      .startOf('second'),
  );
  stack.sink.keepUnclaimed = true;
  const links: string[] = [];
  await inPool(count, 20, async (i) => {
    await startComplaint(stack.client, COMPLAINT_TASK_QUEUE, benchCase(tag, i), procedure);
    links[i] = answerLinkIn(await stack.sink.next(officerAddress(tag, i)));
  });
  return links;
}

/** Milliseconds of each officer's POST until the web app redirects to the confirmation page. */
export async function timeOfficerAnswers(links: string[], concurrency: number): Promise<number[]> {
  const times: number[] = [];
  await inPool(links.length, concurrency, async (i) => {
    const link = links[i]!;
    const body = new URLSearchParams({ action: 'answer', atrText: 'FIR registered; report enclosed.' });
    const start = performance.now();
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    times.push(performance.now() - start);
    if (res.status !== 303) throw new Error(`the answer to ${link} got ${res.status}`);
  });
  // Untimed: each confirmation page shows the answer as recorded.
  await inPool(links.length, concurrency, async (i) => {
    const page = await (await fetch(links[i]!)).text();
    if (!page.includes('Your answer was recorded')) throw new Error(`no recorded answer on ${links[i]}`);
  });
  return times;
}

/** Trivial workflows waiting for their one Update. */
export async function startPingWorkflows(stack: BenchStack, tag: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `ping-${tag}-${i}`);
  await inPool(count, 20, async (i) => {
    await stack.baselineClient.workflow.start<typeof pingWorkflow>('pingWorkflow', {
      taskQueue: BASELINE_TASK_QUEUE,
      workflowId: ids[i]!,
    });
  });
  return ids;
}

/** Milliseconds of each raw no-op Update round trip. */
export async function timeRawUpdates(
  stack: BenchStack,
  ids: string[],
  concurrency: number,
): Promise<number[]> {
  const times: number[] = [];
  await inPool(ids.length, concurrency, async (i) => {
    const handle = stack.baselineClient.workflow.getHandle(ids[i]!);
    const start = performance.now();
    await handle.executeUpdate(ping);
    times.push(performance.now() - start);
  });
  return times;
}

/**
 * Where an answer's time goes, at concurrency 1, on complaints of their own: the link check's query of the
 * complaint, then the submitAnswer Update alone (recorded by its activity), each timed from the client.
 */
export async function timeAnswerParts(
  stack: BenchStack,
  tag: string,
  count: number,
): Promise<{ query: number[]; update: number[] }> {
  await openComplaintsForAnswers(stack, tag, count);
  const query: number[] = [];
  const update: number[] = [];
  for (let i = 0; i < count; i++) {
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(benchCase(tag, i).caseReference));
    let start = performance.now();
    await handle.query(getComplaint);
    query.push(performance.now() - start);
    start = performance.now();
    await handle.executeUpdate(submitAnswer, {
      args: [{ respondentId: RESPONDENT_ID, stepId: 'notice', atrText: 'FIR registered; report enclosed.' }],
    });
    update.push(performance.now() - start);
  }
  return { query, update };
}
