// A respondent added to a running complaint: kept in the state (a continued run carries it and resumes its track),
// given its own track from its own notice, dated from when it was added, under the complaint's procedure. Nothing
// else about the complaint changes: the other tracks' dates stand.
import {
  MAX_RESPONDENTS,
  respondentAdditionProblem,
  type RespondentAddition,
} from '../lib/domain/added-respondents';
import { findRespondent } from '../lib/domain/complaint-state';
import { refuse, Refusal } from '../lib/domain/refusals';
import { action, reject } from './actions';
import { recordAddedRespondent } from './activity-proxies';
import type { Complaint } from './complaint-context';
import { addRespondent, type RespondentAddedReceipt } from './messages';
import { runRespondentTrack } from './respondent-track';
import { nowIso } from './time';

function checkAddition(c: Complaint, addition: RespondentAddition): undefined {
  reject(respondentAdditionProblem(addition));
  // Closed, or every track has ended and the complaint is about to close: nothing is added to it.
  if (c.ended() || c.state.respondents.every((r) => r.status === 'closed'))
    throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
  const { id } = addition.respondent;
  if (findRespondent(c.state, id))
    throw refuse(Refusal.invalidArgument, `respondent.id: ${id} is already a respondent of this complaint`);
  if (c.state.respondents.length >= MAX_RESPONDENTS)
    throw refuse(
      Refusal.invalidArgument,
      `respondent: the complaint has ${c.state.respondents.length} respondents, the most a complaint may have`,
    );
  return undefined;
}

function addTrack(c: Complaint, { respondent, reason, by }: RespondentAddition): RespondentAddedReceipt {
  const at = nowIso();
  (c.state.addedRespondents ??= []).push({ ...respondent, reason, ...(by ? { by } : {}), at });
  c.state.respondents.push({
    respondentId: respondent.id,
    name: respondent.name,
    status: 'open',
    steps: [],
    messages: [],
    addedAt: at,
  });
  c.tracks.start(runRespondentTrack(c, respondent.id, at));
  // The records name it beside the case file's respondents (the dashboard's list filters by it).
  const record = { workflowId: c.workflowId, firstRunId: c.firstRunId };
  const position = c.state.respondents.length - 1;
  c.underway.start(`respondent-record|${respondent.id}`, () =>
    recordAddedRespondent({ ...record, respondentId: respondent.id, name: respondent.name, position }),
  );
  return { respondentId: respondent.id, addedAt: at };
}

export const ADDED_RESPONDENT_ACTIONS = [
  action({ update: addRespondent, check: checkAddition, apply: (c, addition) => addTrack(c, addition) }),
];
