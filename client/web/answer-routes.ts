// The officer's link, served. GET shows the task and changes nothing (mail scanners open links); only a POST
// with an explicit choice acts, as an Update whose ID derives from the link, so it is recorded once.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { answerProblem, type AnswerSubmission } from '../../lib/answer';
import { answerUpdateId, recipientHash, type AnswerLinks } from '../../lib/answer-links';
import { findStep, type ComplaintState, type StepState } from '../../workflows/complaint-state';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { answerFormPage, answerRecordedPage, refusalPage, type AnswerFormValues } from './answer-pages';

export interface AnswerRouteDependencies {
  client: Client;
  links: AnswerLinks;
}

interface LinkTarget {
  state: ComplaintState;
  respondentName: string;
  step: StepState;
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function registerAnswerRoutes(app: FastifyInstance, { client, links }: AnswerRouteDependencies): void {
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
    return { state, respondentName, step };
  }

  const refuse = (reply: FastifyReply) => reply.code(404).type('text/html').send(refusalPage());

  app.get<{ Params: { token: string } }>('/answer/:token', async (request, reply) => {
    const target = await resolve(request.params.token);
    if (!target) return refuse(reply);
    const { state, respondentName, step } = target;
    reply.type('text/html');
    if (step.status !== 'open') return answerRecordedPage(state, respondentName, step);
    return answerFormPage(state, respondentName, step, `/answer/${request.params.token}`);
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(
    '/answer/:token',
    async (request, reply) => {
      const { token } = request.params;
      const target = await resolve(token);
      if (!target) return refuse(reply);
      const { state, respondentName, step } = target;
      const form = request.body ?? {};
      const values: AnswerFormValues = {
        atrText: typeof form.atrText === 'string' ? form.atrText : undefined,
        firNumber: optional(form.firNumber),
        firDate: optional(form.firDate),
      };
      if (step.status !== 'open') return reply.redirect(`/answer/${token}`, 303);
      if (form.action !== 'answer') {
        return reply
          .code(400)
          .type('text/html')
          .send(
            answerFormPage(
              state,
              respondentName,
              step,
              `/answer/${token}`,
              values,
              'Choose "Submit answer" to send your answer.',
            ),
          );
      }
      const claims = links.verify(token)!;
      const submission: AnswerSubmission = {
        respondentId: claims.respondentId,
        stepId: claims.stepId,
        atrText: values.atrText ?? '',
        ...(values.firNumber ? { firNumber: values.firNumber } : {}),
        ...(values.firDate ? { firDate: values.firDate } : {}),
      };
      const problem = answerProblem(submission);
      if (problem) {
        return reply
          .code(400)
          .type('text/html')
          .send(answerFormPage(state, respondentName, step, `/answer/${token}`, values, problem));
      }
      try {
        await client.workflow
          .getHandle(claims.workflowId)
          .executeUpdate(submitAnswer, { args: [submission], updateId: answerUpdateId(token) });
      } catch (err) {
        // Answered meanwhile (another tab, a retried POST after the step closed): show what was recorded.
        if (!(err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)) throw err;
      }
      // Post/Redirect/Get: the confirmation is the link's own page, which now shows the recorded answer.
      return reply.redirect(`/answer/${token}`, 303);
    },
  );
}
