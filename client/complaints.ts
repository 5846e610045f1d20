// Starting a complaint: shared by the staff CLI and the web app.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { CaseFile } from '../lib/procedure/case-file';
import { withResolvedHolidays } from '../lib/procedure/holiday-calendar';
import type { Procedure } from '../lib/procedure/procedure';
import { COMPLAINT_WORKFLOW, type ComplaintWorkflow } from '../lib/domain/complaint-start';
import { ComplaintStage, OpenSteps, Overdue, Respondents } from '../lib/domain/search-attributes';
import { InputError } from '../lib/procedure/validation';
import { complaintWorkflowId } from '../lib/temporal/workflow-ids';

export interface StartedComplaint {
  caseReference: string;
  workflowId: string;
  runId: string;
}

export async function startComplaint(
  client: Client,
  taskQueue: string,
  caseFile: CaseFile,
  procedure: Procedure,
): Promise<StartedComplaint> {
  const workflowId = complaintWorkflowId(caseFile.caseReference);
  // The holiday calendar becomes dates now, in the workflow's input: a library update never moves its deadlines.
  const frozen = withResolvedHolidays(procedure, new Date());
  try {
    const handle = await client.workflow.start<ComplaintWorkflow>(COMPLAINT_WORKFLOW, {
      taskQueue,
      workflowId,
      args: [{ caseFile, procedure: frozen }],
      // A case reference names one complaint for good: starting it again is a mistake, even once it closed.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: ComplaintStage, value: 'registered' },
        { key: OpenSteps, value: 0 },
        { key: Overdue, value: false },
        { key: Respondents, value: caseFile.respondents.map((r) => r.id) },
      ],
      // Read by lists to show each complaint's times in its commission's zone (memos are encoded like payloads).
      memo: { caseReference: caseFile.caseReference, timeZone: procedure.rules.timeZone },
      // What admins read in the Temporal UI: references and IDs, no names or case details (not encrypted).
      staticSummary: `Complaint ${caseFile.caseReference} (${caseFile.respondents.length} respondent(s), procedure ${procedure.id})`,
      staticDetails: [
        `**Case** ${caseFile.caseReference}, received ${caseFile.receivedOn}`,
        `**Categories** ${caseFile.categories.join(', ')}`,
        `**Respondents** ${caseFile.respondents.map((r) => r.id).join(', ')}`,
        `**Procedure** ${procedure.id} (${procedure.rules.timeZone})`,
      ].join('\n\n'),
    });
    return { caseReference: caseFile.caseReference, workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new InputError(`caseReference: a complaint ${caseFile.caseReference} has already been started`, [
        'caseReference',
      ]);
    }
    throw err;
  }
}
