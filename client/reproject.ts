// `complaint reproject`: rebuilds the records database from the complaints (lib/records/reprojection.ts), for
// the complaints named or every complaint Temporal still holds.
import type { Client } from '@temporalio/client';
import { reprojectComplaint, type Reprojection } from '../lib/records/reprojection';
import type { RecordsStore } from '../lib/records/store';
import type { ComplaintState } from '../workflows/complaint-state';
import { getComplaint } from '../workflows/messages';
import { complaintQuery } from './complaint-queries';
import { findComplaint } from './staff-actions';

export interface ReprojectionReport extends Reprojection {
  complaints: number;
}

/** The workflow IDs of every complaint Temporal holds (a complaint that continued as new is listed once). */
async function everyComplaint(client: Client): Promise<string[]> {
  const ids = new Set<string>();
  for await (const info of client.workflow.list({ query: complaintQuery({}) })) ids.add(info.workflowId);
  return [...ids];
}

export async function reproject(
  client: Client,
  records: RecordsStore,
  mailFrom: string,
  target: { caseReferences: string[] } | { all: true },
  progress: (workflowId: string, r: Reprojection) => void = () => {},
): Promise<ReprojectionReport> {
  // Named complaints are found as staff commands find them (old IDs too, each checked to hold its reference).
  // One at a time: a load is started only when the one before is rebuilt.
  const loads: (() => Promise<ComplaintState>)[] =
    'all' in target
      ? (await everyComplaint(client)).map((id) => () => client.workflow.getHandle(id).query(getComplaint))
      : target.caseReferences.map((ref) => async () => (await findComplaint(client, ref)).state);
  const report: ReprojectionReport = { complaints: 0, steps: 0, answers: 0, messages: 0 };
  for (const load of loads) {
    const state = await load();
    const workflowId = state.workflowId;
    const done = await reprojectComplaint(records, state, mailFrom);
    progress(workflowId, done);
    report.complaints++;
    report.steps += done.steps;
    report.answers += done.answers;
    report.messages += done.messages;
  }
  return report;
}
