// A transfer to another body: the complaint whole, or one respondent's track. The track(s) close as transferred
// (every open step, its officer told), the body and the date kept in the state, the complainant noted as to be told
// (complainantToTell: the complainant's messages, a later issue, deliver it). The body's letter, with the case
// papers as a PDF, goes beside the clock. Where the procedure sets a period (transfer.acknowledgeWithin), the
// transfer is watched until the body acknowledges through its link, or the period passes and a reminder goes to it
// with the staff's alert: the complaint runs until then (a whole complaint is closed as transferred at once, and
// its workflow ends when nothing is left to wait for). A continued run resumes the watch.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { TransferLetterRequest } from '../activities/transfers';
import { recipientHash } from '../lib/domain/recipient-hash';
import { refuse, Refusal } from '../lib/domain/refusals';
import {
  findRespondent,
  UNDELIVERABLE_FAILURE,
  type RespondentState,
  type StepState,
} from '../lib/domain/complaint-state';
import {
  transferAcknowledgementProblem,
  transferOrderProblem,
  WHOLE_COMPLAINT,
  type Transfer,
  type TransferAcknowledgement,
  type TransferOrder,
  type TransferReceipt,
} from '../lib/domain/transfers';
import type { TransferNotice, TransferPapers } from '../lib/mail/letters/transfer-letter';
import { action, reject } from './actions';
import {
  alertTransferUndeliverable,
  MAIL_OPTIONS,
  planDemand,
  recordClosure,
  sendTransferLetter,
  sendTransferReminder,
} from './activity-proxies';
import type { Complaint } from './complaint-context';
import type { MomentItem } from './outbox';
import { acknowledgeTransfer, transferComplaint } from './messages';
import { closeStep } from './steps';
import { nowIso, waitUntil } from './time';

/** At most this many transfers in a complaint (one per track, and the whole complaint): bounded history. */
const MAX_TRANSFERS = 51;

function checkTransfer(c: Complaint, order: TransferOrder): undefined {
  reject(transferOrderProblem(order));
  if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
  if (order.respondentId !== undefined) {
    const track = findRespondent(c.state, order.respondentId);
    if (!track)
      throw refuse(Refusal.noSuchStep, `respondentId: no respondent ${order.respondentId} in this complaint`);
    if (track.transferredAs)
      throw refuse(
        Refusal.stepNotOpen,
        `respondentId: the track of ${order.respondentId} was transferred already (${track.transferredAs})`,
      );
    // Just added, its notice still being planned: a moment later it can go.
    if (track.status === 'open' && track.steps.length === 0)
      throw refuse(
        Refusal.stepNotOpen,
        `respondentId: the notice of ${order.respondentId} is still being issued; try again in a moment`,
      );
    if (track.status === 'closed' || !track.steps.some((s) => s.status !== 'closed'))
      throw refuse(Refusal.stepNotOpen, `respondentId: the track of ${order.respondentId} has closed`);
  } else if (c.state.respondents.every((r) => r.status === 'closed'))
    throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
  if ((c.state.transfers?.length ?? 0) >= MAX_TRANSFERS)
    throw refuse(
      Refusal.invalidArgument,
      `respondentId: the complaint has ${MAX_TRANSFERS} transfers already`,
    );
  return undefined;
}

/** The tracks a transfer takes: one respondent's, or every track still open. */
function tracksOf(c: Complaint, transfer: Pick<Transfer, 'respondentId'>): RespondentState[] {
  return transfer.respondentId !== undefined
    ? [c.track(transfer.respondentId)]
    : c.state.respondents.filter((r) => !r.transferredAs && r.status !== 'closed');
}

async function transfer(c: Complaint, order: TransferOrder): Promise<TransferReceipt> {
  const at = nowIso();
  const transfers = (c.state.transfers ??= []);
  const made: Transfer = {
    transferId: `transfer-${transfers.length + 1}`,
    ...(order.respondentId !== undefined ? { respondentId: order.respondentId } : {}),
    body: order.body,
    reason: order.reason,
    ...(order.by ? { by: order.by } : {}),
    at,
  };
  // The tracks close first, before anything is awaited: no lapse of theirs may issue a step meanwhile. The transfer's
  // own work holds the complaint open from now (its tracks may all end while its acknowledgement date is planned).
  let planned!: () => void;
  c.tracks.start(new Promise<void>((resolve) => (planned = resolve)).then(() => seeThrough(c, made)));
  const told: MomentItem[] = [];
  for (const track of tracksOf(c, made)) {
    let last: StepState | undefined;
    for (const step of track.steps)
      if (step.status !== 'closed') {
        closeStep(c, step, 'transferred');
        last = step;
      }
    track.status = 'closed';
    track.transferredAs = made.transferId;
    // Its recommendations go with it: the body follows them up now.
    for (const r of track.recommendations ?? [])
      if (r.status === 'pending') {
        r.status = 'transferred';
        r.settled = { at, ...(order.by ? { by: order.by } : {}), reason: order.reason };
      }
    // The officer each open track was waiting on is told, once.
    if (last)
      told.push({ track, step: last, version: 1, scheduledFor: at, to: 'officer', kind: 'complaint-closed' });
  }
  const rule = c.procedure.transfer;
  // The acknowledgement's date, counted as any period of the procedure (working days, holidays, its time of day).
  if (rule)
    made.acknowledgeBy = (
      await c.whileOpening(() =>
        planDemand({
          rules: c.procedure.rules,
          issuedAt: at,
          answerWithin: rule.acknowledgeWithin,
          dueSoonReminderBefore: null,
          onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
        }),
      )
    ).dueAt;
  transfers.push(made);
  if (made.respondentId === undefined) {
    const closure = (c.state.closure = {
      kind: 'transferred',
      reason: order.reason,
      ...(order.by ? { by: order.by } : {}),
      at,
      transferId: made.transferId,
    });
    // The records show it closed now, while the workflow may still wait for the body's acknowledgement.
    const { kind, reason } = closure;
    c.underway.start(`closure-record|${made.transferId}`, () =>
      recordClosure({ workflowId: c.workflowId, firstRunId: c.firstRunId, kind, reason, at }),
    );
  }
  (c.state.complainantToTell ??= []).push({ kind: 'transferred', transferId: made.transferId, at });
  if (told.length) c.outbox.dispatchMoment(told);
  planned();
  return {
    transferId: made.transferId,
    ...(made.respondentId !== undefined ? { respondentId: made.respondentId } : {}),
    at,
    ...(made.acknowledgeBy ? { acknowledgeBy: made.acknowledgeBy } : {}),
  };
}

/** The link's and the outbox's part: the track's respondent, or the whole complaint. */
function partOf(t: Transfer): string {
  return t.respondentId ?? WHOLE_COMPLAINT;
}

/** What the body's letter and its reminder say of the transfer. */
function noticeOf(c: Complaint, t: Transfer, issuedAt: string): TransferNotice {
  const { caseFile, procedure } = c.input;
  return {
    languages: procedure.languages ?? ['en'],
    caseReference: caseFile.caseReference,
    transferId: t.transferId,
    issuedAt,
    timeZone: procedure.rules.timeZone,
    to: t.body,
    subject: caseFile.subject,
    reason: t.reason,
    ...(t.respondentId !== undefined ? { respondentName: c.track(t.respondentId).name } : {}),
    ...(t.acknowledgeBy ? { acknowledgeBy: t.acknowledgeBy } : {}),
  };
}

/**
 * The case papers: the case file's summary, and each respondent transferred with its officer, demands, steps
 * (dates, status) and the answers' texts. From the state and the input, whose sizes the case file's limits bound;
 * a large request travels by reference (the claim-check codec), and the PDF is made in the send activity.
 */
function papersOf(c: Complaint, t: Transfer): TransferPapers {
  const { caseFile } = c.input;
  const tracks = c.state.respondents.filter((r) => r.transferredAs === t.transferId);
  return {
    ...noticeOf(c, t, t.at),
    receivedOn: caseFile.receivedOn,
    categories: caseFile.categories,
    summary: caseFile.summary,
    respondents: tracks.map((track) => {
      const r = c.respondent(track.respondentId);
      return {
        id: r.id,
        name: r.name,
        officer: { name: r.officer.name, designation: r.officer.designation },
        demands: r.demands,
        steps: track.steps.map((s) => ({
          stepId: s.stepId,
          kind: s.kind,
          issuedAt: s.issuedAt,
          dueAt: s.dueAt,
          status: s.status,
          ...(s.closedAs ? { closedAs: s.closedAs } : {}),
          ...(s.closedAt ? { closedAt: s.closedAt } : {}),
          answers: s.answers.map((a) => ({
            receivedAt: a.receivedAt,
            atrText: a.atrText,
            ...(a.firNumber ? { firNumber: a.firNumber } : {}),
            ...(a.review ? { decision: a.review.decision } : {}),
          })),
        })),
      };
    }),
  };
}

function undeliverableReason(err: unknown): string | null {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)
    if (err.cause.type === UNDELIVERABLE_FAILURE) return err.cause.message;
  return null;
}

/**
 * Runs a send beside the clock as the complaint's other messages do (work-underway.ts): the complaint neither ends
 * nor continues as new while it is under way, so no send is abandoned half done and tried again by the next run.
 */
async function beside(c: Complaint, key: string, send: () => Promise<void>): Promise<void> {
  c.underway.start(key, send);
  await c.underway.finished(key);
}

/** The body's letter and case papers; refused for good, staff are told. */
async function sendLetter(c: Complaint, t: Transfer): Promise<void> {
  const identity = { workflowId: c.workflowId, firstRunId: c.firstRunId };
  const request: TransferLetterRequest = { ...identity, part: partOf(t), papers: papersOf(c, t) };
  try {
    const sent = await sendTransferLetter.executeWithOptions(
      { ...MAIL_OPTIONS, summary: `transfer letter [${t.transferId}]` },
      [request],
    );
    t.letter = { sentAt: nowIso(), messageId: sent.messageId };
  } catch (err) {
    const failure = undeliverableReason(err);
    if (failure === null) throw err;
    t.letter = { sentAt: nowIso(), messageId: '', undeliverable: failure };
    // The body never got it: staff are told, and nothing is awaited from the body.
    await alertTransferUndeliverable.executeWithOptions(
      { ...MAIL_OPTIONS, summary: `transfer undeliverable [${t.transferId}]` },
      [{ ...identity, part: partOf(t), notice: noticeOf(c, t, t.at), staff: staffOf(c), failure }],
    );
  }
}

/** The period passed unacknowledged: the reminder to the body and the staff's alert. */
async function sendReminder(c: Complaint, t: Transfer): Promise<void> {
  await sendTransferReminder.executeWithOptions(
    { ...MAIL_OPTIONS, summary: `transfer reminder [${t.transferId}]` },
    [
      {
        workflowId: c.workflowId,
        firstRunId: c.firstRunId,
        part: partOf(t),
        notice: noticeOf(c, t, t.acknowledgeBy!),
        staff: staffOf(c),
      },
    ],
  );
  t.reminded = { sentAt: nowIso() };
  c.publish();
}

/** Sends the letter (once), then waits for the acknowledgement or sends the reminder when the period passes. */
async function seeThrough(c: Complaint, t: Transfer): Promise<void> {
  if (!t.letter) await beside(c, `transfer-letter|${t.transferId}`, () => sendLetter(c, t));
  if (!t.acknowledgeBy || t.acknowledgedAt || t.reminded || t.letter?.undeliverable) return;
  if (await waitUntil(t.acknowledgeBy, () => t.acknowledgedAt !== undefined)) return;
  await beside(c, `transfer-reminder|${t.transferId}`, () => sendReminder(c, t));
}

function staffOf(c: Complaint): { name: string; email: string } {
  const { commission } = c.input.caseFile;
  return { name: commission.name, email: commission.email };
}

/** A continued run: each transfer not seen through yet is watched again. */
export function resumeTransfers(c: Complaint): void {
  for (const t of c.state.transfers ?? [])
    if (!t.letter || (t.acknowledgeBy && !t.acknowledgedAt && !t.reminded && !t.letter.undeliverable))
      c.tracks.start(seeThrough(c, t));
}

function checkAcknowledgement(c: Complaint, ack: TransferAcknowledgement): undefined {
  reject(transferAcknowledgementProblem(ack));
  const t = c.state.transfers?.find((x) => x.transferId === ack.transferId);
  if (!t) throw refuse(Refusal.noSuchStep, `transferId: no transfer ${ack.transferId} in this complaint`);
  if (ack.recipientHash !== undefined && ack.recipientHash !== recipientHash(t.body.email))
    throw refuse(Refusal.linkSuperseded, `link: transfer ${t.transferId} went to another address`);
  if (!t.acknowledgeBy)
    throw refuse(Refusal.stepNotOpen, `transferId: transfer ${t.transferId} asks no acknowledgement`);
  if (t.acknowledgedAt)
    throw refuse(Refusal.stepNotOpen, `transferId: transfer ${t.transferId} is acknowledged already`);
  return undefined;
}

export const TRANSFER_ACTIONS = [
  action({ update: transferComplaint, check: checkTransfer, apply: (c, order) => transfer(c, order) }),
  action({
    update: acknowledgeTransfer,
    check: checkAcknowledgement,
    apply: (c, ack) => {
      const t = c.state.transfers!.find((x) => x.transferId === ack.transferId)!;
      t.acknowledgedAt = nowIso();
      return { transferId: t.transferId, acknowledgedAt: t.acknowledgedAt };
    },
  }),
];
