// Watches whether mail flows, from every send's outcome in this worker. An outage that lasts longer than
// SMTP_OUTAGE_ALERT_AFTER shows: a warning in the log and the metrics below. When mail flows again, staff are
// told once (the first worker to report the outage claims it in the records), with how many messages waited.
import type { MetricMeter } from '@temporalio/common';
import { renderMailRestored } from '../lib/mail/mail-restored-notice';
import type { Mailer } from '../lib/mail/mailer';
import { messageIdFor } from '../lib/records/outbox-key';
import type { RecordsStore } from '../lib/records/store';

export interface MailOutageWatchOptions {
  alertAfterMs: number;
  meter: MetricMeter;
  /** Where staff are told that mail is back. */
  staff: { name: string; email: string };
  mailFrom: string;
  timeZone: string;
  log?: Pick<Console, 'warn' | 'log'>;
}

const NOTICE_ATTEMPTS = 3;
const NOTICE_RETRY_MS = 5_000;

export interface MailOutage {
  startedAt: Date;
  endedAt: Date;
}

export class MailOutageWatch {
  private failingSince: Date | null = null;
  private lastError = '';
  private alertTimer: NodeJS.Timeout | undefined;
  private alerted = false;
  private readonly gauges;
  private readonly outages;
  /** The staff notice being sent, if any (awaited on shutdown). */
  private reporting: Promise<void> = Promise.resolve();
  private mailer: Mailer | undefined;
  private records: RecordsStore | undefined;

  constructor(private readonly options: MailOutageWatchOptions) {
    const { meter } = options;
    this.gauges = {
      failingSince: meter.createGauge(
        'complaint_smtp_failing_since',
        'int',
        'seconds',
        'Unix time since when no message could be sent (0 while mail flows)',
      ),
      outage: meter.createGauge(
        'complaint_smtp_outage',
        'int',
        'bool',
        'Whether mail has failed for longer than SMTP_OUTAGE_ALERT_AFTER (1) or flows (0)',
      ),
    };
    this.outages = meter.createCounter(
      'complaint_smtp_outages',
      'outages',
      'SMTP outages that lasted longer than SMTP_OUTAGE_ALERT_AFTER',
    );
    this.gauges.failingSince.set(0);
    this.gauges.outage.set(0);
  }

  /** The mailer and records to tell staff with (the mailer reports to this watch, so they meet after). */
  connect(mailer: Mailer, records: RecordsStore): void {
    this.mailer = mailer;
    this.records = records;
  }

  /** Each send's outcome, from the mailer. */
  readonly delivery = (flowing: boolean, error?: Error): void => {
    const now = new Date();
    if (!flowing) {
      this.lastError = error?.message ?? 'unknown error';
      if (this.failingSince) return;
      this.failingSince = now;
      this.gauges.failingSince.set(Math.floor(now.getTime() / 1000));
      this.alertTimer = setTimeout(() => this.alert(), this.options.alertAfterMs);
      this.alertTimer.unref();
      return;
    }
    if (!this.failingSince) return;
    const outage = { startedAt: this.failingSince, endedAt: now };
    const alerted = this.alerted;
    clearTimeout(this.alertTimer);
    this.failingSince = null;
    this.alerted = false;
    this.gauges.failingSince.set(0);
    this.gauges.outage.set(0);
    if (!alerted) return;
    this.log().log(`mail: the SMTP server answers again; mail flows after ${seconds(outage)} s without it`);
    this.reporting = this.reporting.then(() => this.tellStaff(outage));
  };

  /** Waits for a staff notice under way (bounded by the mailer's own send bound). */
  async idle(): Promise<void> {
    clearTimeout(this.alertTimer);
    await this.reporting;
  }

  private alert(): void {
    if (!this.failingSince) return;
    this.alerted = true;
    this.gauges.outage.set(1);
    this.outages.add(1);
    this.log().warn(
      `WARNING mail: no message could be sent since ${this.failingSince.toISOString()} (${Math.round((Date.now() - this.failingSince.getTime()) / 1000)} s): ${this.lastError}. Messages wait and are retried; staff will be told when mail flows again.`,
    );
  }

  private async tellStaff(outage: MailOutage): Promise<void> {
    const { mailer, records } = this;
    if (!mailer || !records) return;
    const outageId = `${outage.startedAt.toISOString()}/${outage.endedAt.toISOString()}`;
    try {
      const claim = await records.claimMailOutage({
        outageId,
        startedAt: outage.startedAt.toISOString(),
        endedAt: outage.endedAt.toISOString(),
      });
      if (!claim.claimed) return; // another worker reports this outage
      const message = renderMailRestored({
        startedAt: outage.startedAt.toISOString(),
        endedAt: outage.endedAt.toISOString(),
        delayedMessages: claim.delayedMessages,
        timeZone: this.options.timeZone,
      });
      const messageId = messageIdFor(outageId, this.options.mailFrom, 'mail-restored-');
      // This worker claimed the outage: no other one will tell staff, so a failed send is tried again.
      for (let attempt = 1; ; attempt++) {
        try {
          await mailer.send({
            from: this.options.mailFrom,
            to: { name: this.options.staff.name, address: this.options.staff.email },
            messageId,
            ...message,
          });
          break;
        } catch (err) {
          if (attempt >= NOTICE_ATTEMPTS) throw err;
          await new Promise((r) => setTimeout(r, NOTICE_RETRY_MS).unref());
        }
      }
      await records.markMailOutageReported(outageId);
    } catch (err) {
      this.log().warn(
        `WARNING mail: could not tell staff that mail is back: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private log() {
    return this.options.log ?? console;
  }
}

function seconds(o: MailOutage): number {
  return Math.round((o.endedAt.getTime() - o.startedAt.getTime()) / 1000);
}
