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

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A single line (no CR/LF): such values go into email headers and page titles. */
const line = (max: number) => text(max).regex(/^[^\r\n]*$/, 'must be a single line');

export const officerSchema = z.strictObject({
  name: line(200),
  designation: line(200),
  email: z.email({ message: 'must be an email address' }).max(254),
});

export const respondentSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits and dashes'),
  name: line(300),
  /** The officer who receives the notice and answers it. */
  officer: officerSchema,
  /** The named officer a summons orders to appear (defaults to `officer`). */
  summonedOfficer: officerSchema.optional(),
  demands: z.array(text(2000)).min(1, 'must list at least one demand').max(20),
});

export const caseFileSchema = z
  .strictObject({
    caseReference: caseReferenceSchema,
    subject: line(300),
    categories: z.array(line(100)).min(1, 'must name at least one category').max(10),
    receivedOn: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
    summary: text(20_000),
    commission: z.strictObject({
      name: line(200),
      email: z.email({ message: 'must be an email address' }).max(254),
    }),
    respondents: z.array(respondentSchema).min(1, 'must list at least one respondent').max(50),
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
