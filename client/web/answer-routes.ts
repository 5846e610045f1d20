// The officer's link, served. GET shows the task and changes nothing (mail scanners open links); only a POST
// with an explicit choice acts, as an Update whose ID derives from the link, so a retry is recorded once.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  answerProblem,
  extensionRequestProblem,
  type AnswerSubmission,
  type ExtensionRequestSubmission,
} from '../../lib/answer';
import {
  linkUpdateId,
  recipientHash,
  type AnswerLinks,
  type VerifiedAnswerLink,
} from '../../lib/answer-links';
import { findStep, type ComplaintState } from '../../workflows/complaint-state';
import { acknowledgeSummons, getComplaint, requestExtension, submitAnswer } from '../../workflows/messages';
import type { BlobStore } from '../../lib/blob-store';
import type { WebMetrics } from './metrics';
import { perMinute, type RateLimits } from './rate-limits';
import type { LostSubmission } from '../../lib/mail/lost-submission-alert';
import {
  notRecordedPage,
  officerTaskPage,
  refusalPage,
  type AnswerFormValues,
  type OfficerPage,
} from './answer-pages';
import { filesProblem, readOfficerForm, storeFiles } from './officer-form';

export interface AnswerRouteDependencies {
  client: Client;
  links: AnswerLinks;
  blobs: BlobStore;
  metrics: WebMetrics;
  limits: RateLimits;
  /** Tells staff of an officer's answer that could not be recorded (by email, from the web app's process). */
  alertStaff?: (lost: LostSubmission) => Promise<void>;
}

/** Whether an Update failed because the workflow no longer runs (completed, terminated, timed out, gone). */
function notRunning(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  const message = err instanceof Error ? err.message : '';
  return /already completed|workflow execution .*(not found|completed)|terminated/i.test(message);
}

interface LinkTarget extends OfficerPage {
  claims: VerifiedAnswerLink;
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function registerAnswerRoutes(
  app: FastifyInstance,
  { client, links, blobs, metrics, limits, alertStaff }: AnswerRouteDependencies,
): void {
  /** Lost answers staff were told of, by complaint, step and action: an alert per step, not per click. */
  const alerted = new Set<string>();
  /** The complaint and step a genuine link points at, or null: forged, tampered, unknown or re-addressed. */
  async function resolve(token: string): Promise<LinkTarget | null> {
    const claims = links.verify(token);
    if (!claims) return null;
    let state: ComplaintState;
    try {
      state = await client.workflow.getHandle(claims.workflowId).query(getComplaint);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
    const step = findStep(state, claims.respondentId, claims.stepId);
    if (!step || recipientHash(step.recipient.email) !== claims.recipientHash) return null;
    const respondentName = state.respondents.find((r) => r.respondentId === claims.respondentId)?.name ?? '';
    return { claims, state, respondentName, step, action: `/answer/${token}` };
  }

  const refuse = (reply: FastifyReply) => reply.code(404).type('text/html').send(refusalPage());

  app.get<{ Params: { token: string } }>(
    '/answer/:token',
    perMinute(limits.linkPerMinute),
    async (request, reply) => {
      const target = await resolve(request.params.token);
      if (!target) return refuse(reply);
      return reply.type('text/html').send(officerTaskPage(target));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/answer/:token',
    perMinute(limits.linkPerMinute),
    async (request, reply) => {
      const { token } = request.params;
      const target = await resolve(token);
      if (!target) return refuse(reply);
      // Post/Redirect/Get: the confirmation is the link's own page, which shows what was recorded.
      const done = () => reply.redirect(`/answer/${token}`, 303);
      const { fields: form, files } = await readOfficerForm(request);
      const action = typeof form.action === 'string' ? form.action : '';
      /** Said plainly, never as a success; staff are told of an answer that was lost (once per step). */
      const notRecorded = (why: string) => {
        metrics.inc('complaint_officer_submissions_not_recorded_total', { action });
        request.log.warn({ workflowId: target.claims.workflowId, stepId: target.step.stepId, action }, why);
        const key = `${target.claims.workflowId}|${target.step.stepId}|${action}`;
        const tell = action === 'answer' && alertStaff !== undefined && !alerted.has(key);
        if (tell) {
          alerted.add(key);
          alertStaff({
            caseReference: target.state.caseReference,
            workflowId: target.claims.workflowId,
            respondentName: target.respondentName,
            stepId: target.step.stepId,
            action,
            why,
            at: new Date().toISOString(),
          }).catch((err: unknown) => {
            alerted.delete(key);
            request.log.warn(`could not alert staff: ${err instanceof Error ? err.message : String(err)}`);
          });
        }
        return reply
          .code(409)
          .type('text/html')
          .send(notRecordedPage(target, why, tell || alerted.has(key)));
      };
      // A step that holds an answer shows it: a second click of the same submission lands here.
      if (target.step.status === 'answered' || (action === 'answer' && target.step.answers.length > 0))
        return done();
      if (target.step.status === 'closed')
        return notRecorded(
          `This step was closed (${target.step.closedAs ?? 'closed'}) before your submission arrived.`,
        );
      if (target.state.closure)
        return notRecorded('This complaint was closed before your submission arrived.');

      const values: AnswerFormValues = {
        atrText: typeof form.atrText === 'string' ? form.atrText : undefined,
        firNumber: optional(form.firNumber),
        firDate: optional(form.firDate),
        reason: optional(form.reason),
        requestedDate: optional(form.requestedDate),
      };
      const invalid = (message: string) =>
        reply
          .code(400)
          .type('text/html')
          .send(officerTaskPage(target, values, message));
      const { respondentId, stepId, workflowId } = target.claims;
      const handle = client.workflow.getHandle(workflowId);

      // A file over the limit stops the form being read: say so, whatever the rest of it holds.
      const fileProblem = filesProblem(files);
      if (fileProblem) return invalid(fileProblem);
      try {
        switch (action) {
          case 'answer': {
            const answer: AnswerSubmission = {
              respondentId,
              stepId,
              atrText: values.atrText ?? '',
              ...(values.firNumber ? { firNumber: values.firNumber } : {}),
              ...(values.firDate ? { firDate: values.firDate } : {}),
            };
            const problem = answerProblem(answer);
            if (problem) return invalid(problem);
            if (files.length) answer.attachments = await storeFiles(blobs, files);
            await handle.executeUpdate(submitAnswer, {
              args: [answer],
              updateId: linkUpdateId(token, 'answer'),
            });
            metrics.inc('complaint_officer_actions_total', { action: 'answer' });
            return done();
          }
          case 'request-extension': {
            const ask: ExtensionRequestSubmission = {
              respondentId,
              stepId,
              reason: values.reason ?? '',
              ...(values.requestedDate ? { requestedDate: values.requestedDate } : {}),
            };
            const problem = extensionRequestProblem(ask);
            if (problem) return invalid(problem);
            const updateId = linkUpdateId(
              token,
              'request-extension',
              `${ask.reason}\n${ask.requestedDate ?? ''}`,
            );
            await handle.executeUpdate(requestExtension, { args: [ask], updateId });
            metrics.inc('complaint_officer_actions_total', { action: 'request-extension' });
            return done();
          }
          case 'acknowledge':
            await handle.executeUpdate(acknowledgeSummons, {
              args: [{ respondentId, stepId }],
              updateId: linkUpdateId(token, 'acknowledge', `${target.step.version}`),
            });
            metrics.inc('complaint_officer_actions_total', { action: 'acknowledge' });
            return done();
          default:
            return invalid('Choose one of the buttons to send your answer or request.');
        }
      } catch (err) {
        if (notRunning(err))
          return notRecorded('This complaint no longer takes answers: it is not running any more.');
        // Refused by the complaint (its validator): changed meanwhile, say how.
        if (err instanceof WorkflowUpdateFailedError) {
          const reason = (err.cause?.message ?? err.message).replace(/^\w+: /, '');
          // Staff are changing the step this very moment: the same submission will go through shortly.
          if (/being changed; try again/.test(reason))
            return invalid(
              'The Commission is updating this step right now. Please submit again in a moment.',
            );
          return notRecorded(`The complaint did not take it: ${reason}.`);
        }
        throw err;
      }
    },
  );
}
