// Official letters from a real complaint: the notice, the overdue reminder and the summons that reached the SMTP
// sink each carry the letter as a PDF, read back with pdftotext: case reference, the date each was issued (the
// day its timer fired, in Kolkata), deadline or hearing, the legal basis the procedure names, the signatory and
// contact from the configuration, in English and Hindi. The answer link is in the email's body, never in the PDF.
// The world (time-skipping server, real activities, SMTP sink, records): test/helpers/time-skipping-world.ts.
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { loadConfig } from '../../lib/config';
import { HI_MONTHS } from '../../lib/mail/letters/letter-text';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { pdfText } from '../helpers/pdf-text';
import { answerLinkIn } from '../helpers/smtp-sink';
import { answer, eventually, notices, useTimeSkippingWorld, ZONE } from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, advanceTo, freshCase, start, mailsFor } = world;
const { signatory, contact, name, nameHi } = loadConfig({}).commission;

const local = (instant: string) => DateTime.fromISO(instant).setZone(ZONE);
const enDate = (instant: string) => local(instant).toFormat('d LLLL yyyy');
const hiDate = (instant: string) => {
  const d = local(instant);
  return `${d.day} ${HI_MONTHS[d.month - 1]} ${d.year}`;
};
const enMoment = (instant: string) =>
  local(instant).toFormat("cccc d LLLL yyyy, HH:mm '(Asia/Kolkata, UTC+05:30)'");

function letterOf(mail: ParsedMail): { pdf: Buffer; text: string } {
  const pdfs = mail.attachments.filter((a) => a.contentType === 'application/pdf');
  expect(pdfs).toHaveLength(1);
  expect(pdfs[0]!.filename).toMatch(/\.pdf$/);
  return { pdf: pdfs[0]!.content, text: pdfText(pdfs[0]!.content) };
}

test('a bilingual complaint: notice, overdue reminder and summons are letters, each dated the day it went out', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile); // the default procedure: English and Hindi, CPCR Act sections

  // The notice, as the officer received it.
  const [notice] = mailsFor(caseFile);
  const link = answerLinkIn(notice!);
  expect(link).toContain('/answer/');
  expect(notice!.html).toContain(`href="${link}"`);
  expect(notice!.text).toContain(`Deadline: ${enMoment(at(7, '17:00'))}`);
  expect(notice!.text).toContain('अंतिम तिथि:');
  const letter = letterOf(notice!);
  for (const expected of [
    `Notice / सूचना`,
    `Case reference / संदर्भ सं.: ${caseFile.caseReference}`,
    `Letter No. / पत्र सं.: ${caseFile.caseReference}/delhi-police/notice/1`,
    `Date of issue / दिनांक: ${enDate(at(0, '10:00'))} / ${hiDate(at(0, '10:00'))}`,
    'The Commissioner Commissioner of Police Delhi Police',
    'Sir/Madam,',
    'महोदय/महोदया,',
    '1. Register an FIR under the POCSO Act and the IT Act',
    `Deadline: ${enMoment(at(7, '17:00'))}`,
    `अंतिम तिथि: `,
    `${hiDate(at(7, '17:00'))}, 17:00 बजे`,
    'This letter is issued under section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005.',
    'यह पत्र बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13(1)(ञ) के अंतर्गत जारी किया जाता है।',
    // A letter in Hindi: the signatory's Hindi designation and the commission's Hindi name, above the English.
    `Yours faithfully, / भवदीय, ${signatory.name} ${signatory.designationHi} ${signatory.designation}`,
    `${nameHi} ${name}`,
    `Contact / संपर्क: ${contact}`,
  ])
    expect(letter.text).toContain(expected);
  // The link (and its signed token) is in the email only.
  expect(letter.text).not.toContain('/answer/');
  expect(letter.text).not.toContain('answers.test');
  expect(letter.pdf.includes(Buffer.from(link.split('/answer/')[1]!))).toBe(false);

  // No answer: the overdue reminder on day 10, the summons at the reminder's lapse on day 17.
  await advanceTo(at(17, '17:01'));
  await eventually(handle, (s) => notices(s).length === 4);
  const [, dueSoon, reminder, summons] = mailsFor(caseFile);
  expect(letterOf(dueSoon!).text).toContain(`Date of issue / दिनांक: ${enDate(at(5, '10:00'))}`);

  const reminderText = letterOf(reminder!).text;
  expect(reminderText).toContain(
    `Date of issue / दिनांक: ${enDate(at(10, '10:00'))} / ${hiDate(at(10, '10:00'))}`,
  );
  expect(reminderText).toContain(`The deadline of ${enMoment(at(7, '17:00'))} has passed without an answer.`);
  expect(reminderText).toContain(`New deadline: ${enMoment(at(17, '17:00'))}`);

  const summonsText = letterOf(summons!).text;
  for (const expected of [
    'Summons / समन',
    `Letter No. / पत्र सं.: ${caseFile.caseReference}/delhi-police/summons/1`,
    `Date of issue / दिनांक: ${enDate(at(17, '17:00'))} / ${hiDate(at(17, '17:00'))}`,
    'The Deputy Commissioner Deputy Commissioner of Police, Cyber Cell Delhi Police',
    `Hearing: ${enMoment(at(31, '11:00'))}`,
    `सुनवाई: `,
    `${hiDate(at(31, '11:00'))}, 11:00 बजे`,
    'This letter is issued under sections 13 and 14 of the Commissions for Protection of Child Rights Act, 2005.',
    'यह पत्र बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13 और 14 के अंतर्गत जारी किया जाता है।',
  ])
    expect(summonsText).toContain(expected);
  // The summons keeps its calendar invitation beside the letter.
  expect(summons!.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
  expect(letterOf(summons!).text).not.toContain('/answer/');
  await world.expectEveryMessageWhole();
  await handle.terminate('test done');
});

test('a Hindi-only procedure writes its letters in Hindi; receipts stay plain emails', async () => {
  await newAnchor();
  const hindi: Procedure = { ...DEFAULT_PROCEDURE, id: 'hindi-letters', languages: ['hi'] };
  const caseFile = freshCase();
  const handle = await start(caseFile, hindi);
  const [notice] = mailsFor(caseFile);
  const { text } = letterOf(notice!);
  expect(text).toContain('सूचना');
  expect(text).toContain(`दिनांक: ${hiDate(at(0, '10:00'))}`);
  expect(text).toContain('उपर्युक्त विषय में आयोग को प्राप्त शिकायत के संदर्भ में आपसे अपेक्षा की जाती है कि आप:');
  expect(text).toContain('कृपया अपना उत्तर उस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से भेजें');
  expect(text).not.toContain('Sir/Madam');
  expect(text).not.toContain('Deadline:');
  expect(notice!.text).toContain('अपना उत्तर अपने सुरक्षित लिंक के माध्यम से भेजें');

  // The officer answers: the receipt is a plain email, without a letter.
  await handle.executeUpdate(submitAnswer, { args: [answer('notice')] });
  const [receipt] = await world.sink.waitForMessages(1, (m) =>
    Boolean(m.subject?.startsWith(`Answer received ${caseFile.caseReference}:`)),
  );
  expect(receipt!.text).toContain('The Commission has received your answer');
  expect(receipt!.attachments.filter((a) => a.contentType === 'application/pdf')).toHaveLength(0);
  expect((await handle.query(getComplaint)).stage).toBe('review');
  await handle.terminate('test done');
});
