// Starting a complaint from the dashboard: the form (GET /staff/new) and its POST, which starts the workflow
// with one of the offered procedures. Behind the staff guard of the room that registers it (staff-routes.ts).
import type { FastifyPluginCallback } from 'fastify';
import { caseFileSchema } from '../../lib/procedure/case-file';
import { describeZodError, InputError } from '../../lib/procedure/validation';
import { startComplaint } from '../complaints';
import { readForm } from './form-schemas';
import { htmlReply as html } from './html-reply';
import { signedInStaff, staffContext } from './staff-guard';
import { newComplaintPage } from './staff-pages';
import type { StaffRouteDependencies } from './staff-routes';

type Form = Record<string, string | undefined>;

/** The plugin: registered inside the staff room, after its guard. */
export const newComplaintRoutes: FastifyPluginCallback<StaffRouteDependencies> = (app, deps, done) => {
  const { client } = deps;

  app.get('/staff/new', (request, reply) => {
    return html(reply, newComplaintPage(staffContext(request), deps.procedures));
  });

  app.post<{ Body: Form }>('/staff/new', async (request, reply) => {
    const ctx = signedInStaff(request);
    let f: Form;
    try {
      f = readForm('newComplaint', request.body);
    } catch (err) {
      if (err instanceof InputError)
        return html(reply, newComplaintPage(ctx, deps.procedures, {}, err.message), 400);
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
      return html(
        reply,
        newComplaintPage(ctx, deps.procedures, f, `Invalid case: ${describeZodError(parsed.error)}`),
        400,
      );
    try {
      const started = await startComplaint(client, deps.taskQueue, parsed.data, procedure);
      return reply.redirect(
        `/staff/complaints/${encodeURIComponent(started.workflowId)}?done=${encodeURIComponent('The complaint was started.')}`,
        303,
      );
    } catch (err) {
      if (err instanceof InputError)
        return html(reply, newComplaintPage(ctx, deps.procedures, f, err.message), 400);
      throw err;
    }
  });
  done();
};
