// A complaint's messages: each sent once per step, kind and version (the outbox in the send activity covers
// retries and crashes), beside the clock (a send still retrying never delays a reminder or a lapse), noted in
// the state when it went out or was refused for good. What one moment sends (an answer's receipt and alert, a
// lapse's alert and reminder) goes in one activity.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { RecordAnswerRequest } from '../activities/answers';
import type { MomentMessage, SendMessageRequest, StaffAlertRequest } from '../activities/notices';
import { isLetterKind, legalBasisKindOf, type LetterTerms } from '../lib/mail/letters/letter';
import type { ComplaintIdentity } from '../lib/records/complaint-identity';
import { CLOCK_STOP_GROUNDS_TEXT } from '../lib/domain/clock-stops';
import { receivedByCutOff, type DispensationTold } from '../lib/domain/dispensation';
import type { ClockStopRule, LetterLanguage } from '../lib/procedure/procedure';
import type { JointCommission } from '../lib/domain/joint-inquiries';
import { MAIL_OPTIONS, sendMoment, sendOfficerMessage, sendStaffAlert } from './activity-proxies';
import type { ComplaintInput } from './complaint-input';
import {
  type Closure,
  type MessageKind,
  type OfficerMessageKind,
  type RespondentState,
  type StaffAlertKind,
  type StepKind,
  type StepState,
  UNDELIVERABLE_FAILURE,
} from '../lib/domain/complaint-state';
import type { StepJournal } from './step-journal';
import { nowIso } from './time';
import type { WorkUnderway } from './work-underway';

/** One message of a moment sent in one activity (Outbox.dispatchMoment). */
export type MomentItem = {
  track: RespondentState;
  step: StepState;
  version: number;
  scheduledFor: string;
} & ({ to: 'officer'; kind: OfficerMessageKind } | { to: 'staff'; kind: StaffAlertKind });

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
  compliance: 'compliance',
};

export class Outbox {
  constructor(
    private readonly complaint: ComplaintIdentity,
    private readonly input: ComplaintInput,
    private readonly stepJournal: StepJournal,
    private readonly underway: WorkUnderway,
    /** The complaint's withdrawal or disposal, once staff decided it. */
    private readonly closure: () => Closure | undefined = () => undefined,
    /** The commissions in a joint inquiry now: each gets a copy of every officer message, without its link. */
    private readonly jointCommissions: () => JointCommission[] = () => [],
  ) {}

  wasSent(track: RespondentState, step: StepState, kind: MessageKind, version: number): boolean {
    return (
      track.messages.some((m) => m.stepId === step.stepId && m.kind === kind && m.version === version) ||
      this.underway.has(sendingKey(track, step, kind, version))
    );
  }

  /**
   * Sends a message of a step's clock beside the clock, once: a send that retries for hours never delays a
   * reminder or a lapse.
   */
  dispatchMessage(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
    scheduledFor: string,
  ): void {
    this.dispatch(track, step, kind, version, () =>
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
  ): void {
    this.dispatch(track, step, kind, version, () =>
      this.sendStaffAlert(track, step, kind, version, scheduledFor),
    );
  }

  private dispatch(
    track: RespondentState,
    step: StepState,
    kind: MessageKind,
    version: number,
    send: () => Promise<void>,
  ): void {
    if (this.wasSent(track, step, kind, version)) return;
    this.underway.start(sendingKey(track, step, kind, version), send);
  }

  /**
   * A commission that joins a joint inquiry gets a copy of the message the step stands on now (its latest, of the
   * step's present version): what the officer was last told. The activity sends the copy alone (the officer's own
   * message is sent already, its outbox row says so), without the officer's link, once per commission.
   */
  copyToJoined(track: RespondentState, step: StepState, commission: JointCommission): void {
    const last = track.messages.findLast(
      (m) =>
        m.stepId === step.stepId &&
        m.version === step.version &&
        m.to === step.recipient.email &&
        m.undeliverable === undefined,
    );
    if (!last) return;
    // Sent to the step's officer, so an officer's message (staff alerts go to the commission).
    const kind = last.kind as OfficerMessageKind;
    const key = `copy|${commission.email.toLowerCase()}|${sendingKey(track, step, kind, last.version)}`;
    this.underway.start(key, async () => {
      const summary = `copy of ${kind} v${last.version} [${track.respondentId}/${step.stepId}]`;
      try {
        await sendOfficerMessage.executeWithOptions({ ...MAIL_OPTIONS, summary }, [
          {
            ...this.officerMessage(track, step, kind, last.version, undefined, last.scheduledFor),
            copies: [{ name: commission.name, email: commission.email }],
          },
        ]);
      } catch (err) {
        // The officer's own message was refused for good long ago: there is nothing to copy.
        if (undeliverableReason(err) === null) throw err;
      }
    });
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
          ...this.officerMessage(track, step, kind, version, readdressed, scheduledFor),
        },
      ]);
    } catch (err) {
      // Refused for good by the mail server: noted, staff told, and the step's clock goes on without it.
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
    readdressed: number | undefined,
    scheduledFor: string,
  ): SendMessageRequest {
    return {
      ...this.letterTerms(step, kind, scheduledFor),
      ...this.aboutStep(track, step, kind, version),
      recipient: step.recipient,
      ...(step.kind === 'summons' ? { hearingAt: step.dueAt } : { dueAt: step.dueAt }),
      ...(step.lapsedDueAt ? { lapsedDueAt: step.lapsedDueAt } : {}),
      ...(step.note ? { note: step.note } : {}),
      ...(step.proofDue ? { proofDue: step.proofDue } : {}),
      ...(step.reopened && isLetterKind(kind) ? { reopened: step.reopened } : {}),
      ...(kind === 'answer-receipt' ? { receivedAt: step.answers.at(-1)?.receivedAt } : {}),
      ...this.dispensationTold(step, kind, version),
      ...this.decisionTold(track, step, kind, version),
      commissionEmail: this.input.caseFile.commission.email,
      ...(readdressed !== undefined ? { readdressed } : this.copiesOf()),
    };
  }

  /** Who is copied on a message going out now (a message re-sent to a corrected address was copied already). */
  private copiesOf(): { copies?: JointCommission[] } {
    const copies = this.jointCommissions();
    return copies.length ? { copies: copies.map(({ name, email }) => ({ name, email })) } : {};
  }

  /**
   * What makes a notice, reminder or summons an official letter: its date of issue (when
   * it was due to go out, so every attempt and every resend prints the same date), the procedure's languages and
   * the legal basis of its kind. Nothing for other messages.
   */
  private letterTerms(step: StepState, kind: OfficerMessageKind, issuedAt: string): { letter?: LetterTerms } {
    if (!isLetterKind(kind)) return {};
    const { procedure } = this.input;
    const legalBasis = procedure.legalBasis?.[legalBasisKindOf(kind)];
    // A letter after the step's clock stood stopped names the days not counted, and why (the next letter says it).
    const spans = (step.clockStops ?? []).flatMap((s) =>
      s.to && s.days ? [{ from: s.from, to: s.to, days: s.days }] : [],
    );
    const stopBasis = this.clockRuleOf(step)?.legalBasis;
    // A summons states its condition as it stands when sent (a moved hearing's letter, the condition moved with it).
    const condition = kind === 'summons' ? step.hearing?.dispensation : undefined;
    return {
      letter: {
        issuedAt,
        languages: procedure.languages ?? ['en'],
        ...(legalBasis ? { legalBasis } : {}),
        ...(spans.length ? { excluded: { spans, ...(stopBasis ? { legalBasis: stopBasis } : {}) } } : {}),
        ...(condition && !condition.dispensed ? { dispensation: { cutOffAt: condition.cutOffAt } } : {}),
      },
    };
  }

  /** The procedure's clock-stop rule for a step (with its letters' legal basis), if it has one. */
  private clockRuleOf(step: StepState): ClockStopRule | undefined {
    const { procedure } = this.input;
    if (step.definitionId === 'follow-up') return procedure.followUp.clockStops;
    if (step.definitionId === 'compliance') return (procedure.compliance ?? procedure.followUp).clockStops;
    const def = procedure.steps.find((s) => s.id === step.definitionId);
    return def && def.kind !== 'summons' ? def.clockStops : undefined;
  }

  /**
   * What a message says of a summons' condition: an answer's receipt (by the cut-off or not), an accepted answer
   * that leaves the hearing standing, the hearing dispensed with, or the nth change of the cut-off by staff.
   */
  private dispensationTold(
    step: StepState,
    kind: MessageKind,
    version: number,
  ): { dispensation?: DispensationTold; languages?: LetterLanguage[]; decidedAt?: string } {
    const hearing = step.hearing;
    const condition = hearing?.dispensation;
    const languages = this.input.procedure.languages ?? ['en'];
    if (kind === 'dispensation-changed') {
      const change = hearing?.dispensationChanges?.[version - 1];
      if (!change) return { languages };
      return {
        languages,
        dispensation: { ...(change.cutOffAt ? { cutOffAt: change.cutOffAt } : {}), reason: change.reason },
      };
    }
    if (!condition) return {};
    if (kind === 'hearing-dispensed')
      return {
        languages,
        dispensation: { cutOffAt: condition.cutOffAt, met: true },
        ...(condition.dispensed ? { decidedAt: condition.dispensed.at } : {}),
      };
    const answer = step.answers.at(-1);
    if (!answer || condition.dispensed) return {};
    const met = receivedByCutOff(condition, answer.receivedAt);
    if (kind === 'answer-receipt' || kind === 'answer-to-review')
      return { dispensation: { cutOffAt: condition.cutOffAt, met } };
    // Accepted after the cut-off: the officer is told the hearing stands, in the letters' languages.
    if (kind === 'answer-accepted' && !met)
      return { languages, dispensation: { cutOffAt: condition.cutOffAt, met } };
    return {};
  }

  /** What an officer is told of a staff decision: the facts that message carries. */
  /** The procedure's letter languages: what an officer is told in. */
  private letterLanguages(): LetterLanguage[] {
    return this.input.procedure.languages ?? ['en'];
  }

  private decisionTold(
    track: RespondentState,
    step: StepState,
    kind: OfficerMessageKind,
    version: number,
  ): Partial<SendMessageRequest> {
    const closure = this.closure();
    switch (kind) {
      case 'deadline-extended': {
        const previousDueAt = step.extensions.at(-1)?.previousDueAt;
        return previousDueAt ? { previousDueAt } : {};
      }
      case 'answer-accepted': {
        const at = step.answers.at(-1)?.review?.at;
        return {
          ...(at ? { decidedAt: at } : {}),
          ...(step.proofDue ? this.complianceTold(track, step) : {}),
        };
      }
      case 'recommendation-waived':
        return {
          ...(step.closedAt ? { decidedAt: step.closedAt } : {}),
          ...this.complianceTold(track, step),
        };
      case 'complaint-closed':
        // One respondent's track transferred: the complaint itself goes on.
        // Told in the letters' languages, as the letters were.
        if (!closure && step.closedAs === 'transferred' && step.closedAt)
          return { decidedAt: step.closedAt, closedAs: 'transferred', languages: this.letterLanguages() };
        return closure && closure.kind !== 'resolved'
          ? { decidedAt: closure.at, closedAs: closure.kind, languages: this.letterLanguages() }
          : {};
      case 'clock-stopped':
      case 'clock-restarted':
      case 'clock-stop-declined':
        return this.clockStopTold(step, kind, version);
      case 'interim-reply-acknowledged':
      case 'interim-reply-accepted':
      case 'interim-reply-refused':
        return this.interimTold(step, kind, version);
      case 'deadline-moved': {
        const move = step.holidayMoves?.find((m) => m.version === version);
        if (!move) return {};
        const { previousDueAt, dueAt, declared, withdrawn, names } = move;
        return {
          languages: this.input.procedure.languages ?? ['en'],
          // The deadline as this move set it (a later change has its own message).
          dueAt,
          holidayMove: { previousDueAt, declared, withdrawn, ...(names ? { names } : {}) },
        };
      }
      default:
        return {};
    }
  }

  /** What an officer is told of a compliance step staff closed: the proof due, and a waiver's reason. */
  private complianceTold(track: RespondentState, step: StepState): Partial<SendMessageRequest> {
    const recommendation = track.recommendations?.find((r) => r.recommendationId === step.recommendationId);
    const reason = recommendation?.status === 'waived' ? recommendation.settled?.reason : undefined;
    return {
      languages: this.input.procedure.languages ?? ['en'],
      compliance: { proofDue: step.proofDue ?? '', ...(reason ? { waiverReason: reason } : {}) },
    };
  }

  /** What an officer is told of their step's clock: the nth stop (stopped, restarted) or request (declined). */
  private clockStopTold(
    step: StepState,
    kind: 'clock-stopped' | 'clock-restarted' | 'clock-stop-declined',
    version: number,
  ): Partial<SendMessageRequest> {
    const { procedure } = this.input;
    const rule = this.clockRuleOf(step);
    const common = {
      counts: rule?.counts ?? 'toll',
      ...(rule?.legalBasis ? { legalBasis: rule.legalBasis } : {}),
    } as const;
    const languages = { languages: procedure.languages ?? ['en'] };
    if (kind === 'clock-stop-declined') {
      const request = step.clockStopRequests?.[version - 1];
      if (!request) return languages;
      const note = request.decision?.note;
      return {
        ...languages,
        clockStop: {
          ...common,
          grounds: request.grounds,
          details: request.details,
          ...(note ? { note } : {}),
        },
      };
    }
    const stop = step.clockStops?.[version - 1];
    if (!stop) return languages;
    const { grounds, details, from, to, days, restartsBy } = stop;
    return {
      ...languages,
      // The deadline as it stood after this restart (a later change has its own message).
      ...(kind === 'clock-restarted' && stop.dueAtAfter ? { dueAt: stop.dueAtAfter } : {}),
      clockStop: {
        ...common,
        grounds,
        ...(details ? { details } : {}),
        from,
        ...(kind === 'clock-restarted' && to ? { to, days } : {}),
        ...(kind === 'clock-stopped' && restartsBy ? { restartsBy } : {}),
      },
    };
  }

  /** What an officer is told of their nth interim reply: the date they expect, and the deadline after it. */
  private interimTold(
    step: StepState,
    kind: 'interim-reply-acknowledged' | 'interim-reply-accepted' | 'interim-reply-refused',
    version: number,
  ): Partial<SendMessageRequest> {
    const languages = { languages: this.input.procedure.languages ?? ['en'] };
    const reply = step.interimReplies?.[version - 1];
    if (!reply) return languages;
    const capped = reply.moved?.capped === true;
    const moved = reply.moved !== undefined && kind !== 'interim-reply-refused';
    const note = kind === 'interim-reply-acknowledged' ? undefined : reply.decision?.note;
    return {
      ...languages,
      // The deadline as this message left it: moved by the reply, or as it stands.
      ...(moved ? { dueAt: reply.moved!.dueAt } : {}),
      interim: {
        expectedDate: reply.expectedDate,
        moved,
        ...(moved && capped ? { capped } : {}),
        ...(note ? { note } : {}),
      },
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
    const request = kind === 'extension-requested' ? step.extensionRequests[version - 1] : undefined;
    return {
      ...this.aboutStep(track, step, kind, version),
      at: step.dueAt,
      to: { name: commission.name, email: commission.email },
      ...(failure !== undefined ? { failure } : {}),
      ...(request?.requestedDate ? { requestedDate: request.requestedDate } : {}),
      ...this.stopAsked(step, kind, version),
      ...this.interimSent(step, kind, version),
      ...(kind === 'answer-to-review' ? this.dispensationTold(step, kind, version) : {}),
    };
  }

  /** The nth interim reply staff are told of: why, when expected, whether it moved the deadline. */
  private interimSent(step: StepState, kind: StaffAlertKind, version: number): Partial<StaffAlertRequest> {
    const reply = kind === 'interim-reply-received' ? step.interimReplies?.[version - 1] : undefined;
    if (!reply) return {};
    return {
      interim: { reason: reply.reason, expectedDate: reply.expectedDate, moved: reply.moved !== undefined },
      ...(reply.moved ? { at: reply.moved.dueAt } : {}),
    };
  }

  /** The grounds an officer gave, asking that the clock stop (the nth request). */
  private stopAsked(step: StepState, kind: StaffAlertKind, version: number): { stopGrounds?: string } {
    const request = kind === 'clock-stop-requested' ? step.clockStopRequests?.[version - 1] : undefined;
    return request
      ? { stopGrounds: `${CLOCK_STOP_GROUNDS_TEXT[request.grounds].en} (${request.details})` }
      : {};
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
    this.stepJournal.note(track, step, 'message-undeliverable', { kind, version });
    if (readdressed === undefined)
      await this.sendStaffAlert(track, step, 'message-undeliverable', version, scheduledFor, failure);
  }

  /**
   * Sends what one moment produces beside the clock, in one activity: an answer's
   * records row, receipt and staff alert; a lapse's staff alert and the reminder it issues. Each message counts as
   * under way (wasSent) until it is noted, and `also` names further work it covers (the answer's record).
   */
  dispatchMoment(messages: MomentItem[], opts: { answer?: RecordAnswerRequest; also?: string } = {}): void {
    const keys = messages.map((m) => sendingKey(m.track, m.step, m.kind, m.version));
    this.underway.start([...(opts.also ? [opts.also] : []), ...keys], () =>
      this.sendMoment(messages, opts.answer),
    );
  }

  private async sendMoment(messages: MomentItem[], answer?: RecordAnswerRequest): Promise<void> {
    const journal = this.stepJournal.forMessage();
    const requests: MomentMessage[] = messages.map((m, i) => {
      const first = i === 0 && journal.length ? { journal } : {};
      return m.to === 'staff'
        ? { staff: { ...first, ...this.staffAlert(m.track, m.step, m.kind, m.version) } }
        : {
            officer: {
              ...first,
              ...this.officerMessage(m.track, m.step, m.kind, m.version, undefined, m.scheduledFor),
            },
          };
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
      ...this.complaint,
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
}
