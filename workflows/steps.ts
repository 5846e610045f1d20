// A complaint's steps: opening one (a demand or a summons, its dates from an activity or planned with the step
// before it), giving one new dates (the one place a step is rescheduled and its version bumped), closing one.
import type {
  ClockStopRule,
  DemandDefinition,
  RecipientRole,
  SummonsStepDefinition,
} from '../lib/procedure/procedure';
import type { DemandPlan, HearingPlan, NextStepRequest } from '../lib/procedure/schedule';
import { planDemand, planHearing } from './activity-proxies';
import type { Complaint } from './complaint-context';
import type {
  Hearing,
  Officer,
  OfficerUpdateKind,
  RespondentState,
  StepClosure,
  StepState,
} from '../lib/domain/complaint-state';
import { nowIso } from './time';
import { dispensationAfterMove, openingDispensation } from '../lib/domain/dispensation';

export interface OpenDemandOptions {
  issuedAt: string;
  receivedOn?: string;
  demands: string[];
  note?: string;
  lapsedDueAt?: string;
  /** A date staff set (a recommendation's `until`) instead of the definition's period. */
  until?: string;
  /** A compliance step: the recommendation it demands the proof of, and that proof. */
  compliance?: { recommendationId: string; proofDue: string };
}

function recipientFor(c: Complaint, respondentId: string, who: RecipientRole): Officer {
  const r = c.respondent(respondentId);
  const officer = { ...(who === 'summoned-officer' ? (r.summonedOfficer ?? r.officer) : r.officer) };
  const corrected = c.track(respondentId).correctedAddresses?.[who];
  return corrected ? { ...officer, email: corrected } : officer;
}

function newStepId(track: RespondentState, base: string): string {
  const taken = new Set(track.steps.map((s) => s.stepId));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** What a demand's lapse issues, for its plan to be made with the demand's own (no activity at the lapse). */
export function nextStepRequest(
  c: Complaint,
  def: Pick<DemandDefinition, 'onLapse'>,
): { then: NextStepRequest } | Record<string, never> {
  if (def.onLapse.next === null) return {};
  const next = c.stepDefinition(def.onLapse.next);
  if (next.kind === 'summons')
    return {
      then: {
        kind: 'hearing',
        hearingAfter: next.hearingAfter,
        time: next.hearingTime,
        ...(next.dispensation ? { reportBefore: next.dispensation.reportBefore } : {}),
      },
    };
  const { answerWithin, dueSoonReminderBefore, onLapse } = next;
  // Lapses only move forward through the procedure (validated), so this ends.
  const further = nextStepRequest(c, next);
  return { then: { kind: 'demand', answerWithin, dueSoonReminderBefore, onLapse, ...further } };
}

/** The part of the procedure's clock-stop rule the pages and the CLI show (not its letters' legal basis). */
function clockRuleOf({
  counts,
  maxStops,
  maxDays,
  officerMayRequest,
}: ClockStopRule): StepState['clockRule'] {
  return { counts, maxStops, officerMayRequest, ...(maxDays !== undefined ? { maxDays } : {}) };
}

/** What every step starts with: its first version, open, nothing answered, extended or asked yet. */
function unstarted(): Pick<
  StepState,
  'version' | 'status' | 'overdue' | 'answers' | 'extensions' | 'extensionRequests'
> {
  return { version: 1, status: 'open', overdue: false, answers: [], extensions: [], extensionRequests: [] };
}

/** Adds an opened step to its track: journaled, and the search attributes follow. */
function addStep(
  c: Complaint,
  track: RespondentState,
  step: StepState,
  details: Record<string, unknown>,
): void {
  // Opened in a life after the first (a reopened complaint): the earlier lives' steps stay as their history.
  if (c.state.lives) step.life = c.state.lives.length;
  track.steps.push(step);
  c.journal(track, step, 'opened', details);
  c.publish();
}

/** Opens a demand step: its dates from `planned` (made when the step before it was planned), or an activity. */
export async function openDemandStep(
  c: Complaint,
  track: RespondentState,
  def: DemandDefinition,
  opts: OpenDemandOptions,
  planned?: DemandPlan,
): Promise<StepState> {
  const plan =
    planned ??
    (await c.whileOpening(() =>
      planDemand({
        rules: c.procedure.rules,
        issuedAt: opts.issuedAt,
        ...(opts.receivedOn ? { receivedOn: opts.receivedOn } : {}),
        ...(opts.until ? { until: opts.until } : { answerWithin: def.answerWithin }),
        dueSoonReminderBefore: def.dueSoonReminderBefore,
        onLapse: def.onLapse,
        ...nextStepRequest(c, def),
      }),
    ));
  const step: StepState = {
    stepId: newStepId(track, def.id),
    definitionId: def.id,
    // A compliance step keeps its kind through the reminders its lapse issues.
    kind: opts.compliance ? 'compliance' : def.kind,
    demands: opts.demands,
    ...(opts.compliance
      ? { recommendationId: opts.compliance.recommendationId, proofDue: opts.compliance.proofDue }
      : {}),
    ...(opts.until ? { until: opts.until } : {}),
    recipient: recipientFor(c, track.respondentId, def.recipient),
    ...(opts.note ? { note: opts.note } : {}),
    ...(opts.lapsedDueAt ? { lapsedDueAt: opts.lapsedDueAt } : {}),
    issuedAt: opts.issuedAt,
    issuedOn: plan.issuedOn,
    dueAt: plan.dueAt,
    dueDate: plan.dueDate,
    dueText: plan.dueText,
    ...(plan.derivation ? { derivation: plan.derivation } : {}),
    dueSoonAt: plan.dueSoonAt,
    escalatesAt: plan.escalatesAt,
    ...(plan.next ? { plannedNext: plan.next } : {}),
    ...(def.clockStops ? { clockRule: clockRuleOf(def.clockStops) } : {}),
    ...(def.interimReplies ? { interimRule: { ...def.interimReplies } } : {}),
    ...unstarted(),
  };
  addStep(c, track, step, { dueAt: step.dueAt, demands: step.demands.length });
  // The recommendation's proof is demanded by this step now.
  const recommendation = track.recommendations?.find(
    (r) => r.recommendationId === opts.compliance?.recommendationId,
  );
  if (recommendation) recommendation.stepId = step.stepId;
  return step;
}

/** Opens a summons: the hearing's date from `planned` (made with the step before it), or an activity. */
export async function openSummonsStep(
  c: Complaint,
  track: RespondentState,
  def: SummonsStepDefinition,
  issuedAt: string,
  planned?: HearingPlan,
  /** What the summons is about, when not the respondent's demands (a recommendation not complied with). */
  about?: string[],
): Promise<StepState> {
  const plan =
    planned ??
    (await c.whileOpening(() =>
      planHearing({
        rules: c.procedure.rules,
        issuedAt,
        hearingAfter: def.hearingAfter,
        time: def.hearingTime,
        ...(def.dispensation ? { reportBefore: def.dispensation.reportBefore } : {}),
      }),
    ));
  const step: StepState = {
    stepId: newStepId(track, def.id),
    definitionId: def.id,
    kind: 'summons',
    demands: [
      ...(about
        ? ['Appear in person before the Commission with the proof of compliance', ...about]
        : [
            'Appear in person before the Commission with the Action Taken Report',
            ...c.respondent(track.respondentId).demands,
          ]),
    ],
    recipient: recipientFor(c, track.respondentId, def.recipient),
    issuedAt,
    issuedOn: plan.issuedOn,
    dueAt: plan.hearingAt,
    dueDate: plan.hearingDate,
    dueText: plan.hearingText,
    ...(plan.derivation ? { derivation: plan.derivation } : {}),
    dueSoonAt: null,
    escalatesAt: null,
    ...unstarted(),
    hearing: {
      hearingAt: plan.hearingAt,
      hearingText: plan.hearingText,
      hearingDayStartsAt: plan.hearingDayStartsAt,
      alertAt: plan.alertAt,
      rescheduled: [],
      outcomes: [],
      ...openingDispensation(plan),
    },
  };
  addStep(c, track, step, {
    hearingAt: step.dueAt,
    ...(plan.dispensation ? { cutOffAt: plan.dispensation.cutOffAt } : {}),
  });
  return step;
}

/**
 * Gives a step new dates: a demand's deadline (and its reminder and escalation), or a hearing's. The one place
 * a step is rescheduled: the version bump re-arms the track's timers, and the messages of the new version (the
 * new date) are all still to come.
 */
export function reschedule(
  step: StepState,
  dates: Pick<StepState, 'dueAt' | 'dueDate' | 'dueText'> &
    Partial<Pick<StepState, 'dueSoonAt' | 'escalatesAt' | 'derivation'> & Pick<DemandPlan, 'next'>>,
): void {
  const { dueAt, dueDate, dueText, dueSoonAt, escalatesAt, next, derivation } = dates;
  Object.assign(step, { dueAt, dueDate, dueText }, dueSoonAt !== undefined ? { dueSoonAt, escalatesAt } : {});
  // The old date's derivation explains it no more.
  if (derivation) step.derivation = derivation;
  else delete step.derivation;
  // A demand's next step is planned again with its new escalation (or, without a plan, when it is due).
  if (dueSoonAt !== undefined) {
    if (next) step.plannedNext = next;
    else delete step.plannedNext;
  }
  step.overdue = false;
  step.version++;
}

export function closeStep(c: Complaint, step: StepState, as: StepClosure): void {
  step.status = 'closed';
  step.closedAs = as;
  step.closedAt = nowIso();
  c.journal(c.trackOf(step), step, 'closed', { as });
  c.publish();
}

/** Tells a step's officer what happened to their step (a decision, their clock), beside the clock, once. */
export function tellOfficer(
  c: Complaint,
  step: StepState,
  kind: OfficerUpdateKind,
  version: number,
  scheduledFor: string,
): void {
  c.outbox.dispatchMoment([{ track: c.trackOf(step), step, version, scheduledFor, to: 'officer', kind }]);
}

/**
 * Moves a demand's deadline to a date (an extension by staff, an interim reply's expected date): planned as a date
 * set by staff (the next working day if it is not one), its reminders and escalation with it, in the ledger of
 * extensions. The caller tells the officer.
 */
export async function extendTo(
  c: Complaint,
  step: StepState,
  extension: { until: string; reason: string; by?: string; at: string },
): Promise<void> {
  const def = c.demandDefinition(step);
  const plan = await planDemand({
    rules: c.procedure.rules,
    issuedAt: extension.at,
    until: extension.until,
    dueSoonReminderBefore: def.dueSoonReminderBefore,
    onLapse: def.onLapse,
    ...nextStepRequest(c, def),
  });
  const previousDueAt = step.dueAt;
  step.extensions.push({ previousDueAt, dueAt: plan.dueAt, ...extension });
  reschedule(step, plan);
  c.journal(c.trackOf(step), step, 'extended', { previousDueAt, reason: extension.reason });
}

/**
 * Gives a summons its hearing's new date (staff moved it, or holidays did): the old one kept in `rescheduled` with
 * why, the acknowledgement asked again, and the summons sent again with the new date (the version bump).
 */
export function moveHearingTo(
  step: StepState,
  plan: HearingPlan,
  why: Omit<Hearing['rescheduled'][number], 'hearingAt'>,
): void {
  const hearing = step.hearing!;
  hearing.rescheduled.push({ hearingAt: hearing.hearingAt, ...why });
  Object.assign(hearing, {
    hearingAt: plan.hearingAt,
    hearingText: plan.hearingText,
    hearingDayStartsAt: plan.hearingDayStartsAt,
    alertAt: plan.alertAt,
  });
  delete hearing.acknowledgedAt;
  // The condition moves with the hearing (the procedure's), or stays as staff left it while it still falls before.
  const dispensation = dispensationAfterMove(hearing, plan.hearingDate, plan.dispensation);
  if (dispensation) hearing.dispensation = dispensation;
  else delete hearing.dispensation;
  reschedule(step, {
    dueAt: plan.hearingAt,
    dueDate: plan.hearingDate,
    dueText: plan.hearingText,
    ...(plan.derivation ? { derivation: plan.derivation } : {}),
  });
}
