import { terminalSafe } from '../../client/terminal-safe';

test('control characters, C1 controls and bidi overrides are shown escaped; text, newlines and tabs stay', () => {
  expect(terminalSafe('plain text, हिंदी, naïve\nsecond line\tcolumn')).toBe(
    'plain text, हिंदी, naïve\nsecond line\tcolumn',
  );
  expect(terminalSafe('\u001b[31mred\u001b[0m')).toBe('\\u{1b}[31mred\\u{1b}[0m');
  expect(terminalSafe('a\rb\u0000c\u007fd\u009be')).toBe('a\\u{d}b\\u{0}c\\u{7f}d\\u{9b}e');
  expect(terminalSafe('\u202eevil\u202c \u2066x\u2069 \u200f')).toBe(
    '\\u{202e}evil\\u{202c} \\u{2066}x\\u{2069} \\u{200f}',
  );
});
