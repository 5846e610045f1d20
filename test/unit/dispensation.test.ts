// A conditional summons, pure: the procedure's dispensation validated (a bad one refused naming the field), its
// cut-off planned with the hearing and shown by the preview, the condition kept or cleared when a hearing moves, and
// the words that state it: the summons letter (English, Hindi, the PDF), the officer's updates, the calendar CANCEL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispensationAfterMove, dispensationOrderProblem } from '../../lib/domain/dispensation';
import { hearingInvitation } from '../../lib/mail/hearing-invitation';
import { letterFor, type LetterSource } from '../../lib/mail/letters/letter';
import { openLetterhead, renderLetterPdf } from '../../lib/mail/letters/letter-pdf';
import { letterBlocks } from '../../lib/mail/letters/letter-text';
import { renderOfficerUpdate, type OfficerUpdateContent } from '../../lib/mail/officer-updates';
import { loadConfig } from '../../lib/config';
import { parseCaseFile } from '../../lib/procedure/case-file';
import { planCutOff } from '../../lib/procedure/dispensation';
import { derivationShortText, derivationText } from '../../lib/procedure/date-derivation';
import { DEFAULT_PROCEDURE, parseProcedure } from '../../lib/procedure/procedure';
import { issuedOnDate, planHearing, previewSchedule } from '../../lib/procedure/schedule';
import { PROJECT_ROOT } from '../../lib/project-root';
import { SEED_CASE_PATH } from '../helpers/fixtures';
import { pdfText } from '../helpers/pdf-text';

const ZONE = 'Asia/Kolkata';
const rules = DEFAULT_PROCEDURE.rules;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const seed = parseCaseFile(readJson(SEED_CASE_PATH));
const conditional = parseProcedure(
  readJson(join(PROJECT_ROOT, 'procedures', 'ncpcr-with-conditional-summons.json')),
);

/** The NCPCR procedure with its summons' dispensation set to `dispensation`, as a file would give it. */
function withDispensation(dispensation: unknown, hearingAfter: unknown = { days: 14, kind: 'calendar' }) {
  const base = JSON.parse(JSON.stringify(DEFAULT_PROCEDURE)) as { steps: Record<string, unknown>[] };
  base.steps[2] = { ...base.steps[2], hearingAfter, dispensation };
  return base;
}

describe("a summons' dispensation in the procedure", () => {
  test('is refused naming the field: hours, no day, a cut-off not after the summons, a stray field', () => {
    expect(() => parseProcedure(withDispensation({ reportBefore: { hours: 48 } }))).toThrow(
      'Invalid procedure: steps[2].dispensation.reportBefore.hours: a cut-off is set for a day at dueTime: give reportBefore in days',
    );
    expect(() => parseProcedure(withDispensation({ reportBefore: { days: 0, kind: 'calendar' } }))).toThrow(
      "steps[2].dispensation.reportBefore.days: must be at least 1: the cut-off falls on a day before the hearing's day",
    );
    expect(() => parseProcedure(withDispensation({ reportBefore: { days: 14, kind: 'calendar' } }))).toThrow(
      "steps[2].dispensation.reportBefore.days: must be fewer than hearingAfter's 14 days: the cut-off falls after the summons",
    );
    expect(() => parseProcedure(withDispensation({ reportBefore: { days: 3, kind: 'elapsed' } }))).toThrow(
      /^Invalid procedure: steps\[2\]\.dispensation\.reportBefore\.kind: must be "calendar" or "working"/,
    );
    expect(() =>
      parseProcedure(withDispensation({ reportBefore: { days: 3, kind: 'working' }, by: 'staff' })),
    ).toThrow(/^Invalid procedure: steps\[2\]\.dispensation: Unrecognized key/);
  });

  test('is taken in working or calendar days; the built-in NCPCR procedure has none', () => {
    const step = parseProcedure(withDispensation({ reportBefore: { days: 3, kind: 'working' } })).steps[2]!;
    expect(step.kind === 'summons' && step.dispensation).toEqual({
      reportBefore: { days: 3, kind: 'working' },
    });
    expect(DEFAULT_PROCEDURE.steps.some((s) => s.kind === 'summons' && s.dispensation)).toBe(false);
  });

  test('plans its cut-off with the hearing: 3 working days before Tuesday 29 June 2021 is Thursday 24 June, 17:00', () => {
    const [delhi] = previewSchedule(seed, conditional, issuedOnDate(seed.receivedOn, rules));
    expect(delhi!.events.slice(-3).map((e) => [e.kind, e.at])).toEqual([
      ['summons', '2021-06-15T11:30:00Z'],
      ['report-cut-off', '2021-06-24T11:30:00Z'],
      ['hearing', '2021-06-29T05:30:00Z'],
    ]);
    expect(delhi!.events.find((e) => e.kind === 'report-cut-off')!.atText).toBe(
      'Thursday 24 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)',
    );
    // --explain: counted back from the hearing's day, the weekend passed over, at the due time.
    const [explained] = previewSchedule(seed, conditional, issuedOnDate(seed.receivedOn, rules), {
      explain: true,
    });
    const cutOff = explained!.events.find((e) => e.kind === 'report-cut-off')!;
    expect(derivationText(cutOff.derivation!, rules)).toEqual([
      "3 working days before the hearing's day, Tuesday 29 June 2021: Thursday 24 June 2021; passed over: Sunday 27 June 2021 (weekend), Saturday 26 June 2021 (weekend)",
      'due at 17:00 Asia/Kolkata on Thursday 24 June 2021: 2021-06-24T11:30:00Z',
    ]);
    expect(derivationShortText(cutOff.derivation!, rules)).toBe(
      '3 working days before 29 June 2021; Sunday 27 June (weekend), Saturday 26 June (weekend) passed over; due Thursday 24 June 2021 at 17:00 Asia/Kolkata.',
    );
    // The seed under the built-in procedure is unchanged: no cut-off.
    const [plain] = previewSchedule(seed, DEFAULT_PROCEDURE, issuedOnDate(seed.receivedOn, rules));
    expect(plain!.events.map((e) => e.kind)).not.toContain('report-cut-off');
  });

  test('a cut-off that would not fall after the summons is none (a condition nobody could meet)', () => {
    // Hearing 3 calendar days on (Friday 18 June), 5 working days before it: Friday 11 June, before the summons.
    const plan = planHearing({
      rules,
      issuedAt: '2021-06-15T11:30:00Z',
      hearingAfter: { days: 3, kind: 'calendar' },
      time: '11:00',
      reportBefore: { days: 5, kind: 'working' },
    });
    expect(plan.hearingDate).toBe('2021-06-18');
    expect(plan.dispensation).toBeUndefined();
  });

  test("a date staff set is a cut-off at the procedure's due time", () => {
    expect(planCutOff({ rules, hearingDate: '2021-06-29', source: { date: '2021-06-22' } })).toEqual({
      cutOffAt: '2021-06-22T11:30:00Z',
      cutOffDate: '2021-06-22',
      cutOffText: 'Tuesday 22 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)',
    });
  });
});

describe('when the hearing moves', () => {
  const counted = { cutOffAt: '2021-07-01T11:30:00Z', cutOffDate: '2021-07-01', cutOffText: '1 July' };
  const staffs = {
    cutOffAt: '2021-06-22T11:30:00Z',
    cutOffDate: '2021-06-22',
    cutOffText: '22 June',
    setBy: 'staff' as const,
  };
  const change = { cutOffDate: '2021-06-22', reason: 'Promised', at: '2021-06-16T05:00:00Z' };

  test("the procedure's cut-off is counted again from the new hearing", () => {
    expect(dispensationAfterMove({}, '2021-07-06', counted)).toEqual({ ...counted, setBy: 'procedure' });
    expect(dispensationAfterMove({}, '2021-07-06', undefined)).toBeUndefined();
  });

  test("staff's cut-off stays while it falls before the new hearing's day, and is cleared when it would not", () => {
    const hearing = { dispensation: staffs, dispensationChanges: [change] };
    expect(dispensationAfterMove(hearing, '2021-07-06', counted)).toBe(staffs);
    expect(dispensationAfterMove(hearing, '2021-06-22', counted)).toBeUndefined();
    // Removed by staff: the procedure's does not come back.
    expect(
      dispensationAfterMove(
        { dispensationChanges: [{ ...change, cutOffDate: null }] },
        '2021-07-06',
        counted,
      ),
    ).toBeUndefined();
  });
});

test("staff's order is checked naming the field", () => {
  const order = { respondentId: 'delhi-police', stepId: 'summons', cutOff: '2021-06-22', reason: 'Promised' };
  expect(dispensationOrderProblem(order)).toBeNull();
  expect(dispensationOrderProblem({ ...order, cutOff: null })).toBeNull();
  expect(dispensationOrderProblem({ ...order, cutOff: '22/06/2021' })).toBe(
    'cutOff: must be a date as YYYY-MM-DD, or null to remove it',
  );
  expect(dispensationOrderProblem({ ...order, reason: '' })).toBe('reason: is required');
  expect(dispensationOrderProblem({ ...order, stepId: '' })).toBe('stepId: is required');
  expect(dispensationOrderProblem({ ...order, by: 'a\nb' })).toBe(
    'by: must be a single line of at most 200 characters',
  );
});

describe('the words of the condition', () => {
  const letterhead = openLetterhead(
    loadConfig({
      COMMISSION_NAME: 'National Commission for Protection of Child Rights',
      COMMISSION_SIGNATORY_NAME: 'Rupali Banerjee Singh',
      COMMISSION_SIGNATORY_DESIGNATION: 'Member Secretary',
      COMMISSION_CONTACT: 'Tel. 011-23478200',
    }).commission,
  );
  const summons: LetterSource = {
    kind: 'summons',
    respondentId: 'delhi-police',
    stepId: 'summons',
    version: 1,
    caseReference: 'NCPCR/2021/05/0291',
    subject: 'Child sexual abuse material shared on a social network',
    respondentName: 'Delhi Police',
    recipient: { name: 'The Deputy Commissioner', designation: 'Deputy Commissioner of Police' },
    demands: ['Appear in person before the Commission with the Action Taken Report'],
    timeZone: ZONE,
    hearingAt: '2021-06-29T05:30:00Z',
  };
  const terms = {
    issuedAt: '2021-06-15T11:30:00Z',
    languages: ['en', 'hi'] as ('en' | 'hi')[],
    dispensation: { cutOffAt: '2021-06-24T11:30:00Z' },
  };
  const EN =
    'However, if the Action Taken Report is received on or before Thursday 24 June 2021, 17:00 (Asia/Kolkata, UTC+05:30) and accepted by the Commission, your personal appearance shall be dispensed with, and you will be told so.';
  const HI =
    'तथापि, यदि की गई कार्रवाई की रिपोर्ट गुरुवार, 24 जून 2021, 17:00 बजे (Asia/Kolkata, UTC+05:30) को या उससे पूर्व प्राप्त हो जाती है और आयोग द्वारा स्वीकार कर ली जाती है, तो आपकी व्यक्तिगत उपस्थिति से छूट दी जाएगी, और आपको इसकी सूचना दी जाएगी।';

  test('the summons letter states it in English and Hindi, after the hearing; without a cut-off, not at all', () => {
    const blocks = letterBlocks(letterFor(summons, letterhead, terms));
    const texts = blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    expect(texts.filter((t) => t === EN || t === HI)).toEqual([EN, HI]);
    expect(texts.indexOf(EN)).toBe(texts.findIndex((t) => t.startsWith('Hearing:')) + 1);
    const plain = letterBlocks(letterFor(summons, letterhead, { ...terms, dispensation: undefined }));
    expect(plain.some((b) => b.type === 'paragraph' && (b.text === EN || b.text === HI))).toBe(false);
    // A notice never carries it, whatever its terms say.
    const notice = letterFor(
      { ...summons, kind: 'notice', dueAt: '2021-06-05T11:30:00Z' },
      letterhead,
      terms,
    );
    expect(notice.cutOffAt).toBeUndefined();
  });

  test('the PDF prints it whole in both languages', async () => {
    const text = pdfText(await renderLetterPdf(letterFor(summons, letterhead, terms)));
    expect(text).toContain(
      'However, if the Action Taken Report is received on or before Thursday 24 June 2021, 17:00',
    );
    expect(text).toContain('your personal appearance shall be dispensed with');
    expect(text).toContain('गुरुवार, 24 जून 2021, 17:00 बजे');
    expect(text).toContain('व्यक्तिगत उपस्थिति से छूट दी जाएगी');
  });

  const update = (kind: OfficerUpdateContent['kind'], extra: Partial<OfficerUpdateContent>) =>
    renderOfficerUpdate({
      kind,
      caseReference: 'NCPCR/2021/05/0291',
      subject: 'Subject',
      commissionName: 'NCPCR',
      respondentName: 'Delhi Police',
      recipient: { name: 'The DCP', designation: 'DCP' },
      demands: ['Appear'],
      timeZone: ZONE,
      answerUrl: 'http://answers.test/a',
      hearingAt: '2021-06-29T05:30:00Z',
      languages: ['en', 'hi'],
      ...extra,
    });

  test("the officer's updates: dispensed with, the hearing standing, a cut-off set or removed (English and Hindi)", () => {
    const dispensed = update('hearing-dispensed', {
      dispensation: { cutOffAt: terms.dispensation.cutOffAt, met: true },
    });
    expect(dispensed.subject).toMatch(/^Personal appearance dispensed with NCPCR/);
    expect(dispensed.text).toContain(
      'Your personal appearance at the hearing of Tuesday 29 June 2021, 11:00',
    );
    expect(dispensed.text).toContain('सुनवाई नहीं होगी');
    const stands = update('answer-accepted', {
      dispensation: { cutOffAt: terms.dispensation.cutOffAt, met: false },
    });
    expect(stands.text).toContain('It was received after the cut-off of Thursday 24 June 2021, 17:00');
    expect(stands.text).toContain('व्यक्तिगत उपस्थिति से छूट नहीं दी जाती');
    const set = update('dispensation-changed', {
      dispensation: { cutOffAt: terms.dispensation.cutOffAt, reason: 'Promised' },
    });
    expect(set.subject).toMatch(/^Condition of the summons NCPCR/);
    expect(set.text).toContain('(Promised)');
    expect(set.text).toContain('गुरुवार, 24 जून 2021, 17:00 बजे');
    const removed = update('dispensation-changed', { dispensation: { reason: 'Needed' } });
    expect(removed.subject).toMatch(/^Condition of the summons removed/);
    expect(removed.text).toContain('समन की शर्त हटाई गई');
    // A plain accepted answer (no condition) reads as before.
    expect(update('answer-accepted', {}).subject).toMatch(/^Answer accepted NCPCR/);
  });
});

test('a hearing dispensed with is a CANCEL of the same event: same UID, status cancelled', () => {
  const event = {
    uid: 'abc@commission.test',
    sequence: 2,
    start: '2021-06-29T05:30:00Z',
    end: '2021-06-29T06:30:00Z',
    stamp: '2021-06-20T05:30:00Z',
    summary: 'Hearing',
    description: 'Hearing',
    location: 'NCPCR',
    organizer: { name: 'NCPCR', email: 'complaints@ncpcr.example' },
    attendee: { name: 'DCP', email: 'dcp@example' },
  };
  const cancel = hearingInvitation(event, 'CANCEL');
  expect(cancel).toContain('METHOD:CANCEL\r\n');
  expect(cancel).toContain('STATUS:CANCELLED\r\n');
  expect(cancel).toContain('UID:abc@commission.test\r\n');
  expect(cancel).toContain('SEQUENCE:2\r\n');
  expect(hearingInvitation(event)).toContain('METHOD:REQUEST\r\n');
});
