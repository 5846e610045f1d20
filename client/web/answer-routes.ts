// The officer's link, served. GET shows the task and changes nothing (mail scanners open links); only a POST
// with an explicit choice acts, as an Update whose ID derives from the link, so a retry is recorded once. A POST
// is one round trip: the complaint's validator checks the link's recipient, step and state. When no worker can
// take it within seconds, the submission is kept in the inbox and the officer told it was received.
// A room of its own (answerRoutes, a Fastify plugin): the multipart parser serves these forms alone. The link is
// checked by each route rather than by one hook for the room, because a route's rate limit (a route-level
// onRequest hook) must count a guessed link before anything answers it.
import multipart from '@fastify/multipart';
import type { Client } from '@temporalio/client';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX,
  answerProblem,
  extensionRequestProblem,
  type AnswerSubmission,
  type ExtensionRequestSubmission,
} from '../../lib/domain/answer';
import {
  linkUpdateId,
  recipientHash,
  type AnswerLinks,
  type VerifiedAnswerLink,
} from '../../lib/mail/answer-links';
import { findStep, type ComplaintState } from '../../lib/domain/complaint-state';
import { getComplaint } from '../../workflows/messages';
import { interimReplyProblem, type InterimReplySubmission } from '../../lib/domain/interim-replies';
import {
  clockStopRequestProblem,
  type ClockStopGrounds,
  type ClockStopRequestSubmission,
} from '../../lib/domain/clock-stops';
import { Refusal } from '../../lib/domain/refusals';
import type { BlobStore } from '../../lib/web/blob-store';
import type { OfficerInboxStore } from '../../lib/records/officer-inbox';
import type { InboxRow } from '../../lib/records/schema';
import type { WebMetrics } from './metrics';
import { perMinute, type RateLimits } from './rate-limits';
import type { LostSubmission } from '../../lib/mail/lost-submission-alert';
import {
  formProblemPage,
  notRecordedPage,
  officerTaskPage,
  receivedPage,
  refusalPage,
  unavailablePage,
  type AnswerFormValues,
  type OfficerPage,
} from './answer-pages';
import type { StagedBlob } from '../../lib/web/blob-store';
import { keepRecorded } from './attachment-keeping';
import { filesProblem, FORM_MAX_BYTES, FormProblem, readOfficerForm, stageFiles } from './officer-form';
import { deliverOfficerUpdate, notAdmitted, type OfficerUpdate } from './officer-updates';
import { isTransferId } from '../../lib/domain/transfers';
import { acknowledgeReceipt, transferOf, transferPage } from './transfer-acknowledgement';

export interface AnswerRouteDependencies {
  client: Client;
  links: AnswerLinks;
  blobs: BlobStore;
  metrics: WebMetrics;
  limits: RateLimits;
  /** Tells staff of an officer's answer that could not be recorded (by email, from the web app's process). */
  alertStaff?: (lost: LostSubmission) => Promise<void>;
  /** Keeps what officers send while no worker runs; without it such a submission is refused as not recorded. */
  inbox?: { store: OfficerInboxStore; wake: () => void };
  /** How long a POST waits for its Update to be taken before it goes to the inbox (ms); also a GET's query. */
  admitWithinMs?: number;
}

interface LinkTarget extends OfficerPage {
  claims: VerifiedAnswerLink;
}

/** A form without files fits in this (the size of the urlencoded forms' limit). */
const SMALL_FORM_BYTES = 256 * 1024;

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How long a refused body is still read and dropped after the reply, before the connection is cut. */
const LINGER_MS = 1_500;

/**
 * Closes a connection whose request body is refused as a careful server does: its half first (the reply, then
 * FIN), then what the client is still sending is read and dropped for a moment, then it is cut. Cut at once, the
 * bytes still arriving make the kernel answer with a reset, and a reset makes the client's system drop the reply
 * it had not yet read: the officer would see a broken connection instead of the page saying why.
 */
function closeAfterLinger(request: IncomingMessage): void {
  const socket = request.socket;
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    request.resume(); // parsed and dropped: nothing listens any more
    const cut = setTimeout(() => this.destroy(), LINGER_MS);
    cut.unref();
    this.once('close', () => clearTimeout(cut));
  };
}

/** The plugin: `app.register(answerRoutes, deps)`. Officers' answers are the only multipart forms. */
export const answerRoutes: FastifyPluginAsync<AnswerRouteDependencies> = async (app, deps) => {
  await app.register(multipart, {
    limits: {
      fileSize: ATTACHMENT_MAX_BYTES,
      files: ATTACHMENTS_MAX + 1,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: 30,
    },
  });
  registerAnswerRoutes(app, deps);
};

function registerAnswerRoutes(
  app: FastifyInstance,
  {
    client,
    links,
    blobs,
    metrics,
    limits,
    alertStaff,
    inbox,
    admitWithinMs = 5_000,
  }: AnswerRouteDependencies,
): void {
  /** Lost answers staff were told of, by complaint, step and action: an alert per step, not per click. */
  const alerted = new Set<string>();

  /** What the inbox holds of a link's step (nothing, if the records cannot be read: the page still shows). */
  const inboxFor = async (claims: VerifiedAnswerLink): Promise<InboxRow[]> =>
    inbox ? inbox.store.forStep(claims.workflowId, claims.respondentId, claims.stepId).catch(() => []) : [];

  /**
   * The complaint and step a genuine link points at; null when forged, tampered, unknown or re-addressed;
   * 'unreachable' when the complaint cannot be asked right now (no worker running).
   */
  async function resolve(
    claims: VerifiedAnswerLink,
    token: string,
  ): Promise<LinkTarget | null | 'unreachable'> {
    let state: ComplaintState;
    try {
      state = await client.withDeadline(Date.now() + admitWithinMs, () =>
        client.workflow.getHandle(claims.workflowId).query(getComplaint),
      );
    } catch (err) {
      if (notAdmitted(err)) return 'unreachable';
      if (err instanceof Error && err.name === 'WorkflowNotFoundError') return null;
      throw err;
    }
    const step = findStep(state, claims.respondentId, claims.stepId);
    if (!step || recipientHash(step.recipient.email) !== claims.recipientHash) return null;
    const respondentName = state.respondents.find((r) => r.respondentId === claims.respondentId)?.name ?? '';
    return { claims, state, respondentName, step, action: `/answer/${token}`, inbox: await inboxFor(claims) };
  }

  const refuse = (reply: FastifyReply) => reply.code(404).type('text/html').send(refusalPage());

  /** Said plainly, never as a success; staff are told of an answer that was lost (once per step). */
  function sayNotRecorded(
    request: FastifyRequest,
    reply: FastifyReply,
    target: LinkTarget,
    action: string,
    why: string,
  ) {
    const { claims } = target;
    metrics.inc('complaint_officer_submissions_not_recorded_total', { action });
    request.log.warn({ workflowId: claims.workflowId, stepId: claims.stepId, action }, why);
    const key = `${claims.workflowId}|${claims.stepId}|${action}`;
    const tell = action === 'answer' && alertStaff !== undefined && !alerted.has(key);
    if (tell) {
      alerted.add(key);
      alertStaff({
        caseReference: target.state.caseReference,
        workflowId: claims.workflowId,
        respondentName: target.respondentName,
        stepId: claims.stepId,
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
  }

  // A reply sent before the request's body was all read (refused early) closes the connection: the server reads
  // no more of a body nobody will use, and the client cannot keep the connection open by sending it slowly.
  app.addHook('onSend', async (request, reply) => {
    if (request.raw.complete) return;
    reply.header('connection', 'close');
    closeAfterLinger(request.raw);
  });

  /**
   * Before any of a POST's body is read: the link must be genuine (signature, not expired) and the body announced
   * no larger than a form can be. Otherwise the answer goes out at once and the connection is closed unread.
   */
  const checkBeforeBody = async (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
  ) => {
    const { token } = request.params;
    const claims = links.verify(token);
    if (!claims) return refuse(reply);
    const announced = request.headers['content-length'];
    const length = announced === undefined ? Infinity : Number(announced);
    if (length > FORM_MAX_BYTES && announced !== undefined)
      return reply
        .code(413)
        .type('text/html')
        .send(
          formProblemPage(
            `form: the submission is larger than ${Math.floor(FORM_MAX_BYTES / 1024 / 1024)} MiB`,
          ),
        );
    // A large body (files) or one of unknown length, to a link whose step is closed or gone: refused before it is
    // read. (A small form is read first and checked by the complaint's validator: one round trip.)
    if (length > SMALL_FORM_BYTES) {
      const target = await resolve(claims, token);
      if (target === null) return refuse(reply);
      if (target !== 'unreachable') {
        if (target.step.status === 'closed')
          return sayNotRecorded(
            request,
            reply,
            target,
            'answer',
            `This step was closed (${target.step.closedAs ?? 'closed'}) before your submission arrived.`,
          );
        if (target.state.closure)
          return sayNotRecorded(
            request,
            reply,
            target,
            'answer',
            'This complaint was closed before your submission arrived.',
          );
      }
    }
    return undefined;
  };

  /** While the complaint cannot be asked: what waits in the inbox from this link, or "try again shortly". */
  async function unreachable(reply: FastifyReply, claims: VerifiedAnswerLink) {
    const rows = await inboxFor(claims);
    if (rows.some((r) => r.status === 'received'))
      return reply.code(202).type('text/html').send(receivedPage(rows));
    return reply.code(503).header('retry-after', '60').type('text/html').send(unavailablePage());
  }

  app.get<{ Params: { token: string } }>(
    '/answer/:token',
    perMinute(limits.linkPerMinute),
    async (request, reply) => {
      const claims = links.verify(request.params.token);
      if (!claims) return refuse(reply);
      // A transfer's link: the body's page to acknowledge receipt (transfer-acknowledgement.ts).
      if (isTransferId(claims.stepId)) {
        const transfer = await transferOf(client, claims);
        if (!transfer) return refuse(reply);
        return reply.type('text/html').send(transferPage(transfer, `/answer/${request.params.token}`));
      }
      const target = await resolve(claims, request.params.token);
      if (target === 'unreachable') return unreachable(reply, claims);
      if (!target) return refuse(reply);
      return reply.type('text/html').send(officerTaskPage(target));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/answer/:token',
    { ...perMinute(limits.linkPerMinute), onRequest: checkBeforeBody },
    async (request, reply) => {
      const { token } = request.params;
      const claims = links.verify(token);
      if (!claims) return refuse(reply);
      // Post/Redirect/Get: the confirmation is the link's own page, which shows what was recorded.
      const done = () => reply.redirect(`/answer/${token}`, 303);
      if (isTransferId(claims.stepId)) {
        const problem = await acknowledgeReceipt(client, claims, token);
        if (!problem) return done();
        const transfer = await transferOf(client, claims);
        if (!transfer) return refuse(reply);
        return reply
          .code(409)
          .type('text/html')
          .send(transferPage(transfer, `/answer/${token}`, problem));
      }
      /** A form that could not be read: said at once (the rest of the body is not read), naming the field. */
      const formProblem = (problem: FormProblem) =>
        reply.code(problem.statusCode).type('text/html').send(formProblemPage(problem.message));
      let read: Awaited<ReturnType<typeof readOfficerForm>>;
      try {
        read = await readOfficerForm(request);
      } catch (err) {
        if (!(err instanceof FormProblem)) throw err;
        // Malformed or too large: the whole POST fails, nothing recorded or stored, the field named.
        return formProblem(err);
      }
      const { fields: form, files } = read;
      const action = typeof form.action === 'string' ? form.action : '';
      const values: AnswerFormValues = {
        atrText: typeof form.atrText === 'string' ? form.atrText : undefined,
        firNumber: optional(form.firNumber),
        firDate: optional(form.firDate),
        reason: optional(form.reason),
        requestedDate: optional(form.requestedDate),
        expectedDate: optional(form.expectedDate),
        grounds: optional(form.grounds),
        details: optional(form.details),
      };
      /** The form again with what is wrong (it needs the complaint: the rare path asks it, unless known). */
      const invalid = async (message: string, known?: LinkTarget) => {
        const target = known ?? (await resolve(claims, token));
        if (target === 'unreachable') return unreachable(reply, claims);
        if (!target) return refuse(reply);
        return reply
          .code(400)
          .type('text/html')
          .send(officerTaskPage(target, values, message));
      };
      const notRecorded = (target: LinkTarget, why: string) =>
        sayNotRecorded(request, reply, target, action, why);

      // A file over the limit stops the form being read: say so, whatever the rest of it holds.
      const fileProblem = filesProblem(files);
      if (fileProblem) return invalid(fileProblem);
      const { respondentId, stepId, workflowId } = claims;
      const link = { respondentId, stepId, recipientHash: claims.recipientHash };
      let update: OfficerUpdate;
      /** This POST's files, staged: kept once its answer is recorded, removed when it is not. */
      let staged: StagedBlob[] = [];
      switch (action) {
        case 'answer': {
          const answer: AnswerSubmission = {
            ...link,
            atrText: values.atrText ?? '',
            ...(values.firNumber ? { firNumber: values.firNumber } : {}),
            ...(values.firDate ? { firDate: values.firDate } : {}),
          };
          const problem = answerProblem(answer);
          if (problem) return invalid(problem);
          if (files.length) {
            const staging = await stageFiles(blobs, files);
            answer.attachments = staging.references;
            staged = staging.staged;
          }
          update = { action, workflowId, submission: answer, updateId: linkUpdateId(token, 'answer') };
          break;
        }
        case 'request-extension': {
          const ask: ExtensionRequestSubmission = {
            ...link,
            reason: values.reason ?? '',
            ...(values.requestedDate ? { requestedDate: values.requestedDate } : {}),
          };
          const problem = extensionRequestProblem(ask);
          if (problem) return invalid(problem);
          const detail = `${ask.reason}\n${ask.requestedDate ?? ''}`;
          update = { action, workflowId, submission: ask, updateId: linkUpdateId(token, action, detail) };
          break;
        }
        case 'interim-reply': {
          const interim: InterimReplySubmission = {
            ...link,
            reason: values.reason ?? '',
            expectedDate: values.expectedDate ?? '',
          };
          const problem = interimReplyProblem(interim);
          if (problem) return invalid(problem);
          if (files.length) {
            const staging = await stageFiles(blobs, files);
            interim.attachments = staging.references;
            staged = staging.staged;
          }
          const detail = `${interim.reason}\n${interim.expectedDate}`;
          update = { action, workflowId, submission: interim, updateId: linkUpdateId(token, action, detail) };
          break;
        }
        case 'request-clock-stop': {
          const ask: ClockStopRequestSubmission = {
            ...link,
            grounds: (values.grounds ?? '') as ClockStopGrounds,
            details: values.details ?? '',
          };
          const problem = clockStopRequestProblem(ask);
          if (problem) return invalid(problem);
          const detail = `${ask.grounds}\n${ask.details}`;
          update = { action, workflowId, submission: ask, updateId: linkUpdateId(token, action, detail) };
          break;
        }
        case 'acknowledge':
          // One acknowledgement per date of the hearing: the link's page shows which version it saw.
          update = {
            action,
            workflowId,
            submission: link,
            updateId: linkUpdateId(
              token,
              action,
              /^\d{1,6}$/.test(String(form.version)) ? String(form.version) : '',
            ),
          };
          break;
        default:
          return invalid('Choose one of the buttons to send your answer or request.');
      }

      const delivery = await deliverOfficerUpdate(client, update, admitWithinMs);
      if (delivery.outcome === 'recorded') {
        metrics.inc('complaint_officer_actions_total', { action });
        // The files of the answer recorded (this one, or the first of several through this link) are kept.
        await keepRecorded(client, blobs, workflowId, delivery.receipt, staged);
        return done();
      }
      /** Kept durably, delivered once a worker takes it: the officer need not (and cannot) send it twice. */
      const keep = async (why: string) => {
        if (!inbox) return unreachable(reply, claims);
        request.log.warn({ workflowId, stepId, action }, `kept in the inbox: ${why}`);
        const kept = await inbox.store.receive({ ...update, respondentId, stepId });
        inbox.wake();
        metrics.inc('complaint_officer_submissions_kept_total', { action });
        return reply
          .code(202)
          .type('text/html')
          .send(receivedPage([kept]));
      };
      // Kept in the inbox, the files stay staged until its delivery records the answer.
      if (delivery.outcome === 'not-admitted') return keep(delivery.why);
      // Refused: this POST's files belong to no answer.
      const discardStaged = () => Promise.all(staged.map((b) => blobs.discard(b)));
      // Refused: the complaint says why; its state says whether this was a second click of what it holds.
      const target = await resolve(claims, token);
      // The refusal cannot be read against the complaint now (no worker answers its query): kept, so that the
      // inbox's delivery gives the answer for good once a worker is back (recorded, or refused on the page).
      if (target === 'unreachable') return keep(`refused, the complaint unreachable: ${delivery.reason}`);
      await discardStaged();
      // A link to an address since corrected, or no longer pointing at a step of a running complaint.
      if (!target || delivery.refusal === Refusal.linkSuperseded) return refuse(reply);
      const { step, state } = target;
      if (step.status === 'answered' || (action === 'answer' && step.answers.length > 0)) return done();
      if (action === 'acknowledge' && step.hearing?.acknowledgedAt) return done();
      if (step.status === 'closed')
        return notRecorded(
          target,
          `This step was closed (${step.closedAs ?? 'closed'}) before your submission arrived.`,
        );
      if (state.closure)
        return notRecorded(target, 'This complaint was closed before your submission arrived.');
      if (delivery.notRunning) return notRecorded(target, delivery.reason);
      return notRecorded(target, `The complaint did not take it: ${delivery.reason}.`);
    },
  );
}
