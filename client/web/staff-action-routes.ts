// Staff's actions on a complaint, each a form POST to /staff/complaints/:id/<action> that runs one Update:
// extend a deadline, accept or return an answer, reschedule a hearing or record its outcome, close the complaint.
// Behind the staff guard of the room that registers it (staff-routes.ts).
import type { FastifyPluginCallback } from 'fastify';
import {
  closureProblem,
  extensionProblem,
  hearingOutcomeProblem,
  rescheduleProblem,
  reviewProblem,
  type HearingNext,
} from '../../lib/domain/staff-actions';
import {
  clockRestartProblem,
  clockStopDecisionProblem,
  clockStopProblem,
  type ClockStopGrounds,
} from '../../lib/domain/clock-stops';
import { interimReplyDecisionProblem } from '../../lib/domain/interim-replies';
import { dispensationOrderProblem } from '../../lib/domain/dispensation';
import { InputError } from '../../lib/procedure/validation';
import {
  closeComplaint,
  decideClockStop,
  decideInterimReply,
  restartClock,
  stopClock,
  extendDeadline,
  recordHearingOutcome,
  rescheduleHearing,
  reviewAnswer,
  setDispensation,
  addRespondent,
  transferComplaint,
} from '../../workflows/messages';
import { reopenComplaint } from '../reopen';
import { respondentAdditionProblem } from '../../lib/domain/added-respondents';
import { transferOrderProblem } from '../../lib/domain/transfers';
import { runStaffAction } from '../staff-actions';
import { complaintOfWorkflowId } from './complaint-lookup';
import { readForm } from './form-schemas';
import { htmlReply as html } from './html-reply';
import { signedInStaff } from './staff-guard';
import { complaintPage, notFoundPage } from './staff-pages';
import type { StaffRouteDependencies } from './staff-routes';

type Form = Record<string, string | undefined>;

/** The plugin: registered inside the staff room, after its guard. */
export const staffActionRoutes: FastifyPluginCallback<StaffRouteDependencies> = (app, deps, done) => {
  const { client } = deps;

  /** A staff action from a form: done → back to the complaint's page; refused → the page with the reason. */
  function action(
    path:
      | 'extend'
      | 'accept'
      | 'return'
      | 'reschedule'
      | 'dispensation'
      | 'hearing'
      | 'close'
      | 'clock-stop'
      | 'clock-restart'
      | 'clock-approve'
      | 'clock-decline'
      | 'interim-accept'
      | 'interim-refuse'
      | 'reopen'
      | 'respondent-add'
      | 'transfer',
    perform: (caseReference: string, form: Form, by: string) => Promise<unknown>,
    doneMessage: string,
  ) {
    app.post<{ Params: { id: string }; Body: Form }>(
      `/staff/complaints/:id/${path}`,
      async (request, reply) => {
        const ctx = signedInStaff(request);
        const state = await complaintOfWorkflowId(client, request.params.id);
        if (!state) return html(reply, notFoundPage(ctx, 'No such complaint.'), 404);
        try {
          // The form as its schema reads it: a repeated, mistyped or unknown field is refused by name.
          await perform(state.caseReference, readForm(path, request.body), ctx.user);
          deps.metrics.inc('complaint_staff_actions_total', { action: path });
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          return html(
            reply,
            complaintPage(
              ctx,
              (await complaintOfWorkflowId(client, request.params.id)) ?? state,
              await deps.records.noticesFor(state.workflowId),
              { text: err.message, ok: false },
            ),
            400,
          );
        }
        return reply.redirect(
          `/staff/complaints/${encodeURIComponent(state.workflowId)}?done=${encodeURIComponent(doneMessage)}`,
          303,
        );
      },
    );
  }

  const at = (f: Form) => ({ respondentId: f.respondentId ?? '', stepId: f.stepId ?? '' });
  const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

  action(
    'extend',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        extendDeadline,
        { ...at(f), until: f.until ?? '', reason: f.reason ?? '', by },
        extensionProblem,
      ),
    'The deadline was extended.',
  );
  action(
    'accept',
    (ref, f, by) =>
      runStaffAction(client, ref, reviewAnswer, { ...at(f), decision: 'accept' as const, by }, reviewProblem),
    'The answer was accepted.',
  );
  action(
    'return',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        reviewAnswer,
        { ...at(f), decision: 'return' as const, missing: f.missing ?? '', by },
        reviewProblem,
      ),
    'The answer was returned.',
  );
  action(
    'reschedule',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        rescheduleHearing,
        {
          ...at(f),
          date: f.date ?? '',
          ...(text(f.time) ? { time: text(f.time)! } : {}),
          reason: f.reason ?? '',
          by,
        },
        rescheduleProblem,
      ),
    'The hearing was rescheduled.',
  );
  action(
    'dispensation',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        setDispensation,
        { ...at(f), cutOff: f.remove === '1' ? null : (f.cutOff ?? ''), reason: f.reason ?? '', by },
        dispensationOrderProblem,
      ),
    "The summons' cut-off was changed; the officer is told.",
  );
  action(
    'hearing',
    (ref, f, by) => {
      const next: HearingNext =
        f.next === 'further-hearing'
          ? { action: 'further-hearing', date: f.date ?? '' }
          : f.next === 'fresh-demand'
            ? { action: 'fresh-demand', demands: text(f.demand) ? [text(f.demand)!] : [] }
            : { action: 'close' };
      const outcome = {
        ...at(f),
        appeared: f.appeared === '1',
        atrFiled: f.atrFiled === '1',
        firRegistered: f.firRegistered === '1',
        ...(text(f.firNumber) ? { firNumber: text(f.firNumber)! } : {}),
        ...(text(f.notes) ? { notes: text(f.notes)! } : {}),
        next,
        by,
      };
      return runStaffAction(client, ref, recordHearingOutcome, outcome, hearingOutcomeProblem);
    },
    "The hearing's outcome was recorded.",
  );
  action(
    'clock-stop',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        stopClock,
        {
          ...at(f),
          grounds: (f.grounds ?? '') as ClockStopGrounds,
          ...(text(f.details) ? { details: text(f.details)! } : {}),
          by,
        },
        clockStopProblem,
      ),
    "The step's clock was stopped; the officer is told.",
  );
  action(
    'clock-restart',
    (ref, f, by) => runStaffAction(client, ref, restartClock, { ...at(f), by }, clockRestartProblem),
    "The step's clock was restarted; the officer is told the new deadline.",
  );
  action(
    'clock-approve',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        decideClockStop,
        { ...at(f), decision: 'approve' as const, by },
        clockStopDecisionProblem,
      ),
    "The officer's request was approved: the clock stopped from the day they asked.",
  );
  action(
    'clock-decline',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        decideClockStop,
        { ...at(f), decision: 'decline' as const, ...(text(f.note) ? { note: text(f.note)! } : {}), by },
        clockStopDecisionProblem,
      ),
    "The officer's request was declined; they are told.",
  );
  for (const [path, decision] of [
    ['interim-accept', 'accept'],
    ['interim-refuse', 'refuse'],
  ] as const)
    action(
      path,
      (ref, f, by) =>
        runStaffAction(
          client,
          ref,
          decideInterimReply,
          { ...at(f), decision, ...(text(f.note) ? { note: text(f.note)! } : {}), by },
          interimReplyDecisionProblem,
        ),
      decision === 'accept'
        ? 'The interim reply was accepted; the officer is told.'
        : 'The expected date was refused; the officer is told.',
    );
  action(
    'close',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        closeComplaint,
        {
          action: f.action === 'dispose' ? ('dispose' as const) : ('withdraw' as const),
          reason: f.reason ?? '',
          by,
        },
        closureProblem,
      ),
    'The complaint was closed.',
  );
  // Not an Update: a closed complaint's next life, a new run under its workflow ID (client/reopen.ts).
  action(
    'reopen',
    (ref, f, by) =>
      reopenComplaint(client, deps.taskQueue, ref, {
        reason: f.reason ?? '',
        from: f.from ?? 'notice',
        ...(f.appeal === '1' ? { appeal: true } : {}),
        ...(text(f.demand) ? { demands: [text(f.demand)!] } : {}),
        by,
      }),
    'The complaint was reopened: each respondent gets a new letter.',
  );

  const lines = (v: string | undefined) =>
    (v ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  action(
    'respondent-add',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        addRespondent,
        {
          respondent: {
            id: (f.respondentId ?? '').trim(),
            name: (f.respondentName ?? '').trim(),
            officer: {
              name: (f.officerName ?? '').trim(),
              designation: (f.officerDesignation ?? '').trim(),
              email: (f.officerEmail ?? '').trim(),
            },
            demands: lines(f.demands),
          },
          reason: f.reason ?? '',
          by,
        },
        respondentAdditionProblem,
      ),
    'The respondent was added; its notice goes out now.',
  );
  action(
    'transfer',
    (ref, f, by) =>
      runStaffAction(
        client,
        ref,
        transferComplaint,
        {
          ...(text(f.respondentId) ? { respondentId: text(f.respondentId)! } : {}),
          body: {
            name: (f.bodyName ?? '').trim(),
            email: (f.bodyEmail ?? '').trim(),
            address: lines(f.bodyAddress),
          },
          reason: f.reason ?? '',
          by,
        },
        transferOrderProblem,
      ),
    'Transferred: the letter and the case papers go to the body.',
  );
  done();
};
