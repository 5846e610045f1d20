// The procedures a commission offers (PROCEDURES_DIR): every .json file of one folder, each parsed and checked.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** A procedure's file in the folder, as written (to edit and write back) and as parsed. */
export interface ProcedureFile {
  path: string;
  data: Record<string, unknown> & { rules: Record<string, unknown> };
  procedure: Procedure;
}

/** The folder's file of procedure `id`; an unknown id is refused, naming the field and the folder. */
export function findProcedureFile(dir: string, id: string): ProcedureFile {
  readProcedureFolder(dir); // a missing folder or a bad file, named first
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const path = join(dir, file);
    const data = JSON.parse(readFileSync(path, 'utf8')) as ProcedureFile['data'];
    if (data.id === id) return { path, data, procedure: parseProcedure(data) };
  }
  throw new InputError(`procedure: no procedure ${id} in ${dir}`, ['procedure']);
}

/** Writes the procedure's file, checked first: a change that makes it invalid is refused and writes nothing. */
export function writeProcedureFile(path: string, data: ProcedureFile['data']): Procedure {
  const procedure = parseProcedure(data);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return procedure;
}
