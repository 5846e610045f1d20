// Messages render untrusted text (case subjects, demands, staff notes) escaped in HTML and intact in text.
import { hearingInvitation } from '../../lib/mail/hearing-invitation';
import { renderOfficerMessage } from '../../lib/mail/officer-messages';
import { renderStaffAlert } from '../../lib/mail/staff-alerts';

const evil = '<script>alert("x")</script> & <b>bold</b>';

test('an officer message escapes every field in HTML, states the deadline in the zone, and carries the link', () => {
  const m = renderOfficerMessage({
    kind: 'overdue-reminder',
    caseReference: 'NCPCR/2021/05/0291',
    subject: `Subject ${evil}`,
    commissionName: 'NCPCR',
    respondentName: `Police ${evil}`,
    recipient: { name: 'The Commissioner', designation: 'Commissioner of Police' },
    demands: [`Send ${evil}`],
    timeZone: 'Asia/Kolkata',
    answerUrl: 'https://commission.example/answer/abc.def',
    dueAt: '2021-06-15T11:30:00Z',
    lapsedDueAt: '2021-06-05T11:30:00Z',
    note: evil,
  });
  expect(m.html).not.toContain('<script>');
  expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  expect(m.text).toContain(`Send ${evil}`);
  expect(m.text).toContain('New deadline: Tuesday 15 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)');
  expect(m.text).toContain(
    'The deadline of Saturday 5 June 2021, 17:00 (Asia/Kolkata, UTC+05:30) has passed',
  );
  expect(m.subject).toBe(
    `Overdue reminder NCPCR/2021/05/0291: Subject ${evil} (New deadline: Tuesday 15 June 2021)`,
  );
  expect(m.html).toContain('href="https://commission.example/answer/abc.def"');
});

test('a staff alert escapes too and links to the console', () => {
  const m = renderStaffAlert({
    kind: 'hearing-tomorrow',
    caseReference: 'NCPCR/2021/05/0291',
    subject: evil,
    commissionName: 'NCPCR',
    respondentName: 'Delhi Police',
    stepId: 'summons',
    demands: [evil],
    timeZone: 'Asia/Kolkata',
    at: '2021-06-29T05:30:00Z',
    consoleUrl: 'http://localhost:8233/namespaces/default/workflows/complaint-NCPCR-2021-05-0291',
  });
  expect(m.subject).toBe('Hearing tomorrow: NCPCR/2021/05/0291 (Delhi Police)');
  expect(m.html).not.toContain('<script>');
  expect(m.text).toContain('Tuesday 29 June 2021, 11:00');
});

test('the hearing invitation escapes text values and folds long lines at 75 octets', () => {
  const ics = hearingInvitation({
    uid: 'abc@commission.example',
    sequence: 1,
    start: '2021-06-29T05:30:00Z',
    end: '2021-06-29T06:30:00Z',
    stamp: '2021-06-15T11:30:00Z',
    summary: 'Hearing; NCPCR, Delhi Police',
    description: 'x'.repeat(200),
    location: 'National Commission for Protection of Child Rights, New Delhi',
    organizer: { name: 'NCPCR', email: 'complaints@ncpcr.example' },
    attendee: { name: 'The "Deputy" Commissioner', email: 'dcp@police.example' },
  });
  expect(ics).toContain('SUMMARY:Hearing\\; NCPCR\\, Delhi Police');
  expect(ics).toContain('DTSTART:20210629T053000Z');
  expect(ics).toContain('ATTENDEE;CN="The Deputy Commissioner"');
  for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
});
