// The procedure as data: the rules that turn a complaint into steps and deadlines. It is validated here and
// frozen into each workflow at start, so editing a procedure file never changes a complaint already running.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { InputError } from './validation';

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const periodSchema = z.strictObject({
  days: z.number().int().min(0).max(366),
  kind: z.enum(['calendar', 'working']),
});
export type Period = z.infer<typeof periodSchema>;

export const deadlineRulesSchema = z.strictObject({
  /** The commission's IANA time zone: every deadline is a date there. */
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'is not a known IANA time zone' }),
  /** Local time of day a deadline falls due, HH:mm. */
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:mm'),
  /** ISO weekday numbers (1 = Monday ... 7 = Sunday) that are not working days. */
  weekend: z.array(z.number().int().min(1).max(7)).max(6).default([6, 7]),
  /** Dates on which the commission does not work. */
  holidays: z.array(isoDate).default([]),
});
export type DeadlineRules = z.infer<typeof deadlineRulesSchema>;

export const procedureSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1).max(200),
  rules: deadlineRulesSchema,
  notice: z.strictObject({
    /** How long a respondent has to answer the first notice. */
    answerWithin: periodSchema,
  }),
});
export type Procedure = z.infer<typeof procedureSchema>;

/** The seed case's procedure: an Action Taken Report within seven calendar days, in India's time zone. */
export const DEFAULT_PROCEDURE: Procedure = {
  id: 'ncpcr-default',
  name: 'NCPCR: Action Taken Report within seven days',
  rules: { timeZone: 'Asia/Kolkata', dueTime: '17:00', weekend: [6, 7], holidays: [] },
  notice: { answerWithin: { days: 7, kind: 'calendar' } },
};

export function parseProcedure(data: unknown): Procedure {
  const parsed = procedureSchema.safeParse(data);
  if (!parsed.success) throw InputError.fromZod(parsed.error, 'procedure');
  return parsed.data;
}
