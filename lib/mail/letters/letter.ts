// An official letter: what a notice, a reminder or a summons says, as the commission signs it. One model, from
// which the email's text and HTML and the attached PDF are rendered (letter-text.ts words it, letter-pdf.ts lays
// it out). Pure and deterministic: the workflow imports the kinds and terms from here.
import type { LegalBasis, LetterLanguage, LetterText } from '../../procedure/procedure';
import type { OfficerNoticeKind, StepReopening } from '../../domain/complaint-state';

/** The messages that are letters; receipts and other notes stay plain emails. */
export type LetterKind = Extract<
  OfficerNoticeKind,
  'notice' | 'due-soon-reminder' | 'overdue-reminder' | 'follow-up' | 'summons' | 'compliance'
>;

const LETTER_KINDS: readonly string[] = [
  'notice',
  'due-soon-reminder',
  'overdue-reminder',
  'follow-up',
  'summons',
  'compliance',
] satisfies LetterKind[];

export function isLetterKind(kind: string): kind is LetterKind {
  return LETTER_KINDS.includes(kind);
}

/** How an undeliverable message's failure begins when its letter could not be rendered (not the mail server). */
export const LETTER_NOT_RENDERED = 'the letter could not be rendered';

/**
 * Which of the procedure's legal bases a letter cites: a further demand (and a demand for proof of compliance) is a
 * notice, both reminders are reminders.
 */
export function legalBasisKindOf(kind: LetterKind): keyof LegalBasis {
  if (kind === 'summons') return 'summons';
  return kind === 'due-soon-reminder' || kind === 'overdue-reminder' ? 'reminder' : 'notice';
}

/** What the workflow tells the send activity about a letter (beside the message it already describes). */
export interface LetterTerms {
  /** When the message was due to go out (ISO instant): its date of issue, in the procedure's time zone. */
  issuedAt: string;
  languages: LetterLanguage[];
  /** The law it is issued under, in each of `languages`. */
  legalBasis?: LetterText;
  /** The step's clock stops so far: the days not counted, named in the letter, and the law they are excluded under. */
  excluded?: ExcludedDays;
  /** A summons' condition: the appearance is dispensed with if the report is received by `cutOffAt` and accepted. */
  dispensation?: { cutOffAt: string };
}

/** Periods a step's clock stood stopped (first and last day not counted, both included). */
export interface ExcludedDays {
  spans: { from: string; to: string; days: number }[];
  legalBasis?: LetterText;
}

/** Who writes and signs (the commission's identity, from configuration). */
export interface Letterhead {
  name: string;
  /** The name in Hindi, printed above the English one on a letter written in Hindi. */
  nameHi?: string;
  /** Postal address, one line an entry. */
  address: string[];
  signatory: { name: string; designation: string; designationHi?: string };
  contact: string;
  /** The logo's bytes, a PNG or JPEG (read and checked when the worker starts). */
  logo?: Buffer;
}

export interface Letter {
  kind: LetterKind;
  languages: LetterLanguage[];
  /** The complaint's case reference, and this letter's own number within it. */
  caseReference: string;
  letterNumber: string;
  /** ISO instant; printed as a date in `timeZone`. */
  issuedAt: string;
  timeZone: string;
  from: Letterhead;
  to: { name: string; designation: string; authority: string };
  subject: string;
  demands: string[];
  /** The deadline of a demand; the one that lapsed, for an overdue reminder; the hearing, for a summons. */
  dueAt?: string;
  lapsedDueAt?: string;
  hearingAt?: string;
  /** Staff's note: what is missing from a returned answer, or why a hearing moved. */
  note?: string;
  /** For a recommendation's compliance demand: the proof of compliance due. */
  proofDue?: string;
  /** Opened by a reopening or an appeal: the letter says so, when and why. */
  reopened?: StepReopening;
  legalBasis?: LetterText;
  excluded?: ExcludedDays;
  /** A summons' cut-off (its dispensation): stated in each language. */
  cutOffAt?: string;
}

/** What a letter is drawn from: the send activity's request (the message it describes, and its letter terms). */
export interface LetterSource {
  kind: LetterKind;
  respondentId: string;
  stepId: string;
  version: number;
  readdressed?: number;
  caseReference: string;
  subject: string;
  respondentName: string;
  recipient: { name: string; designation: string };
  demands: string[];
  timeZone: string;
  dueAt?: string;
  lapsedDueAt?: string;
  hearingAt?: string;
  note?: string;
  proofDue?: string;
  reopened?: StepReopening;
}

/** The letter a message is, on the terms the workflow set (its date of issue, languages, legal basis). */
export function letterFor(m: LetterSource, from: Letterhead, terms: LetterTerms): Letter {
  return {
    kind: m.kind,
    languages: terms.languages.length ? terms.languages : ['en'],
    caseReference: m.caseReference,
    // Stable per message, like its Message-ID: the respondent, the step and its version (a moved hearing's
    // summons is a new letter).
    letterNumber: `${m.caseReference}/${m.respondentId}/${m.stepId}/${m.version}`,
    issuedAt: terms.issuedAt,
    timeZone: m.timeZone,
    from,
    to: { name: m.recipient.name, designation: m.recipient.designation, authority: m.respondentName },
    subject: m.subject,
    demands: m.demands,
    ...(m.dueAt && m.kind !== 'summons' ? { dueAt: m.dueAt } : {}),
    ...(m.lapsedDueAt && (m.kind === 'overdue-reminder' || m.kind === 'compliance')
      ? { lapsedDueAt: m.lapsedDueAt }
      : {}),
    ...(m.hearingAt ? { hearingAt: m.hearingAt } : {}),
    ...(m.note ? { note: m.note } : {}),
    ...(m.proofDue ? { proofDue: m.proofDue } : {}),
    ...(m.reopened ? { reopened: m.reopened } : {}),
    ...(terms.legalBasis ? { legalBasis: terms.legalBasis } : {}),
    ...(terms.excluded?.spans.length ? { excluded: terms.excluded } : {}),
    ...(terms.dispensation && m.kind === 'summons' ? { cutOffAt: terms.dispensation.cutOffAt } : {}),
  };
}
