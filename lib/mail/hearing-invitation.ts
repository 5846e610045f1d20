// The iCalendar (RFC 5545) invitation a summons carries, so the hearing lands in the officer's calendar. Its
// UID is stable per summons and its SEQUENCE grows with each new date, so a calendar moves the event rather
// than adding a second one. A hearing dispensed with is cancelled by the same UID with METHOD:CANCEL, STATUS:CANCELLED
// and a higher SEQUENCE (RFC 5546 §3.2.5), so the officer's calendar removes the event.

export interface HearingInvitation {
  uid: string;
  sequence: number;
  /** ISO instants. */
  start: string;
  end: string;
  stamp: string;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** What the calendar part asks: add or move the event (REQUEST), or remove it (CANCEL). */
export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value: quoted, without the characters a quoted value cannot hold. */
function param(value: string): string {
  return `"${value.replace(/["\r\n]/g, '')}"`;
}

function utc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function hearingInvitation(i: HearingInvitation, method: CalendarMethod = 'REQUEST'): string {
  return (
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//complaint-deadlines//summons//EN',
      'CALSCALE:GREGORIAN',
      `METHOD:${method}`,
      'BEGIN:VEVENT',
      `UID:${i.uid}`,
      `SEQUENCE:${i.sequence}`,
      `DTSTAMP:${utc(i.stamp)}`,
      `DTSTART:${utc(i.start)}`,
      `DTEND:${utc(i.end)}`,
      `SUMMARY:${text(i.summary)}`,
      `DESCRIPTION:${text(i.description)}`,
      `LOCATION:${text(i.location)}`,
      `ORGANIZER;CN=${param(i.organizer.name)}:mailto:${i.organizer.email}`,
      `ATTENDEE;CN=${param(i.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${i.attendee.email}`,
      method === 'CANCEL' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
    ]
      .map(fold)
      .join('\r\n') + '\r\n'
  );
}
