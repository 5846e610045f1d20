// Text from outside (officers' answers, case files, names, a mail server's reply) printed on a staff member's
// terminal. A control character in it could move the cursor, clear the screen, retitle the window or hide what
// precedes it (ESC sequences, C1 controls, a carriage return), and a bidi override could show it in another
// order than it is. Each is printed as a visible escape instead (`\u{1b}`); `--json` output stays exact.
// Newlines and tabs stay: an answer may have paragraphs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
