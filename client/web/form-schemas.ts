// One schema per form and query the web app reads (the dashboard's list has its own, list-query.ts; uploads
// are read by officer-form.ts): each field once, as text, within its length, and nothing else. A repeated field,
// a value of another type or an unknown field is refused with the field named (a 400), never handed to code
// that expects one string.
import { z } from 'zod';
import { InputError } from '../../lib/procedure/validation';

/** One text field, given once. */
const once = (max: number) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : Array.isArray(issue.input)
            ? 'must be given once'
            : 'must be text',
    })
    .max(max, `must be at most ${max} characters`);

const optional = (max: number) => once(max).optional();
const TEXT = 2_000;
const LINE = 200;

/** Every staff form carries its session's CSRF token; a step's forms name the step. */
const csrf = { _csrf: optional(200) };
const step = { ...csrf, respondentId: once(64), stepId: once(64) };

export const formSchemas = {
  login: z.strictObject({ ...csrf, name: optional(LINE), password: optional(LINE) }),
  logout: z.strictObject(csrf),
  extend: z.strictObject({ ...step, until: once(20), reason: once(TEXT) }),
  accept: z.strictObject(step),
  'clock-stop': z.strictObject({ ...step, grounds: once(40), details: optional(TEXT) }),
  'clock-restart': z.strictObject(step),
  'interim-accept': z.strictObject({ ...step, note: optional(TEXT) }),
  'interim-refuse': z.strictObject({ ...step, note: optional(TEXT) }),
  'clock-approve': z.strictObject(step),
  'clock-decline': z.strictObject({ ...step, note: optional(TEXT) }),
  return: z.strictObject({ ...step, missing: once(TEXT) }),
  reschedule: z.strictObject({ ...step, date: once(20), time: optional(10), reason: once(TEXT) }),
  dispensation: z.strictObject({
    ...step,
    cutOff: optional(20),
    remove: z.literal('1', { error: () => 'must be 1 or absent' }).optional(),
    reason: once(TEXT),
  }),
  hearing: z.strictObject({
    ...step,
    appeared: z.literal('1', { error: () => 'must be 1 or absent' }).optional(),
    atrFiled: z.literal('1', { error: () => 'must be 1 or absent' }).optional(),
    firRegistered: z.literal('1', { error: () => 'must be 1 or absent' }).optional(),
    firNumber: optional(LINE),
    notes: optional(TEXT),
    next: z
      .enum(['close', 'further-hearing', 'fresh-demand'], {
        error: () => 'must be close, further-hearing or fresh-demand',
      })
      .optional(),
    date: optional(20),
    demand: optional(TEXT),
  }),
  close: z.strictObject({
    ...csrf,
    action: z.enum(['withdraw', 'dispose'], { error: () => 'must be withdraw or dispose' }),
    reason: once(TEXT),
  }),
  reopen: z.strictObject({
    ...csrf,
    reason: once(TEXT),
    from: z.enum(['notice', 'summons'], { error: () => 'must be notice or summons' }).optional(),
    appeal: z.literal('1', { error: () => 'must be 1 or absent' }).optional(),
    demand: optional(TEXT),
  }),
  'respondent-add': z.strictObject({
    ...csrf,
    respondentId: once(64),
    respondentName: once(300),
    officerName: once(LINE),
    officerDesignation: once(LINE),
    officerEmail: once(254),
    demands: once(TEXT * 20),
    reason: once(TEXT),
  }),
  transfer: z.strictObject({
    ...csrf,
    /** Empty: the whole complaint. */
    respondentId: optional(64),
    bodyName: once(300),
    bodyEmail: once(254),
    /** One line an entry. */
    bodyAddress: once(6 * 201),
    reason: once(TEXT),
  }),
  newComplaint: z.strictObject({
    ...csrf,
    caseReference: optional(LINE),
    subject: optional(LINE),
    categories: optional(TEXT),
    receivedOn: optional(20),
    summary: optional(20_000),
    commissionName: optional(LINE),
    commissionEmail: optional(LINE),
    respondentId: optional(64),
    respondentName: optional(LINE),
    officerName: optional(LINE),
    officerDesignation: optional(LINE),
    officerEmail: optional(LINE),
    demands: optional(TEXT * 5),
    procedure: optional(LINE),
  }),
  /** An officer's form (urlencoded, or the text fields of a multipart one). */
  officer: z.strictObject({
    action: optional(40),
    atrText: optional(20_000),
    firNumber: optional(LINE),
    firDate: optional(20),
    reason: optional(TEXT),
    requestedDate: optional(20),
    /** An interim reply's expected date (its reason is `reason`). */
    expectedDate: optional(20),
    /** Asking that the clock stop: why, and what they wait for. */
    grounds: optional(40),
    details: optional(TEXT),
    /** The step's version a summons acknowledgement was given for. */
    version: optional(20),
  }),
  /** Query strings. */
  loginQuery: z.strictObject({ next: optional(2_000) }),
  complaintQuery: z.strictObject({ done: optional(LINE) }),
  noQuery: z.strictObject({}),
} as const;

export type FormName = keyof typeof formSchemas;
export type FormOf<N extends FormName> = z.infer<(typeof formSchemas)[N]>;

/** The form as its schema reads it, or an InputError naming each wrong field. */
export function readForm<N extends FormName>(name: N, body: unknown): FormOf<N> {
  const parsed = formSchemas[name].safeParse(body ?? {});
  if (!parsed.success) {
    // An unknown field is named as a field of its own, not as a list on the form.
    const problems = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: key, message: 'is not a field of this form' }))
        : [{ field: issue.path.map(String).join('.') || 'form', message: issue.message }],
    );
    throw new InputError(
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems.map((p) => p.field),
    );
  }
  return parsed.data as FormOf<N>;
}
