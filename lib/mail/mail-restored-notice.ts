// The message staff get when mail flows again after an outage long enough to alert on: when it stopped and
// came back, and how many messages waited. Counts only: no case, name or address.
import { formatForPeople } from '../procedure/deadlines';
import type { RenderedMessage } from './officer-messages';
import { renderStaffNotice } from './staff-notice';

export interface MailRestoredContent {
  startedAt: string;
  endedAt: string;
  /** Messages that were waiting when mail came back. */
  delayedMessages: number;
  timeZone: string;
}

export function renderMailRestored(c: MailRestoredContent): RenderedMessage {
  const minutes = Math.max(1, Math.round((Date.parse(c.endedAt) - Date.parse(c.startedAt)) / 60_000));
  const subject = `Mail is flowing again after ${minutes} minute${minutes === 1 ? '' : 's'} without it`;
  const lines = [
    `The mail server could not be reached from ${formatForPeople(c.startedAt, c.timeZone)} to ${formatForPeople(c.endedAt, c.timeZone)}.`,
    `${c.delayedMessages} message${c.delayedMessages === 1 ? ' was' : 's were'} waiting: notices, reminders and alerts go out now, each once, in the order they fell due.`,
    'Deadlines are unchanged: they were set when each step opened. Nothing needs doing, unless an officer says a notice came too late to act on.',
  ];
  return renderStaffNotice(subject, lines);
}
