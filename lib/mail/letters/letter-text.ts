// A letter's wording, in English and in Hindi (as a commission writes to the police: formal, impersonal), and
// its layout as blocks that the PDF, the email's text and its HTML all render. Dates are written out here, from
// fixed tables rather than the machine's locale data, so a letter reads the same on every worker: Hindi dates
// carry Hindi month and weekday names with international numerals (the official form, Constitution Art. 343).
import { DateTime } from 'luxon';
import type { LetterLanguage } from '../../procedure/procedure';
import { formatForPeople } from '../../procedure/deadlines';
import type { Letter, LetterKind } from './letter';

/** One piece of a letter's layout. `lang` says which language (and so, in HTML, which `lang` attribute). */
export type LetterBlock =
  | { type: 'letterhead'; names: string[]; address: string[] }
  | { type: 'title'; text: string }
  | { type: 'field'; label: string; value: string; lang?: LetterLanguage }
  | { type: 'addressee'; lines: string[]; label: string }
  | { type: 'paragraph'; text: string; lang: LetterLanguage; bold?: boolean }
  | { type: 'list'; items: string[] }
  | { type: 'rule' }
  | { type: 'signature'; closing: string; lines: string[] };

/** The months in Hindi, as letters print them (the tests read dates back with it). */
export const HI_MONTHS = [
  'जनवरी',
  'फ़रवरी',
  'मार्च',
  'अप्रैल',
  'मई',
  'जून',
  'जुलाई',
  'अगस्त',
  'सितंबर',
  'अक्तूबर',
  'नवंबर',
  'दिसंबर',
];
const HI_WEEKDAYS = ['सोमवार', 'मंगलवार', 'बुधवार', 'गुरुवार', 'शुक्रवार', 'शनिवार', 'रविवार'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function local(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
}

/** The date of issue: `29 May 2021`, `29 मई 2021`. */
export function dateOfIssue(instant: string, zone: string, lang: LetterLanguage): string {
  const d = local(instant, zone);
  return `${d.day} ${(lang === 'hi' ? HI_MONTHS : EN_MONTHS)[d.month - 1]} ${d.year}`;
}

/** A calendar date (YYYY-MM-DD) as a letter writes it: `3 June 2021`, `3 जून 2021`. */
export function dayText(isoDate: string, lang: LetterLanguage): string {
  return dateOfIssue(`${isoDate}T12:00:00Z`, 'UTC', lang);
}

/** A deadline or a hearing: as every message states it in English; `शनिवार, 5 जून 2021, 17:00 बजे (…)` in Hindi. */
export function momentFor(instant: string, zone: string, lang: LetterLanguage): string {
  if (lang === 'en') return formatForPeople(instant, zone);
  const d = local(instant, zone);
  const time = d.toFormat(d.second === 0 ? 'HH:mm' : 'HH:mm:ss');
  return `${HI_WEEKDAYS[d.weekday - 1]}, ${d.day} ${HI_MONTHS[d.month - 1]} ${d.year}, ${time} बजे (${zone}, UTC${d.toFormat('ZZ')})`;
}

interface Wording {
  title: Record<LetterKind, string>;
  reference: string;
  letterNumber: string;
  date: string;
  to: string;
  subject: string;
  salutation: string;
  intro: (l: Letter) => string;
  deadline: (l: Letter) => string;
  note: string;
  proofDue: string;
  /** A letter of a reopened complaint (or an appeal): when and why the Commission reopened it. */
  reopened: (r: NonNullable<Letter['reopened']>, on: string) => string;
  answer: (l: Letter) => string;
  legalBasis: (basis: string) => string;
  excluded: (from: string, to: string, days: number, basis?: string) => string;
  /** A summons' condition (the NHRC's wording): the appearance dispensed with if the report comes by the cut-off. */
  dispensation: (cutOff: string) => string;
  closing: string;
  contact: string;
}

const EN: Wording = {
  title: {
    notice: 'Notice',
    'due-soon-reminder': 'Reminder: deadline approaching',
    'overdue-reminder': 'Overdue reminder',
    'follow-up': 'Further demand',
    summons: 'Summons',
    compliance: 'Recommendation: proof of compliance',
  },
  reference: 'Case reference',
  letterNumber: 'Letter No.',
  date: 'Date of issue',
  to: 'To',
  subject: 'Subject',
  salutation: 'Sir/Madam,',
  intro: (l) => {
    const at = (i?: string) => (i ? momentFor(i, l.timeZone, 'en') : '');
    switch (l.kind) {
      case 'notice':
        return 'With reference to the complaint above, received by the Commission, you are required to:';
      case 'due-soon-reminder':
        return 'The Commission has not yet received your answer. It requires you to:';
      case 'overdue-reminder':
        return `The deadline of ${at(l.lapsedDueAt)} has passed without an answer. The Commission again requires you to:`;
      case 'follow-up':
        return 'The Commission further requires you to:';
      case 'summons':
        return `You are summoned to appear in person before the ${l.from.name}, with the Action Taken Report, regarding:`;
      case 'compliance':
        return l.lapsedDueAt
          ? `The date of ${at(l.lapsedDueAt)} for proof of compliance has passed without it. The Commission again requires proof of compliance with its recommendation:`
          : 'Following its inquiry, the Commission recommends the following, and requires proof of its compliance:';
    }
  },
  deadline: (l) => {
    if (l.kind === 'summons') return `Hearing: ${momentFor(l.hearingAt ?? '', l.timeZone, 'en')}`;
    const label =
      l.kind === 'overdue-reminder' ? 'New deadline' : l.proofDue ? 'Proof of compliance due by' : 'Deadline';
    return `${label}: ${momentFor(l.dueAt ?? '', l.timeZone, 'en')}`;
  },
  note: 'Note from the Commission',
  proofDue: 'Proof of compliance due',
  reopened: (r, on) =>
    r.kind === 'appeal'
      ? `On appeal (${r.label?.en ?? 'appeal'}), the Commission reopened this complaint on ${on}: ${r.reason}`
      : `The Commission reopened this complaint on ${on}: ${r.reason}`,
  answer: (l) =>
    l.kind === 'summons'
      ? 'Acknowledge this summons, or send the report, through the secure link in the email that carried this letter.'
      : l.proofDue
        ? 'Send the proof of compliance (a text and documents) through the secure link in the email that carried this letter.'
        : 'Answer through the secure link in the email that carried this letter.',
  legalBasis: (basis) => `This letter is issued under ${basis}.`,
  excluded: (from, to, days, basis) =>
    `The period from ${from} to ${to} (${days} day${days === 1 ? '' : 's'}) is excluded from the time allowed, ${basis ? `under ${basis}` : "by the Commission's order"}.`,
  dispensation: (cutOff) =>
    `However, if the Action Taken Report is received on or before ${cutOff} and accepted by the Commission, your personal appearance shall be dispensed with, and you will be told so.`,
  closing: 'Yours faithfully,',
  contact: 'Contact',
};

const HI: Wording = {
  title: {
    notice: 'सूचना',
    'due-soon-reminder': 'अनुस्मारक: अंतिम तिथि निकट है',
    'overdue-reminder': 'अनुस्मारक: अंतिम तिथि बीत चुकी है',
    'follow-up': 'अतिरिक्त अपेक्षा',
    summons: 'समन',
    compliance: 'अनुशंसा: अनुपालन का प्रमाण',
  },
  reference: 'संदर्भ सं.',
  letterNumber: 'पत्र सं.',
  date: 'दिनांक',
  to: 'सेवा में',
  subject: 'विषय',
  salutation: 'महोदय/महोदया,',
  intro: (l) => {
    const at = (i?: string) => (i ? momentFor(i, l.timeZone, 'hi') : '');
    switch (l.kind) {
      case 'notice':
        return 'उपर्युक्त विषय में आयोग को प्राप्त शिकायत के संदर्भ में आपसे अपेक्षा की जाती है कि आप:';
      case 'due-soon-reminder':
        return 'आयोग को अभी तक आपका उत्तर प्राप्त नहीं हुआ है। आपसे पुनः अपेक्षा की जाती है कि आप:';
      case 'overdue-reminder':
        return `${at(l.lapsedDueAt)} की अंतिम तिथि बीत चुकी है और आयोग को आपका उत्तर प्राप्त नहीं हुआ है। आयोग आपसे पुनः अपेक्षा करता है कि आप:`;
      case 'follow-up':
        return 'आयोग आपसे आगे यह भी अपेक्षा करता है कि आप:';
      case 'summons':
        return 'आपको निर्देश दिया जाता है कि आप निम्नलिखित के संबंध में की गई कार्रवाई की रिपोर्ट सहित आयोग के समक्ष व्यक्तिगत रूप से उपस्थित हों:';
      case 'compliance':
        return l.lapsedDueAt
          ? `अनुपालन का प्रमाण भेजने की ${at(l.lapsedDueAt)} की तिथि बीत चुकी है और आयोग को प्रमाण प्राप्त नहीं हुआ है। आयोग अपनी निम्नलिखित अनुशंसा के अनुपालन का प्रमाण पुनः अपेक्षित करता है:`
          : 'जाँच के उपरांत आयोग निम्नलिखित अनुशंसा करता है और इसके अनुपालन का प्रमाण अपेक्षित करता है:';
    }
  },
  deadline: (l) => {
    if (l.kind === 'summons') return `सुनवाई: ${momentFor(l.hearingAt ?? '', l.timeZone, 'hi')}`;
    const label =
      l.kind === 'overdue-reminder'
        ? 'नई अंतिम तिथि'
        : l.proofDue
          ? 'अनुपालन का प्रमाण भेजने की अंतिम तिथि'
          : 'अंतिम तिथि';
    return `${label}: ${momentFor(l.dueAt ?? '', l.timeZone, 'hi')}`;
  },
  note: 'आयोग की टिप्पणी',
  proofDue: 'अपेक्षित अनुपालन प्रमाण',
  reopened: (r, on) =>
    r.kind === 'appeal'
      ? `अपील (${r.label?.hi ?? 'अपील'}) पर आयोग ने ${on} को इस शिकायत को पुनः खोला है: ${r.reason}`
      : `आयोग ने ${on} को इस शिकायत को पुनः खोला है: ${r.reason}`,
  answer: (l) =>
    l.kind === 'summons'
      ? 'कृपया इस समन की पावती, अथवा रिपोर्ट, उस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से भेजें जिसके साथ यह पत्र भेजा गया है।'
      : l.proofDue
        ? 'कृपया अनुपालन का प्रमाण (विवरण और दस्तावेज़) उस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से भेजें जिसके साथ यह पत्र भेजा गया है।'
        : 'कृपया अपना उत्तर उस ईमेल में दिए गए सुरक्षित लिंक के माध्यम से भेजें जिसके साथ यह पत्र भेजा गया है।',
  legalBasis: (basis) => `यह पत्र ${basis} के अंतर्गत जारी किया जाता है।`,
  excluded: (from, to, days, basis) =>
    `${from} से ${to} तक की अवधि (${days} दिन) ${basis ? `${basis} के अंतर्गत` : 'आयोग के आदेश से'} दी गई समय-सीमा की गणना से बाहर है।`,
  dispensation: (cutOff) =>
    `तथापि, यदि की गई कार्रवाई की रिपोर्ट ${cutOff} को या उससे पूर्व प्राप्त हो जाती है और आयोग द्वारा स्वीकार कर ली जाती है, तो आपकी व्यक्तिगत उपस्थिति से छूट दी जाएगी, और आपको इसकी सूचना दी जाएगी।`,
  closing: 'भवदीय,',
  contact: 'संपर्क',
};

const WORDING: Record<LetterLanguage, Wording> = { en: EN, hi: HI };

/** Labels of both languages in one, `Subject / विषय`, for the parts of a bilingual letter said once. */
function label(l: Letter, pick: (w: Wording) => string): string {
  return l.languages.map((lang) => pick(WORDING[lang])).join(' / ');
}

export function letterTitle(l: Letter): string {
  return label(l, (w) => w.title[l.kind]);
}

/**
 * The letter, top to bottom: letterhead, title, reference and date, addressee, then its body in each of its
 * languages (subject, salutation, demands, deadline, legal basis), the signature and the commission's contact.
 * Said once for both languages: the letterhead, the reference, the addressee, the demands' own words (as the
 * case file gives them), the signatory.
 */
/** The commission's name as a letter in Hindi gives it: the Hindi name first, then the English one. */
function letterheadNames(l: Letter): string[] {
  const hindi = l.languages.includes('hi') ? l.from.nameHi : undefined;
  return hindi ? [hindi, l.from.name] : [l.from.name];
}

function signatoryDesignations(l: Letter): string[] {
  const hindi = l.languages.includes('hi') ? l.from.signatory.designationHi : undefined;
  return hindi ? [hindi, l.from.signatory.designation] : [l.from.signatory.designation];
}

export function letterBlocks(l: Letter): LetterBlock[] {
  const blocks: LetterBlock[] = [
    { type: 'letterhead', names: letterheadNames(l), address: l.from.address },
    { type: 'title', text: letterTitle(l) },
    { type: 'field', label: label(l, (w) => w.reference), value: l.caseReference },
    { type: 'field', label: label(l, (w) => w.letterNumber), value: l.letterNumber },
    {
      type: 'field',
      label: label(l, (w) => w.date),
      value: l.languages.map((lang) => dateOfIssue(l.issuedAt, l.timeZone, lang)).join(' / '),
    },
    {
      type: 'addressee',
      label: label(l, (w) => w.to),
      lines: [l.to.name, l.to.designation, l.to.authority],
    },
  ];
  l.languages.forEach((lang, i) => {
    const w = WORDING[lang];
    if (i > 0) blocks.push({ type: 'rule' });
    blocks.push(
      { type: 'paragraph', lang, bold: true, text: `${w.subject}: ${l.subject}` },
      { type: 'paragraph', lang, text: w.salutation },
      ...(l.reopened
        ? [
            {
              type: 'paragraph' as const,
              lang,
              bold: true,
              text: w.reopened(l.reopened, dateOfIssue(l.reopened.at, l.timeZone, lang)),
            },
          ]
        : []),
      { type: 'paragraph', lang, text: w.intro(l) },
      { type: 'list', items: l.demands },
    );
    if (l.proofDue) blocks.push({ type: 'paragraph', lang, text: `${w.proofDue}: ${l.proofDue}` });
    if (l.note) blocks.push({ type: 'paragraph', lang, text: `${w.note}: ${l.note}` });
    blocks.push({ type: 'paragraph', lang, bold: true, text: w.deadline(l) });
    if (l.cutOffAt)
      blocks.push({
        type: 'paragraph',
        lang,
        bold: true,
        text: w.dispensation(momentFor(l.cutOffAt, l.timeZone, lang)),
      });
    for (const span of l.excluded?.spans ?? [])
      blocks.push({
        type: 'paragraph',
        lang,
        text: w.excluded(
          dayText(span.from, lang),
          dayText(span.to, lang),
          span.days,
          l.excluded?.legalBasis?.[lang],
        ),
      });
    const basis = l.legalBasis?.[lang];
    if (basis) blocks.push({ type: 'paragraph', lang, text: w.legalBasis(basis) });
    blocks.push({ type: 'paragraph', lang, text: w.answer(l) });
  });
  blocks.push(
    {
      type: 'signature',
      closing: label(l, (w) => w.closing),
      lines: [l.from.signatory.name, ...signatoryDesignations(l), ...letterheadNames(l)],
    },
    { type: 'field', label: label(l, (w) => w.contact), value: l.from.contact },
  );
  return blocks;
}
