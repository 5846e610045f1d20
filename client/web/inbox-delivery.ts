// Delivers what officers sent while no worker ran: the inbox's waiting submissions, each as the very Update the
// web app tried first (same Update ID, so the complaint applies it once even if that first try got through after
// all). Runs in the web app, every few seconds and whenever a submission comes in; settles each as recorded or
// refused, and tells staff of an answer that was refused.
import type { Client } from '@temporalio/client';
import type { BlobStore } from '../../lib/web/blob-store';
import type { LostSubmission } from '../../lib/mail/lost-submission-alert';
import type { OfficerInboxStore } from '../../lib/records/officer-inbox';
import type { InboxRow } from '../../lib/records/schema';
import { getComplaint } from '../../workflows/messages';
import { promoteRecorded } from './attachment-keeping';
import { deliverOfficerUpdate, type OfficerUpdate } from './officer-updates';

export interface InboxDeliveryOptions {
  client: Client;
  inbox: OfficerInboxStore;
  alertStaff?: (lost: LostSubmission) => Promise<void>;
  log: (message: string) => void;
  /** Where an answer's staged attachments enter the store once it is recorded. */
  blobs?: BlobStore;
  /** How often waiting submissions are tried (ms). */
  everyMs?: number;
  /** How long one delivery may take before it is tried again later (ms). */
  withinMs?: number;
}

const BATCH = 50;

export class InboxDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly o: InboxDeliveryOptions) {}

  start(): void {
    this.schedule();
  }

  /** A submission came in: try it soon (after the current round, if one runs). */
  wake(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay = this.o.everyMs ?? 2_000): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.deliverWaiting()
        .catch((err: unknown) => this.o.log(`inbox: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.running = undefined;
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? 0 : undefined);
        });
    }, delay);
    this.timer.unref();
  }

  /** One round: every waiting submission tried once, concurrently. */
  async deliverWaiting(): Promise<void> {
    const withinMs = this.o.withinMs ?? 10_000;
    const rows = await this.o.inbox.lease(BATCH, withinMs + 5_000);
    await Promise.all(rows.map((row) => this.deliver(row, withinMs)));
  }

  private async deliver(row: InboxRow, withinMs: number): Promise<void> {
    const update = {
      workflowId: row.workflow_id,
      updateId: row.update_id,
      action: row.action,
      submission: JSON.parse(row.submission!) as never,
    } as OfficerUpdate;
    const delivery = await deliverOfficerUpdate(this.o.client, update, withinMs);
    if (delivery.outcome === 'not-admitted') return; // still no worker: the lease runs out and it is tried again
    const lease = row.lease_until!;
    if (delivery.outcome === 'recorded') {
      // Before the row is settled: while it waits, the sweep keeps the files it references.
      if ((row.action === 'answer' || row.action === 'interim-reply') && this.o.blobs)
        await promoteRecorded(this.o.client, this.o.blobs, row.workflow_id, delivery.receipt);
      return this.o.inbox.settle(row.update_id, lease, { status: 'recorded' });
    }
    await this.o.inbox.settle(row.update_id, lease, { status: 'refused', reason: delivery.reason });
    this.o.log(`inbox: ${row.action} for ${row.workflow_id} step ${row.step_id} refused: ${delivery.reason}`);
    if (row.action === 'answer' && this.o.alertStaff)
      await this.o.alertStaff(await this.lost(row, delivery.reason));
  }

  private async lost(row: InboxRow, why: string): Promise<LostSubmission> {
    const state = await this.o.client.workflow
      .getHandle(row.workflow_id)
      .query(getComplaint)
      .catch(() => undefined);
    return {
      caseReference: state?.caseReference ?? row.workflow_id,
      workflowId: row.workflow_id,
      respondentName:
        state?.respondents.find((r) => r.respondentId === row.respondent_id)?.name ?? row.respondent_id,
      stepId: row.step_id,
      action: row.action,
      why,
      at: row.received_at,
    };
  }
}
