// `complaint reproject`: rebuilds the records database from the complaints (lib/records/reprojection.ts), for
// the complaints named or every complaint Temporal still holds.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { reprojectComplaint, type Reprojection } from '../lib/records/reprojection';
import type { RecordsStore } from '../lib/records/store';
import type { ComplaintState } from '../lib/domain/complaint-state';
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

/** A complaint's state and identity (its first run's ID: the server reports it of its current run's life). */
async function loadComplaint(
  handle: WorkflowHandle,
  known?: ComplaintState,
): Promise<{ state: ComplaintState; firstRunId: string }> {
  const [state, description] = await Promise.all([known ?? handle.query(getComplaint), handle.describe()]);
  // A reopened complaint's current run began a later life: its identity is its first life's first run.
  const firstRunId = state.lives?.[0]?.runId ?? description.raw.workflowExecutionInfo?.firstRunId;
  if (!firstRunId)
    throw new Error(
      `${handle.workflowId}: the Temporal server does not report the complaint's first run ID (its identity in the records)`,
    );
  return { state, firstRunId };
}

export async function reproject(
  client: Client,
  records: RecordsStore,
  mailFrom: string,
  target: { caseReferences: string[] } | { all: true },
  progress: (workflowId: string, r: Reprojection) => void = () => {},
): Promise<ReprojectionReport> {
  // Named complaints are found as staff commands find them (each checked to hold its reference).
  // One at a time: a load is started only when the one before is rebuilt.
  const loads: (() => Promise<{ state: ComplaintState; firstRunId: string }>)[] =
    'all' in target
      ? (await everyComplaint(client)).map((id) => () => loadComplaint(client.workflow.getHandle(id)))
      : target.caseReferences.map((ref) => async () => {
          const { handle, state } = await findComplaint(client, ref);
          return loadComplaint(handle, state);
        });
  const report: ReprojectionReport = { complaints: 0, steps: 0, answers: 0, messages: 0 };
  for (const load of loads) {
    const { state, firstRunId } = await load();
    const workflowId = state.workflowId;
    const done = await reprojectComplaint(records, state, firstRunId, mailFrom);
    progress(workflowId, done);
    report.complaints++;
    report.steps += done.steps;
    report.answers += done.answers;
    report.messages += done.messages;
  }
  return report;
}
