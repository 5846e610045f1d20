// Turns validation failures into messages that name the field, e.g. `respondents[0].officer.email: Invalid email address`.
import type { z } from 'zod';

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`).join('; ');
}

/** A failed validation of user input: `message` names each wrong field. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  static fromZod(error: z.ZodError, what: string): InputError {
    return new InputError(
      `Invalid ${what}: ${describeZodError(error)}`,
      error.issues.map((i) => fieldPath(i.path)),
    );
  }
}
