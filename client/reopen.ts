// Reopening a closed complaint (or an appeal), as the CLI and the dashboard ask it. A closed workflow takes no
// Update, and keeping every closed complaint's workflow running through its window would change what "closed"
// means to every client; so a reopening starts a NEW run under the SAME workflow ID (links and lists name the
// complaint, not the run), carrying the complaint's identity in the records, its lives and its closed state, as
// continue-as-new carries a state. Everything is checked before anything starts; a refusal names its field.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  COMPLAINT_WORKFLOW,
  type ComplaintWorkflow,
  type ReopenedComplaint,
} from '../lib/domain/complaint-start';
import type { ComplaintState } from '../lib/domain/complaint-state';
import { Refusal } from '../lib/domain/refusals';
import {
  closedLives,
  reopeningOf,
  reopeningProblem,
  reopenRequestProblem,
  type ReopenRequest,
} from '../lib/domain/reopening';
import { ComplaintStage, OpenSteps, Overdue, Respondents } from '../lib/domain/search-attributes';
import { reopeningWindowProblem } from '../lib/procedure/reopening-window';
import { InputError } from '../lib/procedure/validation';
import { getComplaint, getOrigin } from '../workflows/messages';
import { workflowIdOf } from './complaint-queries';
import { RefusedAction } from './staff-actions';

export interface ReopenedRun {
  caseReference: string;
  workflowId: string;
  runId: string;
  /** The life it begins (2 for the first reopening). */
  life: number;
  kind: 'reopening' | 'appeal';
}

const refused = (problem: string) => new InputError(problem, [problem.split(':')[0]!]);

/**
 * Reopens the closed complaint of `caseReference`: checks the request, that the complaint is closed (by the
 * commission: completed), within the procedure's window and that the step exists; then starts its next life.
 * Two reopenings at once start one: the second finds it running (refused, naming caseReference).
 */
export async function reopenComplaint(
  client: Client,
  taskQueue: string,
  caseReference: string,
  request: ReopenRequest,
  now: () => Date = () => new Date(),
): Promise<ReopenedRun> {
  const workflowId = workflowIdOf(caseReference);
  const own = reopenRequestProblem(request);
  if (own) throw refused(own);
  const described = await client.workflow
    .getHandle(workflowId)
    .describe()
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    });
  if (!described) throw refused(`caseReference: no complaint ${caseReference}`);
  if (described.status.name === 'RUNNING' || described.status.name === 'CONTINUED_AS_NEW')
    throw new RefusedAction(
      `caseReference: complaint ${caseReference} is not closed: it is still running`,
      Refusal.invalidArgument,
    );
  if (described.status.name !== 'COMPLETED')
    throw refused(
      `caseReference: complaint ${caseReference} did not close by the commission's decision (its workflow ${described.status.name.toLowerCase()}): it cannot be reopened`,
    );
  // The closed run answers queries while a worker runs: its state, and how it was started.
  const closedRun = client.workflow.getHandle(workflowId, described.runId);
  const [state, origin] = await Promise.all([closedRun.query(getComplaint), closedRun.query(getOrigin)]);
  if (state.caseReference !== caseReference) throw refused(`caseReference: no complaint ${caseReference}`);
  const { procedure } = origin;
  const problem =
    reopeningProblem(state, procedure, request) ??
    reopeningWindowProblem(procedure, state.closure!.at, request.appeal === true, now().toISOString());
  if (problem) throw refused(problem);

  const lives = closedLives(
    state,
    { runId: origin.firstRunId, startedAt: origin.startedAt },
    described.runId,
  );
  const reopened: ReopenedComplaint = {
    firstRunId: origin.firstRunId,
    lives,
    reopening: reopeningOf(procedure, request, now().toISOString()),
    state,
    journalSeq: origin.journalSeq,
  };
  const life = lives.length + 1;
  try {
    const handle = await client.workflow.start<ComplaintWorkflow>(COMPLAINT_WORKFLOW, {
      taskQueue,
      workflowId,
      args: [{ caseFile: origin.caseFile, procedure, reopened }],
      // A new run of a closed complaint: allowed once it closed, refused while one runs (a second reopening).
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: ComplaintStage, value: 'registered' },
        { key: OpenSteps, value: 0 },
        { key: Overdue, value: false },
        { key: Respondents, value: origin.caseFile.respondents.map((r) => r.id) },
      ],
      memo: { caseReference, timeZone: procedure.rules.timeZone },
      staticSummary: `Complaint ${caseReference} ${request.appeal ? 'on appeal' : 'reopened'} (life ${life}, procedure ${procedure.id})`,
      staticDetails: [
        `**Case** ${caseReference}, ${request.appeal ? 'appeal' : 'reopening'}: life ${life}`,
        `**Respondents** ${origin.caseFile.respondents.map((r) => r.id).join(', ')}`,
        `**Procedure** ${procedure.id} (${procedure.rules.timeZone})`,
        `**Earlier lives** ${lives.map((l) => `${l.life}: run ${l.lastRunId ?? l.runId}`).join('; ')}`,
      ].join('\n\n'),
    });
    return {
      caseReference,
      workflowId,
      runId: handle.firstExecutionRunId,
      life,
      kind: reopened.reopening.kind,
    };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new RefusedAction(
        `caseReference: complaint ${caseReference} is not closed: it was reopened meanwhile`,
        Refusal.invalidArgument,
      );
    throw err;
  }
}

/** The complaint as it stood in one life: that life's steps only, and how it ended (the lives, for the record). */
export function lifeOf(state: ComplaintState, life: number): ComplaintState | null {
  const lives = state.lives ?? [];
  const count = Math.max(1, lives.length);
  if (!Number.isInteger(life) || life < 1 || life > count) return null;
  // An earlier life ended with its own closure; the current one with the complaint's, if it has closed.
  const closure = lives[life - 1]?.closure ?? (life === count ? state.closure : undefined);
  const { closure: _now, ...rest } = state;
  return {
    ...rest,
    ...(closure ? { closure } : {}),
    respondents: state.respondents.map((r) => ({
      ...r,
      steps: r.steps.filter((s) => (s.life ?? 1) === life),
      messages: r.messages.filter((m) =>
        r.steps.some((s) => s.stepId === m.stepId && (s.life ?? 1) === life),
      ),
    })),
  };
}
