// A transfer's letter to the body a complaint (or one respondent's part) goes to, in the procedure's languages, with
// the case papers after it in one PDF: the complaint's summary, its respondents and each step with its dates and
// status, the answers' texts. Its email carries the letter, the link to acknowledge receipt (where the procedure
// asks for it) and the PDF, rendered in the letter pool's threads (letter-render-pool.ts). A reminder goes to a body
// that did not acknowledge in time. Pure: the workflow builds the papers, the send activity renders them.
import { html } from '../../markup/html';
import type { LetterLanguage } from '../../procedure/procedure';
import type { StepClosure, StepKind, StepStatus } from '../../domain/complaint-state';
import type { TransfereeBody } from '../../domain/transfers';
import type { RenderedMessage } from '../officer-messages';
import type { Letterhead } from './letter';
import type { LetterAttachment } from './letter-mail';
import { blockHtml, blockText } from './letter-mail';
import type { BlockDocument } from './letter-pdf';
import { dateOfIssue, dayText, momentFor, type LetterBlock } from './letter-text';

export type TransferMessageKind = 'transfer' | 'transfer-reminder';

/** A step as the case papers list it. */
export interface PaperStep {
  stepId: string;
  kind: StepKind;
  issuedAt: string;
  dueAt: string;
  status: StepStatus;
  closedAs?: StepClosure;
  closedAt?: string;
  answers: { receivedAt: string; atrText: string; firNumber?: string; decision?: 'accepted' | 'returned' }[];
}

export interface PaperRespondent {
  id: string;
  name: string;
  officer: { name: string; designation: string };
  demands: string[];
  steps: PaperStep[];
}

/** What a transfer's letter (or its reminder) says: the transfer, and to whom it went. */
export interface TransferNotice {
  languages: LetterLanguage[];
  caseReference: string;
  transferId: string;
  /** The letter's date of issue (ISO instant): the transfer's, or the reminder's. */
  issuedAt: string;
  timeZone: string;
  to: TransfereeBody;
  subject: string;
  reason: string;
  /** The respondent whose part goes; absent when the whole complaint goes. */
  respondentName?: string;
  acknowledgeBy?: string;
}

/** What the workflow gives the send activity for a transfer: its letter, and the case papers that go with it. */
export interface TransferPapers extends TransferNotice {
  receivedOn: string;
  categories: string[];
  summary: string;
  respondents: PaperRespondent[];
}

interface Wording {
  title: Record<TransferMessageKind, string>;
  papers: string;
  reference: string;
  letterNumber: string;
  date: string;
  to: string;
  subject: string;
  salutation: string;
  intro: (p: TransferNotice) => string;
  reason: string;
  acknowledge: (by: string) => string;
  reminder: (by: string) => string;
  closing: string;
  received: string;
  categories: string;
  summary: string;
  respondent: string;
  officer: string;
  demands: string;
  step: (s: PaperStep, zone: string) => string;
  answer: (receivedAt: string, zone: string) => string;
}

const STATUS_EN: Record<StepStatus, string> = { open: 'open', answered: 'answered', closed: 'closed' };
const STATUS_HI: Record<StepStatus, string> = { open: 'खुला', answered: 'उत्तर प्राप्त', closed: 'बंद' };

const EN: Wording = {
  title: { transfer: 'Transfer of complaint', 'transfer-reminder': 'Reminder: transfer not acknowledged' },
  papers: 'Case papers',
  reference: 'Case reference',
  letterNumber: 'Letter No.',
  date: 'Date of issue',
  to: 'To',
  subject: 'Subject',
  salutation: 'Sir/Madam,',
  intro: (p) =>
    p.respondentName
      ? `The Commission transfers to you the part of the complaint above that concerns ${p.respondentName}, with its case papers (attached), for action as you find appropriate.`
      : 'The Commission transfers to you the complaint above, with its case papers (attached), for action as you find appropriate.',
  reason: 'Reason for the transfer',
  acknowledge: (by) =>
    `Please acknowledge receipt by ${by} through the secure link in the email that carried this letter.`,
  reminder: (by) =>
    `The Commission has not received your acknowledgement of this transfer, due by ${by}. Please acknowledge receipt through the secure link in this email.`,
  closing: 'Yours faithfully,',
  received: 'Received by the Commission on',
  categories: 'Categories',
  summary: 'Summary of the complaint',
  respondent: 'Respondent',
  officer: 'Officer',
  demands: 'Demands',
  step: (s, zone) =>
    `Step ${s.stepId} (${s.kind}): issued ${momentFor(s.issuedAt, zone, 'en')}; due ${momentFor(s.dueAt, zone, 'en')}; ${STATUS_EN[s.status]}${s.closedAs ? ` (${s.closedAs}${s.closedAt ? `, ${momentFor(s.closedAt, zone, 'en')}` : ''})` : ''}`,
  answer: (at, zone) => `Answer received ${momentFor(at, zone, 'en')}:`,
};

const HI: Wording = {
  title: { transfer: 'शिकायत का अंतरण', 'transfer-reminder': 'अनुस्मारक: अंतरण की पावती प्राप्त नहीं हुई' },
  papers: 'प्रकरण के कागज़ात',
  reference: 'संदर्भ सं.',
  letterNumber: 'पत्र सं.',
  date: 'दिनांक',
  to: 'सेवा में',
  subject: 'विषय',
  salutation: 'महोदय/महोदया,',
  intro: (p) =>
    p.respondentName
      ? `आयोग उपर्युक्त शिकायत का वह भाग, जो ${p.respondentName} से संबंधित है, उसके कागज़ात (संलग्न) सहित आपको उचित कार्रवाई हेतु अंतरित करता है।`
      : 'आयोग उपर्युक्त शिकायत को उसके कागज़ात (संलग्न) सहित आपको उचित कार्रवाई हेतु अंतरित करता है।',
  reason: 'अंतरण का कारण',
  acknowledge: (by) =>
    `कृपया ${by} तक उस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से प्राप्ति की पावती भेजें जिसके साथ यह पत्र भेजा गया है।`,
  reminder: (by) =>
    `आयोग को इस अंतरण की पावती, जो ${by} तक अपेक्षित थी, प्राप्त नहीं हुई है। कृपया इस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से प्राप्ति की पावती भेजें।`,
  closing: 'भवदीय,',
  received: 'आयोग को प्राप्ति की तिथि',
  categories: 'श्रेणियाँ',
  summary: 'शिकायत का सारांश',
  respondent: 'प्रतिवादी',
  officer: 'अधिकारी',
  demands: 'अपेक्षाएँ',
  step: (s, zone) =>
    `चरण ${s.stepId} (${s.kind}): जारी ${momentFor(s.issuedAt, zone, 'hi')}; अंतिम तिथि ${momentFor(s.dueAt, zone, 'hi')}; ${STATUS_HI[s.status]}${s.closedAs ? ` (${s.closedAs})` : ''}`,
  answer: (at, zone) => `${momentFor(at, zone, 'hi')} को प्राप्त उत्तर:`,
};

const WORDING: Record<LetterLanguage, Wording> = { en: EN, hi: HI };

function languagesOf(p: TransferNotice): LetterLanguage[] {
  return p.languages.length ? p.languages : ['en'];
}

function label(p: TransferNotice, pick: (w: Wording) => string): string {
  return languagesOf(p)
    .map((lang) => pick(WORDING[lang]))
    .join(' / ');
}

/** The transfer's letter number: the case reference and the transfer's. */
export function transferLetterNumber(p: Pick<TransferPapers, 'caseReference' | 'transferId'>): string {
  return `${p.caseReference}/${p.transferId}`;
}

function names(p: TransferNotice, from: Letterhead): string[] {
  return languagesOf(p).includes('hi') && from.nameHi ? [from.nameHi, from.name] : [from.name];
}

/** The letter (the transfer, or the reminder), top to bottom, in each of the procedure's languages. */
export function transferLetterBlocks(
  p: TransferNotice,
  from: Letterhead,
  kind: TransferMessageKind,
): LetterBlock[] {
  const blocks: LetterBlock[] = [
    { type: 'letterhead', names: names(p, from), address: from.address },
    { type: 'title', text: label(p, (w) => w.title[kind]) },
    { type: 'field', label: label(p, (w) => w.reference), value: p.caseReference },
    { type: 'field', label: label(p, (w) => w.letterNumber), value: transferLetterNumber(p) },
    {
      type: 'field',
      label: label(p, (w) => w.date),
      value: languagesOf(p)
        .map((lang) => dateOfIssue(p.issuedAt, p.timeZone, lang))
        .join(' / '),
    },
    { type: 'addressee', label: label(p, (w) => w.to), lines: [p.to.name, ...p.to.address] },
  ];
  languagesOf(p).forEach((lang, i) => {
    const w = WORDING[lang];
    if (i > 0) blocks.push({ type: 'rule' });
    blocks.push(
      { type: 'paragraph', lang, bold: true, text: `${w.subject}: ${p.subject}` },
      { type: 'paragraph', lang, text: w.salutation },
    );
    const by = p.acknowledgeBy ? momentFor(p.acknowledgeBy, p.timeZone, lang) : undefined;
    if (kind === 'transfer-reminder') blocks.push({ type: 'paragraph', lang, text: w.reminder(by ?? '') });
    else {
      blocks.push(
        { type: 'paragraph', lang, text: w.intro(p) },
        { type: 'paragraph', lang, text: `${w.reason}: ${p.reason}` },
      );
      if (by) blocks.push({ type: 'paragraph', lang, bold: true, text: w.acknowledge(by) });
    }
  });
  blocks.push({
    type: 'signature',
    closing: label(p, (w) => w.closing),
    lines: [from.signatory.name, from.signatory.designation, ...names(p, from)],
  });
  return blocks;
}

/** The case papers' first part: the complaint as the case file gives it. */
export function complaintPapersBlocks(p: TransferPapers): LetterBlock[] {
  const first = languagesOf(p)[0]!;
  return [
    { type: 'title', text: `${label(p, (w) => w.papers)}: ${p.caseReference}` },
    { type: 'field', label: label(p, (w) => w.subject), value: p.subject },
    { type: 'field', label: label(p, (w) => w.received), value: dayText(p.receivedOn, first) },
    { type: 'field', label: label(p, (w) => w.categories), value: p.categories.join(', ') },
    { type: 'paragraph', lang: first, bold: true, text: label(p, (w) => w.summary) },
    { type: 'paragraph', lang: first, text: p.summary },
  ];
}

/** The case papers of one respondent transferred: its officer, demands, each step with its dates and answers. */
export function respondentPapersBlocks(p: TransferPapers, r: PaperRespondent): LetterBlock[] {
  const first = languagesOf(p)[0]!;
  const w = WORDING[first];
  const blocks: LetterBlock[] = [
    { type: 'title', text: `${label(p, (x) => x.papers)}: ${p.caseReference}` },
    {
      type: 'paragraph',
      lang: first,
      bold: true,
      text: `${label(p, (x) => x.respondent)}: ${r.name} (${r.id})`,
    },
    {
      type: 'field',
      label: label(p, (x) => x.officer),
      value: `${r.officer.name}, ${r.officer.designation}`,
    },
    { type: 'paragraph', lang: first, text: `${label(p, (x) => x.demands)}:` },
    { type: 'list', items: r.demands },
  ];
  for (const s of r.steps) {
    blocks.push({ type: 'paragraph', lang: first, text: w.step(s, p.timeZone) });
    for (const a of s.answers)
      blocks.push(
        {
          type: 'paragraph',
          lang: first,
          text: `${w.answer(a.receivedAt, p.timeZone)}${a.firNumber ? ` FIR ${a.firNumber}.` : ''}${a.decision ? ` (${a.decision})` : ''}`,
        },
        { type: 'paragraph', lang: first, text: a.atrText },
      );
  }
  return blocks;
}

/** A PDF the body receives, with its file name. */
export interface TransferDocument {
  filename: string;
  document: BlockDocument;
}

/**
 * The PDFs the body receives: the transfer's letter with the complaint, then one per respondent transferred. One
 * per respondent keeps each render short whatever the complaint's size (a respondent at the case file's limits
 * renders in about a second; fifty in one document would pass the pool's time bound): each is its own turn in the
 * letter pool.
 */
export function transferDocuments(p: TransferPapers, from: Letterhead): TransferDocument[] {
  const number = transferLetterNumber(p);
  const base = {
    language: languagesOf(p)[0]!,
    author: from.name,
    issuedAt: p.issuedAt,
    ...(from.logo ? { logo: from.logo } : {}),
  };
  return [
    {
      filename: transferFileName(p),
      document: {
        ...base,
        blocks: [...transferLetterBlocks(p, from, 'transfer'), { type: 'rule' }, ...complaintPapersBlocks(p)],
        title: `${label(p, (w) => w.title.transfer)} ${p.caseReference}`,
        number,
      },
    },
    ...p.respondents.map((r) => ({
      filename: `case-papers-${`${number}/${r.id}`.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`,
      document: {
        ...base,
        blocks: respondentPapersBlocks(p, r),
        title: `${label(p, (w) => w.papers)} ${p.caseReference}: ${r.id}`,
        number: `${number}/${r.id}`,
      },
    })),
  ];
}

export function transferFileName(p: Pick<TransferPapers, 'caseReference' | 'transferId'>): string {
  return `transfer-${transferLetterNumber(p).replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
}

const LINK_TEXT = {
  en: {
    anchor: 'Acknowledge receipt',
    attached: 'The letter and the case papers are attached as PDF files',
    forward: 'Do not forward this email: the link lets whoever holds it acknowledge on your behalf.',
  },
  hi: {
    anchor: 'प्राप्ति की पावती दें',
    attached: 'पत्र और प्रकरण के कागज़ात PDF फ़ाइलों के रूप में संलग्न हैं',
    forward: 'कृपया यह ईमेल आगे न भेजें: इस लिंक से कोई भी व्यक्ति आपकी ओर से पावती दे सकता है।',
  },
};

/** The email: the letter in its body, the acknowledgement link (if one is asked), the PDF attached (a transfer's). */
export function renderTransferMessage(
  p: TransferNotice,
  from: Letterhead,
  kind: TransferMessageKind,
  acknowledgeUrl: string | undefined,
  attachments: LetterAttachment[] = [],
): RenderedMessage & { attachments: LetterAttachment[] } {
  const blocks = transferLetterBlocks(p, from, kind);
  const words = languagesOf(p).map((lang) => LINK_TEXT[lang]);
  const filename = attachments.map((a) => a.filename).join(', ');
  const pdf = attachments.length > 0;
  const text = [
    ...blocks.flatMap(blockText),
    ...(pdf ? words.map((w) => `${w.attached} (${filename}).`) : []),
    '',
    ...(acknowledgeUrl
      ? [words.map((w) => w.anchor).join(' / '), acknowledgeUrl, '', ...words.map((w) => w.forward)]
      : []),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="${languagesOf(p)[0]}">
  <head>
    <meta charset="utf-8" />
  </head>
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 46em">
    ${blocks.map(blockHtml)}
    ${pdf ? html`<p style="font-size: 0.9em; color: #555">${words.map((w, i) => html`${i ? html`<br />` : ''}${w.attached} (${filename}).`)}</p>` : ''}
    ${acknowledgeUrl ? html`<p><a href="${acknowledgeUrl}">${words.map((w) => w.anchor).join(' / ')}</a></p><p style="font-size: 0.9em; color: #555">${words.map((w, i) => html`${i ? html`<br />` : ''}${w.forward}`)}</p>` : ''}
  </body>
</html>`;
  const title = label(p, (w) => w.title[kind]);
  return {
    subject: `${title}: ${p.caseReference}`,
    text,
    html: body.value,
    attachments,
  };
}

/** Staff's alert: the body did not acknowledge the transfer in time (a reminder went to it). */
export function renderTransferUnacknowledged(p: TransferNotice, consoleUrl: string): RenderedMessage {
  const by = p.acknowledgeBy ? momentFor(p.acknowledgeBy, p.timeZone, 'en') : '';
  const what = p.respondentName ? `the part concerning ${p.respondentName}` : 'the complaint';
  const text = [
    `${p.to.name} has not acknowledged the transfer of ${what} (${p.transferId}), due by ${by}.`,
    'A reminder has been sent to it.',
    '',
    `Open the complaint: ${consoleUrl}`,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
  </head>
  <body style="font-family: sans-serif; line-height: 1.5">
    <p>${p.to.name} has not acknowledged the transfer of ${what} (${p.transferId}), due by ${by}.</p>
    <p>A reminder has been sent to it.</p>
    <p><a href="${consoleUrl}">Open the complaint</a></p>
  </body>
</html>`;
  return { subject: `Transfer not acknowledged: ${p.caseReference}`, text, html: body.value };
}

/** Staff's alert: the mail server refused the transfer's letter for good (the body has not received it). */
export function renderTransferUndeliverable(
  p: TransferNotice,
  failure: string,
  consoleUrl: string,
): RenderedMessage {
  const what = p.respondentName ? `the part concerning ${p.respondentName}` : 'the complaint';
  const lines = [
    `The letter transferring ${what} (${p.transferId}) to ${p.to.name} <${p.to.email}> could not be delivered: ${failure}.`,
    'The body has not received the case papers. Check its address and send them to it.',
  ];
  const body = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
  </head>
  <body style="font-family: sans-serif; line-height: 1.5">
    ${lines.map((l) => html`<p>${l}</p>`)}
    <p><a href="${consoleUrl}">Open the complaint</a></p>
  </body>
</html>`;
  return {
    subject: `Transfer letter undeliverable: ${p.caseReference}`,
    text: [...lines, '', `Open the complaint: ${consoleUrl}`].join('\n'),
    html: body.value,
  };
}
