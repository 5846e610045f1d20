// Wires the activities' dependencies from configuration: the records store, the SMTP mailer, the link signer.
import type { ActivityDependencies } from '../activities';
import { AnswerLinks } from '../lib/answer-links';
import { complaintConsoleUrl, type AppConfig } from '../lib/config';
import { createSmtpMailer } from '../lib/mail/mailer';
import { RecordsStore } from '../lib/records/store';

export interface OwnedDependencies extends ActivityDependencies {
  close(): Promise<void>;
}

export async function openActivityDependencies(config: AppConfig): Promise<OwnedDependencies> {
  const records = await RecordsStore.open(config.databaseUrl);
  const mailer = createSmtpMailer(config.smtpUrl);
  return {
    records,
    mailer,
    links: new AnswerLinks(config.linkSecret, config.publicBaseUrl),
    mailFrom: config.mailFrom,
    consoleUrlFor: (workflowId) => complaintConsoleUrl(config, workflowId),
    async close() {
      mailer.close();
      await records.close();
    },
  };
}
