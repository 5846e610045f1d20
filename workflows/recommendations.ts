// Recommendations followed to compliance: staff record the commission's recommendations to a respondent (at a
// hearing's outcome, or at any time while its track runs); each opens a compliance step, a demand for proof of
// compliance that runs beside the track's other steps with its own letter, reminders and lapse (the procedure's
// `compliance` rules, or its follow-up rules). The officer sends the proof through the step's link (an answer);
// staff accept it (the recommendation is complied with) or return it (a further compliance demand says what is
// missing); or staff waive the recommendation with a reason. A track, and so the complaint, ends only when no
// compliance step is open; a hearing cannot close while a recommendation waits with no step demanding its proof.
import { refuse, Refusal } from '../lib/domain/refusals';
import {
  MAX_COMPLIANCE_DEMANDS,
  MAX_RECOMMENDATIONS_PER_RESPONDENT,
  pendingRecommendations,
  recommendationsRecordProblem,
  recommendationWaiverProblem,
  type Recommendation,
  type RecommendationRecord,
  type RecommendationsRecord,
  type RecommendationWaiver,
} from '../lib/domain/recommendations';
import {
  currentStep,
  findRespondent,
  type RespondentState,
  type StepState,
} from '../lib/domain/complaint-state';
import { action, receiptOf, reject } from './actions';
import type { Complaint } from './complaint-context';
import { recordRecommendations, waiveRecommendation, type RecommendationsReceipt } from './messages';
import { closeStep, openDemandStep, tellOfficer, type OpenDemandOptions } from './steps';
import { nowIso } from './time';

/** What a compliance step's lapse carries to the reminder it issues: the same recommendation and proof. */
export function complianceCarried(step: StepState): Pick<OpenDemandOptions, 'compliance'> {
  return step.kind === 'compliance' && step.recommendationId
    ? { compliance: { recommendationId: step.recommendationId, proofDue: step.proofDue ?? '' } }
    : {};
}

/** What a summons issued by a compliance step's lapse is about: the recommendation and its proof. */
export function complianceSummons(step: StepState): string[] | undefined {
  return step.kind === 'compliance'
    ? [...step.demands, `Proof of compliance: ${step.proofDue ?? ''}`]
    : undefined;
}

/** The recommendations still pending whose proof no open step demands (its demand lapsed into a summons). */
function unpressed(track: RespondentState): RecommendationRecord[] {
  return pendingRecommendations(track.recommendations).filter(
    (r) => !track.steps.some((s) => s.stepId === r.stepId && s.status !== 'closed'),
  );
}

/** Refuses recommendations past the respondent's bound, or renewals past a recommendation's. */
export function checkRecommendations(track: RespondentState, recommendations: Recommendation[]): void {
  const recorded = track.recommendations?.length ?? 0;
  if (recorded + recommendations.length > MAX_RECOMMENDATIONS_PER_RESPONDENT)
    throw refuse(
      Refusal.invalidArgument,
      `recommendations: respondent ${track.respondentId} has ${recorded} recommendations; at most ${MAX_RECOMMENDATIONS_PER_RESPONDENT} in all`,
    );
  const worn = unpressed(track).find((r) => r.demands >= MAX_COMPLIANCE_DEMANDS);
  if (worn)
    throw refuse(
      Refusal.invalidArgument,
      `recommendations: recommendation ${worn.recommendationId} has had ${MAX_COMPLIANCE_DEMANDS} demands for proof, the most: waive it first`,
    );
}

/** Refuses closing a hearing while a recommendation waits with no step demanding its proof. */
export function checkHearingMayClose(track: RespondentState): void {
  const waiting = unpressed(track)[0];
  if (waiting)
    throw refuse(
      Refusal.invalidArgument,
      `next.action: recommendation ${waiting.recommendationId} waits for proof of compliance: renew its demand (recommend) or waive it`,
    );
}

/** Whether a `recommend` outcome with no new recommendation has anything to renew. */
export function hasUnpressed(track: RespondentState): boolean {
  return unpressed(track).length > 0;
}

/** Opens a compliance step for a recommendation (its first demand, a renewal, or a returned proof's). */
async function demandProof(
  c: Complaint,
  track: RespondentState,
  r: RecommendationRecord,
  issuedAt: string,
  note?: string,
): Promise<StepState> {
  r.demands++;
  return openDemandStep(c, track, c.complianceDefinition(r.within), {
    issuedAt,
    demands: [r.what],
    ...(note ? { note } : {}),
    ...(r.until && r.demands === 1 ? { until: r.until } : {}),
    compliance: { recommendationId: r.recommendationId, proofDue: r.proof },
  });
}

/**
 * Records recommendations to a respondent and opens a compliance step for each; the demand for proof of those still
 * pending with no open step (lapsed into a summons) is renewed with them.
 */
export async function recommend(
  c: Complaint,
  track: RespondentState,
  recommendations: Recommendation[],
  by: string | undefined,
  at: string,
): Promise<RecommendationsReceipt['recorded']> {
  const opened: RecommendationsReceipt['recorded'] = [];
  for (const r of unpressed(track)) {
    const step = await demandProof(c, track, r, at);
    opened.push({ recommendationId: r.recommendationId, stepId: step.stepId, dueAt: step.dueAt });
  }
  const records = (track.recommendations ??= []);
  for (const given of recommendations) {
    const r: RecommendationRecord = {
      recommendationId: `R${records.length + 1}`,
      what: given.what,
      proof: given.proof,
      ...(given.within ? { within: { days: given.within.days, kind: given.within.kind } } : {}),
      ...(given.until ? { until: given.until } : {}),
      status: 'pending',
      stepId: '',
      demands: 0,
      ...(by ? { by } : {}),
      at,
    };
    records.push(r);
    c.journal(track, currentStep(track) ?? track.steps.at(-1)!, 'recommended', {
      recommendationId: r.recommendationId,
    });
    const step = await demandProof(c, track, r, at);
    opened.push({ recommendationId: r.recommendationId, stepId: step.stepId, dueAt: step.dueAt });
  }
  return opened;
}

/**
 * Staff's review of a compliance step's proof: accepted, the recommendation is complied with; returned, a further
 * compliance demand says what is missing. The caller closed the step and recorded the review.
 */
export async function reviewProof(
  c: Complaint,
  step: StepState,
  accepted: boolean,
  missing: string | undefined,
  at: string,
  by?: string,
): Promise<StepState | undefined> {
  const track = c.trackOf(step);
  const r = track.recommendations?.find((x) => x.recommendationId === step.recommendationId);
  if (!r) return undefined;
  if (accepted) {
    r.status = 'complied';
    r.settled = { at, ...(by ? { by } : {}) };
    c.journal(track, step, 'complied', { recommendationId: r.recommendationId });
    return undefined;
  }
  return demandProof(c, track, r, at, missing);
}

/** Refuses returning a proof past the recommendation's bound on demands. */
export function checkProofMayReturn(c: Complaint, step: StepState): void {
  const r = c.trackOf(step).recommendations?.find((x) => x.recommendationId === step.recommendationId);
  if (r && r.demands >= MAX_COMPLIANCE_DEMANDS)
    throw refuse(
      Refusal.invalidArgument,
      `decision: recommendation ${r.recommendationId} has had ${MAX_COMPLIANCE_DEMANDS} demands for proof, the most: accept the proof or waive the recommendation`,
    );
}

/** A respondent of this running complaint whose track still runs (its steps are where compliance runs). */
function runningTrack(c: Complaint, respondentId: string): RespondentState {
  if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
  const track = findRespondent(c.state, respondentId);
  if (!track)
    throw refuse(Refusal.noSuchStep, `respondentId: no respondent ${respondentId} in this complaint`);
  if (track.status === 'closed' || !currentStep(track))
    throw refuse(
      Refusal.stepNotOpen,
      `respondentId: the track of ${respondentId} has ended: record recommendations at its hearing's outcome, or before it closes`,
    );
  return track;
}

/** The movement's Updates: recommendations recorded at any time, and one waived. */
export const RECOMMENDATION_ACTIONS = [
  action({
    update: recordRecommendations,
    check: (c, record: RecommendationsRecord) => {
      reject(recommendationsRecordProblem(record));
      const track = runningTrack(c, record.respondentId);
      checkRecommendations(track, record.recommendations);
      // The track's step now: its line waits while the compliance steps open beside it.
      return currentStep(track)!;
    },
    apply: async (c, record, step): Promise<RecommendationsReceipt> => {
      const track = c.trackOf(step);
      const recorded = await recommend(c, track, record.recommendations, record.by, nowIso());
      return { respondentId: track.respondentId, recorded };
    },
  }),
  action({
    update: waiveRecommendation,
    check: (c, waiver: RecommendationWaiver) => {
      reject(recommendationWaiverProblem(waiver));
      if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
      const track = findRespondent(c.state, waiver.respondentId);
      if (!track)
        throw refuse(
          Refusal.noSuchStep,
          `respondentId: no respondent ${waiver.respondentId} in this complaint`,
        );
      const r = track.recommendations?.find((x) => x.recommendationId === waiver.recommendationId);
      if (!r)
        throw refuse(
          Refusal.invalidArgument,
          `recommendationId: no recommendation ${waiver.recommendationId} to ${waiver.respondentId}`,
        );
      if (r.status !== 'pending')
        throw refuse(
          Refusal.invalidArgument,
          `recommendationId: recommendation ${r.recommendationId} is already ${r.status}`,
        );
      const step = track.steps.find((s) => s.stepId === r.stepId)!;
      return step;
    },
    apply: (c, waiver, step) => {
      const track = c.trackOf(step);
      const r = track.recommendations!.find((x) => x.recommendationId === waiver.recommendationId)!;
      const at = nowIso();
      r.status = 'waived';
      r.settled = { at, reason: waiver.reason, ...(waiver.by ? { by: waiver.by } : {}) };
      c.journal(track, step, 'waived', { recommendationId: r.recommendationId });
      // Its step closes, and the officer it waited on is told once; a step already closed (lapsed) says nothing.
      if (step.status !== 'closed') {
        closeStep(c, step, 'waived');
        tellOfficer(c, step, 'recommendation-waived', 1, at);
      }
      return receiptOf(c, step);
    },
  }),
];
