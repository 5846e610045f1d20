// `complaint reproject`: rebuilds the records database from the complaints (lib/records/reprojection.ts), for
// the complaints named or every complaint Temporal still holds.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { reprojectComplaint, type Reprojection } from '../lib/records/reprojection';
import type { RecordsStore } from '../lib/records/store';
import { InputError } from '../lib/procedure/validation';
import { getComplaint } from '../workflows/messages';
import { complaintQuery, workflowIdOf } from './complaint-queries';

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
  const named = 'all' in target ? [] : target.caseReferences.map((ref) => [ref, workflowIdOf(ref)]);
  const ids = 'all' in target ? await everyComplaint(client) : named.map(([, id]) => id!);
  const refOf = new Map(named.map(([ref, id]) => [id!, ref!]));
  const report: ReprojectionReport = { complaints: 0, steps: 0, answers: 0, messages: 0 };
  for (const workflowId of ids) {
    let state;
    try {
      state = await client.workflow.getHandle(workflowId).query(getComplaint);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new InputError(`caseReference: no complaint ${refOf.get(workflowId) ?? workflowId}`, [
          'caseReference',
        ]);
      throw err;
    }
    const done = await reprojectComplaint(records, state, mailFrom);
    progress(workflowId, done);
    report.complaints++;
    report.steps += done.steps;
    report.answers += done.answers;
    report.messages += done.messages;
  }
  return report;
}
