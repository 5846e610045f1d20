// Reading case and procedure files from disk, with errors that name the file and the field.
import { readFile } from 'node:fs/promises';
import { parseCaseFile, respondentSchema, type CaseFile, type Respondent } from '../lib/procedure/case-file';
import { DEFAULT_PROCEDURE, parseProcedure, type Procedure } from '../lib/procedure/procedure';
import { InputError } from '../lib/procedure/validation';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(
      `${what} ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${what} ${path}: is not valid JSON (${(err as Error).message})`);
  }
}

export async function readCaseFile(path: string): Promise<CaseFile> {
  return parseCaseFile(await readJson(path, 'case file'));
}

export async function readProcedure(path: string | undefined): Promise<Procedure> {
  return path ? parseProcedure(await readJson(path, 'procedure')) : DEFAULT_PROCEDURE;
}

/** A respondent to add to a running complaint, as a case file gives one (its schema, its limits). */
export async function readRespondent(path: string): Promise<Respondent> {
  const parsed = respondentSchema.safeParse(await readJson(path, 'respondent file'));
  if (!parsed.success) throw InputError.fromZod(parsed.error, `respondent file ${path}`);
  return parsed.data;
}
