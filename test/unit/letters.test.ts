// Official letters: what a letter holds, in English, Hindi or both, read back from the PDF by poppler's pdftotext
// (as an officer's tools would read it); the same letter gives the same bytes; the commission's logo and the
// procedure's languages are checked, naming the field. Letters of any text (a 40,000-character word, demands of
// 2,000 unbroken characters, Hindi and Latin run together, right-to-left text, emoji) render within the bound,
// with every character and every cluster whole (rendered in the letter pool's thread, from dist/: npm test builds it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ParsedMail } from 'mailparser';
import { createActivities } from '../../activities';
import type { SendMessageRequest, SentMessage } from '../../activities/notices';
import { AnswerLinks } from '../../lib/mail/answer-links';
import { createSmtpMailer, type Mailer } from '../../lib/mail/mailer';
import { RecordsStore } from '../../lib/records/store';
import { ConfigError, loadConfig } from '../../lib/config';
import { letterFor, type LetterSource, type LetterTerms } from '../../lib/mail/letters/letter';
import { renderLetterMessage } from '../../lib/mail/letters/letter-mail';
import { openLetterhead, renderLetterPdf } from '../../lib/mail/letters/letter-pdf';
import { LetterRenderPool } from '../../lib/mail/letters/letter-render-pool';
import { DEFAULT_PROCEDURE, parseProcedure } from '../../lib/procedure/procedure';
import { PDFTOTEXT, pdfImageCount, pdfInfo, pdfText } from '../helpers/pdf-text';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const ZONE = 'Asia/Kolkata';
const commission = loadConfig({
  COMMISSION_NAME: 'National Commission for Protection of Child Rights',
  COMMISSION_SIGNATORY_NAME: 'Rupali Banerjee Singh',
  COMMISSION_SIGNATORY_DESIGNATION: 'Member Secretary',
  COMMISSION_CONTACT: 'Tel. 011-23478200; complaints@ncpcr.example',
}).commission;
const letterhead = openLetterhead(commission);

const seedNotice: LetterSource = {
  kind: 'notice',
  respondentId: 'delhi-police',
  stepId: 'notice',
  version: 1,
  caseReference: 'NCPCR/2021/05/0291',
  subject: 'Child sexual abuse material shared on a social network',
  respondentName: 'Delhi Police',
  recipient: { name: 'The Commissioner', designation: 'Commissioner of Police' },
  demands: ['Register an FIR under the POCSO Act and the IT Act', 'Send an Action Taken Report'],
  timeZone: ZONE,
  // Saturday 5 June 2021, 17:00 IST.
  dueAt: '2021-06-05T11:30:00Z',
};
// Issued on Saturday 29 May 2021, 10:00 IST.
const issuedAt = '2021-05-29T04:30:00Z';
const terms = (languages: LetterTerms['languages'], kind: 'notice' | 'summons' = 'notice'): LetterTerms => ({
  issuedAt,
  languages,
  legalBasis: DEFAULT_PROCEDURE.legalBasis![kind]!,
});
const ANSWER_URL = 'http://answers.test/answer/abc.def';

test('an English notice: reference, letter number, date of issue, addressee, demands, deadline, legal basis, signatory, contact', async () => {
  const letter = letterFor(seedNotice, letterhead, terms(['en']));
  const text = pdfText(await renderLetterPdf(letter));
  for (const expected of [
    'National Commission for Protection of Child Rights',
    'Notice',
    'Case reference: NCPCR/2021/05/0291',
    'Letter No.: NCPCR/2021/05/0291/delhi-police/notice/1',
    'Date of issue: 29 May 2021',
    'To The Commissioner Commissioner of Police Delhi Police',
    'Subject: Child sexual abuse material shared on a social network',
    'Sir/Madam,',
    '1. Register an FIR under the POCSO Act and the IT Act',
    '2. Send an Action Taken Report',
    'Deadline: Saturday 5 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)',
    'This letter is issued under section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005.',
    'Yours faithfully, Rupali Banerjee Singh Member Secretary',
    'Contact: Tel. 011-23478200; complaints@ncpcr.example',
  ])
    expect(text).toContain(expected);
  expect(text).not.toMatch(/[\u0900-\u097F]/); // English only: no Devanagari
});

test('a Hindi summons: Hindi words and dates round-trip whole through pdftotext, with the legal basis in Hindi', async () => {
  const summons = letterFor(
    { ...seedNotice, kind: 'summons', stepId: 'summons', hearingAt: '2021-06-29T05:30:00Z' },
    letterhead,
    terms(['hi'], 'summons'),
  );
  const text = pdfText(await renderLetterPdf(summons));
  for (const expected of [
    // The commission's name in Hindi (COMMISSION_NAME_HI) heads a Hindi letter, above the English one.
    'राष्ट्रीय बाल अधिकार संरक्षण आयोग',
    'समन',
    'संदर्भ सं.: NCPCR/2021/05/0291',
    'दिनांक: 29 मई 2021',
    'सेवा में',
    'विषय: Child sexual abuse material shared on a social network',
    'महोदय/महोदया,',
    // Words with a vowel sign before its consonant (नि, कि, रि) and a reph (र्): the shaped glyphs are in visual
    // order, so these come back as written only because each line carries its text.
    'आपको निर्देश दिया जाता है कि आप निम्नलिखित के संबंध में की गई कार्रवाई की रिपोर्ट सहित आयोग के समक्ष',
    'सुनवाई: मंगलवार, 29 जून 2021, 11:00 बजे (Asia/Kolkata, UTC+05:30)',
    'यह पत्र बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13 और 14 के अंतर्गत जारी किया जाता है।',
    'भवदीय, Rupali Banerjee Singh सदस्य सचिव Member Secretary',
    'संपर्क: Tel. 011-23478200',
  ])
    expect(text).toContain(expected);
  expect(text).not.toContain('Sir/Madam');
  expect(text).not.toContain('Hearing:');
});

test('a bilingual overdue reminder holds both languages in one letter, English first as the procedure orders them', async () => {
  const reminder = letterFor(
    {
      ...seedNotice,
      kind: 'overdue-reminder',
      stepId: 'overdue-reminder',
      lapsedDueAt: '2021-06-05T11:30:00Z',
      dueAt: '2021-06-15T11:30:00Z',
    },
    letterhead,
    {
      issuedAt: '2021-06-08T04:30:00Z',
      languages: ['en', 'hi'],
      legalBasis: DEFAULT_PROCEDURE.legalBasis!.reminder!,
    },
  );
  const text = pdfText(await renderLetterPdf(reminder));
  for (const expected of [
    'Overdue reminder / अनुस्मारक: अंतिम तिथि बीत चुकी है',
    'Date of issue / दिनांक: 8 June 2021 / 8 जून 2021',
    'The deadline of Saturday 5 June 2021, 17:00 (Asia/Kolkata, UTC+05:30) has passed without an answer.',
    'New deadline: Tuesday 15 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)',
    'शनिवार, 5 जून 2021, 17:00 बजे (Asia/Kolkata, UTC+05:30) की अंतिम तिथि बीत चुकी है',
    'नई अंतिम तिथि: मंगलवार, 15 जून 2021, 17:00 बजे (Asia/Kolkata, UTC+05:30)',
    'बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13(1)(ञ)',
    'Yours faithfully, / भवदीय,',
  ])
    expect(text).toContain(expected);
  expect(text.indexOf('Sir/Madam,')).toBeLessThan(text.indexOf('महोदय/महोदया,'));
  // Two pages, each saying which letter it is.
  expect(text).toContain('NCPCR/2021/05/0291/delhi-police/overdue-reminder/1 · 1/2');
  expect(text).toContain('NCPCR/2021/05/0291/delhi-police/overdue-reminder/1 · 2/2');
});

test("a further demand (an answer returned) carries staff's note, and cites the notice's legal basis", async () => {
  const followUp = letterFor(
    { ...seedNotice, kind: 'follow-up', stepId: 'follow-up-1', note: 'The FIR number is missing' },
    letterhead,
    terms(['en', 'hi']),
  );
  const text = pdfText(await renderLetterPdf(followUp));
  for (const expected of [
    'Further demand / अतिरिक्त अपेक्षा',
    'The Commission further requires you to:',
    'आयोग आपसे आगे यह भी अपेक्षा करता है कि आप:',
    'Note from the Commission: The FIR number is missing',
    'आयोग की टिप्पणी: The FIR number is missing',
    'issued under section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005',
  ])
    expect(text).toContain(expected);
});

test('the date of issue is the day in the procedure zone: 20:00 UTC on 28 May is 29 May in Kolkata', async () => {
  const letter = letterFor(seedNotice, letterhead, { issuedAt: '2021-05-28T20:00:00Z', languages: ['en'] });
  const pdf = await renderLetterPdf(letter);
  expect(pdfText(pdf)).toContain('Date of issue: 29 May 2021');
  // Without a legal basis from the procedure, the letter says none rather than a wrong one.
  expect(pdfText(pdf)).not.toContain('issued under');
  expect(pdfInfo(pdf).CreationDate).toBe('2021-05-28T20:00:00Z');
});

test('the same letter rendered again (a retried send) is the same bytes, created on its date of issue', async () => {
  const letter = letterFor(seedNotice, letterhead, terms(['en', 'hi']));
  const first = await renderLetterPdf(letter);
  await new Promise((r) => setTimeout(r, 1100)); // a later second, as a retry would be
  // Other letters in between (the worker's fonts shaped other text meanwhile) change nothing.
  await renderLetterPdf(
    letterFor({ ...seedNotice, kind: 'summons', demands: ['प्रति भेजें'] }, letterhead, terms(['hi'])),
  );
  const again = await renderLetterPdf(letterFor(seedNotice, openLetterhead(commission), terms(['en', 'hi'])));
  expect(again.equals(first)).toBe(true);
  expect(pdfInfo(first).CreationDate).toBe(issuedAt);
  // A different letter is different bytes (the comparison can fail).
  const other = await renderLetterPdf(
    letterFor({ ...seedNotice, version: 2 }, letterhead, terms(['en', 'hi'])),
  );
  expect(other.equals(first)).toBe(false);
});

test('the email carries the letter and the answer link in its body, the PDF attached without the link', async () => {
  const evil = '<script>alert("x")</script>';
  const letter = letterFor({ ...seedNotice, demands: [`Send ${evil}`] }, letterhead, terms(['en', 'hi']));
  const mail = renderLetterMessage(
    letter,
    'Notice NCPCR/2021/05/0291: subject',
    ANSWER_URL,
    await renderLetterPdf(letter),
  );
  expect(mail.text).toContain('Deadline: Saturday 5 June 2021, 17:00');
  expect(mail.text).toContain('अंतिम तिथि: शनिवार, 5 जून 2021, 17:00 बजे');
  expect(mail.text).toContain(`Send ${evil}`);
  expect(mail.text).toContain(ANSWER_URL);
  expect(mail.html).toContain(`href="${ANSWER_URL}"`);
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).toContain('<p lang="hi">');
  // The only URL in the text is the link (clients and tests take the first).
  expect(/https?:\/\/\S+/.exec(mail.text)![0]).toBe(ANSWER_URL);
  const [pdf] = mail.attachments;
  expect(pdf!.filename).toBe('notice-NCPCR-2021-05-0291-delhi-police-notice-1.pdf');
  expect(pdf!.contentType).toBe('application/pdf');
  const text = pdfText(pdf!.content);
  expect(text).toContain(`1. Send ${evil}`);
  expect(text).not.toContain('answers.test');
  expect(text).not.toContain('/answer/');
});

/** A PNG of `size` x `size` pixels (a real one: zlib-compressed scanlines, CRC-checked chunks). */
function png(size: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.concat(
    Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0x40)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a PNG logo heads the letter (rendered here or in the pool); a logo that is not a PNG or JPEG is refused naming COMMISSION_LOGO', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'letterhead-'));
  const logo = join(dir, 'logo.png');
  writeFileSync(logo, png(8));
  const withLogo = openLetterhead({ ...commission, logo });
  const pdf = await renderLetterPdf(letterFor(seedNotice, withLogo, terms(['en'])));
  expect(pdfImageCount(pdf)).toBe(1);
  expect(pdfImageCount(await renderLetterPdf(letterFor(seedNotice, letterhead, terms(['en']))))).toBe(0);

  // Rendered in the letter pool's thread (the logo crossing to it), the same bytes.
  const pool = new LetterRenderPool({ threads: 1, timeoutMs: 20_000 });
  try {
    const fromPool = await pool.render(letterFor(seedNotice, withLogo, terms(['en'])));
    expect(pdfImageCount(fromPool)).toBe(1);
    expect(fromPool.equals(pdf)).toBe(true);
  } finally {
    await pool.close();
  }

  const notImage = join(dir, 'logo.svg');
  writeFileSync(notImage, '<svg xmlns="http://www.w3.org/2000/svg"/>');
  expect(() => openLetterhead({ ...commission, logo: notImage })).toThrow(ConfigError);
  expect(() => openLetterhead({ ...commission, logo: notImage })).toThrow(
    `COMMISSION_LOGO: ${notImage} is not a PNG or JPEG file`,
  );
  expect(() => openLetterhead({ ...commission, logo: join(dir, 'missing.png') })).toThrow(
    /COMMISSION_LOGO: cannot read .*missing\.png \(ENOENT\)/,
  );
});

describe('a procedure names the languages of its letters and their legal basis', () => {
  const base = JSON.parse(JSON.stringify(DEFAULT_PROCEDURE)) as Record<string, unknown>;

  test('English, Hindi or both; English when it names none', () => {
    expect(parseProcedure({ ...base, languages: ['hi'] }).languages).toEqual(['hi']);
    const { languages: _, legalBasis: __, ...plain } = base;
    expect(parseProcedure(plain).languages).toBeUndefined();
  });

  test('an unknown language is refused naming the field', () => {
    expect(() => parseProcedure({ ...base, languages: ['en', 'fr'] })).toThrow(
      'Invalid procedure: languages[1]: must be "en" (English) or "hi" (Hindi)',
    );
    expect(() => parseProcedure({ ...base, languages: ['hi', 'hi'] })).toThrow(
      'languages: names a language twice',
    );
    expect(() => parseProcedure({ ...base, languages: [] })).toThrow(/^Invalid procedure: languages: /);
  });

  test('a legal basis missing in one of its languages is refused naming kind and language', () => {
    const legalBasis = { ...DEFAULT_PROCEDURE.legalBasis, summons: { en: 'sections 13 and 14 of the Act' } };
    expect(() => parseProcedure({ ...base, legalBasis })).toThrow(
      `Invalid procedure: legalBasis.summons.hi: is required: the procedure's languages name "hi"`,
    );
    expect(parseProcedure({ ...base, languages: ['en'], legalBasis }).legalBasis?.summons).toEqual({
      en: 'sections 13 and 14 of the Act',
    });
  });
});

describe('a letter sent again after a crash (the server took it, the outbox did not note it)', () => {
  let sink: SmtpSink;
  let records: RecordsStore;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await startSmtpSink();
    records = await RecordsStore.open('sqlite::memory:');
    mailer = createSmtpMailer(sink.url);
  });
  afterAll(async () => {
    mailer.close();
    await records.close();
    await sink.close();
  });

  test('is the same message: the same Message-ID and the same PDF bytes, dated by the workflow; a letter without its terms is refused', async () => {
    const { sendOfficerMessage } = createActivities({
      records,
      mailer,
      links: new AnswerLinks('letters-test-link-secret-0123456789abcdef', 'http://answers.test'),
      mailFrom: 'Commission <notices@commission.test>',
      letterhead,
      consoleUrlFor: (id) => `http://console.test/${id}`,
    });
    const request = (stepId: string, letter?: LetterTerms): SendMessageRequest => ({
      ...seedNotice,
      stepId,
      workflowId: 'complaint-NCPCR-2021-05-0291',
      firstRunId: 'letters-test-run',
      commissionName: commission.name,
      recipient: { ...seedNotice.recipient, email: 'commissioner@delhipolice.example' },
      ...(letter ? { letter } : {}),
    });
    // Scheduled on Friday 4 June 2021, 23:00 IST, retried later: the letter keeps the workflow's date, 29 May.
    const scheduledTimestampMs = Date.parse('2021-06-04T17:30:00Z');
    const attempt = (req: SendMessageRequest, n: number): Promise<SentMessage> =>
      new MockActivityEnvironment({ scheduledTimestampMs, attempt: n, startToCloseTimeoutMs: 30_000 }).run(
        sendOfficerMessage,
        req,
      );
    const pdfOf = (m: ParsedMail) => {
      const pdfs = m.attachments.filter((a) => a.contentType === 'application/pdf');
      expect(pdfs).toHaveLength(1);
      return pdfs[0]!.content;
    };

    {
      const req = request('notice', terms(['en', 'hi']));
      const first = await attempt(req, 1);
      await records.db.updateTable('notices').set({ status: 'pending', sent_at: null }).execute();
      await new Promise((r) => setTimeout(r, 1100));
      const again = await attempt(req, 2);
      const [a, b] = await sink.waitForMessages(2, (m) => m.messageId === first.messageId);
      expect(again.messageId).toBe(first.messageId);
      expect(pdfOf(b!).equals(pdfOf(a!))).toBe(true);
      expect(pdfText(pdfOf(a!))).toContain('Date of issue / दिनांक: 29 May 2021 / 29 मई 2021');
      expect(a!.text).toContain('http://answers.test/answer/');
      expect(pdfText(pdfOf(a!))).not.toContain('answers.test');
    }
    // A letter is dated by the workflow only: a request without its terms is refused by name, for good.
    const refused = attempt(request('no-terms'), 1);
    await expect(refused).rejects.toThrow(/^letter: a notice needs its letter terms/);
    await expect(refused).rejects.toMatchObject({ type: 'InvalidArgument', nonRetryable: true });
  });
});

describe('a letter of any text renders within the bound, every character and cluster whole', () => {
  // Rendered as the worker renders them: in the letter pool's thread, within LETTER_RENDER_TIMEOUT (20 s), which
  // fails the render rather than let it run on (a breaker that cuts a word one character at a time takes hours).
  let pool: LetterRenderPool;
  beforeAll(() => {
    pool = new LetterRenderPool({ threads: 1, timeoutMs: loadConfig({}).letterRendering.timeoutMs });
  });
  afterAll(() => pool?.close());

  /** A letter listing `demands` (each printed in each language), rendered within the bound. */
  async function rendered(demands: string[], languages: LetterTerms['languages'] = ['en']) {
    const letter = letterFor({ ...seedNotice, demands }, letterhead, terms(languages));
    return { pdf: await pool.render(letter), letter };
  }

  /**
   * The letter's text as written, line by line. pdftotext lays out a right-to-left run in visual order (it takes
   * each line's ActualText for glyphs, reversed inside an embedding); a reader's logical order is that reversed.
   */
  function linesAsWritten(pdf: Buffer): string[] {
    const raw = execFileSync(PDFTOTEXT, ['-raw', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
    return raw
      .split(/[\n\f]/) // a page ends with a form feed
      .map((line) =>
        line
          .replace(/\u202B([^\u202A-\u202E]*)\u202C/g, (_, run: string) => [...run].reverse().join(''))
          .replace(/[\u202A-\u202E]/g, ''),
      );
  }

  /**
   * The printed lines of each demand, in each list of the letter (one per language): the numbered items between
   * the list's introduction and the deadline, page footers left out.
   */
  function printedDemands(pdf: Buffer, letterNumber: string): string[][][] {
    const text = linesAsWritten(pdf)
      .filter((line) => !line.startsWith(`${letterNumber} · `))
      .join('\n');
    const lists = [...text.matchAll(/(?:required to:|कि आप:)\n([\s\S]*?)\n(?:Deadline|अंतिम तिथि):/g)];
    return lists.map(([, list]) =>
      list!
        .split(/(?:^|\n)\d+\. /)
        .slice(1)
        .map((item) => item.split('\n').filter(Boolean)),
    );
  }

  const CONJUNCT =
    /[\u0915-\u0939\u0958-\u095F](?:\u094D\u200D?[\u0915-\u0939\u0958-\u095F])+[\u093E-\u094C]?/gu;
  const EMOJI =
    /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?)*/gu;

  /**
   * `pieces` are `text` broken across lines: nothing lost or added, and each break between clusters, as the
   * runtime's Intl.Segmenter reads the whole text and by the rules themselves: never after a virama (inside a
   * conjunct), before a mark, beside a joiner, between a surrogate pair's halves, before an emoji's modifier or
   * variation selector, or between a flag's two letters. Every conjunct and emoji of the input is in one piece.
   */
  function expectWhole(text: string, pieces: string[]) {
    expect(pieces.join('')).toBe(text);
    const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
    const breaks: number[] = [];
    let at = 0;
    for (const piece of pieces.slice(0, -1)) breaks.push((at += piece.length));
    for (const b of breaks) {
      expect(segments.containing(b)!.index).toBe(b);
      // Not after a virama (its conjunct goes on) or a joiner, nor after half a surrogate pair...
      const last = text.charCodeAt(b - 1);
      expect([0x094d, 0x200d]).not.toContain(last);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      // ...nor before a mark (vowel signs, harakat, variation selectors), a skin tone or a joiner.
      expect(String.fromCodePoint(text.codePointAt(b)!)).not.toMatch(
        /^(?:\p{M}|\p{Emoji_Modifier}|\u200D)$/u,
      );
      let flags = 0;
      for (let k = b - 2; k >= 0 && /\p{Regional_Indicator}/u.test(text.slice(k, k + 2)); k -= 2) flags++;
      expect(flags % 2).toBe(0);
    }
    for (const re of [CONJUNCT, EMOJI])
      for (const m of text.matchAll(re))
        expect(breaks.filter((b) => b > m.index && b < m.index + m[0].length)).toEqual([]);
    return breaks.length;
  }

  /** `unit` repeated, whole, to at most `length` characters. */
  const repeated = (unit: string, length: number) => unit.repeat(Math.floor(length / unit.length));

  test('one word of 40,000 characters (a pasted link): broken across lines, nothing lost', async () => {
    const link =
      `https://records.example/complaint/${'AbcdefghijKLMNOPQRSTuvwxyz0123456789_-'.repeat(1100)}`.slice(
        0,
        40_000,
      );
    const { pdf, letter } = await rendered(['BEGIN', link, 'END']);
    const [[begin, pieces, end]] = printedDemands(pdf, letter.letterNumber) as [string[][]];
    expect(begin).toEqual(['BEGIN']);
    expect(end).toEqual(['END']);
    expect(expectWhole(link, pieces!)).toBeGreaterThan(300);
  });

  test('the largest letter: bilingual, 20 demands of 2,000 unbroken characters each, in both lists', async () => {
    const demands = Array.from({ length: 20 }, (_, i) =>
      `https://records.example/${i}/${'ReferenceNumberX'.repeat(130)}`.slice(0, 2000),
    );
    const { pdf, letter } = await rendered(demands, ['en', 'hi']);
    const lists = printedDemands(pdf, letter.letterNumber);
    expect(lists).toHaveLength(2);
    for (const list of lists) {
      expect(list).toHaveLength(20);
      list.forEach((pieces, i) => expect(expectWhole(demands[i]!, pieces)).toBeGreaterThan(10));
    }
  });

  test('Hindi and Latin run together without a space: no conjunct or vowel sign torn from its consonant', async () => {
    const mixed = repeated('क्षत्रियस्त्रीFIRश्रीमतीATRद्ध्र्यहिंदीक्‍षABC123निर्देश', 2000);
    const { pdf, letter } = await rendered([mixed]);
    const [[pieces]] = printedDemands(pdf, letter.letterNumber) as [string[][]];
    expect([...mixed.matchAll(CONJUNCT)].length).toBeGreaterThan(100);
    expect(expectWhole(mixed, pieces!)).toBeGreaterThan(10);
  });

  test('right-to-left text, Arabic with its vowel marks and Hebrew, unbroken: every letter and mark kept', async () => {
    const rtl = repeated('السَّلَامُعَلَيْكُمْمرحبابالعالمשָׁלוֹםעולם', 2000);
    const { pdf, letter } = await rendered([rtl]);
    const [[pieces]] = printedDemands(pdf, letter.letterNumber) as [string[][]];
    expect(expectWhole(rtl, pieces!)).toBeGreaterThan(10);
  });

  test('a run of emoji (families joined by ZWJ, flags, skin tones, presentation selectors): none split', async () => {
    const emoji = repeated('👨‍👩‍👧‍👦🇮🇳👍🏽❤️🇺🇸👩🏾‍💻✅', 2000);
    const { pdf, letter } = await rendered([emoji]);
    const [[pieces]] = printedDemands(pdf, letter.letterNumber) as [string[][]];
    expect([...emoji.matchAll(EMOJI)].length).toBeGreaterThan(400);
    expect(expectWhole(emoji, pieces!)).toBeGreaterThan(10);
  });
});
