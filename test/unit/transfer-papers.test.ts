// A transfer's papers at the case file's largest (issue 25, point 3): fifty respondents, each with twenty demands of
// 2,000 characters and answers of 20,000. The papers are one PDF per respondent beside the letter, so each render is
// short whatever the complaint's size; they render in the letter pool's threads, the caller's event loop free, each
// within the pool's bound (LETTER_RENDER_TIMEOUT). The threads run the compiled file in dist/ (npm test builds it).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../lib/config';
import { openLetterhead } from '../../lib/mail/letters/letter-pdf';
import { LetterRenderPool } from '../../lib/mail/letters/letter-render-pool';
import { transferDocuments, type TransferPapers } from '../../lib/mail/letters/transfer-letter';
import { pdfText } from '../helpers/pdf-text';

const text = (n: number, seed: string) => `${seed} रिपोर्ट report `.repeat(Math.ceil(n / 20)).slice(0, n);

function largestPapers(): TransferPapers {
  return {
    languages: ['en', 'hi'],
    caseReference: 'NCPCR/2021/05/0291',
    transferId: 'transfer-1',
    issuedAt: '2021-06-01T04:30:00Z',
    timeZone: 'Asia/Kolkata',
    to: { name: 'State Commission', email: 'scpcr@state.example', address: ['1 Road', 'City'] },
    subject: text(300, 'subject'),
    reason: text(2000, 'reason'),
    receivedOn: '2021-05-29',
    categories: ['POCSO Act'],
    summary: text(20_000, 'summary'),
    respondents: Array.from({ length: 50 }, (_, i) => ({
      id: `respondent-${i}`,
      name: text(300, `name${i}`),
      officer: { name: text(200, 'officer'), designation: text(200, 'designation') },
      demands: Array.from({ length: 20 }, (_, d) => text(2000, `demand${d}`)),
      steps: ['notice', 'overdue-reminder', 'follow-up'].map((stepId) => ({
        stepId,
        kind: 'notice' as const,
        issuedAt: '2021-05-29T04:30:00Z',
        dueAt: '2021-06-05T11:30:00Z',
        status: 'closed' as const,
        closedAs: 'transferred' as const,
        answers: [{ receivedAt: '2021-05-30T04:30:00Z', atrText: text(20_000, `answer-${stepId}`) }],
      })),
    })),
  };
}

const renderer = new LetterRenderPool({ threads: 1, timeoutMs: loadConfig({}).letterRendering.timeoutMs });
afterAll(() => renderer.close());

test('the largest complaint transferred whole: one PDF per respondent, each rendered off the event loop within the bound', async () => {
  const documents = transferDocuments(largestPapers(), openLetterhead(loadConfig({}).commission));
  expect(documents).toHaveLength(51);
  expect(new Set(documents.map((d) => d.filename)).size).toBe(51);
  // The letter with the complaint, and one respondent's papers: every other respondent's are of the same size.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  const [letter, first] = await Promise.all(
    documents.slice(0, 2).map((d) => renderer.renderDocument(d.document)),
  );
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 50));
  delay.disable();
  console.log(`largest transfer: the letter and one respondent's papers in ${Math.round(ms)} ms`);
  expect(delay.percentile(99) / 1e6).toBeLessThan(100);
  expect(pdfText(letter!)).toContain('Case papers / प्रकरण के कागज़ात: NCPCR/2021/05/0291');
  const papers = pdfText(first!);
  expect(papers).toContain('(respondent-0)');
  expect(papers).toContain('answer-follow-up');
  expect(papers).not.toContain('(respondent-1)');
}, 60_000);
