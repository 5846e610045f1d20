// The procedure as data: the steps a complaint goes through, who answers each, their deadline rules and
// what a lapse leads to. Validated here and frozen into each workflow at start, so editing a procedure file
// never changes a complaint already running.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { holidayCalendarProblem } from './holiday-calendar';
import { InputError } from './validation';

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
// Seconds are optional: commissions write HH:mm; a drill or a benchmark may need deadlines to the second.
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time as HH:mm (or HH:mm:ss)');

const daysPeriodSchema = z.strictObject({
  days: z.number().int().min(0).max(366),
  kind: z.enum(['calendar', 'working'], {
    message:
      'must be "calendar" or "working" for a period in days ("elapsed" and "working-hours" are for hours)',
  }),
});
const hoursPeriodSchema = z.strictObject({
  hours: z.number().int().min(0).max(8784),
  /** `elapsed`: hours of the clock, every one; `working-hours`: only the office hours of working days. */
  kind: z
    .enum(['elapsed', 'working-hours'], {
      message:
        'must be "elapsed" or "working-hours" for a period in hours ("calendar" and "working" are for days)',
    })
    .default('elapsed'),
});
export type DaysPeriod = z.infer<typeof daysPeriodSchema>;
export type HoursPeriod = z.infer<typeof hoursPeriodSchema>;

/**
 * A period in days (`{ "days": 7, "kind": "calendar" }`) or in hours (`{ "hours": 48 }`). The shape is chosen
 * by its key, so a wrong field is named as in that shape rather than as a failed union of both.
 */
export const periodSchema = z.unknown().transform((value, ctx): DaysPeriod | HoursPeriod => {
  const inHours = typeof value === 'object' && value !== null && 'hours' in value;
  if (inHours && 'days' in value) {
    ctx.addIssue({ code: 'custom', message: 'gives both days and hours: a period is in one or the other' });
    return z.NEVER;
  }
  const parsed = (inHours ? hoursPeriodSchema : daysPeriodSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});
export type Period = DaysPeriod | HoursPeriod;

export const isHours = (period: Period): period is HoursPeriod => 'hours' in period;
/** A period of no time: what a lapse escalating at the deadline itself says. */
export const isZero = (period: Period): boolean => (isHours(period) ? period.hours : period.days) === 0;

/** A public-holiday calendar (date-holidays), resolved into dates when a complaint starts (holiday-calendar.ts). */
export const holidayCalendarSchema = z
  .strictObject({
    /** ISO 3166 country code, e.g. IN. */
    country: z.string(),
    /** The state or region, where its holidays matter, e.g. DL. */
    state: z.string().optional(),
    /** Dates of the calendar the commission works on all the same. */
    except: z.array(isoDate).default([]),
    /** Set once resolved: the years whose holidays are already in `holidays` (a running complaint's input). */
    resolvedYears: z.tuple([z.number().int(), z.number().int()]).optional(),
    /** Set once resolved: the commission's own dates among `holidays`, so that a later change of them is told apart. */
    own: z.array(isoDate).optional(),
  })
  .superRefine((calendar, ctx) => {
    const problem = holidayCalendarProblem(calendar);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

export const deadlineRulesSchema = z
  .strictObject({
    /** The commission's IANA time zone: every deadline is a date there. */
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'is not a known IANA time zone' }),
    /** Local time of day a deadline in days falls due (a deadline in hours falls due when its hours end). */
    dueTime: timeOfDay,
    /** Local time of day reminders are sent. */
    sendTime: timeOfDay.default('10:00'),
    /** ISO weekday numbers (1 = Monday ... 7 = Sunday) that are not working days. */
    weekend: z
      .array(z.number().int().min(1).max(7))
      .refine((days) => new Set(days).size < 7, 'must leave at least one working day in the week')
      .default([6, 7]),
    /** Dates on which the commission does not work (its own, beside any calendar's). */
    holidays: z.array(isoDate).default([]),
    /** Names of some of `holidays` (the date as key), told to officers when a holiday moves their deadline. */
    holidayNames: z.record(isoDate, z.string().trim().min(1).max(200)).optional(),
    /** A public-holiday calendar whose holidays count too, e.g. `{ "country": "IN" }`. */
    holidayCalendar: holidayCalendarSchema.optional(),
    /** The office's hours on a working day (local times): what a `working-hours` period counts. */
    officeHours: z
      .strictObject({ start: timeOfDay, end: timeOfDay })
      .refine((h) => h.start.padEnd(8, ':00') < h.end.padEnd(8, ':00'), {
        path: ['end'],
        message: 'must be after start (office hours within one day)',
      })
      .optional(),
  })
  .superRefine((rules, ctx) => {
    for (const date of Object.keys(rules.holidayNames ?? {}))
      if (!rules.holidays.includes(date))
        ctx.addIssue({
          code: 'custom',
          path: ['holidayNames', date],
          message: 'names a date that is not in holidays',
        });
  });
export type DeadlineRules = z.infer<typeof deadlineRulesSchema>;

/** What happens when a demand's deadline passes unanswered: after `after`, the step `next` is issued. */
const onLapseSchema = z.strictObject({
  /** The id of the step issued on the lapse, or null to leave the lapsed step with the staff. */
  next: z.string().nullable(),
  /**
   * How long after the deadline: days after its date (at the send time), or hours after its instant; 0 issues
   * it at the lapse itself.
   */
  after: periodSchema,
});

/**
 * Whether, and how, a demand's clock may stop while the commission waits for something it asked for (a fee, the
 * information it asked for, a court's stay): `toll` adds the stopped days to the period (the deadline moves by
 * them); `restart` counts the whole period again from the day the clock restarts. Without it, a step's clock
 * never stops. docs/procedures.md, "Clocks that stop".
 */
export const clockStopsSchema = z.strictObject({
  counts: z.enum(['toll', 'restart'], { message: 'must be "toll" or "restart"' }),
  /** How many times the step's clock may stop (each stop is a few events of history: bounded). */
  maxStops: z.number().int().min(1).max(10).default(3),
  /** The most days the step's clock may stand stopped, all stops together: the clock restarts by itself then. */
  maxDays: z.number().int().min(1).max(366).optional(),
  /** Whether the officer may ask, through their link, for the clock to stop (staff approve or decline). */
  officerMayRequest: z.boolean().default(false),
  /** The law the stopped days are excluded under, completing "is excluded under ...", in each letter language. */
  legalBasis: z
    .strictObject({
      en: z.string().min(3).max(500).optional(),
      hi: z.string().min(3).max(500).optional(),
    })
    .optional(),
});
export type ClockStopRule = z.infer<typeof clockStopsSchema>;

/**
 * Whether an officer may send an interim reply (the reason the report is late and the date it is expected): it
 * moves the deadline to that date at once (`extendsDeadline`, up to `upToDays` after the deadline), or is only
 * recorded until staff accept the date. Without it, the officer's page offers none. docs/procedures.md.
 */
export const interimRepliesSchema = z.strictObject({
  extendsDeadline: z.boolean().default(false),
  /** How far past the current deadline an expected date may move it (a later date is capped to this). */
  upToDays: z.number().int().min(1).max(366).optional(),
  /** How many interim replies the step takes (each is a few events of history: bounded). */
  maxReplies: z.number().int().min(1).max(10).default(3),
});
export type InterimReplyRule = z.infer<typeof interimRepliesSchema>;

/** Who a step's messages go to: the respondent's officer, or the officer a summons names. */
const recipientRoleSchema = z.enum(['officer', 'summoned-officer']);
export type RecipientRole = z.infer<typeof recipientRoleSchema>;

const demandStepSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
  /** `notice` is the first demand; `reminder` is an overdue reminder with a fresh deadline. */
  kind: z.enum(['notice', 'reminder']),
  /** Who answers: the respondent's officer, or the named officer of a summons. */
  recipient: recipientRoleSchema.default('officer'),
  answerWithin: periodSchema,
  /** A due-soon reminder this long before the deadline (at the send time), or null for none. */
  dueSoonReminderBefore: periodSchema.nullable(),
  onLapse: onLapseSchema,
  clockStops: clockStopsSchema.optional(),
  interimReplies: interimRepliesSchema.optional(),
});

const summonsStepSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
  kind: z.literal('summons'),
  recipient: recipientRoleSchema.default('summoned-officer'),
  /** The hearing's date, counted from the day the summons is issued (in days: hours are refused). */
  hearingAfter: periodSchema,
  hearingTime: timeOfDay,
  /**
   * A conditional summons: an answer received on or before the cut-off (`reportBefore` the hearing's day, at the
   * due time) and accepted by staff dispenses with the appearance. docs/procedures.md, "Conditional summons".
   */
  dispensation: z.strictObject({ reportBefore: periodSchema }).optional(),
});

/** The languages a letter is written in: English, Hindi, or both in one letter (in this order). */
export const LETTER_LANGUAGES = ['en', 'hi'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

/** A text in each language the letters are written in, e.g. `{ "en": "...", "hi": "..." }`. */
const lettersTextSchema = z.strictObject({
  en: z.string().min(3).max(500).optional(),
  hi: z.string().min(3).max(500).optional(),
});
export type LetterText = z.infer<typeof lettersTextSchema>;

/**
 * The law each kind of letter is issued under, completing "issued under ...": `notice` for the notice and the
 * further demands staff add, `reminder` for due-soon and overdue reminders, `summons` for the summons.
 */
const legalBasisSchema = z.strictObject({
  notice: lettersTextSchema.optional(),
  reminder: lettersTextSchema.optional(),
  summons: lettersTextSchema.optional(),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/**
 * How long after its closure staff may reopen a complaint (`within`, from the day it closed: 90 calendar days by
 * default), and whether an appeal may be made: a reopening with its own name in the letters and its own period.
 * docs/procedures.md, "Reopening and appeals".
 */
const reopeningSchema = z.strictObject({
  within: daysPeriodSchema.default({ days: 90, kind: 'calendar' }),
  appeal: z
    .strictObject({
      within: daysPeriodSchema,
      /** What the letters call it, e.g. "First appeal" / "प्रथम अपील". */
      label: lettersTextSchema,
    })
    .optional(),
});
export type ReopeningRule = z.infer<typeof reopeningSchema>;

/** The procedure's reopening rule, or the default one (90 calendar days, no appeal). */
export function reopeningRuleOf(procedure: Pick<Procedure, 'reopening'>): ReopeningRule {
  return procedure.reopening ?? { within: { days: 90, kind: 'calendar' } };
}

export const procedureStepSchema = z.discriminatedUnion('kind', [demandStepSchema, summonsStepSchema]);
export type ProcedureStep = z.infer<typeof procedureStepSchema>;
export type DemandStepDefinition = z.infer<typeof demandStepSchema>;
export type SummonsStepDefinition = z.infer<typeof summonsStepSchema>;

/**
 * The rules of a compliance step: the period a recommendation's proof of compliance is due in when staff give none,
 * its due-soon reminder, what its lapse leads to (a summons, a reminder step, or null: staff decide), its clock
 * stops and interim replies. Optional: without it, compliance runs on the follow-up rules. docs/procedures.md,
 * "Recommendations and compliance".
 */
const complianceSchema = z.strictObject({
  answerWithin: periodSchema,
  dueSoonReminderBefore: periodSchema.nullable(),
  onLapse: onLapseSchema,
  clockStops: clockStopsSchema.optional(),
  interimReplies: interimRepliesSchema.optional(),
});
export type ComplianceRules = z.infer<typeof complianceSchema>;

/** What a demand step runs on: one of the procedure's demand steps, or its follow-up rules for demands staff add. */
export interface DemandDefinition {
  id: string;
  kind: 'notice' | 'reminder' | 'follow-up' | 'compliance';
  recipient: RecipientRole;
  answerWithin: Period;
  dueSoonReminderBefore: Period | null;
  onLapse: { next: string | null; after: Period };
  clockStops?: ClockStopRule;
  interimReplies?: InterimReplyRule;
}

export const procedureSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().min(1).max(200),
    rules: deadlineRulesSchema,
    /** The steps; the first is the notice every respondent gets. */
    steps: z.array(procedureStepSchema).min(1).max(20),
    /**
     * When staff correct an officer's address on an open demand: `deadline-stands` (the default) keeps its
     * deadline, as served on the wrong address; `deadline-restarts` counts the step's time to answer afresh from
     * the corrected service. A hearing's date never moves with an address.
     */
    onAddressCorrection: z.enum(['deadline-stands', 'deadline-restarts']).optional(),
    /** The languages of its letters: `["en"]` (the default), `["hi"]`, or `["en", "hi"]` for both in one letter. */
    languages: z
      .array(z.enum(LETTER_LANGUAGES, { message: 'must be "en" (English) or "hi" (Hindi)' }))
      .min(1)
      .refine((l) => new Set(l).size === l.length, 'names a language twice')
      .optional(),
    /** The law its letters are issued under, by kind of letter, in each of its languages. */
    legalBasis: legalBasisSchema.optional(),
    /** How long after closure a complaint may be reopened, and appealed (absent: 90 calendar days, no appeal). */
    reopening: reopeningSchema.optional(),
    /**
     * A transfer to another body (docs/procedures.md, "Transfers"): the period in which it is to acknowledge
     * receipt (CPGRAMS: 5 working days), after which a reminder goes to it and staff are alerted. Without it, a
     * transfer asks no acknowledgement.
     */
    transfer: z.strictObject({ acknowledgeWithin: periodSchema }).optional(),
    /** A demand staff add: an answer returned with what is missing, or a fresh demand after a hearing. */
    followUp: z.strictObject({
      answerWithin: periodSchema,
      dueSoonReminderBefore: periodSchema.nullable(),
      onLapse: onLapseSchema,
      clockStops: clockStopsSchema.optional(),
      interimReplies: interimRepliesSchema.optional(),
    }),
    /** A recommendation's compliance step (absent: the follow-up rules). */
    compliance: complianceSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const ids = new Map<string, number>();
    p.steps.forEach((step, i) => {
      if (ids.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'is used twice' });
      ids.set(step.id, i);
    });
    if (p.steps[0] && p.steps[0].kind !== 'notice') {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', 0, 'kind'],
        message: 'the first step must be the notice',
      });
    }
    const checkNext = (next: string | null, path: (string | number)[], from?: number) => {
      if (next === null) return;
      const target = ids.get(next);
      if (target === undefined) ctx.addIssue({ code: 'custom', path, message: `names no step "${next}"` });
      // Lapses only move forward, so a complaint can never loop through reminders forever.
      else if (from !== undefined && target <= from)
        ctx.addIssue({ code: 'custom', path, message: 'must name a later step' });
    };
    p.steps.forEach((step, i) => {
      if (step.kind !== 'summons') checkNext(step.onLapse.next, ['steps', i, 'onLapse', 'next'], i);
    });
    checkNext(p.followUp.onLapse.next, ['followUp', 'onLapse', 'next']);
    if (p.compliance) checkNext(p.compliance.onLapse.next, ['compliance', 'onLapse', 'next']);
    // A stop's letter names the law it excludes the days under in each language, as the letters' legal basis does.
    const stopRules: [(string | number)[], ClockStopRule | undefined][] = [
      ...p.steps.map((s, i): [(string | number)[], ClockStopRule | undefined] => [
        ['steps', i, 'clockStops'],
        s.kind === 'summons' ? undefined : s.clockStops,
      ]),
      [['followUp', 'clockStops'], p.followUp.clockStops],
      [['compliance', 'clockStops'], p.compliance?.clockStops],
    ];
    for (const [path, rule] of stopRules)
      if (rule?.legalBasis)
        for (const language of p.languages ?? ['en'])
          if (!rule.legalBasis[language])
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'legalBasis', language],
              message: `is required: the procedure's languages name "${language}"`,
            });
    const demands: [(string | number)[], Omit<DemandDefinition, 'id' | 'kind' | 'recipient'>][] = [
      [['followUp'], p.followUp],
      ...(p.compliance ? [[['compliance'], p.compliance] as [string[], ComplianceRules]] : []),
    ];
    p.steps.forEach((step, i) => {
      if (step.kind !== 'summons') demands.unshift([['steps', i], step]);
      // A hearing is a day at hearingTime: hours after the summons would say nothing of which day.
      else if (isHours(step.hearingAfter))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'hearingAfter', 'hours'],
          message: 'a hearing is set for a day at hearingTime: give hearingAfter in days',
        });
      if (step.kind === 'summons' && step.dispensation) dispensationProblems(step, ['steps', i], ctx);
    });
    for (const [at, demand] of demands) {
      const { answerWithin, dueSoonReminderBefore: reminder } = demand;
      if (isHours(answerWithin) && answerWithin.hours === 0)
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'answerWithin', 'hours'],
          message: 'must be at least 1: a deadline in hours falls after the message that starts it',
        });
      // "2 days before" a 48-hour deadline, or "24 hours before" the end of a day, mixes two counts.
      if (reminder && isHours(reminder) !== isHours(answerWithin))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'dueSoonReminderBefore'],
          message: `must be in ${isHours(answerWithin) ? 'hours' : 'days'}, as answerWithin is`,
        });
      // A stop leaves whole days uncounted: a deadline counted in hours has no days to add them to.
      if (demand.clockStops && isHours(answerWithin))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'clockStops'],
          message: 'a deadline in hours cannot stop: stops count whole days (give answerWithin in days)',
        });
      const periods: [string[], Period | null][] = [
        [['answerWithin'], answerWithin],
        [['dueSoonReminderBefore'], reminder],
        [['onLapse', 'after'], demand.onLapse.after],
      ];
      for (const [field, period] of periods)
        if (period && isHours(period) && period.kind === 'working-hours' && !p.rules.officeHours)
          ctx.addIssue({
            code: 'custom',
            path: [...at, ...field, 'kind'],
            message: 'working-hours needs rules.officeHours (e.g. { "start": "09:30", "end": "18:00" })',
          });
    }
    // An appeal's letters name it in each of their languages.
    const appeal = p.reopening?.appeal;
    if (appeal)
      for (const language of p.languages ?? ['en'])
        if (!appeal.label[language])
          ctx.addIssue({
            code: 'custom',
            path: ['reopening', 'appeal', 'label', language],
            message: `is required: the procedure's languages name "${language}"`,
          });
    // A letter states its legal basis in each of its languages: a text missing in one would leave it out there.
    for (const [kind, texts] of Object.entries(p.legalBasis ?? {}))
      for (const language of p.languages ?? ['en'])
        if (!texts?.[language])
          ctx.addIssue({
            code: 'custom',
            path: ['legalBasis', kind, language],
            message: `is required: the procedure's languages name "${language}"`,
          });
  });
export type Procedure = z.infer<typeof procedureSchema>;

/**
 * A dispensation's cut-off is a day before the hearing's day, at the due time, and after the summons: in days (as
 * the hearing is), at least 1, and fewer than the hearing's own days when both count the same kind of day.
 */
function dispensationProblems(
  step: z.infer<typeof summonsStepSchema>,
  at: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const before = step.dispensation!.reportBefore;
  const path = [...at, 'dispensation', 'reportBefore'];
  if (isHours(before)) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'hours'],
      message: 'a cut-off is set for a day at dueTime: give reportBefore in days',
    });
    return;
  }
  if (before.days < 1)
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'days'],
      message: "must be at least 1: the cut-off falls on a day before the hearing's day",
    });
  else if (
    !isHours(step.hearingAfter) &&
    step.hearingAfter.kind === before.kind &&
    before.days >= step.hearingAfter.days
  )
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'days'],
      message: `must be fewer than hearingAfter's ${step.hearingAfter.days} days: the cut-off falls after the summons`,
    });
}

/**
 * The seed case's procedure (NCPCR, 2021), in India's time zone: an Action Taken Report within seven days,
 * a due-soon reminder two days before, an overdue reminder three days after the lapse with a fresh seven-day
 * deadline, then on its lapse a summons to appear fourteen days later. Also in procedures/ (the built-in procedures, PROCEDURES_DIR's default).
 */
export const DEFAULT_PROCEDURE: Procedure = {
  id: 'ncpcr-seven-days',
  name: 'ATR within seven days, reminder, then summons (NCPCR)',
  rules: { timeZone: 'Asia/Kolkata', dueTime: '17:00', sendTime: '10:00', weekend: [6, 7], holidays: [] },
  steps: [
    {
      id: 'notice',
      kind: 'notice',
      recipient: 'officer',
      answerWithin: { days: 7, kind: 'calendar' },
      dueSoonReminderBefore: { days: 2, kind: 'calendar' },
      onLapse: { next: 'overdue-reminder', after: { days: 3, kind: 'calendar' } },
      clockStops: { counts: 'toll', maxStops: 3, maxDays: 60, officerMayRequest: true },
      interimReplies: { extendsDeadline: false, upToDays: 30, maxReplies: 3 },
    },
    {
      id: 'overdue-reminder',
      kind: 'reminder',
      recipient: 'officer',
      answerWithin: { days: 7, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
      clockStops: { counts: 'toll', maxStops: 3, maxDays: 60, officerMayRequest: true },
      interimReplies: { extendsDeadline: false, upToDays: 30, maxReplies: 3 },
    },
    {
      id: 'summons',
      kind: 'summons',
      recipient: 'summoned-officer',
      hearingAfter: { days: 14, kind: 'calendar' },
      hearingTime: '11:00',
    },
  ],
  followUp: {
    answerWithin: { days: 7, kind: 'calendar' },
    dueSoonReminderBefore: { days: 2, kind: 'calendar' },
    onLapse: { next: 'overdue-reminder', after: { days: 3, kind: 'calendar' } },
    clockStops: { counts: 'toll', maxStops: 3, maxDays: 60, officerMayRequest: true },
    interimReplies: { extendsDeadline: false, upToDays: 30, maxReplies: 3 },
  },
  languages: ['en', 'hi'],
  legalBasis: {
    notice: {
      en: 'section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005',
      hi: 'बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13(1)(ञ)',
    },
    reminder: {
      en: 'section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005',
      hi: 'बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13(1)(ञ)',
    },
    summons: {
      en: 'sections 13 and 14 of the Commissions for Protection of Child Rights Act, 2005',
      hi: 'बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13 और 14',
    },
  },
};

export function parseProcedure(data: unknown): Procedure {
  const parsed = procedureSchema.safeParse(data);
  if (!parsed.success) throw InputError.fromZod(parsed.error, 'procedure');
  return parsed.data;
}
