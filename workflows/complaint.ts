// The complaint procedure as a durable workflow: one notice per respondent, a deadline computed in the
// commission's zone, and the officer's answer (an Update from the web app) closing each step.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { answerProblem, type AnswerSubmission } from '../lib/answer';
import type { CaseFile, Respondent } from '../lib/case-file';
import type { Procedure } from '../lib/procedure';
import { ComplaintStage, NextDeadline, OpenSteps, Overdue } from '../lib/search-attributes';
import { findStep, openSteps, type ComplaintState, type StepState } from './complaint-state';
import { getComplaint, submitAnswer, type AnswerReceipt } from './messages';

type Activities = ReturnType<typeof createActivities>;

// Activities retry with backoff and no attempt limit: an SMTP server or database that is down for a while
// delays a notice or a record, it never loses it.
const { registerComplaint, sendNotice, recordAnswer } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const { computeAnswerDeadline } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
});

export interface ComplaintInput {
  caseFile: CaseFile;
  /** Frozen at start: editing the procedure later never changes this complaint. */
  procedure: Procedure;
}

export interface ComplaintOutcome {
  caseReference: string;
  stage: 'closed';
  closedAt: string;
}

const nowIso = () => new Date(Date.now()).toISOString();

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintOutcome> {
  const { caseFile, procedure } = input;
  const { workflowId } = workflowInfo();
  const state: ComplaintState = {
    workflowId,
    caseReference: caseFile.caseReference,
    subject: caseFile.subject,
    timeZone: procedure.rules.timeZone,
    stage: 'registered',
    respondents: caseFile.respondents.map((r) => ({ respondentId: r.id, name: r.name, steps: [] })),
  };
  const answering = new Set<StepState>();

  const publish = () => {
    const open = openSteps(state);
    const now = Date.now();
    const next = open.map((s) => Date.parse(s.dueAt)).sort((a, b) => a - b)[0];
    upsertSearchAttributes([
      { key: ComplaintStage, value: state.stage },
      { key: OpenSteps, value: open.length },
      { key: Overdue, value: open.some((s) => Date.parse(s.dueAt) <= now) },
      { key: NextDeadline, value: next === undefined ? null : new Date(next) },
    ]);
  };

  setHandler(getComplaint, () => state);

  setHandler(
    submitAnswer,
    async (answer: AnswerSubmission): Promise<AnswerReceipt> => {
      const step = findStep(state, answer.respondentId, answer.stepId)!;
      answering.add(step);
      const receivedAt = nowIso();
      const answerId = `${workflowId}/${answer.respondentId}/${answer.stepId}`;
      try {
        await recordAnswer({ answerId, workflowId, receivedAt, ...answer });
      } finally {
        answering.delete(step);
      }
      step.answer = {
        answerId,
        atrText: answer.atrText,
        firNumber: answer.firNumber,
        firDate: answer.firDate,
        receivedAt,
      };
      step.status = 'closed';
      step.closedAt = receivedAt;
      publish();
      return { answerId, stepId: step.stepId, receivedAt };
    },
    {
      // Runs before anything is written to history: a rejected answer leaves no trace but the rejection.
      validator: (answer: AnswerSubmission) => {
        const problem = answerProblem(answer);
        if (problem) throw new Error(problem);
        const step = findStep(state, answer.respondentId, answer.stepId);
        if (!step) throw new Error(`stepId: no step ${answer.stepId} for respondent ${answer.respondentId}`);
        if (step.status !== 'open' || answering.has(step))
          throw new Error(`stepId: step ${answer.stepId} is already answered`);
      },
    },
  );

  await registerComplaint({ workflowId, caseFile, procedureId: procedure.id });
  state.stage = 'awaiting-answers';

  await Promise.all(caseFile.respondents.map((respondent) => respondentTrack(respondent)));

  state.stage = 'closed';
  state.closedAt = nowIso();
  publish();
  // Let an Update that is still replying finish before the workflow completes.
  await condition(allHandlersFinished);
  return { caseReference: caseFile.caseReference, stage: 'closed', closedAt: state.closedAt };

  async function respondentTrack(respondent: Respondent): Promise<void> {
    const deadline = await computeAnswerDeadline({
      receivedOn: caseFile.receivedOn,
      now: nowIso(),
      period: procedure.notice.answerWithin,
      rules: procedure.rules,
    });
    const step: StepState = {
      stepId: 'notice-1',
      kind: 'notice',
      demands: respondent.demands,
      recipient: { ...respondent.officer },
      issuedOn: deadline.issuedOn,
      dueAt: deadline.dueAt,
      dueText: deadline.dueText,
      status: 'open',
      overdue: false,
    };
    state.respondents.find((r) => r.respondentId === respondent.id)!.steps.push(step);
    publish();

    const sent = await sendNotice({
      workflowId,
      respondentId: respondent.id,
      stepId: step.stepId,
      kind: 'notice',
      deadlineVersion: 1,
      caseReference: caseFile.caseReference,
      subject: caseFile.subject,
      commissionName: caseFile.commission.name,
      respondentName: respondent.name,
      recipient: step.recipient,
      demands: step.demands,
      dueAt: step.dueAt,
      timeZone: procedure.rules.timeZone,
    });
    step.noticeSentAt = sent.sentAt;

    const answered = () => step.status === 'closed';
    const untilDue = Date.parse(step.dueAt) - Date.now();
    if (untilDue <= 0 || !(await condition(answered, untilDue))) {
      step.overdue = true;
      publish();
      await condition(answered);
    }
  }
}
