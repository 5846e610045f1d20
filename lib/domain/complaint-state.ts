// The complaint as the workflow holds it and as the getComplaint query returns it: every respondent's track,
// its steps with deadlines and status, the messages sent, answers and their review, hearings and outcomes.
// Pure data and pure helpers: safe to import anywhere (workflows, activities, records, clients). The complaint's
// vocabulary (kinds, stages, closures, decisions) is declared here once.
import type { ClockStopRule, HolidayCalendar, InterimReplyRule, RecipientRole } from '../procedure/procedure';
import type { DateDerivation } from '../procedure/date-derivation';
import type { NextStepPlan } from '../procedure/schedule';
import type { AttachmentReference } from './answer';
import type { ClockStop, ClockStopRequest } from './clock-stops';
import type { InterimReply } from './interim-replies';
import type { Dispensation, DispensationChange } from './dispensation';
import type { RecommendationRecord } from './recommendations';
import type { JointInquiry } from './joint-inquiries';
import type { HearingNext } from './staff-actions';
import type { AddedRespondent } from './added-respondents';
import type { ComplainantToTell, Transfer } from './transfers';

/** Declared by the procedure's schema (the layer below): re-exported here with the rest of the vocabulary. */
export type { RecipientRole };

/** What staff decided, told to the officer. */
export type OfficerUpdateKind =
  | 'deadline-extended'
  | 'answer-accepted'
  | 'complaint-closed'
  | 'clock-stopped'
  | 'clock-restarted'
  | 'clock-stop-declined'
  | 'interim-reply-acknowledged'
  | 'interim-reply-accepted'
  | 'interim-reply-refused'
  | 'deadline-moved'
  | 'dispensation-changed'
  | 'hearing-dispensed'
  | 'recommendation-waived';

/** `compliance`: a recommendation's demand for proof of compliance (lib/domain/recommendations.ts). */
export type StepKind = 'notice' | 'reminder' | 'summons' | 'follow-up' | 'compliance';
export type StepStatus = 'open' | 'answered' | 'closed';
export type StepClosure =
  | 'accepted'
  | 'returned'
  | 'lapsed'
  | 'hearing-closed'
  | 'fresh-demand'
  | 'withdrawn'
  | 'disposed'
  | 'dispensed'
  | 'waived'
  | 'transferred';
export type ComplaintStage =
  'notice' | 'reminder' | 'summons' | 'review' | 'closed' | 'withdrawn' | 'disposed' | 'transferred';
/** The messages about a step's demand an officer receives: notices, reminders, summons, the answer's receipt. */
export type OfficerNoticeKind =
  | 'notice'
  | 'due-soon-reminder'
  | 'overdue-reminder'
  | 'follow-up'
  | 'summons'
  | 'answer-receipt'
  | 'compliance';
export type OfficerMessageKind = OfficerNoticeKind | OfficerUpdateKind;
export type StaffAlertKind =
  | 'answer-to-review'
  | 'step-overdue'
  | 'hearing-tomorrow'
  | 'message-undeliverable'
  | 'extension-requested'
  | 'clock-stop-requested'
  | 'interim-reply-received';
/** How a complaint ended: resolved by staff, withdrawn, disposed of, or transferred to another body. */
export type ClosureKind = 'resolved' | 'withdrawn' | 'disposed' | 'transferred';
/** Whether staff get an email at each lapse, or find lapses in their daily digest (STAFF_LAPSE_ALERTS). */
export type StaffLapseAlerts = 'each' | 'digest';

/** The type of the failure a send activity ends with when the mail server refused the message for good. */
export const UNDELIVERABLE_FAILURE = 'Undeliverable';
export type MessageKind = OfficerMessageKind | StaffAlertKind;

export interface Officer {
  name: string;
  designation: string;
  email: string;
}

export interface RecordedAnswer {
  answerId: string;
  atrText: string;
  firNumber?: string;
  firDate?: string;
  attachments?: AttachmentReference[];
  /** When the workflow received it (ISO instant). */
  receivedAt: string;
  review?: { decision: 'accepted' | 'returned'; note?: string; by?: string; at: string };
}

export interface Extension {
  previousDueAt: string;
  dueAt: string;
  /** The date staff set (a stop that tolls adds its days to it). */
  until?: string;
  reason: string;
  by?: string;
  at: string;
}

export interface ExtensionRequest {
  reason: string;
  requestedDate?: string;
  at: string;
}

export interface HearingOutcome {
  appeared: boolean;
  atrFiled: boolean;
  firRegistered: boolean;
  firNumber?: string;
  notes?: string;
  next: HearingNext['action'];
  by?: string;
  at: string;
}

export interface Hearing {
  hearingAt: string;
  hearingText: string;
  /** From the start of the hearing's day, staff can record its outcome. */
  hearingDayStartsAt: string;
  /** When staff are alerted that the hearing is tomorrow. */
  alertAt?: string | null;
  acknowledgedAt?: string;
  /** Earlier dates of this hearing, with why they moved (`holidays`: the revision of the holidays that moved it). */
  rescheduled: { hearingAt: string; reason: string; by?: string; at: string; holidays?: string }[];
  outcomes: HearingOutcome[];
  /** The condition: an answer received by the cut-off and accepted dispenses with the appearance (dispensation.ts). */
  dispensation?: Dispensation;
  /** Staff's changes of the cut-off, oldest first (at most DISPENSATION_CHANGES_MAX). */
  dispensationChanges?: DispensationChange[];
}

export interface StepState {
  stepId: string;
  /** The procedure step it comes from (`follow-up` for demands staff add). */
  definitionId: string;
  kind: StepKind;
  demands: string[];
  recipient: Officer;
  note?: string;
  issuedAt: string;
  issuedOn: string;
  /** The demand's deadline; for a summons, the hearing. */
  dueAt: string;
  /** Its date in the commission's zone, YYYY-MM-DD. */
  dueDate: string;
  dueText: string;
  /** How `dueAt` was computed (replaced when the step is rescheduled); absent on steps planned before it was kept. */
  derivation?: DateDerivation;
  /** For an overdue reminder: the deadline that lapsed. */
  lapsedDueAt?: string;
  dueSoonAt: string | null;
  escalatesAt: string | null;
  /** The plan of the step its lapse issues at `escalatesAt`, made with this one's. */
  plannedNext?: NextStepPlan;
  /** Bumped by every extension or rescheduled hearing: messages and timers belong to one version. */
  version: number;
  status: StepStatus;
  closedAs?: StepClosure;
  closedAt?: string;
  overdue: boolean;
  answers: RecordedAnswer[];
  extensions: Extension[];
  extensionRequests: ExtensionRequest[];
  /** The procedure's rule for stopping this step's clock, if it may stop (what the pages offer follows it). */
  clockRule?: Pick<ClockStopRule, 'counts' | 'maxStops' | 'maxDays' | 'officerMayRequest'>;
  /** The procedure's rule for interim replies on this step, if it takes them. */
  interimRule?: Pick<InterimReplyRule, 'extendsDeadline' | 'upToDays' | 'maxReplies'>;
  /** The officer's interim replies, oldest first (lib/domain/interim-replies.ts). */
  interimReplies?: InterimReply[];
  /** The ledger of the step's clock stops, oldest first (lib/domain/clock-stops.ts). */
  clockStops?: ClockStop[];
  /** The officer's requests that the clock stop, oldest first. */
  clockStopRequests?: ClockStopRequest[];
  /** Staff's corrections of the recipient's address, oldest first. */
  recipientCorrections?: RecipientCorrectionRecord[];
  /** The deadline moved by holidays declared or withdrawn after it was set, the latest few (HOLIDAY_MOVES_KEPT). */
  holidayMoves?: HolidayMove[];
  hearing?: Hearing;
  /** For a compliance step: the recommendation (its track's `recommendations`) whose proof it demands. */
  recommendationId?: string;
  /** For a compliance step: the proof of compliance due. */
  proofDue?: string;
  /** The date staff set when it opened (a recommendation's `until`): planned again, it counts to it, not a period. */
  until?: string;
  /** The life of the complaint the step was opened in (absent: the first): a reopening opens a new one. */
  life?: number;
  /** Opened by a reopening or an appeal: its letter says so, and why. */
  reopened?: StepReopening;
}

/** A deadline moved by a change of the procedure's holidays: told to the officer as this version of the step. */
export interface HolidayMove {
  revision: string;
  /** The step's version the move made (its `deadline-moved` message's). */
  version: number;
  previousDueAt: string;
  dueAt: string;
  /** The dates declared holidays, and withdrawn, that the step's count spans; with their names where given. */
  declared: string[];
  withdrawn: string[];
  names?: Record<string, string>;
  at: string;
}

export interface SentMessageRecord {
  kind: MessageKind;
  stepId: string;
  version: number;
  to: string;
  /** When the workflow meant to send it (a timer's instant) and when it was sent. */
  scheduledFor: string;
  /** When it was sent (or, if undeliverable, when the server refused it). */
  sentAt: string;
  messageId: string;
  /** The mail server's permanent refusal: the message never reached its recipient. */
  undeliverable?: string;
  /** Sent again after staff corrected the address (the nth correction of the step). */
  readdressed?: number;
}

export interface RecipientCorrectionRecord {
  previous: string;
  email: string;
  reason: string;
  by?: string;
  at: string;
}

export interface RespondentState {
  respondentId: string;
  name: string;
  status: 'open' | 'closed';
  steps: StepState[];
  messages: SentMessageRecord[];
  /** Addresses staff corrected, by role: later steps for that role go there too. */
  correctedAddresses?: Partial<Record<RecipientRole, string>>;
  /** The commission's recommendations to this respondent, oldest first: each followed to compliance. */
  recommendations?: RecommendationRecord[];
  /** Set when staff added the respondent to the running complaint (lib/domain/added-respondents.ts). */
  addedAt?: string;
  /** Set when the track was transferred to another body: the transfer's ID in `transfers`. */
  transferredAs?: string;
}

export interface Closure {
  kind: ClosureKind;
  reason?: string;
  by?: string;
  at: string;
  /** A complaint transferred whole: the transfer (in `transfers`), with the body it went to. */
  transferId?: string;
}

export interface ComplaintState {
  workflowId: string;
  caseReference: string;
  subject: string;
  timeZone: string;
  procedureId: string;
  /** The day the commission received the complaint. */
  receivedOn: string;
  /** The procedure's public-holiday calendar, by which the holidays a derivation passes over are named. */
  holidayCalendar?: Pick<HolidayCalendar, 'country' | 'state'>;
  stage: ComplaintStage;
  respondents: RespondentState[];
  closure?: Closure;
  /** How staff learn of lapses, as the worker said when the complaint was registered (absent: each). */
  staffLapseAlerts?: StaffLapseAlerts;
  /**
   * The holidays it observes since its procedure's changed after it started (absent: those of its input). Every
   * plan made after counts with them.
   */
  holidays?: ObservedHolidays;
  /**
   * The complaint's lives once it has been reopened (absent: never reopened): the earlier ones closed, each with
   * its closure; the last the one it lives now (its closure, when it closes, is `closure`).
   */
  lives?: ComplaintLife[];
  /** Respondents staff added to the running complaint, as given (the case file holds the others). */
  addedRespondents?: AddedRespondent[];
  /** The complaint, or one respondent's track, transferred to another body, oldest first. */
  transfers?: Transfer[];
  /** What the complainant must be told, until the complainant's messages deliver it (docs/procedures.md). */
  complainantToTell?: ComplainantToTell[];
  /** Joint inquiries with other commissions, oldest first (lib/domain/joint-inquiries.ts): the open ones are copied. */
  jointInquiries?: JointInquiry[];
}

/** A reopening of a closed complaint by staff, or an appeal (a reopening with its own label and period). */
export type ReopeningKind = 'reopening' | 'appeal';

/** Where the respondents' tracks resume: a fresh demand (`notice`), a summons, or a step of the procedure. */
export type ReopenFrom = string;

/** Why and how a complaint was reopened: what began its life after the first. */
export interface Reopening {
  kind: ReopeningKind;
  reason: string;
  by?: string;
  /** When staff reopened it (ISO instant). */
  at: string;
  from: ReopenFrom;
  /** The demands of a fresh demand, if staff gave their own (else each respondent's own). */
  demands?: string[];
  /** The appeal's name in each letter language (the procedure's `reopening.appeal.label`). */
  label?: { en?: string; hi?: string };
}

/** What a step opened by a reopening tells its officer. */
export type StepReopening = Pick<Reopening, 'kind' | 'reason' | 'at' | 'label'> & { life: number };

/** One life of a complaint: from its start (or reopening) to its closure. */
export interface ComplaintLife {
  life: number;
  /** The first run of the life (life 1's is the complaint's identity in the records). */
  runId: string;
  /** The run the life closed in (a life may continue as new): its history is the life's record. */
  lastRunId?: string;
  startedAt: string;
  closedAt?: string;
  closure?: Closure;
  /** How it began, for lives after the first. */
  reopening?: Reopening;
}

export interface ObservedHolidays {
  /** The change applied last (lib/domain/holidays.ts): applying it again changes nothing. */
  revision: string;
  /** Every holiday date it observes now (its calendar's and the procedure's own). */
  dates: string[];
  /** The procedure's own dates as that change gave them, and their names. */
  own: string[];
  names?: Record<string, string>;
  by?: string;
  at: string;
}

export function findRespondent(state: ComplaintState, respondentId: string): RespondentState | undefined {
  return state.respondents.find((r) => r.respondentId === respondentId);
}

export function findStep(state: ComplaintState, respondentId: string, stepId: string): StepState | undefined {
  return findRespondent(state, respondentId)?.steps.find((s) => s.stepId === stepId);
}

/** The step a respondent is on now: the last one not closed. */
export function currentStep(track: RespondentState): StepState | undefined {
  return track.steps.findLast((s) => s.status !== 'closed');
}

export function openSteps(state: ComplaintState): StepState[] {
  return state.respondents.flatMap((r) => r.steps.filter((s) => s.status !== 'closed'));
}

const ESCALATION: Record<StepKind, number> = {
  notice: 1,
  'follow-up': 1,
  compliance: 1,
  reminder: 2,
  summons: 3,
};

/** The complaint's stage as admins filter on it: how far its most advanced open track has gone. */
export function complaintStage(state: ComplaintState): ComplaintStage {
  if (state.closure) return state.closure.kind === 'resolved' ? 'closed' : state.closure.kind;
  const open = openSteps(state);
  if (open.some((s) => s.status === 'answered')) return 'review';
  const top = Math.max(0, ...open.map((s) => ESCALATION[s.kind]));
  return top >= 3 ? 'summons' : top === 2 ? 'reminder' : 'notice';
}

/**
 * The officer's extension request that still waits for staff: one asked after the step's last extension. A step
 * takes one request at a time (the Update's validator refuses another meanwhile).
 */
export function pendingExtensionRequest(step: StepState): ExtensionRequest | undefined {
  const last = step.extensionRequests.at(-1);
  const extendedAt = step.extensions.at(-1)?.at ?? '';
  return last && last.at > extendedAt ? last : undefined;
}
