// The largest case file the schema accepts (lib/procedure/case-file.ts), for the tests and the bench: 50
// respondents, each with 20 demands of 2,000 characters written without a space (as a pasted link or a
// reference number would be), a 20,000-character summary, every line at its limit. In English, or in Hindi
// (Devanagari with conjuncts, no spaces either). `node dist/scripts/largest-case-file.js [en|hi] REF` prints it.
import { CASE_FILE_LIMITS, parseCaseFile, type CaseFile } from '../lib/procedure/case-file';

export type CaseFileLanguage = 'en' | 'hi';

/** Words with no space, from a small alphabet, the same every time (a test can look for them). */
function unbroken(language: CaseFileLanguage, length: number, salt: number): string {
  const alphabet =
    language === 'hi'
      ? ['क्ष', 'त्र', 'ज्ञ', 'श्री', 'प्र', 'स्त्र', 'द्ध', 'कि', 'र्म', 'ह्', 'ण', 'ॐ', '१२']
      : 'abcdefghijklmnopqrstuvwxyz0123456789/-_.ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  let text = '';
  for (let i = 0; text.length < length; i++)
    text += alphabet[(i * 7 + salt * 13 + (i >> 3)) % alphabet.length];
  // A cluster cut at the end would leave a dangling virama: trim back to whole units.
  while (text.length > length) text = text.slice(0, -1);
  return text;
}

const fill = (prefix: string, length: number) => (prefix + 'x'.repeat(length)).slice(0, length);

export function largestCaseFile(caseReference: string, language: CaseFileLanguage = 'en'): CaseFile {
  const L = CASE_FILE_LIMITS;
  const respondents = Array.from({ length: L.respondents }, (_, r) => ({
    id: `respondent-${String(r + 1).padStart(2, '0')}`,
    name: fill(`Respondent ${r + 1} `, L.name),
    officer: {
      name: fill(`Officer ${r + 1} `, L.personName),
      designation: fill('Superintendent of Police ', L.personName),
      email: `officer${r + 1}@respondent${r + 1}.example`,
    },
    demands: Array.from({ length: L.demandsPerRespondent }, (_, d) =>
      unbroken(language, L.demand, r * L.demandsPerRespondent + d),
    ),
  }));
  return parseCaseFile({
    caseReference,
    subject: fill(
      language === 'hi' ? 'सबसे बड़ी शिकायत ' : 'The largest complaint the schema accepts ',
      L.subject,
    ),
    categories: Array.from({ length: L.categories }, (_, i) => fill(`Category ${i + 1} `, L.category)),
    receivedOn: '2026-12-01',
    summary: unbroken(language, L.summary, 999),
    commission: {
      name: 'National Commission for Protection of Child Rights',
      email: 'complaints@ncpcr.example',
    },
    respondents,
  });
}

if (require.main === module) {
  const [language = 'en', reference = 'NCPCR/2026/12/LARGEST'] = process.argv.slice(2);
  if (language !== 'en' && language !== 'hi') {
    console.error('usage: largest-case-file [en|hi] [CASE_REFERENCE]');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(largestCaseFile(reference, language), null, 2)}\n`);
}
