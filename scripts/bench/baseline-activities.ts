// The baseline's activities: one that does nothing, so what it costs is Temporal's own scheduling, and one that
// sends a prepared message through the project's pooled nodemailer transport (the fan-out's floor with timers).
import type { Mailer, OutgoingMessage } from '../../lib/mail/mailer';

export function createBaselineActivities(mailer: Mailer) {
  return {
    async nothing(): Promise<void> {},
    async sendPrepared(message: OutgoingMessage): Promise<void> {
      await mailer.send(message);
    },
  };
}
