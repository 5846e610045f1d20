// The procedures a commission offers (PROCEDURES_DIR): every .json file of one folder, each parsed and checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseProcedure, type Procedure } from './procedure';
import { InputError } from './validation';

/** The folder's procedures in file-name order; a missing folder or a bad file is refused, naming it. */
export function readProcedureFolder(dir: string): Procedure[] {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new InputError(`${dir} is not a folder`, []);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const path = join(dir, file);
    try {
      return parseProcedure(JSON.parse(readFileSync(path, 'utf8')));
    } catch (err) {
      throw new InputError(`${path}: ${err instanceof Error ? err.message : String(err)}`, []);
    }
  });
}
