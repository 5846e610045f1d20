// A letter that cannot be rendered within its bound fails that one message, plainly: the outbox row and the
// complaint mark it undeliverable with the reason, staff get the 'message-undeliverable' alert saying why, and
// the rest of the complaint goes on (the other respondent's letters arrive, the clock runs, later letters are
// tried in their turn). Real pools, threads and aborts: the subsidiary's letters go to a pool whose bound no
// letter meets (1 ms), as a letter whose text takes longer than LETTER_RENDER_TIMEOUT would; Delhi Police's go
// to one with the default bound. The world: test/helpers/time-skipping-world.ts.
import type { ParsedMail } from 'mailparser';
import type { LetterRenderer } from '../../lib/mail/letters/letter-render-pool';
import { LetterRenderPool } from '../../lib/mail/letters/letter-render-pool';
import { getComplaint } from '../../workflows/messages';
import { SUBSIDIARY } from '../helpers/fixtures';
import { pdfText } from '../helpers/pdf-text';
import { COMMISSION, eventually, OFFICER, useTimeSkippingWorld } from '../helpers/time-skipping-world';

const withinBound = new LetterRenderPool({ threads: 1, timeoutMs: 20_000 });
const neverInTime = new LetterRenderPool({ threads: 1, timeoutMs: 1 });
const letters: LetterRenderer = {
  render: (letter, signal) =>
    (letter.to.authority === SUBSIDIARY.name ? neverInTime : withinBound).render(letter, signal),
  renderDocument: (document, signal) => withinBound.renderDocument(document, signal),
};
const world = useTimeSkippingWorld({ dependencies: { letters } });
const { newAnchor, at, advanceTo, freshCase, start, mailsFor, otherMailsFor } = world;
afterAll(() => Promise.all([withinBound.close(), neverInTime.close()]));

const REASON = 'the letter could not be rendered within 1 ms';
const recipientOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const pdfOf = (mail: ParsedMail) =>
  mail.attachments.find((a) => a.contentType === 'application/pdf')!.content;

test('a letter not rendered within its bound: undeliverable with the reason, staff told why; the other respondent and the clock go on', async () => {
  await newAnchor();
  const seed = freshCase();
  // The subsidiary's demands as large as a case file allows: 20 of 2,000 characters without a space.
  const demands = Array.from({ length: 20 }, (_, i) =>
    `https://records.example/${i}/${'x'.repeat(2000)}`.slice(0, 2000),
  );
  const caseFile = { ...seed, respondents: [...seed.respondents, { ...SUBSIDIARY, demands }] };
  const handle = await start(caseFile); // resolves once each notice went out or was given up

  // Delhi Police's notice went out, its letter attached.
  const [notice] = mailsFor(caseFile);
  expect(recipientOf(notice!)).toBe(OFFICER);
  expect(pdfText(pdfOf(notice!))).toContain(
    `Letter No. / पत्र सं.: ${caseFile.caseReference}/delhi-police/notice/1`,
  );
  // The subsidiary's did not, and will not: in the complaint and in the outbox, with the reason.
  let state = await handle.query(getComplaint);
  const subsidiary = () => state.respondents.find((r) => r.respondentId === SUBSIDIARY.id)!;
  const officerMessages = () => subsidiary().messages.filter((m) => m.to === SUBSIDIARY.officer.email);
  expect(officerMessages()).toEqual([expect.objectContaining({ kind: 'notice', undeliverable: REASON })]);
  const rows = await world.records.noticesFor(handle.workflowId);
  expect(rows.find((r) => r.respondent_id === SUBSIDIARY.id && r.kind === 'notice')).toMatchObject({
    status: 'undeliverable',
    failure: REASON,
  });
  // Staff are told, in words that say what happened (not a mail server's refusal).
  const isAlert = (m: ParsedMail) =>
    m.subject === `Message undeliverable: ${caseFile.caseReference} (${SUBSIDIARY.name})`;
  const [alert] = await world.sink.waitForMessages(1, isAlert, 15_000);
  expect(recipientOf(alert!)).toBe(COMMISSION);
  const [sentence] = alert!.text!.split('\n').filter((line) => line.startsWith('The letter to'));
  expect(sentence).toMatch(`The letter to ${SUBSIDIARY.name} for step notice (due `);
  expect(sentence).toMatch(`) was not sent and will not be: ${REASON}. The step's deadline runs on`);
  expect(alert!.text).not.toContain('mail server');

  // The clock goes on: on day 5 each step's due-soon reminder is due. Delhi Police's arrives as a letter; the
  // subsidiary's is tried in its turn (the pool's thread was replaced) and fails the same way (staff were told
  // of this step's undeliverable message once, as of any step's).
  await advanceTo(at(5, '10:01'));
  state = await eventually(handle, (s) =>
    s.respondents.every((r) => r.messages.some((m) => m.kind === 'due-soon-reminder')),
  );
  const reminder = mailsFor(caseFile).find((m) => m.subject?.startsWith('Reminder: deadline approaching'));
  expect(recipientOf(reminder!)).toBe(OFFICER);
  expect(pdfText(pdfOf(reminder!))).toContain(`Reminder: deadline approaching`);
  expect(officerMessages().map((m) => [m.kind, m.undeliverable])).toEqual([
    ['notice', REASON],
    ['due-soon-reminder', REASON],
  ]);
  // Nothing ever reached the subsidiary's officer.
  expect(world.sink.messages.filter((m) => recipientOf(m) === SUBSIDIARY.officer.email)).toEqual([]);
  expect(otherMailsFor(caseFile).filter(isAlert)).toHaveLength(1);
  await handle.terminate('end of test');
});
