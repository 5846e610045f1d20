// The benchmark's complaints: the seed case, one respondent with an officer address of its own (so the sink
// can hand each notice to whoever waits for it), under a procedure whose notice falls due at a given second.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseCaseFile, type CaseFile } from '../../lib/procedure/case-file';
import { parseProcedure, type Procedure } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';

const seed = JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', 'seed-case-2021.json'), 'utf8')) as {
  respondents: Record<string, unknown>[];
};

export const RESPONDENT_ID = 'delhi-police';

export const officerAddress = (tag: string, i: number) => `officer-${i}.${tag}@bench.example`;

export function benchCase(tag: string, i: number): CaseFile {
  return parseCaseFile({
    ...seed,
    caseReference: `BENCH/${tag}/${i}`,
    receivedOn: DateTime.utc().toISODate(),
    respondents: [
      {
        ...seed.respondents[0],
        id: RESPONDENT_ID,
        officer: {
          name: 'The Commissioner',
          designation: 'Commissioner of Police',
          email: officerAddress(tag, i),
        },
      },
    ],
  });
}

/**
 * Every notice falls due at `dueAt` (to the second, in UTC), whenever it was issued that day or the day before;
 * its lapse sends the overdue reminder at once. No due-soon reminder.
 */
export function procedureDueAt(dueAt: DateTime): Procedure {
  const due = dueAt.toUTC();
  const days = Math.round(due.startOf('day').diff(DateTime.utc().startOf('day'), 'days').days);
  const lapse = { next: 'overdue-reminder', after: { days: 0, kind: 'calendar' } } as const;
  return parseProcedure({
    id: 'bench-due-at-a-second',
    name: 'Benchmark: the notice falls due at a given second',
    rules: {
      timeZone: 'UTC',
      dueTime: due.toFormat('HH:mm:ss'),
      sendTime: '00:00',
      weekend: [],
      holidays: [],
    },
    steps: [
      {
        id: 'notice',
        kind: 'notice',
        answerWithin: { days, kind: 'calendar' },
        dueSoonReminderBefore: null,
        onLapse: lapse,
      },
      {
        id: 'overdue-reminder',
        kind: 'reminder',
        answerWithin: { days: 1, kind: 'calendar' },
        dueSoonReminderBefore: null,
        onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
      },
    ],
    followUp: { answerWithin: { days: 1, kind: 'calendar' }, dueSoonReminderBefore: null, onLapse: lapse },
  });
}
