// An officer's answer to one step, and the rules it must meet. Pure: used by the web form and by the
// workflow's Update validator alike, so a bad answer is refused the same way wherever it comes from.

export interface AnswerSubmission {
  respondentId: string;
  stepId: string;
  /** The Action Taken Report: what the authority did. */
  atrText: string;
  /** The FIR registration number, where one was registered. */
  firNumber?: string;
  /** The FIR's date, YYYY-MM-DD. */
  firDate?: string;
}

export const ATR_MAX_CHARS = 20_000;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The first thing wrong with an answer, naming the field, or null when it is acceptable. */
export function answerProblem(answer: AnswerSubmission): string | null {
  if (typeof answer !== 'object' || answer === null) return 'answer: must be an object';
  if (typeof answer.respondentId !== 'string' || !answer.respondentId) return 'respondentId: is required';
  if (typeof answer.stepId !== 'string' || !answer.stepId) return 'stepId: is required';
  if (typeof answer.atrText !== 'string' || !answer.atrText.trim())
    return 'atrText: the Action Taken Report is required';
  if (answer.atrText.length > ATR_MAX_CHARS) return `atrText: must be at most ${ATR_MAX_CHARS} characters`;
  if (answer.firNumber !== undefined) {
    if (typeof answer.firNumber !== 'string' || !/^[^\r\n]{1,100}$/.test(answer.firNumber))
      return 'firNumber: must be a single line of at most 100 characters';
  }
  if (answer.firDate !== undefined) {
    if (typeof answer.firDate !== 'string' || !isCalendarDate(answer.firDate))
      return 'firDate: must be a date as YYYY-MM-DD';
  }
  return null;
}
