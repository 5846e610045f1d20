// Small pure checks for the arguments of Updates: used by validators inside workflows (no libraries there)
// and by the web app and CLI before they send anything. Each returns a message naming the field, or null.

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export function requiredText(field: string, value: unknown, max: number): string | null {
  if (typeof value !== 'string' || !value.trim()) return `${field}: is required`;
  if (value.length > max) return `${field}: must be at most ${max} characters`;
  return null;
}

export function optionalLine(field: string, value: unknown, max: number): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !new RegExp(`^[^\\r\\n]{1,${max}}$`).test(value))
    return `${field}: must be a single line of at most ${max} characters`;
  return null;
}

export function optionalDate(field: string, value: unknown): string | null {
  if (value === undefined) return null;
  return isCalendarDate(value) ? null : `${field}: must be a date as YYYY-MM-DD`;
}

/** An email address on one line, as a case file's (checked without a library: validators run in workflows). */
export function emailAddress(field: string, value: unknown): string | null {
  if (
    typeof value !== 'string' ||
    value.length > 254 ||
    !/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(value)
  )
    return `${field}: must be an email address`;
  return null;
}

export function stepAddress(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'arguments: must be an object';
  const v = value as { respondentId?: unknown; stepId?: unknown };
  if (typeof v.respondentId !== 'string' || !v.respondentId) return 'respondentId: is required';
  if (typeof v.stepId !== 'string' || !v.stepId) return 'stepId: is required';
  return null;
}

/** The first problem of several checks, or null. */
export function firstProblem(...problems: (string | null)[]): string | null {
  return problems.find((p) => p !== null) ?? null;
}
