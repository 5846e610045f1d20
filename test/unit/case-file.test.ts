import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../lib/procedure/case-file';
import { InputError } from '../../lib/procedure/validation';
import { SEED_CASE_PATH } from '../helpers/fixtures';

const seed = () =>
  JSON.parse(readFileSync(SEED_CASE_PATH, 'utf8')) as Record<string, unknown> & {
    respondents: Record<string, unknown>[];
  };

function problem(data: unknown): string {
  try {
    parseCaseFile(data);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected the case file to be refused');
}

test('the shipped seed case file is valid', () => {
  expect(parseCaseFile(seed()).caseReference).toBe('NCPCR/2021/05/0291');
});

test('a missing field is named', () => {
  const data = seed();
  delete data.subject;
  expect(problem(data)).toMatch(/subject:/);
});

test('nested fields are named with their path', () => {
  const data = seed();
  (data.respondents[0]!.officer as Record<string, unknown>).email = 'not-an-email';
  expect(problem(data)).toMatch(/respondents\[0\]\.officer\.email: must be an email address/);
});

test('impossible dates, wrong types, CR/LF in a single-line field and unknown fields are refused', () => {
  expect(problem({ ...seed(), receivedOn: '2021-02-30' })).toMatch(/receivedOn:/);
  expect(problem({ ...seed(), categories: 'POCSO' })).toMatch(/categories:/);
  expect(problem({ ...seed(), subject: 'Notice\r\nBcc: someone@example.com' })).toMatch(
    /subject: must be a single line/,
  );
  expect(problem({ ...seed(), unexpected: true })).toMatch(/unexpected|Unrecognized key/);
  expect(problem({ ...seed(), summary: 'x'.repeat(20_001) })).toMatch(
    /summary: must be at most 20000 characters/,
  );
});

test('a respondent listed twice is refused', () => {
  const data = seed();
  data.respondents.push({ ...data.respondents[0]! });
  expect(problem(data)).toMatch(/respondents\[1\]\.id: is used twice/);
});

test('case references are limited to a safe alphabet', () => {
  expect(problem({ ...seed(), caseReference: 'NCPCR 2021 <b>' })).toMatch(/caseReference:/);
});
