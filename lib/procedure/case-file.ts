// A case file: what staff give to start a complaint (JSON). Validated before anything starts, so a bad file
// is refused with a message naming the field and changes nothing.
import { z } from 'zod';
import { InputError } from './validation';

/** Case references appear in workflow IDs and URLs, so they are restricted to a safe, readable alphabet. */
export const caseReferenceSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9/._-]{2,63}$/,
    'must be 3 to 64 letters, digits and / . _ - (e.g. NCPCR/2021/05/0291)',
  );

/**
 * The schema's limits: per field, in characters (docs/letters.md, "Limits: per field and per payload"); the tests
 * start a case file at all of them.
 */
export const CASE_FILE_LIMITS = {
  subject: 300,
  category: 100,
  categories: 10,
  summary: 20_000,
  name: 300,
  personName: 200,
  demand: 2000,
  demandsPerRespondent: 20,
  respondents: 50,
} as const;
const L = CASE_FILE_LIMITS;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A single line (no CR/LF): such values go into email headers and page titles. */
const line = (max: number) => text(max).regex(/^[^\r\n]*$/, 'must be a single line');

export const officerSchema = z.strictObject({
  name: line(L.personName),
  designation: line(L.personName),
  email: z.email({ message: 'must be an email address' }).max(254),
});

export const respondentSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits and dashes'),
  name: line(L.name),
  /** The officer who receives the notice and answers it. */
  officer: officerSchema,
  /** The named officer a summons orders to appear (defaults to `officer`). */
  summonedOfficer: officerSchema.optional(),
  demands: z.array(text(L.demand)).min(1, 'must list at least one demand').max(L.demandsPerRespondent),
});

export const caseFileSchema = z
  .strictObject({
    caseReference: caseReferenceSchema,
    subject: line(L.subject),
    categories: z.array(line(L.category)).min(1, 'must name at least one category').max(L.categories),
    receivedOn: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
    summary: text(L.summary),
    commission: z.strictObject({
      name: line(200),
      email: z.email({ message: 'must be an email address' }).max(254),
    }),
    respondents: z.array(respondentSchema).min(1, 'must list at least one respondent').max(L.respondents),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.respondents.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['respondents', i, 'id'], message: 'is used twice' });
      seen.add(r.id);
    });
  });

export type CaseFile = z.infer<typeof caseFileSchema>;
export type Respondent = z.infer<typeof respondentSchema>;

export function parseCaseFile(data: unknown): CaseFile {
  const parsed = caseFileSchema.safeParse(data);
  if (!parsed.success) throw InputError.fromZod(parsed.error, 'case file');
  return parsed.data;
}
