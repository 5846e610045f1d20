// The dashboard list's query string (`/staff?sort=overdue&page=2&...`), validated: a bad value is refused
// with a message naming the parameter, never a server error.
import { z } from 'zod';
import {
  LIST_COMPLIANCE,
  LIST_SORTS,
  LIST_STAGES,
  type ListCompliance,
  type ListSort,
  type ListStage,
} from '../../lib/records/complaint-list';
import { describeZodError, InputError } from '../../lib/procedure/validation';

export const DEFAULT_PAGE_SIZE = 25;

const listQuerySchema = z.object({
  sort: z.enum(LIST_SORTS, { error: () => `must be one of ${LIST_SORTS.join(', ')}` }).default('next'),
  page: z.coerce
    .number({ error: () => 'must be a whole number from 1' })
    .int('must be a whole number from 1')
    .min(1, 'must be a whole number from 1')
    .max(1_000_000, 'is too large')
    .default(1),
  size: z.coerce
    .number({ error: () => 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(DEFAULT_PAGE_SIZE),
  search: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/._-]{1,64}$/, 'a case reference has only letters, digits and / . _ -')
    .optional(),
  stage: z.enum(LIST_STAGES, { error: () => `must be one of ${LIST_STAGES.join(', ')}` }).optional(),
  respondent: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a respondent ID such as delhi-police')
    .optional(),
  overdue: z.enum(['1'], { error: () => 'must be 1 (overdue only) or absent' }).optional(),
  compliance: z
    .enum(LIST_COMPLIANCE, { error: () => `must be one of ${LIST_COMPLIANCE.join(', ')}, or absent` })
    .optional(),
});

export interface ListQuery {
  sort: ListSort;
  page: number;
  size: number;
  search?: string;
  stage?: ListStage;
  respondent?: string;
  overdue?: '1';
  compliance?: ListCompliance;
}

/** The list's parameters as given (for the form and the links), empty ones left out. */
export function listParams(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(listQuerySchema.shape)) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value;
  }
  return out;
}

/** Parses the query string; throws an InputError naming each bad parameter. */
export function parseListQuery(raw: Record<string, unknown>): ListQuery {
  const given = listParams(raw);
  for (const key of Object.keys(listQuerySchema.shape))
    if (Array.isArray(raw[key])) throw new InputError(`${key}: must be given once`, [key]);
  const parsed = listQuerySchema.safeParse(given);
  if (!parsed.success)
    throw new InputError(
      `Invalid list parameters: ${describeZodError(parsed.error)}`,
      parsed.error.issues.map((i) => String(i.path[0])),
    );
  return parsed.data;
}

/** The list's URL with `changes` applied to `query` (defaults left out, so links stay short). */
export function listUrl(query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  if (merged.search) params.set('search', merged.search);
  if (merged.stage) params.set('stage', merged.stage);
  if (merged.respondent) params.set('respondent', merged.respondent);
  if (merged.overdue) params.set('overdue', merged.overdue);
  if (merged.compliance) params.set('compliance', merged.compliance);
  if (merged.sort !== 'next') params.set('sort', merged.sort);
  if (merged.size !== DEFAULT_PAGE_SIZE) params.set('size', String(merged.size));
  if (merged.page !== 1) params.set('page', String(merged.page));
  const text = params.toString();
  return text ? `/staff?${text}` : '/staff';
}
