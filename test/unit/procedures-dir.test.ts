// Where the package finds its own files: the project root by its package.json (never by scripts/ or examples/),
// and the procedures the dashboard offers in PROCEDURES_DIR (default: the built-in ones that ship in procedures/).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_PROCEDURES_DIR, loadConfig } from '../../lib/config';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { readProcedureFolder } from '../../lib/procedure/procedure-folder';
import { findProjectRoot, PROJECT_ROOT } from '../../lib/project-root';

const scratch = () => mkdtempSync(join(tmpdir(), 'procedures-dir-'));

test('the project root is the nearest folder whose package.json is this package, whatever else lies between', () => {
  const root = scratch();
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'complaint-deadlines' }));
  // A folder with scripts/ and another package's manifest on the way up is not the root.
  const nested = join(root, 'dist', 'lib');
  mkdirSync(join(root, 'dist', 'scripts'), { recursive: true });
  mkdirSync(nested, { recursive: true });
  writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ name: 'someone-else' }));
  expect(findProjectRoot(nested)).toBe(root);
  expect(() => findProjectRoot(scratch())).toThrow(/no package.json of complaint-deadlines above/);
  expect(findProjectRoot(join(PROJECT_ROOT, 'lib', 'procedure'))).toBe(PROJECT_ROOT);
});

test('PROCEDURES_DIR defaults to the built-in procedures, which ship in the package and all parse', () => {
  expect(loadConfig({}).proceduresDir).toBe(BUILT_IN_PROCEDURES_DIR);
  expect(BUILT_IN_PROCEDURES_DIR).toBe(join(PROJECT_ROOT, 'procedures'));
  const builtIn = readProcedureFolder(BUILT_IN_PROCEDURES_DIR);
  expect(builtIn.map((p) => p.id)).toEqual([
    'ncpcr-seven-days',
    'ncpcr-with-conditional-summons',
    'urgent-48-hours',
    'working-days-india',
  ]);
  // The default procedure in code is the same as its file (and first: the start form's default).
  expect(builtIn[0]).toEqual(DEFAULT_PROCEDURE);
});

test('PROCEDURES_DIR set: a relative folder is taken from the working directory', () => {
  expect(loadConfig({ PROCEDURES_DIR: 'commission/procedures' }).proceduresDir).toBe(
    join(process.cwd(), 'commission', 'procedures'),
  );
  expect(() => loadConfig({ PROCEDURES_DIR: '' })).not.toThrow();
});

test('a folder that is missing, or holds a wrong procedure, is refused naming the folder, file and field', () => {
  const missing = join(scratch(), 'nowhere');
  expect(() => readProcedureFolder(missing)).toThrow(`${missing} is not a folder`);
  const dir = scratch();
  writeFileSync(join(dir, 'a.json'), JSON.stringify(DEFAULT_PROCEDURE));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...DEFAULT_PROCEDURE, id: 'Bad Id' }));
  expect(() => readProcedureFolder(dir)).toThrow(`${join(dir, 'b.json')}: Invalid procedure: id:`);
  writeFileSync(join(dir, 'b.json'), '{ not json');
  expect(() => readProcedureFolder(dir)).toThrow(join(dir, 'b.json'));
});
