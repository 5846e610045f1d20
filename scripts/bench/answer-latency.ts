// Section 2, answer latency: an officer's POST of the answer form to the web app (one Update, the link checked in its
// validator), answered by the redirect to the confirmation page; beside it, a raw no-op Update round trip on a
// trivial workflow. Each sample is a fresh complaint (or trivial workflow), at concurrency 1 and 20.
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { recipientHash } from '../../lib/domain/recipient-hash';
import { submitAnswer } from '../../workflows/messages';
import { benchCase, officerAddress, procedureDueAt, RESPONDENT_ID } from './bench-cases';
import type { BenchStack } from './bench-stack';
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
    await startComplaint(stack.client, stack.complaintTaskQueue, benchCase(tag, i), procedure);
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
  // Untimed: each confirmation page shows the answer as recorded. A page the web app could not fill in at once
  // (the complaint did not answer its query in time: an overloaded server) is read again, and counted.
  let reread = 0;
  await inPool(links.length, concurrency, async (i) => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(links[i]!);
      const page = await res.text();
      if (page.includes('Your answer was recorded')) return;
      if (attempt === 5) {
        const said = page
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300);
        throw new Error(`no recorded answer on ${links[i]} (${res.status}: ${said})`);
      }
      reread++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  });
  if (reread)
    console.log(`  ${reread} confirmation page(s) read again: the web app could not fill them in at once`);
  return times;
}

/** Trivial workflows waiting for their one Update. */
export async function startPingWorkflows(stack: BenchStack, tag: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `ping-${tag}-${i}`);
  await inPool(count, 20, async (i) => {
    await stack.baselineClient.workflow.start<typeof pingWorkflow>('pingWorkflow', {
      taskQueue: stack.baselineTaskQueue,
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
 * Where an answer's time goes, at concurrency 1, on complaints of their own: the submitAnswer Update alone, as
 * the web app sends it (the link's recipient checked in its validator), complete once the answer is in the
 * complaint's state; timed from a client.
 */
export async function timeAnswerUpdates(stack: BenchStack, tag: string, count: number): Promise<number[]> {
  await openComplaintsForAnswers(stack, tag, count);
  const update: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = benchCase(tag, i);
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(c.caseReference));
    const start = performance.now();
    await handle.executeUpdate(submitAnswer, {
      args: [
        {
          respondentId: RESPONDENT_ID,
          stepId: 'notice',
          atrText: 'FIR registered; report enclosed.',
          recipientHash: recipientHash(officerAddress(tag, i)),
        },
      ],
    });
    update.push(performance.now() - start);
  }
  return update;
}

/**
 * A flood through one officer's link: `count` requests for more time, 20 at a time, each with its own reason
 * (the complaint takes the first and refuses the rest while it waits for staff). Resolves with the complaint's
 * history afterwards: its events and bytes.
 */
export async function floodOneLink(
  stack: BenchStack,
  tag: string,
  count: number,
): Promise<{ events: number; bytes: number; accepted: number }> {
  const [link] = await openComplaintsForAnswers(stack, tag, 1);
  let accepted = 0;
  await inPool(count, 20, async (i) => {
    const body = new URLSearchParams({
      action: 'request-extension',
      reason: `Request ${i}: ${'the district office needs the case diary from the court. '.repeat(30)}`,
    });
    const res = await fetch(link!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (res.status === 303) accepted++;
    // 409: refused (one request waits already); 202: kept in the inbox when the server aborted the Update under
    // the flood, to be delivered (and refused) once the complaint takes it; 503: the complaint could not even be
    // asked within seconds, under the flood (try again later). Anything else is a failure.
    else if (![409, 202, 503].includes(res.status)) throw new Error(`a flood request got ${res.status}`);
  });
  const described = await stack.client.workflow
    .getHandle(complaintWorkflowId(benchCase(tag, 0).caseReference))
    .describe();
  return { events: described.historyLength, bytes: described.historySize ?? 0, accepted };
}
