// What an officer is told when staff decide about their step: the deadline extended (with the new date), the
// answer accepted, the complaint withdrawn or disposed of. Plain and precise: what changed, what (if anything)
// is still asked, the link (which shows the step as it now stands), signed with the commission's name.
import { formatForPeople } from '../procedure/deadlines';
import type { LetterLanguage, LetterText } from '../procedure/procedure';
import { html } from '../markup/html';
import { CLOCK_STOP_GROUNDS_TEXT, type ClockStopGrounds } from '../domain/clock-stops';
import type { ClosureKind, OfficerUpdateKind } from '../domain/complaint-state';
import type { DispensationTold } from '../domain/dispensation';
import { dayText, momentFor } from './letters/letter-text';
import type { RenderedMessage } from './officer-messages';

export const OFFICER_UPDATE_KINDS: readonly string[] = [
  'deadline-extended',
  'answer-accepted',
  'complaint-closed',
  'clock-stopped',
  'clock-restarted',
  'clock-stop-declined',
  'interim-reply-acknowledged',
  'interim-reply-accepted',
  'interim-reply-refused',
  'deadline-moved',
  'dispensation-changed',
  'hearing-dispensed',
  'recommendation-waived',
] satisfies OfficerUpdateKind[];

export function isOfficerUpdate(kind: string): kind is OfficerUpdateKind {
  return OFFICER_UPDATE_KINDS.includes(kind);
}

export interface OfficerUpdateContent {
  kind: OfficerUpdateKind;
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  recipient: { name: string; designation: string };
  demands: string[];
  timeZone: string;
  answerUrl: string;
  /** The step's deadline (for a summons, its hearing) as it now stands. */
  dueAt?: string;
  hearingAt?: string;
  /** The deadline before the extension. */
  previousDueAt?: string;
  /** When staff decided (accepted the answer, withdrew or disposed of the complaint). */
  decidedAt?: string;
  closedAs?: Exclude<ClosureKind, 'resolved'>;
  /** A stop of the step's clock: the one stopped, restarted, or (asked for and) declined. */
  clockStop?: ClockStopTold;
  /** The officer's interim reply this message answers. */
  interim?: InterimTold;
  /** A deadline moved by holidays declared or withdrawn after it was set. */
  holidayMove?: HolidayMoveTold;
  /** A summons' condition: its cut-off set, changed or removed; met (the hearing dispensed with); or not met. */
  dispensation?: DispensationTold;
  /** A compliance step's proof accepted, or its recommendation waived (with staff's reason). */
  compliance?: ComplianceTold;
  /** The procedure's letter languages: a message about the clock is written in each, English first. */
  languages?: LetterLanguage[];
}

/** What an officer is told of their interim reply: the date they expect, and what became of the deadline. */
export interface InterimTold {
  expectedDate: string;
  /** Whether the deadline moved (at once, or on acceptance), and whether the procedure's limit cut the date short. */
  moved: boolean;
  capped?: boolean;
  /** Staff's note accepting or refusing the date. */
  note?: string;
}

/** What an officer is told of a recommendation's compliance step closed by staff. */
export interface ComplianceTold {
  proofDue: string;
  /** Why staff waived the recommendation (a `recommendation-waived` message). */
  waiverReason?: string;
}

/** The Hindi of a complaint closed for the officer: withdrawn, disposed of, or transferred to another body. */
function closureHindi(m: OfficerUpdateContent): Parts {
  const on = m.decidedAt ? ` ${momentFor(m.decidedAt, m.timeZone, 'hi')} को` : '';
  const hearing = m.hearingAt ? ', और सुनवाई नहीं होगी' : '';
  if (m.closedAs === 'transferred')
    return {
      title: 'शिकायत अंतरित की गई',
      news: `आयोग ने${on} यह शिकायत, जहाँ तक वह आपसे संबंधित है, किसी अन्य निकाय को अंतरित कर दी है। आयोग द्वारा आपसे और कुछ अपेक्षित नहीं है${hearing}।`,
      next: 'आपका लिंक चरण को बंद दिखाता है:',
      stillAsked: false,
    };
  return {
    title: m.closedAs === 'disposed' ? 'शिकायत का निपटारा किया गया' : 'शिकायत वापस ली गई',
    news: `आयोग ने${on} इस शिकायत ${m.closedAs === 'disposed' ? 'का निपटारा कर दिया है' : 'को वापस ले लिया है'}। आपसे और कुछ अपेक्षित नहीं है${hearing}।`,
    next: 'आपका लिंक शिकायत को बंद दिखाता है:',
    stillAsked: false,
  };
}

/** The sentences of a message closing a compliance step (proof accepted, recommendation waived), in one language. */
function complianceParts(m: OfficerUpdateContent, told: ComplianceTold, lang: LetterLanguage): Parts {
  const on = m.decidedAt ? momentFor(m.decidedAt, m.timeZone, lang) : '';
  if (lang === 'hi')
    return m.kind === 'recommendation-waived'
      ? {
          title: 'अनुशंसा का अनुपालन आवश्यक नहीं',
          news: `आयोग ने ${on} को निर्णय लिया है कि इस अनुशंसा के अनुपालन का प्रमाण (${told.proofDue}) अब अपेक्षित नहीं है${told.waiverReason ? `: ${told.waiverReason}` : ''}। इस चरण पर आपसे और कुछ अपेक्षित नहीं है।`,
          next: 'आपका लिंक इस चरण को बंद दिखाता है:',
          stillAsked: false,
        }
      : {
          title: 'अनुपालन का प्रमाण स्वीकार',
          news: `आयोग ने ${on} को अनुपालन का आपका प्रमाण (${told.proofDue}) स्वीकार कर लिया है। इस अनुशंसा पर आपसे और कुछ अपेक्षित नहीं है।`,
          next: 'आपका लिंक इस चरण को बंद दिखाता है:',
          stillAsked: false,
        };
  return m.kind === 'recommendation-waived'
    ? {
        title: 'Compliance no longer required',
        news: `The Commission decided on ${on} that proof of compliance with this recommendation (${told.proofDue}) is no longer required${told.waiverReason ? `: ${told.waiverReason}` : ''}. Nothing more is asked of you on this step.`,
        next: 'Your link shows the step as closed:',
        stillAsked: false,
      }
    : {
        title: 'Proof of compliance accepted',
        news: `The Commission accepted your proof of compliance (${told.proofDue}) on ${on}. Nothing more is asked of you on this recommendation.`,
        next: 'Your link shows the step as closed:',
        stillAsked: false,
      };
}

/** What an officer is told of a deadline a change of holidays moved (the new one is `dueAt`). */
export interface HolidayMoveTold {
  previousDueAt: string;
  declared: string[];
  withdrawn: string[];
  names?: Record<string, string>;
}

/** The sentences of a `deadline-moved` message, in one language. */
function holidayParts(m: OfficerUpdateContent, move: HolidayMoveTold, lang: LetterLanguage): Parts {
  const when = (instant: string) => momentFor(instant, m.timeZone, lang);
  const day = (d: string) => dayText(d, lang) + (move.names?.[d] ? ` (${move.names[d]})` : '');
  const list = (dates: string[]) => dates.map(day).join(', ');
  const dueAt = m.dueAt ?? '';
  if (lang === 'hi')
    return {
      title: 'समय-सीमा बदली गई',
      news: `${move.declared.length ? `आयोग ने ${list(move.declared)} को अवकाश घोषित किया है। ` : ''}${move.withdrawn.length ? `आयोग ने ${list(move.withdrawn)} का अवकाश वापस ले लिया है। ` : ''}आपकी समय-सीमा ${when(move.previousDueAt)} के स्थान पर अब ${when(dueAt)} है।`,
      next: `अपने सुरक्षित लिंक से ${when(dueAt)} तक उत्तर दें:`,
      stillAsked: true,
    };
  return {
    title: 'Deadline moved',
    news: `${move.declared.length ? `The Commission has declared ${list(move.declared)} ${move.declared.length > 1 ? 'holidays' : 'a holiday'}. ` : ''}${move.withdrawn.length ? `The Commission has withdrawn the holiday of ${list(move.withdrawn)}. ` : ''}Your deadline moves from ${when(move.previousDueAt)} to ${when(dueAt)}.`,
    next: `Answer by ${when(dueAt)} through your secure link:`,
    stillAsked: true,
  };
}

/** What an officer is told of a stop of their step's clock. */
export interface ClockStopTold {
  grounds: ClockStopGrounds;
  details?: string;
  /** The first day not counted (absent for a declined request); at a restart, the last one and how many. */
  from?: string;
  to?: string;
  days?: number;
  /** When the procedure's limit restarts the clock by itself. */
  restartsBy?: string;
  counts: 'toll' | 'restart';
  /** The law the days are excluded under (the procedure's clockStops.legalBasis). */
  legalBasis?: LetterText;
  /** Staff's note declining the officer's request. */
  note?: string;
}

interface Parts {
  title: string;
  /** What happened, in one sentence. */
  news: string;
  /** What the officer is asked now, if anything, after the demands. */
  next: string;
  /** Whether the demands are still asked (else they are listed as what the step was about). */
  stillAsked: boolean;
}

/** The sentences of a message about the step's clock, in one language. */
function clockParts(m: OfficerUpdateContent, stop: ClockStopTold, lang: LetterLanguage): Parts {
  const when = (instant: string | undefined) => (instant ? momentFor(instant, m.timeZone, lang) : '');
  const grounds = CLOCK_STOP_GROUNDS_TEXT[stop.grounds][lang] + (stop.details ? ` (${stop.details})` : '');
  const basis = stop.legalBasis?.[lang];
  if (lang === 'hi') {
    const under = basis ? `${basis} के अंतर्गत` : 'आयोग के आदेश से';
    switch (m.kind) {
      case 'clock-stopped':
        return {
          title: 'समय-सीमा रोकी गई',
          news: `आयोग ने ${dayText(stop.from ?? '', 'hi')} से इस चरण की समय-सीमा रोक दी है: ${grounds}। रुकी अवधि के दिन गिने नहीं जाएँगे${stop.restartsBy ? `; समय-सीमा अधिकतम ${when(stop.restartsBy)} को फिर से चलेगी` : ''}। समय-सीमा फिर से चलने पर आपको नई तिथि बताई जाएगी।`,
          next: 'आपका सुरक्षित लिंक चरण की वर्तमान स्थिति दिखाता है:',
          stillAsked: true,
        };
      case 'clock-restarted':
        return {
          title: 'समय-सीमा फिर से चालू',
          news: `${stop.to ? `${dayText(stop.from ?? '', 'hi')} से ${dayText(stop.to, 'hi')} तक की अवधि (${stop.days} दिन) ${under} गणना से बाहर है। ` : ''}${stop.counts === 'restart' ? 'पूरी अवधि फिर से आरंभ से गिनी जाती है। ' : ''}नई समय-सीमा: ${when(m.dueAt)}।`,
          next: `अपने सुरक्षित लिंक से ${when(m.dueAt)} तक उत्तर दें:`,
          stillAsked: true,
        };
      default:
        return {
          title: 'समय-सीमा रोकने का अनुरोध अस्वीकृत',
          news: `आयोग ने समय-सीमा रोकने का आपका अनुरोध (${grounds}) स्वीकार नहीं किया${stop.note ? `: ${stop.note}` : ''}। समय-सीमा यथावत है: ${when(m.dueAt)}।`,
          next: `अपने सुरक्षित लिंक से ${when(m.dueAt)} तक उत्तर दें:`,
          stillAsked: true,
        };
    }
  }
  const under = basis ? `under ${basis}` : "by the Commission's order";
  switch (m.kind) {
    case 'clock-stopped':
      return {
        title: 'Clock stopped',
        news: `The Commission has stopped this step's clock from ${dayText(stop.from ?? '', 'en')}: ${grounds}. The days it stands stopped are not counted${stop.restartsBy ? `; it restarts by ${when(stop.restartsBy)} at the latest` : ''}. You will be told the new deadline when it restarts.`,
        next: 'Your secure link shows the step as it now stands:',
        stillAsked: true,
      };
    case 'clock-restarted':
      return {
        title: 'Clock restarted',
        news: `${stop.to ? `The period from ${dayText(stop.from ?? '', 'en')} to ${dayText(stop.to, 'en')} (${stop.days} day${stop.days === 1 ? '' : 's'}) is excluded ${under}. ` : ''}${stop.counts === 'restart' ? 'The whole period counts again from the restart. ' : ''}New deadline: ${when(m.dueAt)}.`,
        next: `Answer by ${when(m.dueAt)} through your secure link:`,
        stillAsked: true,
      };
    default:
      return {
        title: 'Request to stop the clock declined',
        news: `The Commission has declined your request to stop the clock (${grounds})${stop.note ? `: ${stop.note}` : ''}. The deadline stands: ${when(m.dueAt)}.`,
        next: `Answer by ${when(m.dueAt)} through your secure link:`,
        stillAsked: true,
      };
  }
}

/** The sentences of a message about an interim reply, in one language. */
function interimParts(m: OfficerUpdateContent, r: InterimTold, lang: LetterLanguage): Parts {
  const due = m.dueAt ? momentFor(m.dueAt, m.timeZone, lang) : '';
  const expected = dayText(r.expectedDate, lang);
  if (lang === 'hi') {
    const limit = r.capped ? ' (प्रक्रिया की सीमा तक)' : '';
    const note = r.note ? `: ${r.note}` : '';
    const news = {
      'interim-reply-acknowledged': r.moved
        ? `आयोग को आपका अंतरिम उत्तर प्राप्त हुआ (रिपोर्ट ${expected} तक अपेक्षित)। समय-सीमा उस तिथि तक बढ़ाई गई${limit}। नई समय-सीमा: ${due}।`
        : `आयोग को आपका अंतरिम उत्तर प्राप्त हुआ (रिपोर्ट ${expected} तक अपेक्षित)। आयोग के निर्णय तक समय-सीमा यथावत है: ${due}।`,
      'interim-reply-accepted': `आयोग ने आपकी अपेक्षित तिथि (${expected}) स्वीकार की${note}। नई समय-सीमा: ${due}।`,
      'interim-reply-refused': `आयोग ने आपकी अपेक्षित तिथि (${expected}) स्वीकार नहीं की${note}। समय-सीमा: ${due}।`,
    }[m.kind as 'interim-reply-acknowledged'];
    return { title: 'अंतरिम उत्तर', news, next: `अपने सुरक्षित लिंक से ${due} तक उत्तर दें:`, stillAsked: true };
  }
  const limit = r.capped ? " (as far as the procedure's limit allows)" : '';
  const note = r.note ? `: ${r.note}` : '';
  switch (m.kind) {
    case 'interim-reply-acknowledged':
      return {
        title: 'Interim reply received',
        news: r.moved
          ? `The Commission has received your interim reply (report expected by ${expected}). The deadline moves to that date${limit}. New deadline: ${due}.`
          : `The Commission has received your interim reply (report expected by ${expected}). Until the Commission decides on that date, the deadline stands: ${due}.`,
        next: `Answer by ${due} through your secure link:`,
        stillAsked: true,
      };
    case 'interim-reply-accepted':
      return {
        title: 'Expected date accepted',
        news: `The Commission accepts the date you expect the report by (${expected})${note}. New deadline: ${due}.`,
        next: `Answer by ${due} through your secure link:`,
        stillAsked: true,
      };
    default:
      return {
        title: 'Expected date not accepted',
        news: `The Commission does not accept the date you expected the report by (${expected})${note}. The deadline is ${due}.`,
        next: `Answer by ${due} through your secure link:`,
        stillAsked: true,
      };
  }
}

/** The sentences of a message about a summons' condition (the cut-off, the hearing dispensed with), in one language. */
function dispensationParts(m: OfficerUpdateContent, d: DispensationTold, lang: LetterLanguage): Parts {
  const when = (instant: string | undefined) => (instant ? momentFor(instant, m.timeZone, lang) : '');
  const hearing = when(m.hearingAt ?? m.dueAt);
  const cutOff = when(d.cutOffAt);
  if (lang === 'hi')
    switch (m.kind) {
      case 'hearing-dispensed':
        return {
          title: 'व्यक्तिगत उपस्थिति से छूट',
          news: `आयोग ने ${cutOff} तक प्राप्त आपकी की गई कार्रवाई की रिपोर्ट स्वीकार कर ली है। ${hearing} की सुनवाई में आपकी व्यक्तिगत उपस्थिति से छूट दी जाती है: सुनवाई नहीं होगी, और आपके कैलेंडर की प्रविष्टि रद्द की जाती है।`,
          next: 'आपका लिंक चरण को बंद दिखाता है:',
          stillAsked: false,
        };
      case 'answer-accepted':
        return {
          title: 'उत्तर स्वीकृत, सुनवाई यथावत',
          news: `आयोग ने आपकी रिपोर्ट स्वीकार कर ली है। यह ${cutOff} की अंतिम तिथि के बाद प्राप्त हुई, इसलिए व्यक्तिगत उपस्थिति से छूट नहीं दी जाती: ${hearing} को सुनवाई में उपस्थित हों।`,
          next: 'आपका सुरक्षित लिंक चरण की वर्तमान स्थिति दिखाता है:',
          stillAsked: true,
        };
      default:
        return {
          title: d.cutOffAt ? 'समन की शर्त' : 'समन की शर्त हटाई गई',
          news: d.cutOffAt
            ? `यदि की गई कार्रवाई की रिपोर्ट ${cutOff} को या उससे पूर्व प्राप्त हो जाती है और आयोग द्वारा स्वीकार कर ली जाती है, तो ${hearing} की सुनवाई में आपकी व्यक्तिगत उपस्थिति से छूट दी जाएगी।${d.reason ? ` (${d.reason})` : ''}`
            : `आयोग ने रिपोर्ट की अंतिम तिथि हटा दी है: ${hearing} को सुनवाई में व्यक्तिगत रूप से उपस्थित हों।${d.reason ? ` (${d.reason})` : ''}`,
          next: 'अपने सुरक्षित लिंक से रिपोर्ट भेजें:',
          stillAsked: true,
        };
    }
  switch (m.kind) {
    case 'hearing-dispensed':
      return {
        title: 'Personal appearance dispensed with',
        news: `The Commission has accepted your Action Taken Report, received by the cut-off of ${cutOff}. Your personal appearance at the hearing of ${hearing} is dispensed with: the hearing will not take place, and its calendar entry is cancelled.`,
        next: 'Your link shows the step as closed:',
        stillAsked: false,
      };
    case 'answer-accepted':
      return {
        title: 'Answer accepted; the hearing stands',
        news: `The Commission has accepted your report. It was received after the cut-off of ${cutOff}, so your personal appearance is not dispensed with: appear at the hearing on ${hearing}.`,
        next: 'Your secure link shows the step as it now stands:',
        stillAsked: true,
      };
    default:
      return {
        title: d.cutOffAt ? 'Condition of the summons' : 'Condition of the summons removed',
        news: d.cutOffAt
          ? `If the Action Taken Report is received on or before ${cutOff} and accepted by the Commission, your personal appearance at the hearing of ${hearing} shall be dispensed with.${d.reason ? ` (${d.reason})` : ''}`
          : `The Commission has removed the cut-off for the report: appear in person at the hearing on ${hearing}.${d.reason ? ` (${d.reason})` : ''}`,
        next: 'Send the report through your secure link:',
        stillAsked: true,
      };
  }
}

function parts(m: OfficerUpdateContent): Parts {
  const when = (instant: string | undefined) => (instant ? formatForPeople(instant, m.timeZone) : '');
  if (m.dispensation) return dispensationParts(m, m.dispensation, 'en');
  if (m.clockStop) return clockParts(m, m.clockStop, 'en');
  if (m.interim) return interimParts(m, m.interim, 'en');
  if (m.holidayMove) return holidayParts(m, m.holidayMove, 'en');
  if (m.compliance) return complianceParts(m, m.compliance, 'en');
  switch (m.kind) {
    case 'deadline-extended':
      return {
        title: 'Deadline extended',
        news: `The Commission has extended the deadline${m.previousDueAt ? ` of ${when(m.previousDueAt)}` : ''}. New deadline: ${when(m.dueAt)}.`,
        next: `Answer by ${when(m.dueAt)} through your secure link:`,
        stillAsked: true,
      };
    case 'answer-accepted':
      return {
        title: 'Answer accepted',
        news: `The Commission has reviewed and accepted your answer${m.decidedAt ? ` (on ${when(m.decidedAt)})` : ''}. Nothing more is asked of you on this step.`,
        next: 'Your link shows the step as closed:',
        stillAsked: false,
      };
    case 'complaint-closed': {
      if (m.closedAs === 'transferred')
        return {
          title: 'Complaint transferred',
          news: `The Commission has transferred this complaint, as it concerns you, to another body${m.decidedAt ? ` on ${when(m.decidedAt)}` : ''}. Nothing more is asked of you by the Commission${m.hearingAt ? ', and the hearing will not take place' : ''}.`,
          next: 'Your link shows the step as closed:',
          stillAsked: false,
        };
      const how = m.closedAs === 'disposed' ? 'disposed of' : 'withdrawn';
      return {
        title: m.closedAs === 'disposed' ? 'Complaint disposed of' : 'Complaint withdrawn',
        news: `The Commission has ${how} this complaint${m.decidedAt ? ` on ${when(m.decidedAt)}` : ''}. Nothing more is asked of you${m.hearingAt ? ', and the hearing will not take place' : ''}.`,
        next: 'Your link shows the complaint as closed:',
        stillAsked: false,
      };
    }
    default:
      throw new RangeError(`${m.kind}: a message about the clock needs its stop`);
  }
}

export function renderOfficerUpdate(m: OfficerUpdateContent): RenderedMessage {
  const p = parts(m);
  // A message about the clock is written in each of the procedure's languages, as its letters are.
  const hindi = !m.languages?.includes('hi')
    ? undefined
    : m.dispensation
      ? dispensationParts(m, m.dispensation, 'hi')
      : m.clockStop
        ? clockParts(m, m.clockStop, 'hi')
        : m.interim
          ? interimParts(m, m.interim, 'hi')
          : m.holidayMove
            ? holidayParts(m, m.holidayMove, 'hi')
            : m.compliance
              ? complianceParts(m, m.compliance, 'hi')
              : m.kind === 'complaint-closed' && m.closedAs
                ? closureHindi(m)
                : undefined;
  const subject = `${p.title} ${m.caseReference}: ${m.subject}`;
  const addressee = `${m.recipient.name}, ${m.recipient.designation}, ${m.respondentName}`;
  const what = p.stillAsked ? 'The Commission requires you to:' : 'This concerned:';
  const text = [
    m.commissionName,
    p.title,
    `Case reference: ${m.caseReference}`,
    `Subject: ${m.subject}`,
    '',
    `To: ${addressee}`,
    '',
    p.news,
    '',
    what,
    ...m.demands.map((d, i) => `  ${i + 1}. ${d}`),
    '',
    p.next,
    m.answerUrl,
    ...(hindi ? ['', hindi.title, '', hindi.news, '', hindi.next, m.answerUrl] : []),
    '',
    'Do not forward this email: the link is for you alone.',
    '',
    m.commissionName,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${m.commissionName}</strong><br />${p.title}<br />Case reference: ${m.caseReference}<br />Subject: ${m.subject}</p>
    <p>To: ${addressee}</p>
    <p><strong>${p.news}</strong></p>
    <p>${what}</p>
    <ol>
      ${m.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    <p>${p.next} <a href="${m.answerUrl}">${m.answerUrl}</a></p>
    ${hindi ? html`<div lang="hi"><p><strong>${hindi.title}</strong></p><p><strong>${hindi.news}</strong></p><p>${hindi.next} <a href="${m.answerUrl}">${m.answerUrl}</a></p></div>` : ''}
    <p style="font-size: 0.9em; color: #555">This link is for you alone. Do not forward this email.</p>
    <p>${m.commissionName}</p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
