// Wires the activities' dependencies from configuration: the records store, the SMTP mailer (watched for
// outages), the link signer, the threads that render letters.
import { Runtime } from '@temporalio/worker';
import type { ActivityDependencies } from '../activities';
import { AnswerLinks } from '../lib/mail/answer-links';
import { complaintConsoleUrl, type AppConfig } from '../lib/config';
import { openLetterhead } from '../lib/mail/letters/letter-pdf';
import { LetterRenderPool } from '../lib/mail/letters/letter-render-pool';
import { createSmtpMailer } from '../lib/mail/mailer';
import { DEFAULT_PROCEDURE } from '../lib/procedure/procedure';
import { RecordsStore } from '../lib/records/store';
import { MailOutageWatch } from './mail-outage-watch';

export interface OwnedDependencies extends ActivityDependencies {
  close(): Promise<void>;
}

export async function openActivityDependencies(config: AppConfig): Promise<OwnedDependencies> {
  // First: a logo that is not a PNG or JPEG stops the worker here, before anything is opened.
  const letterhead = openLetterhead(config.commission);
  const records = await RecordsStore.open(config.databaseUrl);
  const watch = new MailOutageWatch({
    alertAfterMs: config.smtpOutageAlertAfterMs,
    meter: Runtime.instance().metricMeter,
    staff: { name: 'Commission staff', email: config.staffAlertsTo },
    mailFrom: config.mailFrom,
    timeZone: DEFAULT_PROCEDURE.rules.timeZone,
  });
  const mailer = createSmtpMailer(config.smtpUrl, { onDelivery: watch.delivery });
  watch.connect(mailer, records);
  // Its threads start with the first letter (LETTER_RENDER_THREADS), and end with the worker.
  const letters = new LetterRenderPool(config.letterRendering);
  return {
    records,
    mailer,
    links: new AnswerLinks(config.linkSecret, config.publicBaseUrl),
    mailFrom: config.mailFrom,
    letterhead,
    letters,
    consoleUrlFor: (workflowId) => complaintConsoleUrl(config, workflowId),
    staffLapseAlerts: config.staffLapseAlerts,
    async close() {
      await watch.idle();
      await letters.close();
      mailer.close();
      await records.close();
    },
  };
}
