// A respondent added to a running complaint (a second authority found responsible during the inquiry): as a case
// file's respondent, with why and by whom. It gets its own track from its own notice, under the complaint's
// procedure; nothing else about the complaint changes. The check runs in the workflow's validator (no libraries
// there) and in the CLI, and agrees with the case file's schema (lib/procedure/case-file.ts, respondentSchema).
import { emailAddress, firstProblem, optionalLine, requiredText } from './checks';
import { REASON_MAX_CHARS } from './answer';

/** A case file's limits, repeated here for the workflow's check (the case file's schema holds them too). */
const LIMITS = { name: 300, personName: 200, demand: 2000, demandsPerRespondent: 20, respondents: 50 };
/** A complaint has at most this many respondents in all, as a case file does. */
export const MAX_RESPONDENTS = LIMITS.respondents;

export interface OfficerGiven {
  name: string;
  designation: string;
  email: string;
}

/** A respondent as a case file gives it. */
export interface RespondentGiven {
  id: string;
  name: string;
  officer: OfficerGiven;
  summonedOfficer?: OfficerGiven;
  demands: string[];
}

/** Staff add a respondent to a running complaint. */
export interface RespondentAddition {
  respondent: RespondentGiven;
  reason: string;
  by?: string;
}

/** A respondent added, as the complaint's state keeps it. */
export interface AddedRespondent extends RespondentGiven {
  reason: string;
  by?: string;
  at: string;
}

function singleLine(field: string, value: unknown, max: number): string | null {
  if (typeof value !== 'string' || !value.trim()) return `${field}: must not be empty`;
  if (value.length > max) return `${field}: must be at most ${max} characters`;
  if (/[\r\n]/.test(value)) return `${field}: must be a single line`;
  return null;
}

function unknownKeys(field: string, value: object, known: string[]): string | null {
  const extra = Object.keys(value).find((k) => !known.includes(k));
  return extra === undefined ? null : `${field}.${extra}: is not a field of a respondent`;
}

function officerProblem(field: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return `${field}: is required`;
  const o = value as Record<string, unknown>;
  return firstProblem(
    unknownKeys(field, o, ['name', 'designation', 'email']),
    singleLine(`${field}.name`, o.name, LIMITS.personName),
    singleLine(`${field}.designation`, o.designation, LIMITS.personName),
    emailAddress(`${field}.email`, o.email),
  );
}

/** What is wrong with a respondent as given (the field named), or null. */
export function respondentProblem(value: unknown, field = 'respondent'): string | null {
  if (typeof value !== 'object' || value === null) return `${field}: is required`;
  const r = value as Record<string, unknown>;
  const demands = r.demands;
  return firstProblem(
    unknownKeys(field, r, ['id', 'name', 'officer', 'summonedOfficer', 'demands']),
    typeof r.id === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(r.id)
      ? null
      : `${field}.id: must be 1 to 40 lower-case letters, digits and dashes`,
    singleLine(`${field}.name`, r.name, LIMITS.name),
    officerProblem(`${field}.officer`, r.officer),
    r.summonedOfficer === undefined ? null : officerProblem(`${field}.summonedOfficer`, r.summonedOfficer),
    !Array.isArray(demands) || demands.length === 0
      ? `${field}.demands: must list at least one demand`
      : demands.length > LIMITS.demandsPerRespondent
        ? `${field}.demands: must list at most ${LIMITS.demandsPerRespondent} demands`
        : firstProblem(...demands.map((d, i) => requiredText(`${field}.demands.${i}`, d, LIMITS.demand))),
  );
}

/** What is wrong with an addition's arguments (the field named), or null. */
export function respondentAdditionProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'arguments: must be an object';
  const a = value as Partial<Record<keyof RespondentAddition, unknown>>;
  return firstProblem(
    respondentProblem(a.respondent),
    requiredText('reason', a.reason, REASON_MAX_CHARS),
    optionalLine('by', a.by, 200),
  );
}
