// The complaint as the workflow holds it and as queries return it. Pure data: safe to import anywhere.

export type ComplaintStage = 'registered' | 'awaiting-answers' | 'closed';
export type StepStatus = 'open' | 'closed';

export interface RecordedAnswer {
  answerId: string;
  atrText: string;
  firNumber?: string;
  firDate?: string;
  /** When the workflow received it (ISO instant). */
  receivedAt: string;
}

export interface StepState {
  stepId: string;
  kind: 'notice';
  demands: string[];
  recipient: { name: string; designation: string; email: string };
  /** The date the notice was issued, YYYY-MM-DD in the commission's zone. */
  issuedOn: string;
  dueAt: string;
  dueText: string;
  status: StepStatus;
  overdue: boolean;
  noticeSentAt?: string;
  answer?: RecordedAnswer;
  closedAt?: string;
}

export interface RespondentState {
  respondentId: string;
  name: string;
  steps: StepState[];
}

export interface ComplaintState {
  workflowId: string;
  caseReference: string;
  subject: string;
  timeZone: string;
  stage: ComplaintStage;
  respondents: RespondentState[];
  closedAt?: string;
}

export function findStep(state: ComplaintState, respondentId: string, stepId: string): StepState | undefined {
  return state.respondents
    .find((r) => r.respondentId === respondentId)
    ?.steps.find((s) => s.stepId === stepId);
}

export function openSteps(state: ComplaintState): StepState[] {
  return state.respondents.flatMap((r) => r.steps.filter((s) => s.status === 'open'));
}
