// Case files and procedures for tests, built from the shipped examples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseCaseFile, type CaseFile } from '../../lib/procedure/case-file';
import { loadConfig } from '../../lib/config';
import { complaintDataConverter } from '../../lib/temporal/data-converter';
import { DEFAULT_PROCEDURE, type DemandStepDefinition, type Procedure } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';

export const SEED_CASE_PATH = join(PROJECT_ROOT, 'examples', 'seed-case-2021.json');

export function seedCase(overrides: Partial<CaseFile> = {}): CaseFile {
  return parseCaseFile({ ...JSON.parse(readFileSync(SEED_CASE_PATH, 'utf8')), ...overrides });
}

/** Today's date in the default procedure's zone (the commission's), YYYY-MM-DD. */
export function todayInCommissionZone(): string {
  return DateTime.now().setZone(DEFAULT_PROCEDURE.rules.timeZone).toISODate()!;
}

/** A second respondent, as in the seed case: the social network's Indian subsidiary. */
export const SUBSIDIARY = {
  id: 'network-india',
  name: 'Social network India Private Limited',
  officer: {
    name: 'Grievance Officer',
    designation: 'Resident Grievance Officer',
    email: 'grievance@network-india.example',
  },
  demands: ['Share the details of the accounts that uploaded or shared the material'],
};

let counter = 0;
/** A unique task queue per test, so workers of different tests never take each other's tasks. */
export function uniqueTaskQueue(name: string): string {
  return `test-${name}-${process.pid}-${++counter}`;
}

/** Histories of real runs of the complaint workflow, replayed by test/workflows/replay.test.ts. */
export const HISTORIES = join(PROJECT_ROOT, 'test', 'histories');

/**
 * A procedure whose notice falls due a few seconds from now (to the second, in the commission's zone) and whose
 * lapse summons the officer at once: a deadline is always after its notice, so "at once" is a due time.
 */
export function immediateSummons(seconds = 3): Procedure {
  const zone = DEFAULT_PROCEDURE.rules.timeZone;
  const now = DateTime.now().setZone(zone);
  const due = now.plus({ seconds });
  const days = Math.round(due.startOf('day').diff(now.startOf('day'), 'days').days);
  return {
    ...DEFAULT_PROCEDURE,
    id: 'immediate-summons',
    rules: { ...DEFAULT_PROCEDURE.rules, dueTime: due.toFormat('HH:mm:ss') },
    steps: [
      {
        ...(DEFAULT_PROCEDURE.steps[0] as DemandStepDefinition),
        answerWithin: { days, kind: 'calendar' },
        dueSoonReminderBefore: null,
        onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
      },
      DEFAULT_PROCEDURE.steps[2]!,
    ],
    followUp: {
      ...DEFAULT_PROCEDURE.followUp,
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
    },
  };
}

/** The data converter every test client and worker uses: the project's, with the development key. */
export const testDataConverter = () => complaintDataConverter(loadConfig({}));

/**
 * Rows the records will hold: they are a projection of the complaints, written by an activity just after the
 * complaint takes an action, so a test reads them until `count` are there (or fails with what it last saw).
 */
export async function recordsEventually<T>(
  read: () => Promise<T[]>,
  count: number,
  timeoutMs = 15_000,
): Promise<T[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await read();
    if (rows.length >= count || Date.now() > until) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}
