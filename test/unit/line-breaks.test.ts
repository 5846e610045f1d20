// How a letter's lines are broken (lib/mail/letters/line-breaks.ts), apart from the PDF: clusters are found as
// the runtime's Intl.Segmenter finds them over the whole text (fast-check), conjuncts stay whole in this Node's
// ICU, every line fits, nothing is lost, and the work is linear in the text: the characters measured are
// counted, so a quadratic breaker fails here on any machine, however fast. The letters themselves: letters.test.ts.
import fc from 'fast-check';
import { breakLines, graphemeClusters, type LineMeasures } from '../../lib/mail/letters/line-breaks';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Pieces that combine across boundaries: conjuncts and their virama, joiners, marks, emoji and flag letters. */
const TRICKY = [
  'क',
  'ष',
  'त',
  'र',
  '्',
  'ि',
  'ा',
  'ं',
  '\u200D',
  '\u200C',
  '👨',
  '👩',
  '👧',
  '🇮',
  '🇳',
  '👍',
  '🏽',
  '❤',
  '\uFE0F',
  'x',
  'A',
  'V',
  'é',
  '\u0301',
  'ש',
  'ع',
  'َ',
];
const trickyText = (maxLength: number) =>
  fc.array(fc.constantFrom(...TRICKY), { maxLength }).map((parts) => parts.join(''));

test("clusters are those the runtime's Intl.Segmenter finds over the whole text, however it is windowed", () => {
  fc.assert(
    fc.property(trickyText(700), (text) => {
      expect(graphemeClusters(text)).toEqual([...segmenter.segment(text)].map((s) => s.segment));
    }),
    { numRuns: 300 },
  );
  // A cluster longer than a window (a base and 1,000 marks, 300 conjoined consonants) and a run of flags.
  for (const text of [`x${'\u0301'.repeat(1000)}y`, `${'क्'.repeat(300)}क abc`, '🇮🇳'.repeat(200) + '🇮'])
    expect(graphemeClusters(text)).toEqual([...segmenter.segment(text)].map((s) => s.segment));
});

test("this Node's ICU keeps Devanagari conjuncts in one cluster (with or without a joiner), and emoji sequences", () => {
  for (const cluster of ['क्ष', 'स्त्र', 'श्री', 'द्ध्र्य', 'क्\u200Dष', '👨‍👩‍👧‍👦', '🇮🇳', '👍🏽', '❤️'])
    expect(graphemeClusters(cluster)).toEqual([cluster]);
  expect(graphemeClusters('क्षत्रिय')).toEqual(['क्ष', 'त्रि', 'य']);
});

/**
 * Measures where every code point is 1 wide, a space 1, and each "AV" pair 0.5 more (as kerning or a ligature
 * makes a shaped line differ from the sum of its parts); counts the characters measured.
 */
function countingMeasures(): LineMeasures & { measured: () => number } {
  let measured = 0;
  const width = (text: string) => {
    measured += text.length;
    return [...text].length + 0.5 * (text.match(/AV/g)?.length ?? 0);
  };
  return { measure: width, clusterWidth: width, measured: () => measured };
}

test('every line fits (or is one cluster), words that fit stay whole, nothing is lost, in linear work', () => {
  const word = fc.oneof(
    fc.stringMatching(/^[a-z]{1,12}$/),
    trickyText(40),
    fc.constantFrom('AVAVAVAVAVAVAVAVAVAV', 'https://example.org/AVAVAVAVAVAVAVAVAVAVAVAVAV/0123456789'),
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (words, width) => {
      const text = words.filter(Boolean).join(' ');
      const m = countingMeasures();
      const lines = breakLines(text, width, m);
      for (const line of lines)
        expect(m.measure(line) <= width || graphemeClusters(line).length === 1).toBe(true);
      // Rejoined: each word whole, or in consecutive pieces (a word wider than a line); none lost or added.
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const w of text.split(' ').filter(Boolean))
        if (m.measure(w) <= width && w.length > 0)
          expect(lines.some((line) => line.split(' ').includes(w))).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test('a 40,000-character word and 200,000 characters of words cost a few measures of each character', () => {
  for (const text of [
    `https://example.org/${'AVAVwxyz0123'.repeat(4000)}`.slice(0, 40_000),
    'क्षत्रियस्त्रीFIRश्रीमती👨‍👩‍👧‍👦🇮🇳'.repeat(1000),
    Array.from({ length: 40_000 }, (_, i) => `w${i % 97}`).join(' '),
  ]) {
    const m = countingMeasures();
    const lines = breakLines(text, 80, m);
    expect(lines.length).toBeGreaterThan(text.length / 100);
    // Each word once, each cluster once, each line about twice: linear. (Cutting a word one character at a
    // time, measuring the whole prefix each time, measured some 10^10 characters for the 40,000.)
    expect(m.measured()).toBeLessThan(6 * text.length);
  }
});
