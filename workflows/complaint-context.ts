// One running complaint: its frozen input, its state, and the operations its tracks and handlers share:
// opening a step (dates from an activity, or planned with the step before it), sending a step's message once,
// closing a step; its journal (step-journal.ts) and search attributes (search-attribute-publisher.ts); and
// when it continues as new.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecordAnswerRequest } from '../activities/answers';
import type { MomentMessage, SendMessageRequest, StaffAlertRequest } from '../activities/notices';
import type { Respondent } from '../lib/case-file';
import type { Period, Procedure, ProcedureStep, SummonsStepDefinition } from '../lib/procedure';
import {
  planDemand,
  planHearing,
  MAIL_OPTIONS,
  sendMoment,
  sendOfficerMessage,
  sendStaffAlert,
} from './activity-proxies';
import {
  type ComplaintState,
  type MessageKind,
  type Officer,
  type OfficerMessageKind,
  type StaffAlertKind,
  type RespondentState,
  type StepClosure,
  type StepKind,
  type StepState,
  UNDELIVERABLE_FAILURE,
} from './complaint-state';
import type { ComplaintInput, HistoryBudget } from './complaint';
import type { DemandPlan, HearingPlan, NextStepRequest } from '../lib/schedule';
import {
  CLOCK_INDEPENDENT_OF_MAIL_PATCH,
  JOURNAL_AND_ALERTS_PATCH,
  LIGHTER_LAPSE_PATCH,
  ONE_ACTIVITY_PER_MOMENT_PATCH,
} from './patches';
import { SearchAttributePublisher } from './search-attribute-publisher';
import { StepJournal } from './step-journal';
import { nowIso } from './time';

/** What a demand step runs on: the procedure's step, or its follow-up rules for demands staff add. */
export interface DemandDefinition {
  id: string;
  kind: Exclude<StepKind, 'summons'>;
  recipient: 'officer' | 'summoned-officer';
  answerWithin: Period;
  dueSoonReminderBefore: Period | null;
  onLapse: { next: string | null; after: Period };
}

/** One message of a moment sent in one activity (Complaint.dispatchMoment). */
export type MomentItem = {
  track: RespondentState;
  step: StepState;
  version: number;
  scheduledFor: string;
} & ({ to: 'officer'; kind: OfficerMessageKind } | { to: 'staff'; kind: StaffAlertKind });

export interface OpenDemandOptions {
  issuedAt: string;
  receivedOn?: string;
  demands: string[];
  note?: string;
  lapsedDueAt?: string;
}

function sendingKey(track: RespondentState, step: StepState, kind: MessageKind, version: number): string {
  return `${track.respondentId}|${step.stepId}|${kind}|${version}`;
}

/** The mail server's permanent refusal, if that is why a send activity failed; null for any other failure. */
function undeliverableReason(err: unknown): string | null {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)
    if (err.cause.type === UNDELIVERABLE_FAILURE) return err.cause.message;
  return null;
}

const MESSAGE_FOR: Record<Exclude<StepKind, 'summons'>, OfficerMessageKind> = {
  notice: 'notice',
  reminder: 'overdue-reminder',
  'follow-up': 'follow-up',
};

/**
 * How far a complaint's history may grow before it continues as new (whichever comes first, or when Temporal
 * suggests it). README, "How big a complaint's history grows".
 */
export const DEFAULT_HISTORY_BUDGET: HistoryBudget = { events: 2_000, bytes: 2 * 1024 * 1024 };

/** Update IDs remembered across continue-as-new, so a retried Update is applied once: the most recent ones. */
const REMEMBERED_UPDATES = 200;

export class Complaint {
  readonly workflowId = workflowInfo().workflowId;
  readonly state: ComplaintState;
  /** Steps a handler is changing (awaiting an activity): tracks and other handlers leave them alone meanwhile. */
  readonly busy = new Set<StepState>();
  /** Whether this complaint runs with the journal and alerts (see JOURNAL_AND_ALERTS_PATCH). */
  readonly journaling: boolean;
  /** Whether its lapses are light (LIGHTER_LAPSE_PATCH): decided once, when this run starts. */
  readonly lighterLapse: boolean;
  /** Whether what one moment sends goes in one activity (ONE_ACTIVITY_PER_MOMENT_PATCH): decided when this run starts. */
  readonly momentsTogether: boolean;
  readonly stepJournal: StepJournal;
  readonly publisher: SearchAttributePublisher;
  /** Work under way beside the clock (sends, records), by key: awaited before the complaint ends or continues. */
  private readonly underway = new Map<string, Promise<void>>();
  /** Steps being opened (their dates in an activity): the complaint does not continue as new meanwhile. */
  private opening = 0;
  /** The results of Updates already applied, by Update ID, carried across continue-as-new. */
  readonly appliedUpdates: Map<string, unknown>;
  /** The history's size when this run started (its input, with any state carried over). */
  private readonly startedAtSize = workflowInfo().historySize;

  constructor(readonly input: ComplaintInput) {
    this.journaling = patched(JOURNAL_AND_ALERTS_PATCH);
    this.lighterLapse = patched(LIGHTER_LAPSE_PATCH);
    this.momentsTogether = patched(ONE_ACTIVITY_PER_MOMENT_PATCH);
    const { caseFile, procedure, continued } = input;
    this.appliedUpdates = new Map(continued?.appliedUpdates ?? []);
    this.state = continued?.state ?? {
      workflowId: this.workflowId,
      caseReference: caseFile.caseReference,
      subject: caseFile.subject,
      timeZone: procedure.rules.timeZone,
      procedureId: procedure.id,
      receivedOn: caseFile.receivedOn,
      stage: 'notice',
      respondents: caseFile.respondents.map((r) => ({
        respondentId: r.id,
        name: r.name,
        status: 'open',
        steps: [],
        messages: [],
      })),
    };
    this.stepJournal = new StepJournal(this.workflowId, this.journaling, this.lighterLapse, continued);
    this.publisher = new SearchAttributePublisher(this.state, this.lighterLapse);
  }

  get procedure(): Procedure {
    return this.input.procedure;
  }

  ended(): boolean {
    return this.state.closure !== undefined;
  }

  respondent(respondentId: string): Respondent {
    return this.input.caseFile.respondents.find((r) => r.id === respondentId)!;
  }

  track(respondentId: string): RespondentState {
    return this.state.respondents.find((r) => r.respondentId === respondentId)!;
  }

  /** Notes an event of a step for the records (StepJournal). */
  journal(track: RespondentState, step: StepState, event: string, details?: Record<string, unknown>): void {
    this.stepJournal.note(track, step, event, details);
  }

  /** Remembers an applied Update's result under its ID (the oldest forgotten past REMEMBERED_UPDATES). */
  rememberUpdate(updateId: string, result: unknown): void {
    this.appliedUpdates.set(updateId, result);
    for (const oldest of this.appliedUpdates.keys()) {
      if (this.appliedUpdates.size <= REMEMBERED_UPDATES) break;
      this.appliedUpdates.delete(oldest);
    }
  }

  /**
   * Past the history budget (or Temporal suggests it): time to continue as new. Bytes count from the run's start,
   * so that a large carried state does not make every new run continue at once.
   */
  overBudget(): boolean {
    const { continueAsNewSuggested, historyLength, historySize } = workflowInfo();
    const budget = this.input.historyBudget ?? DEFAULT_HISTORY_BUDGET;
    return (
      continueAsNewSuggested ||
      historyLength >= budget.events ||
      historySize - this.startedAtSize >= budget.bytes
    );
  }

  /**
   * Nothing half done: no handler running, no step being changed or opened, no send, record or journal batch
   * under way (an activity of a run that ended is abandoned). The state, and the journal entries still to write,
   * then say all there is, and a new run can carry on from them alone.
   */
  quiet(): boolean {
    return (
      allHandlersFinished() &&
      this.busy.size === 0 &&
      this.opening === 0 &&
      this.underway.size === 0 &&
      this.stepJournal.idle()
    );
  }

  /** What the next run carries over (see quiet()). */
  carriedOver(startedAt: string): NonNullable<ComplaintInput['continued']> {
    return {
      state: this.state,
      startedAt,
      ...this.stepJournal.carriedOver(),
      appliedUpdates: [...this.appliedUpdates],
    };
  }

  /**
   * Runs `work` beside the clock (a message, a record), once per key (or set of keys, all of which it covers);
   * awaited before the end or a new run.
   */
  beside(key: string | string[], work: () => Promise<void>): void {
    const keys = typeof key === 'string' ? [key] : key;
    if (keys.some((k) => this.underway.has(k))) return;
    const done = work().finally(() => {
      for (const k of keys) this.underway.delete(k);
    });
    for (const k of keys) this.underway.set(k, done);
  }

  /** Recomputes the stage; the search attributes follow (SearchAttributePublisher). */
  publish(): void {
    this.publisher.publish();
  }

  /** The rules of a demand staff add: a returned answer's missing parts, or a fresh demand after a hearing. */
  followUpDefinition(): DemandDefinition {
    return { id: 'follow-up', kind: 'follow-up', recipient: 'officer', ...this.procedure.followUp };
  }

  demandDefinition(step: StepState): DemandDefinition {
    if (step.definitionId === 'follow-up') return this.followUpDefinition();
    const def = this.stepDefinition(step.definitionId);
    if (def.kind === 'summons') throw new Error(`step ${step.stepId} is a summons`);
    return def;
  }

  stepDefinition(id: string): ProcedureStep {
    const def = this.procedure.steps.find((s) => s.id === id);
    if (!def) throw new Error(`procedure ${this.procedure.id} has no step ${id}`);
    return def;
  }

  private recipientFor(respondentId: string, who: 'officer' | 'summoned-officer'): Officer {
    const r = this.respondent(respondentId);
    const officer = { ...(who === 'summoned-officer' ? (r.summonedOfficer ?? r.officer) : r.officer) };
    const corrected = this.track(respondentId).correctedAddresses?.[who];
    return corrected ? { ...officer, email: corrected } : officer;
  }

  /** Whom a step's messages go to: the respondent's officer, or the officer a summons names. */
  recipientRole(step: StepState): 'officer' | 'summoned-officer' {
    if (step.kind === 'summons') {
      const def = this.stepDefinition(step.definitionId);
      return def.kind === 'summons' ? def.recipient : 'officer';
    }
    return this.demandDefinition(step).recipient;
  }

  private newStepId(track: RespondentState, base: string): string {
    const taken = new Set(track.steps.map((s) => s.stepId));
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }

  private async whileOpening<T>(plan: () => Promise<T>): Promise<T> {
    this.opening++;
    try {
      return await plan();
    } finally {
      this.opening--;
    }
  }

  /** What a demand's lapse issues, for its plan to be made with the demand's own (lighter lapses only). */
  nextStepRequest(def: Pick<DemandDefinition, 'onLapse'>): { then: NextStepRequest } | Record<string, never> {
    if (!this.lighterLapse || def.onLapse.next === null) return {};
    const next = this.stepDefinition(def.onLapse.next);
    if (next.kind === 'summons')
      return { then: { kind: 'hearing', hearingAfter: next.hearingAfter, time: next.hearingTime } };
    const { answerWithin, dueSoonReminderBefore, onLapse } = next;
    // Lapses only move forward through the procedure (validated), so this ends.
    const further = this.nextStepRequest(next);
    return { then: { kind: 'demand', answerWithin, dueSoonReminderBefore, onLapse, ...further } };
  }

  /** Opens a demand step: its dates from `planned` (made when the step before it was planned), or an activity. */
  async openDemandStep(
    track: RespondentState,
    def: DemandDefinition,
    opts: OpenDemandOptions,
    planned?: DemandPlan,
  ): Promise<StepState> {
    const plan =
      planned ??
      (await this.whileOpening(() =>
        planDemand({
          rules: this.procedure.rules,
          issuedAt: opts.issuedAt,
          ...(opts.receivedOn ? { receivedOn: opts.receivedOn } : {}),
          answerWithin: def.answerWithin,
          dueSoonReminderBefore: def.dueSoonReminderBefore,
          onLapse: def.onLapse,
          ...this.nextStepRequest(def),
        }),
      ));
    const step: StepState = {
      stepId: this.newStepId(track, def.id),
      definitionId: def.id,
      kind: def.kind,
      demands: opts.demands,
      recipient: this.recipientFor(track.respondentId, def.recipient),
      ...(opts.note ? { note: opts.note } : {}),
      ...(opts.lapsedDueAt ? { lapsedDueAt: opts.lapsedDueAt } : {}),
      issuedAt: opts.issuedAt,
      issuedOn: plan.issuedOn,
      dueAt: plan.dueAt,
      dueDate: plan.dueDate,
      dueText: plan.dueText,
      dueSoonAt: plan.dueSoonAt,
      escalatesAt: plan.escalatesAt,
      ...(plan.next ? { plannedNext: plan.next } : {}),
      version: 1,
      status: 'open',
      overdue: false,
      answers: [],
      extensions: [],
      extensionRequests: [],
    };
    track.steps.push(step);
    this.journal(track, step, 'opened', { dueAt: step.dueAt, demands: step.demands.length });
    this.publish();
    return step;
  }

  /** Opens a summons: the hearing's date from `planned` (made with the step before it), or an activity. */
  async openSummonsStep(
    track: RespondentState,
    def: SummonsStepDefinition,
    issuedAt: string,
    planned?: HearingPlan,
  ): Promise<StepState> {
    const plan =
      planned ??
      (await this.whileOpening(() =>
        planHearing({
          rules: this.procedure.rules,
          issuedAt,
          hearingAfter: def.hearingAfter,
          time: def.hearingTime,
        }),
      ));
    const step: StepState = {
      stepId: this.newStepId(track, def.id),
      definitionId: def.id,
      kind: 'summons',
      demands: [
        'Appear in person before the Commission with the Action Taken Report',
        ...this.respondent(track.respondentId).demands,
      ],
      recipient: this.recipientFor(track.respondentId, def.recipient),
      issuedAt,
      issuedOn: plan.issuedOn,
      dueAt: plan.hearingAt,
      dueDate: plan.hearingDate,
      dueText: plan.hearingText,
      dueSoonAt: null,
      escalatesAt: null,
      version: 1,
      status: 'open',
      overdue: false,
      answers: [],
      extensions: [],
      extensionRequests: [],
      hearing: {
        hearingAt: plan.hearingAt,
        hearingText: plan.hearingText,
        hearingDayStartsAt: plan.hearingDayStartsAt,
        alertAt: plan.alertAt,
        rescheduled: [],
        outcomes: [],
      },
    };
    track.steps.push(step);
    this.journal(track, step, 'opened', { hearingAt: step.dueAt });
    this.publish();
    return step;
  }

  wasSent(track: RespondentState, step: StepState, kind: MessageKind, version: number): boolean {
    return (
      track.messages.some((m) => m.stepId === step.stepId && m.kind === kind && m.version === version) ||
      this.underway.has(sendingKey(track, step, kind, version))
    );
  }

  /**
   * Sends a message of a step's clock: awaited by complaints from before CLOCK_INDEPENDENT_OF_MAIL_PATCH, run
   * beside the clock by those after it (a send that retries for hours never delays a reminder or a lapse).
   */
  dispatchMessage(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
    scheduledFor: string,
  ): Promise<void> {
    return this.dispatch(track, step, kind, version, () =>
      this.sendMessage(track, step, kind, version, scheduledFor),
    );
  }

  /** A staff alert of a step's clock, sent as dispatchMessage sends an officer's message. */
  dispatchStaffAlert(
    track: RespondentState,
    step: StepState,
    kind: StaffAlertKind,
    version: number,
    scheduledFor: string,
  ): Promise<void> {
    return this.dispatch(track, step, kind, version, () =>
      this.sendStaffAlert(track, step, kind, version, scheduledFor),
    );
  }

  private async dispatch(
    track: RespondentState,
    step: StepState,
    kind: MessageKind,
    version: number,
    send: () => Promise<void>,
  ): Promise<void> {
    if (this.wasSent(track, step, kind, version)) return;
    if (!patched(CLOCK_INDEPENDENT_OF_MAIL_PATCH)) return send();
    this.beside(sendingKey(track, step, kind, version), send);
  }

  /** Waits for the work under way under `key`, if any. */
  async finished(key: string): Promise<void> {
    await this.underway.get(key);
  }

  /** Waits for all work under way (before the complaint ends: its last messages still go out). */
  async allDone(): Promise<void> {
    while (this.underway.size > 0) await Promise.all(new Set(this.underway.values()));
  }

  /** Sends `kind` for this version of the step, once: the outbox in the activity covers retries and crashes. */
  async sendMessage(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
    scheduledFor: string,
    readdressed?: number,
  ): Promise<void> {
    if (readdressed === undefined ? this.wasSent(track, step, kind, version) : false) return;
    // The summary names the message in the Temporal UI's event history: kind, respondent and step, no names.
    const summary = `${kind} v${version} to ${track.respondentId} [${step.stepId}]`;
    const journal = this.stepJournal.forMessage();
    let sent;
    try {
      sent = await sendOfficerMessage.executeWithOptions({ ...MAIL_OPTIONS, summary }, [
        {
          ...(journal.length ? { journal } : {}),
          ...this.officerMessage(track, step, kind, version, readdressed),
        },
      ]);
    } catch (err) {
      // Refused for good by the mail server: noted, staff told, and the step's clock goes on without it.
      // (Histories from before never hold such a failure: sends were retried forever. No patch is needed.)
      const failure = undeliverableReason(err);
      if (failure === null) throw err;
      await this.noteUndeliverable(track, step, kind, version, scheduledFor, failure, readdressed);
      return;
    }
    this.noteSent(track, step, kind, version, step.recipient.email, scheduledFor, sent.messageId, {
      readdressed,
    });
  }

  /** An officer's message about a step, as the send activities take it. */
  private officerMessage(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
    readdressed?: number,
  ): SendMessageRequest {
    return {
      ...this.aboutStep(track, step, kind, version),
      recipient: step.recipient,
      ...(step.kind === 'summons' ? { hearingAt: step.dueAt } : { dueAt: step.dueAt }),
      ...(step.lapsedDueAt ? { lapsedDueAt: step.lapsedDueAt } : {}),
      ...(step.note ? { note: step.note } : {}),
      ...(kind === 'answer-receipt' ? { receivedAt: step.answers.at(-1)?.receivedAt } : {}),
      commissionEmail: this.input.caseFile.commission.email,
      ...(readdressed !== undefined ? { readdressed } : {}),
    };
  }

  /** A staff alert about a step, as the send activities take it. */
  private staffAlert(
    track: RespondentState,
    step: StepState,
    kind: StaffAlertKind,
    version: number,
    failure?: string,
  ): StaffAlertRequest {
    const { commission } = this.input.caseFile;
    return {
      ...this.aboutStep(track, step, kind, version),
      at: step.dueAt,
      to: { name: commission.name, email: commission.email },
      ...(failure !== undefined ? { failure } : {}),
    };
  }

  /** An officer's message the mail server refused for good: noted, and staff told (unless it was re-sent). */
  private async noteUndeliverable(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
    scheduledFor: string,
    failure: string,
    readdressed?: number,
  ): Promise<void> {
    this.noteSent(track, step, kind, version, step.recipient.email, scheduledFor, '', {
      undeliverable: failure,
      readdressed,
    });
    this.journal(track, step, 'message-undeliverable', { kind, version });
    if (readdressed === undefined)
      await this.sendStaffAlert(track, step, 'message-undeliverable', version, scheduledFor, failure);
  }

  /**
   * Sends what one moment produces (ONE_ACTIVITY_PER_MOMENT_PATCH) beside the clock, in one activity: an answer's
   * records row, receipt and staff alert; a lapse's staff alert and the reminder it issues. Each message counts as
   * under way (wasSent) until it is noted, and `also` names further work it covers (the answer's record).
   */
  dispatchMoment(messages: MomentItem[], opts: { answer?: RecordAnswerRequest; also?: string } = {}): void {
    const keys = messages.map((m) => sendingKey(m.track, m.step, m.kind, m.version));
    this.beside([...(opts.also ? [opts.also] : []), ...keys], () => this.sendMoment(messages, opts.answer));
  }

  private async sendMoment(messages: MomentItem[], answer?: RecordAnswerRequest): Promise<void> {
    const journal = this.stepJournal.forMessage();
    const requests: MomentMessage[] = messages.map((m, i) => {
      const first = i === 0 && journal.length ? { journal } : {};
      return m.to === 'staff'
        ? { staff: { ...first, ...this.staffAlert(m.track, m.step, m.kind, m.version) } }
        : { officer: { ...first, ...this.officerMessage(m.track, m.step, m.kind, m.version) } };
    });
    const first = messages[0]!;
    const summary = `${messages.map((m) => `${m.kind} v${m.version}`).join(' + ')} [${first.track.respondentId}/${first.step.stepId}]`;
    const outcomes = await sendMoment.executeWithOptions({ ...MAIL_OPTIONS, summary }, [
      { messages: requests, ...(answer ? { answer } : {}) },
    ]);
    const refused: Promise<void>[] = [];
    messages.forEach((m, i) => {
      const outcome = outcomes[i]!;
      const to = m.to === 'staff' ? this.input.caseFile.commission.email : m.step.recipient.email;
      if (!('undeliverable' in outcome))
        this.noteSent(m.track, m.step, m.kind, m.version, to, m.scheduledFor, outcome.messageId);
      else if (m.to === 'staff')
        this.noteSent(m.track, m.step, m.kind, m.version, to, m.scheduledFor, '', outcome);
      else
        refused.push(
          this.noteUndeliverable(m.track, m.step, m.kind, m.version, m.scheduledFor, outcome.undeliverable),
        );
    });
    await Promise.all(refused);
  }

  /** What every message about a step says: which complaint, respondent and step, and what is asked. */
  private aboutStep<K extends MessageKind>(
    track: RespondentState,
    step: StepState,
    kind: K,
    version: number,
  ) {
    const { caseFile, procedure } = this.input;
    return {
      kind,
      version,
      workflowId: this.workflowId,
      respondentId: track.respondentId,
      stepId: step.stepId,
      caseReference: caseFile.caseReference,
      subject: caseFile.subject,
      commissionName: caseFile.commission.name,
      respondentName: track.name,
      demands: step.demands,
      timeZone: procedure.rules.timeZone,
    };
  }

  /** Notes in the state that a message went out: when it was due and when it was sent (workflow time). */
  private noteSent(
    track: RespondentState,
    step: StepState,
    kind: MessageKind,
    version: number,
    to: string,
    scheduledFor: string,
    messageId: string,
    outcome: { undeliverable?: string; readdressed?: number | undefined } = {},
  ): void {
    track.messages.push({
      kind,
      stepId: step.stepId,
      version,
      to,
      scheduledFor,
      sentAt: nowIso(),
      messageId,
      ...(outcome.undeliverable !== undefined ? { undeliverable: outcome.undeliverable } : {}),
      ...(outcome.readdressed !== undefined ? { readdressed: outcome.readdressed } : {}),
    });
  }

  /** Alerts the commission's staff about this step, once per `version`. */
  async sendStaffAlert(
    track: RespondentState,
    step: StepState,
    kind: StaffAlertKind,
    version: number,
    scheduledFor: string,
    failure?: string,
  ): Promise<void> {
    if (this.wasSent(track, step, kind, version)) return;
    const to = this.input.caseFile.commission.email;
    const summary = `${kind} v${version} to staff [${track.respondentId}/${step.stepId}]`;
    const journal = this.stepJournal.forMessage();
    let sent;
    try {
      sent = await sendStaffAlert.executeWithOptions({ ...MAIL_OPTIONS, summary }, [
        {
          ...(journal.length ? { journal } : {}),
          ...this.staffAlert(track, step, kind, version, failure),
        },
      ]);
    } catch (err) {
      const refused = undeliverableReason(err);
      if (refused === null) throw err;
      this.noteSent(track, step, kind, version, to, scheduledFor, '', { undeliverable: refused });
      return;
    }
    this.noteSent(track, step, kind, version, to, scheduledFor, sent.messageId);
  }

  messageKindFor(step: StepState): OfficerMessageKind {
    return step.kind === 'summons' ? 'summons' : MESSAGE_FOR[step.kind];
  }

  /**
   * Gives a step new dates: a demand's deadline (and its reminder and escalation), or a hearing's. The one place
   * a step is rescheduled: the version bump re-arms the track's timers, and the messages of the new version (the
   * new date) are all still to come.
   */
  reschedule(
    step: StepState,
    dates: Pick<StepState, 'dueAt' | 'dueDate' | 'dueText'> &
      Partial<Pick<StepState, 'dueSoonAt' | 'escalatesAt'> & Pick<DemandPlan, 'next'>>,
  ): void {
    const { dueAt, dueDate, dueText, dueSoonAt, escalatesAt, next } = dates;
    Object.assign(
      step,
      { dueAt, dueDate, dueText },
      dueSoonAt !== undefined ? { dueSoonAt, escalatesAt } : {},
    );
    // A demand's next step is planned again with its new escalation (or, without a plan, when it is due).
    if (dueSoonAt !== undefined) {
      if (next) step.plannedNext = next;
      else delete step.plannedNext;
    }
    step.overdue = false;
    step.version++;
  }

  closeStep(step: StepState, as: StepClosure): void {
    step.status = 'closed';
    step.closedAs = as;
    step.closedAt = nowIso();
    this.journal(this.trackOf(step), step, 'closed', { as });
    this.publish();
  }

  /** The track a step belongs to. */
  trackOf(step: StepState): RespondentState {
    return this.state.respondents.find((r) => r.steps.includes(step))!;
  }
}
