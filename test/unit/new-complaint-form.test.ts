// The dashboard's form to start a complaint offers every procedure the web app was given (the built-in one and
// PROCEDURES_DIR's), by name, and keeps the one chosen when the form comes back with an error.
import { newComplaintPage } from '../../client/web/staff-pages';
import { BUILT_IN_PROCEDURES_DIR } from '../../lib/config';
import { readProcedureFolder } from '../../lib/procedure/procedure-folder';

const procedures = readProcedureFolder(BUILT_IN_PROCEDURES_DIR);
const ctx = { user: 'staff', csrf: 'token' };
const options = (page: string) =>
  [...page.matchAll(/<option value="([^"]+)"( selected)?\s*>([^<]*)<\/option>/g)].map((m) => [
    m[1],
    m[3],
    Boolean(m[2]),
  ]);

test('the start form offers each built-in procedure by its name, the urgent one included', () => {
  expect(options(newComplaintPage(ctx, procedures))).toEqual(
    procedures.map((p) => [p.id, p.name.replace(/'/g, '&#39;'), false]),
  );
  expect(procedures.map((p) => p.id)).toContain('urgent-48-hours');
});

test('a form sent back with an error keeps the procedure chosen', () => {
  const page = newComplaintPage(ctx, procedures, { procedure: 'urgent-48-hours' }, 'Invalid case');
  expect(options(page).filter(([, , selected]) => selected)).toEqual([
    ['urgent-48-hours', 'Urgent, a child in danger: answer within 48 hours, then summons', true],
  ]);
});
