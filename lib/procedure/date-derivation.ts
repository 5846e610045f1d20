// How a deadline was computed, step by step, so that a registrar, an officer or a court can check it by hand:
// the day counted from, the period and how it counts, each day off passed over (named), a move to the next
// (working) day, and the time of day with any clock change it meets. The planning (schedule.ts) writes these
// steps as it computes, from the same code, so an explanation can never disagree with its date.
import { calendarDate, type DayOff } from './deadlines';
import type { DeadlineRules, Period } from './procedure';

export interface DayPassedOver {
  date: string;
  why: DayOff;
}

export type DerivationStep =
  /** The day the period counts from; `received` when the complaint came in earlier (it counts from today). */
  | { step: 'counted-from'; date: string; received?: string }
  /** The period, counted: calendar days, or working days with the days off passed over. */
  | { step: 'counted'; period: Period; to: string; passedOver: DayPassedOver[] }
  /** A date set by staff (an extension) instead of a period. */
  | { step: 'set-by-staff'; date: string }
  /** Moved to a later day: the date was a day off (a staff date counts in working days), or not after the issue. */
  | { step: 'moved'; from: string; to: string; passedOver: DayPassedOver[]; notAfterIssue: boolean }
  /** The due time on the due day, as an instant; `clock`: the zone skips that time (read forward) or repeats it (the first). */
  | { step: 'due'; date: string; time: string; instant: string; clock: 'skipped' | 'repeated' | null }
  /** A hearing's time on its day, as an instant, as `due` is a deadline's. */
  | { step: 'hearing'; date: string; time: string; instant: string; clock: 'skipped' | 'repeated' | null };

export type DateDerivation = DerivationStep[];

/** A holiday's name, where a calendar or the procedure gives one; the date alone otherwise. */
export type HolidayNames = ReadonlyMap<string, string>;

/** `Saturday 5 June 2021`, as the schedule prints its dates (deadlines.ts, formatForPeople). */
const longDate = (iso: string) => calendarDate(iso).toFormat('cccc d LLLL yyyy');

function dayOffText(day: DayPassedOver, rules: Pick<DeadlineRules, 'timeZone'>, names: HolidayNames): string {
  if (day.why === 'weekend') return `${longDate(day.date)} (weekend)`;
  if (day.why === 'not-in-zone') return `${longDate(day.date)} (a day ${rules.timeZone} skipped)`;
  const name = names.get(day.date);
  return `${longDate(day.date)} (holiday${name ? `: ${name}` : ''})`;
}

/** The zone is all the text needs of the rules (a running complaint's state carries it). */
type ZoneRules = Pick<DeadlineRules, 'timeZone'>;

const passed = (days: DayPassedOver[], rules: ZoneRules, names: HolidayNames) =>
  days.length ? `; passed over: ${days.map((d) => dayOffText(d, rules, names)).join(', ')}` : '';

function clockText(s: { time: string; clock: 'skipped' | 'repeated' | null }): string {
  if (s.clock === 'skipped') return ` (the clocks skip ${s.time} that day: read forward by the gap)`;
  if (s.clock === 'repeated') return ` (the clocks pass ${s.time} twice that day: the first)`;
  return '';
}

/** One step in English. A new kind of step adds its case here (and in shortText). */
function stepText(s: DerivationStep, rules: ZoneRules, names: HolidayNames): string {
  switch (s.step) {
    case 'counted-from':
      return s.received
        ? `counted from ${longDate(s.date)}, the day the notice went out (the complaint was received on ${longDate(s.received)}, already past)`
        : `counted from ${longDate(s.date)}`;
    case 'counted': {
      const unit = s.period.kind === 'working' ? 'working day' : 'calendar day';
      return `${s.period.days} ${unit}${s.period.days === 1 ? '' : 's'} later: ${longDate(s.to)}${passed(s.passedOver, rules, names)}`;
    }
    case 'set-by-staff':
      return `set by staff: ${longDate(s.date)}`;
    case 'moved':
      return `moved to ${longDate(s.to)}: ${s.notAfterIssue ? `the due time on ${longDate(s.from)} was not after the message went out` : `${longDate(s.from)} is not a working day`}${passed(s.passedOver, rules, names)}`;
    case 'due':
      return `due at ${s.time} ${rules.timeZone} on ${longDate(s.date)}${clockText(s)}: ${s.instant}`;
    case 'hearing':
      return `hearing at ${s.time} ${rules.timeZone} on ${longDate(s.date)}${clockText(s)}: ${s.instant}`;
  }
}

/** The derivation in English, a line a step, for `--explain` and the staff page. */
export function derivationText(
  derivation: DateDerivation,
  rules: ZoneRules,
  names: HolidayNames = new Map(),
): string[] {
  return derivation.map((s) => stepText(s, rules, names));
}

export type DerivationLanguage = 'en' | 'hi';

/** `3 June 2021`, `Sunday 6 June`: the short form's dates, in English or Hindi. */
const shortDate = (iso: string, language: DerivationLanguage, withWeekday = false, withYear = true) =>
  calendarDate(iso)
    .setLocale(language === 'hi' ? 'hi-IN' : 'en-GB')
    .toFormat(`${withWeekday ? 'cccc ' : ''}d LLLL${withYear ? ' yyyy' : ''}`);

const SHORT = {
  en: {
    period: (days: number, working: boolean, from: string) =>
      `${days} ${working ? 'working' : 'calendar'} day${days === 1 ? '' : 's'} from ${from}`,
    setByStaff: (date: string) => `set by the Commission: ${date}`,
    passedOver: (days: string) => `${days} passed over`,
    moved: (to: string) => `moved to ${to}`,
    why: { weekend: 'weekend', holiday: 'holiday', 'not-in-zone': 'not in the calendar' },
    due: (date: string, time: string, zone: string) => `due ${date} at ${time} ${zone}`,
    hearing: (date: string, time: string, zone: string) => `hearing ${date} at ${time} ${zone}`,
    and: ', ',
    end: '.',
  },
  hi: {
    period: (days: number, working: boolean, from: string) =>
      `${from} से ${days} ${working ? 'कार्य दिवस' : 'कैलेंडर दिवस'}`,
    setByStaff: (date: string) => `आयोग द्वारा निर्धारित: ${date}`,
    passedOver: (days: string) => `${days} नहीं गिने गए`,
    moved: (to: string) => `${to} तक बढ़ाया गया`,
    why: { weekend: 'साप्ताहिक अवकाश', holiday: 'अवकाश', 'not-in-zone': 'कैलेंडर में नहीं' },
    due: (date: string, time: string, zone: string) => `नियत तिथि ${date}, ${time} ${zone}`,
    hearing: (date: string, time: string, zone: string) => `सुनवाई ${date}, ${time} ${zone}`,
    and: ', ',
    end: '।',
  },
} as const;

/**
 * The derivation in one sentence, for an officer: "7 calendar days from 29 May 2021; Sunday 30 May passed over
 * (weekend); due Saturday 5 June 2021 at 17:00 Asia/Kolkata." Holidays carry their names; the exact instant and
 * clock changes are left to the long form.
 */
export function derivationShortText(
  derivation: DateDerivation,
  rules: ZoneRules,
  names: HolidayNames = new Map(),
  language: DerivationLanguage = 'en',
): string {
  const t = SHORT[language];
  const from = derivation.find((s) => s.step === 'counted-from');
  const dayOff = (d: DayPassedOver) => {
    const name = d.why === 'holiday' ? names.get(d.date) : undefined;
    return `${shortDate(d.date, language, true, false)} (${name ?? t.why[d.why]})`;
  };
  const parts: string[] = [];
  for (const s of derivation) {
    switch (s.step) {
      case 'counted-from':
        break;
      case 'counted':
        parts.push(
          t.period(s.period.days, s.period.kind === 'working', shortDate(from?.date ?? s.to, language)),
        );
        if (s.passedOver.length) parts.push(t.passedOver(s.passedOver.map(dayOff).join(t.and)));
        break;
      case 'set-by-staff':
        parts.push(t.setByStaff(shortDate(s.date, language)));
        break;
      case 'moved':
        parts.push(t.moved(shortDate(s.to, language, true)));
        break;
      case 'due':
      case 'hearing':
        parts.push(t[s.step](shortDate(s.date, language, true), s.time, rules.timeZone));
        break;
    }
  }
  return `${parts.join('; ')}${t.end}`;
}
