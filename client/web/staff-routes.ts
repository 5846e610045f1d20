// The staff dashboard's complaints under /staff: the list, a complaint's page and its actions, starting a
// complaint, downloading attachments. One room: its staff guard (a preHandler hook registered once, for every
// route here) admits a good session only, and a POST only with that session's CSRF token (staff-guard.ts).
// Sign-in and sign-out are next door (sign-in-routes.ts).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import type { BlobStore } from '../../lib/web/blob-store';
import { fileNameFor, sniffAttachmentType } from '../../lib/web/file-types';
import { caseFileSchema, caseReferenceSchema } from '../../lib/procedure/case-file';
import { caseReferenceOfWorkflowId } from '../../lib/temporal/workflow-ids';
import type { Procedure } from '../../lib/procedure/procedure';
import {
  closureProblem,
  extensionProblem,
  hearingOutcomeProblem,
  rescheduleProblem,
  reviewProblem,
  type HearingNext,
} from '../../lib/domain/staff-actions';
import { describeZodError, InputError } from '../../lib/procedure/validation';
import {
  closeComplaint,
  getComplaint,
  extendDeadline,
  recordHearingOutcome,
  rescheduleHearing,
  reviewAnswer,
} from '../../workflows/messages';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { listComplaintPage } from '../../lib/records/complaint-list';
import type { RecordsStore } from '../../lib/records/store';
import { startComplaint } from '../complaints';
import { runStaffAction } from '../staff-actions';
import type { SignInDependencies } from './sign-in-routes';
import { signedInStaff, staffContext, staffGuard } from './staff-guard';
import { DEFAULT_PAGE_SIZE, listParams, parseListQuery } from './list-query';
import { complaintPage, listPage, badRequestPage, newComplaintPage, notFoundPage } from './staff-pages';
import { readForm } from './form-schemas';

/** The dashboard's dependencies: the sign-in room's (sessions, cookies, limits) and the complaints'. */
export interface StaffRouteDependencies extends SignInDependencies {
  client: Client;
  blobs: BlobStore;
  /** The records: the list of complaints and each complaint's messages with their delivery status. */
  records: RecordsStore;
  taskQueue: string;
  procedures: Procedure[];
}

type Form = Record<string, string | undefined>;

/** The plugin: `app.register(staffComplaintRoutes, deps)`. */
export const staffComplaintRoutes: FastifyPluginCallback<StaffRouteDependencies> = (app, deps, done) => {
  const { client } = deps;
  app.addHook('preHandler', staffGuard(deps.sessions));
  const html = (reply: FastifyReply, body: string, code = 200) =>
    reply.code(code).type('text/html').send(body);

  // A complaint's times in its procedure's zone; one started with a procedure this app does not ship, in the first's.
  const zones = new Map(deps.procedures.map((p) => [p.id, p.rules.timeZone]));
  const zone = deps.procedures[0]?.rules.timeZone ?? 'UTC';
  const zoneOf = (procedureId: string) => zones.get(procedureId) ?? zone;

  app.get<{ Querystring: Form }>('/staff', async (request, reply) => {
    const ctx = staffContext(request);
    const raw = request.query ?? {};
    let query;
    try {
      query = parseListQuery(raw);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const fallback = { sort: 'next' as const, page: 1, size: DEFAULT_PAGE_SIZE };
      return html(
        reply,
        listPage(ctx, null, fallback, { zone, zoneOf, values: listParams(raw), error: err.message }),
        400,
      );
    }
    const list = await listComplaintPage(deps.records.db, {
      sort: query.sort,
      page: query.page,
      pageSize: query.size,
      ...(query.search ? { search: query.search } : {}),
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.respondent ? { respondent: query.respondent } : {}),
      ...(query.overdue ? { overdueOnly: true } : {}),
      now: new Date().toISOString(),
    });
    return html(reply, listPage(ctx, list, query, { zone, zoneOf }));
  });

  app.get<{ Params: { id: string }; Querystring: Form }>('/staff/complaints/:id', async (request, reply) => {
    const ctx = staffContext(request);
    let query;
    try {
      query = readForm('complaintQuery', request.query);
    } catch (err) {
      if (err instanceof InputError) return html(reply, badRequestPage(ctx, err.message), 400);
      throw err;
    }
    const state = await stateOf(request.params.id);
    if (!state) return html(reply, notFoundPage(ctx, 'No such complaint.'), 404);
    const message = query.done ? { text: query.done, ok: true } : undefined;
    return html(reply, complaintPage(ctx, state, await deps.records.noticesFor(state.workflowId), message));
  });

  /** The complaint a page's URL names by its workflow ID (the dashboard's links carry IDs, not references). */
  async function stateOf(workflowId: string): Promise<ComplaintState | null> {
    const reference = caseReferenceOfWorkflowId(workflowId);
    if (!reference || !caseReferenceSchema.safeParse(reference).success) return null;
    try {
      return await client.workflow.getHandle(workflowId).query(getComplaint);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /** A staff action from a form: done → back to the complaint's page; refused → the page with the reason. */
  function action(
    path: 'extend' | 'accept' | 'return' | 'reschedule' | 'hearing' | 'close',
    perform: (caseReference: string, form: Form, by: string) => Promise<unknown>,
    done: string,
  ) {
    app.post<{ Params: { id: string }; Body: Form }>(
      `/staff/complaints/:id/${path}`,
      async (request, reply) => {
        const ctx = signedInStaff(request);
        const state = await stateOf(request.params.id);
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
              (await stateOf(request.params.id)) ?? state,
              await deps.records.noticesFor(state.workflowId),
              { text: err.message, ok: false },
            ),
            400,
          );
        }
        return reply.redirect(
          `/staff/complaints/${encodeURIComponent(state.workflowId)}?done=${encodeURIComponent(done)}`,
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

  app.get<{ Params: { id: string; sha256: string } }>(
    '/staff/complaints/:id/attachments/:sha256',
    async (request, reply) => {
      const ctx = staffContext(request);
      const state = await stateOf(request.params.id);
      // Only a file that an answer of this complaint references, never any blob by its hash.
      const file = state?.respondents
        .flatMap((r) => r.steps.flatMap((s) => s.answers.flatMap((a) => a.attachments ?? [])))
        .find((f) => f.sha256 === request.params.sha256);
      if (!file) return html(reply, notFoundPage(ctx, 'No such attachment.'), 404);
      // Recorded, so kept: a file still staged (the web app stopped before moving it) enters the store now.
      if (!(await deps.blobs.has(file.sha256))) await deps.blobs.promote(file.sha256);
      const bytes = await deps.blobs.get(file.sha256);
      // Served as what its content is, never as what its name says (a PDF named report.html is report.pdf).
      const type = sniffAttachmentType(bytes) ?? 'application/octet-stream';
      const name = type === 'application/octet-stream' ? 'attachment.bin' : fileNameFor(file.fileName, type);
      return reply
        .type(type)
        .header(
          'content-disposition',
          `attachment; filename="${name.replace(/[^A-Za-z0-9._ -]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
        )
        .send(bytes);
    },
  );

  app.get('/staff/new', (request, reply) => {
    return html(reply, newComplaintPage(staffContext(request)));
  });

  app.post<{ Body: Form }>('/staff/new', async (request, reply) => {
    const ctx = signedInStaff(request);
    let f: Form;
    try {
      f = readForm('newComplaint', request.body);
    } catch (err) {
      if (err instanceof InputError) return html(reply, newComplaintPage(ctx, {}, err.message), 400);
      throw err;
    }
    const lines = (v: string | undefined, sep: RegExp) =>
      (v ?? '')
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean);
    const parsed = caseFileSchema.safeParse({
      caseReference: f.caseReference,
      subject: f.subject,
      categories: lines(f.categories, /;/),
      receivedOn: f.receivedOn,
      summary: f.summary,
      commission: { name: f.commissionName, email: f.commissionEmail },
      respondents: [
        {
          id: f.respondentId,
          name: f.respondentName,
          officer: { name: f.officerName, designation: f.officerDesignation, email: f.officerEmail },
          demands: lines(f.demands, /\r?\n/),
        },
      ],
    });
    const procedure = deps.procedures.find((p) => p.id === f.procedure) ?? deps.procedures[0]!;
    if (!parsed.success)
      return html(reply, newComplaintPage(ctx, f, `Invalid case: ${describeZodError(parsed.error)}`), 400);
    try {
      const started = await startComplaint(client, deps.taskQueue, parsed.data, procedure);
      return reply.redirect(
        `/staff/complaints/${encodeURIComponent(started.workflowId)}?done=${encodeURIComponent('The complaint was started.')}`,
        303,
      );
    } catch (err) {
      if (err instanceof InputError) return html(reply, newComplaintPage(ctx, f, err.message), 400);
      throw err;
    }
  });
  done();
};
