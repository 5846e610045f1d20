// The raw floor of the reminder fan-out, as a process of its own (as the worker is one): `count` copies of a
// real overdue reminder sent at once through the project's pooled nodemailer transport to the SMTP sink.
// Prints {"seconds": ...}: from the first send to the last message accepted.
import { readFileSync } from 'node:fs';
import { createSmtpMailer, type OutgoingMessage } from '../../lib/mail/mailer';

async function main(): Promise<void> {
  const [smtpUrl, countText, messageFile] = process.argv.slice(2);
  const count = Number(countText);
  const template = JSON.parse(readFileSync(messageFile!, 'utf8')) as OutgoingMessage;
  const mailer = createSmtpMailer(smtpUrl!);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      mailer.send({
        ...template,
        subject: `Raw ${template.subject}`,
        to: { name: template.to.name, address: `raw-${i}@bench.example` },
        messageId: `<raw-${i}-${Date.now()}@bench.example>`,
      }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  mailer.close();
  console.log(JSON.stringify({ seconds }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
