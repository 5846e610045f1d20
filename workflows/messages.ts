// The complaint workflow's messages, declared beside it and imported by clients (CLI, web app, tests).
// Every action is an Update with a validator: a bad one is rejected before anything is written to history, with an
// ApplicationFailure whose type names the reason (lib/domain/refusals.ts) and a message naming the field. Changes
// take their turn one at a time and are checked again then: one refused at its turn is in history, accepted and
// failed, with the same typed refusal.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AnswerSubmission,
  ExtensionRequestSubmission,
  SummonsAcknowledgement,
} from '../lib/domain/answer';
import type {
  AnswerReview,
  ComplaintClosure,
  DeadlineExtension,
  HearingOutcomeRecord,
  HearingReschedule,
  RecipientCorrection,
} from '../lib/domain/staff-actions';
import type {
  ClockRestartOrder,
  ClockStopDecision,
  ClockStopOrder,
  ClockStopRequestSubmission,
} from '../lib/domain/clock-stops';
import type { Closure, ComplaintState, StepStatus } from '../lib/domain/complaint-state';
import type { InterimReplyDecision, InterimReplySubmission } from '../lib/domain/interim-replies';
import type { HolidayChange, HolidayReceipt } from '../lib/domain/holidays';
import type { DispensationOrder } from '../lib/domain/dispensation';
import type { RecommendationsRecord, RecommendationWaiver } from '../lib/domain/recommendations';
import type { ComplaintOrigin } from '../lib/domain/complaint-start';
import type { RespondentAddition } from '../lib/domain/added-respondents';
import type { TransferAcknowledgement, TransferOrder, TransferReceipt } from '../lib/domain/transfers';
import type { JointInquiryEnding, JointInquiryOpening } from '../lib/domain/joint-inquiries';

export interface AnswerReceipt {
  answerId: string;
  stepId: string;
  receivedAt: string;
}

/**
 * What an action on a step changed, and no more: Temporal keeps every Update's result in the complaint's
 * history, so a result that carried the whole state would grow it with every action (clients query for state).
 */
export interface StepReceipt {
  respondentId: string;
  stepId: string;
  status: StepStatus;
  version: number;
  /** The step's deadline (or hearing) after the action. */
  dueAt: string;
  /** The step the action opened, if any (a returned answer's follow-up, a fresh demand). */
  opened?: { stepId: string; dueAt: string };
}

/** An interim reply taken: its ID (its files are kept by it) and the step's deadline after it. */
export interface InterimReplyReceipt extends StepReceipt {
  interimId: string;
}

/** A joint inquiry opened or ended: with whom, and how many are open after it. */
export interface JointInquiryReceipt {
  commissionEmail: string;
  open: number;
}

export interface ClosureReceipt {
  caseReference: string;
  closure: Closure;
}

/** Recommendations recorded: each one's ID and the compliance step that demands its proof. */
export interface RecommendationsReceipt {
  respondentId: string;
  recorded: { recommendationId: string; stepId: string; dueAt: string }[];
}

/** The complaint's whole state: stage, every step with its deadline and status, messages, answers, hearings. */
export const getComplaint = defineQuery<ComplaintState>('getComplaint');
/** How the complaint was started, its identity and its life's start: what staff reopen it with (client/reopen.ts). */
export const getOrigin = defineQuery<ComplaintOrigin>('getOrigin');
/** The generation of the workflow code the complaint runs (workflows/generation.ts; docs/versioning.md). */
export const getGeneration = defineQuery<string>('getGeneration');

// Officers, from the web app (the Update ID derives from the officer's link, so a retry is recorded once).
export const submitAnswer = defineUpdate<AnswerReceipt, [AnswerSubmission]>('submitAnswer');
export const requestExtension = defineUpdate<StepReceipt, [ExtensionRequestSubmission]>('requestExtension');
export const acknowledgeSummons = defineUpdate<StepReceipt, [SummonsAcknowledgement]>('acknowledgeSummons');
/** Asks that the step's clock stop (where the procedure lets officers ask): staff approve or decline. */
export const requestClockStop = defineUpdate<StepReceipt, [ClockStopRequestSubmission]>('requestClockStop');
/** An interim reply: why the report is late and when it is expected (where the procedure takes them). */
export const submitInterimReply = defineUpdate<InterimReplyReceipt, [InterimReplySubmission]>(
  'submitInterimReply',
);

// Staff, from the CLI and the dashboard. Each returns a receipt of what it changed.
export const extendDeadline = defineUpdate<StepReceipt, [DeadlineExtension]>('extendDeadline');
export const reviewAnswer = defineUpdate<StepReceipt, [AnswerReview]>('reviewAnswer');
export const recordHearingOutcome = defineUpdate<StepReceipt, [HearingOutcomeRecord]>('recordHearingOutcome');
export const rescheduleHearing = defineUpdate<StepReceipt, [HearingReschedule]>('rescheduleHearing');
export const closeComplaint = defineUpdate<ClosureReceipt, [ComplaintClosure]>('closeComplaint');
/** Readdresses a step to the officer's right address and sends its message there; its deadline stands, unless the procedure restarts it (onAddressCorrection). */
export const correctRecipient = defineUpdate<StepReceipt, [RecipientCorrection]>('correctRecipient');
/** Stops a demand's clock (the procedure's clockStops): its reminders and lapse wait, the officer is told. */
export const stopClock = defineUpdate<StepReceipt, [ClockStopOrder]>('stopClock');
/** Restarts a stopped clock: the step's new dates by the procedure's rule (toll or restart), the officer told. */
export const restartClock = defineUpdate<StepReceipt, [ClockRestartOrder]>('restartClock');
/** Approves (the clock stops from the day the officer asked) or declines the officer's request. */
export const decideClockStop = defineUpdate<StepReceipt, [ClockStopDecision]>('decideClockStop');
/** Accepts the interim reply's expected date (the deadline moves to it) or refuses it (a move is undone). */
export const decideInterimReply = defineUpdate<StepReceipt, [InterimReplyDecision]>('decideInterimReply');
/**
 * The procedure's holidays changed: the complaint counts with them from now on, and each open deadline still to
 * come moves if they move it (its officer told once). The same revision again changes nothing.
 */
export const applyHolidays = defineUpdate<HolidayReceipt, [HolidayChange]>('applyHolidays');
/**
 * Sets, changes or removes (cutOff: null) a summons' cut-off: an answer received by it and accepted dispenses with
 * the hearing (workflows/dispensation.ts). The officer is told the condition as it now stands.
 */
export const setDispensation = defineUpdate<StepReceipt, [DispensationOrder]>('setDispensation');
/**
 * Records the commission's recommendations to a respondent: each opens a compliance step (its letter, reminders and
 * escalation per the procedure's `compliance` rules) that closes when staff accept its proof.
 */
export const recordRecommendations = defineUpdate<RecommendationsReceipt, [RecommendationsRecord]>(
  'recordRecommendations',
);
/** Waives a pending recommendation with a reason: its compliance step closes, the officer told. */
export const waiveRecommendation = defineUpdate<StepReceipt, [RecommendationWaiver]>('waiveRecommendation');

/** A respondent added to the running complaint: its own track from its own notice, dated from now. */
export interface RespondentAddedReceipt {
  respondentId: string;
  addedAt: string;
}
export const addRespondent = defineUpdate<RespondentAddedReceipt, [RespondentAddition]>('addRespondent');
/**
 * Transfers the complaint (no respondentId) or one respondent's track to another body: its letter and case papers
 * sent to it, the track(s) closed as transferred, the complainant to be told; an acknowledgement asked where the
 * procedure sets a period (lib/domain/transfers.ts).
 */
export const transferComplaint = defineUpdate<TransferReceipt, [TransferOrder]>('transferComplaint');
/** The body acknowledges receipt of a transfer, through the link in its email. */
export const acknowledgeTransfer = defineUpdate<
  { transferId: string; acknowledgedAt: string },
  [TransferAcknowledgement]
>('acknowledgeTransfer');
/** Opens a joint inquiry with a second commission: the officers' messages are copied to it, without their links. */
export const openJointInquiry = defineUpdate<JointInquiryReceipt, [JointInquiryOpening]>('openJointInquiry');
/** Ends a joint inquiry: no more copies go to that commission. */
export const endJointInquiry = defineUpdate<JointInquiryReceipt, [JointInquiryEnding]>('endJointInquiry');
