// What the activities need from the world, injected by the worker (and by tests, with real components).
import type { AnswerLinks } from '../lib/mail/answer-links';
import type { Letterhead } from '../lib/mail/letters/letter';
import type { LetterRenderer } from '../lib/mail/letters/letter-render-pool';
import type { Mailer } from '../lib/mail/mailer';
import type { RecordsStore } from '../lib/records/store';
import type { StaffLapseAlerts } from '../lib/domain/complaint-state';

export interface ActivityDependencies {
  records: RecordsStore;
  mailer: Mailer;
  links: AnswerLinks;
  /** The sender of every notice, e.g. `Commission <notices@commission.example>`. */
  mailFrom: string;
  /** Who writes and signs the letters (the commission's identity: `openLetterhead(config.commission)`). */
  letterhead: Letterhead;
  /** Where letters' PDFs are rendered: the worker's thread pool; unset, the process's pool with default settings. */
  letters?: LetterRenderer;
  /** Where staff open a complaint (the link in their alerts). */
  consoleUrlFor: (workflowId: string) => string;
  /** Whether staff get an email at each lapse or only the daily digest (STAFF_LAPSE_ALERTS; unset: each). */
  staffLapseAlerts?: StaffLapseAlerts;
}
