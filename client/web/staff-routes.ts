// The staff dashboard's complaints under /staff, one room: the list, a complaint's page and its attachments
// here; its actions (staff-action-routes.ts) and starting a complaint (new-complaint-routes.ts) in plugins of
// their own inside it. Its staff guard (a preHandler hook registered once, for every route of the room) admits
// a good session only, and a POST only with that session's CSRF token (staff-guard.ts). Sign-in and sign-out
// are next door (sign-in-routes.ts).
import type { Client } from '@temporalio/client';
import type { FastifyPluginCallback } from 'fastify';
import type { BlobStore } from '../../lib/web/blob-store';
import { fileNameFor, sniffAttachmentType } from '../../lib/web/file-types';
import type { Procedure } from '../../lib/procedure/procedure';
import { InputError } from '../../lib/procedure/validation';
import { listComplaintPage } from '../../lib/records/complaint-list';
import type { RecordsStore } from '../../lib/records/store';
import { complaintOfWorkflowId } from './complaint-lookup';
import { readForm } from './form-schemas';
import { htmlReply as html } from './html-reply';
import { DEFAULT_PAGE_SIZE, listParams, parseListQuery } from './list-query';
import { newComplaintRoutes } from './new-complaint-routes';
import type { SignInDependencies } from './sign-in-routes';
import { staffActionRoutes } from './staff-action-routes';
import { signedInStaff, staffContext, staffGuard } from './staff-guard';
import { badRequestPage, complaintPage, listPage, notFoundPage } from './staff-pages';

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

/** A joint inquiry's reader lists only the complaints granted to them. */
const readerScope = (readerOf: string[] | undefined) => (readerOf ? { workflowIds: readerOf } : {});

/** The plugin: `app.register(staffComplaintRoutes, deps)`. */
export const staffComplaintRoutes: FastifyPluginCallback<StaffRouteDependencies> = (app, deps, done) => {
  const { client } = deps;
  app.addHook('preHandler', staffGuard(deps.sessions));

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
      ...(query.compliance ? { compliance: query.compliance } : {}),
      ...readerScope(signedInStaff(request).readerOf),
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
    const state = await complaintOfWorkflowId(client, request.params.id);
    if (!state) return html(reply, notFoundPage(ctx, 'No such complaint.'), 404);
    const message = query.done ? { text: query.done, ok: true } : undefined;
    return html(reply, complaintPage(ctx, state, await deps.records.noticesFor(state.workflowId), message));
  });

  app.get<{ Params: { id: string; sha256: string } }>(
    '/staff/complaints/:id/attachments/:sha256',
    async (request, reply) => {
      const ctx = staffContext(request);
      const state = await complaintOfWorkflowId(client, request.params.id);
      // Only a file that an answer or interim reply of this complaint references, never any blob by its hash.
      const file = state?.respondents
        .flatMap((r) =>
          r.steps.flatMap((s) =>
            [...s.answers, ...(s.interimReplies ?? [])].flatMap((a) => a.attachments ?? []),
          ),
        )
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

  // The room's other resources, behind the same guard (a hook added before they register applies to them).
  void app.register(staffActionRoutes, deps);
  void app.register(newComplaintRoutes, deps);
  done();
};
