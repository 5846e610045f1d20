// How a deadline was computed, step by step, so that a registrar, an officer or a court can check it by hand:
// the day counted from, the period and how it counts, each day off passed over (named), a move to the next
// (working) day, and the time of day with any clock change it meets. The planning (schedule.ts) writes these
// steps as it computes, from the same code, so an explanation can never disagree with its date.
import { DateTime } from 'luxon';
import { calendarDate, type DayOff, formatForPeople } from './deadlines';
import type { DaysPeriod, DeadlineRules, HoursPeriod } from './procedure';

export interface DayPassedOver {
  date: string;
  why: DayOff;
}

export type DerivationStep =
  /** The day the period counts from; `received` when the complaint came in earlier (it counts from today). */
  | { step: 'counted-from'; date: string; received?: string }
  /** The period, counted: calendar days, or working days with the days off passed over. */
  | { step: 'counted'; period: DaysPeriod; to: string; passedOver: DayPassedOver[] }
  /** A period counted back from a day (a summons' cut-off, before its hearing's day `from`). */
  | { step: 'counted-back'; from: string; period: DaysPeriod; to: string; passedOver: DayPassedOver[] }
  /**
   * A period in hours counts from the instant the message went out (even when the complaint was `received` on
   * an earlier day); `opensAt`: working hours, the message outside office hours, so the count began then.
   */
  | { step: 'counted-from-moment'; instant: string; received?: string; opensAt?: string }
  /** The hours, counted from `from` to the instant `to`: elapsed, or office hours with the days off passed over. */
  | {
      step: 'counted-hours';
      period: HoursPeriod;
      from: string;
      to: string;
      passedOver: DayPassedOver[];
      officeHours?: { start: string; end: string };
    }
  /** A date set by staff (an extension) instead of a period. */
  | { step: 'set-by-staff'; date: string }
  /** Moved to a later day: the date was a day off (a staff date counts in working days), or not after the issue. */
  | { step: 'moved'; from: string; to: string; passedOver: DayPassedOver[]; notAfterIssue: boolean }
  /**
   * A stop of the clock, `from` to `to` (both not counted): `toll` moved the date by `added` days (counted as the
   * period counts) to `then`; `restart` counts the period again from the day after `to`.
   */
  | {
      step: 'stopped';
      from: string;
      to: string;
      days: number;
      counts: 'toll' | 'restart';
      added?: { days: number; kind: 'calendar' | 'working' };
      then?: string;
    }
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

/** An elapsed count across a clock change: the same hours, a different local time. */
function clockChanged(from: string, to: string, zone: string): string {
  const offset = (instant: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('ZZ');
  if (offset(from) === offset(to)) return '';
  return ` (the clocks of ${zone} changed in between, from UTC${offset(from)} to UTC${offset(to)}: elapsed hours do not follow the clock, so the local time differs from the start's)`;
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
    case 'counted-back': {
      const unit = s.period.kind === 'working' ? 'working day' : 'calendar day';
      return `${s.period.days} ${unit}${s.period.days === 1 ? '' : 's'} before the hearing's day, ${longDate(s.from)}: ${longDate(s.to)}${passed(s.passedOver, rules, names)}`;
    }
    case 'counted-from-moment': {
      const received = s.received
        ? ` (the complaint was received on ${longDate(s.received)}: hours count from the message, not from that day)`
        : '';
      const opens = s.opensAt
        ? `; that was outside office hours, so the count starts when the office opens: ${formatForPeople(s.opensAt, rules.timeZone)}`
        : '';
      return `counted from ${formatForPeople(s.instant, rules.timeZone)}, the moment the message went out${received}${opens}`;
    }
    case 'counted-hours': {
      const hours = `${s.period.hours} ${s.period.kind === 'working-hours' ? 'working ' : 'elapsed '}hour${s.period.hours === 1 ? '' : 's'}`;
      const to = formatForPeople(s.to, rules.timeZone);
      if (s.period.kind === 'working-hours')
        return `${hours} later, counting only the office hours ${s.officeHours?.start ?? ''}–${s.officeHours?.end ?? ''} of working days: ${to}${passed(s.passedOver, rules, names)}`;
      return `${hours} later (every hour of the clock, none skipped): ${to}${clockChanged(s.from, s.to, rules.timeZone)}`;
    }
    case 'stopped': {
      const span = `the clock stood stopped from ${longDate(s.from)} to ${longDate(s.to)} (${s.days} day${s.days === 1 ? '' : 's'} not counted)`;
      if (s.counts === 'restart') return `${span}: the period counts again from the restart`;
      const unit = s.added?.kind === 'working' ? 'working day' : 'day';
      const n = s.added?.days ?? s.days;
      return `${span}: ${n} ${unit}${n === 1 ? '' : 's'} added: ${longDate(s.then ?? s.to)}`;
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
    hours: (hours: number, working: boolean, from: string) =>
      `${hours} ${working ? 'working' : 'elapsed'} hour${hours === 1 ? '' : 's'} from ${from}`,
    stopped: (from: string, to: string, days: number) =>
      `the clock stopped from ${from} to ${to} (${days} day${days === 1 ? '' : 's'} not counted)`,
    passedOver: (days: string) => `${days} passed over`,
    before: (days: number, working: boolean, from: string) =>
      `${days} ${working ? 'working' : 'calendar'} day${days === 1 ? '' : 's'} before ${from}`,
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
    hours: (hours: number, working: boolean, from: string) =>
      `${from} से ${hours} ${working ? 'कार्य घंटे' : 'घंटे'}`,
    stopped: (from: string, to: string, days: number) =>
      `${from} से ${to} तक समय-सीमा रुकी रही (${days} दिन नहीं गिने गए)`,
    passedOver: (days: string) => `${days} नहीं गिने गए`,
    before: (days: number, working: boolean, from: string) =>
      `${from} से ${days} ${working ? 'कार्य दिवस' : 'कैलेंडर दिवस'} पूर्व`,
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
      case 'counted-back':
        parts.push(t.before(s.period.days, s.period.kind === 'working', shortDate(s.from, language)));
        if (s.passedOver.length) parts.push(t.passedOver(s.passedOver.map(dayOff).join(t.and)));
        break;
      case 'counted-from-moment':
        break;
      case 'counted-hours':
        parts.push(
          t.hours(s.period.hours, s.period.kind === 'working-hours', formatForPeople(s.from, rules.timeZone)),
        );
        if (s.passedOver.length) parts.push(t.passedOver(s.passedOver.map(dayOff).join(t.and)));
        break;
      case 'stopped':
        parts.push(t.stopped(shortDate(s.from, language), shortDate(s.to, language), s.days));
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
