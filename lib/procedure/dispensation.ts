// A summons' dispensation (the NHRC's "however, if the report is received on or before ..., the personal appearance
// shall be dispensed with"): the cut-off by which an Action Taken Report, once accepted, cancels the hearing. A day
// before the hearing's day, at the procedure's due time: counted back from the hearing by the procedure's
// `reportBefore`, or a date staff set. Pure planning, run in activities (luxon) as every date is.
import type { DateTime } from 'luxon';
import type { DateDerivation, DayPassedOver } from './date-derivation';
import { at, calendarDate, clockChangeAt, formatForPeople, subtractPeriod, toInstant } from './deadlines';
import type { DaysPeriod, DeadlineRules } from './procedure';

/** The cut-off as the summons step keeps it and its letter states it. */
export interface CutOffPlan {
  /** The instant an answer must be received by (inclusive). */
  cutOffAt: string;
  /** Its date in the commission's zone, YYYY-MM-DD. */
  cutOffDate: string;
  cutOffText: string;
  /** How it was counted back from the hearing's day, when the caller asked (date-derivation.ts). */
  derivation?: DateDerivation;
}

/** Where a cut-off comes from: counted back from the hearing's day, or a date staff set. */
export type CutOffSource = { reportBefore: DaysPeriod } | { date: string };

/**
 * The cut-off on its day (the hearing's day less `reportBefore`, or staff's date) at the procedure's due time; with
 * `explain`, how it was counted, as a deadline explains itself.
 */
export function cutOffOn(
  hearingDay: DateTime,
  source: CutOffSource,
  rules: DeadlineRules,
  explain = false,
): CutOffPlan {
  const passedOver: DayPassedOver[] = [];
  const day =
    'date' in source
      ? calendarDate(source.date)
      : subtractPeriod(hearingDay, source.reportBefore, rules, (date, why) =>
          passedOver.push({ date: date.toISODate() ?? '', why }),
        );
  const cutOff = at(day, rules.dueTime, rules.timeZone);
  const cutOffAt = toInstant(cutOff);
  const date = day.toISODate() ?? '';
  const derivation: DateDerivation | undefined = !explain
    ? undefined
    : [
        'date' in source
          ? { step: 'set-by-staff', date }
          : {
              step: 'counted-back',
              from: hearingDay.toISODate() ?? '',
              period: source.reportBefore,
              to: date,
              passedOver,
            },
        {
          step: 'due',
          date,
          time: rules.dueTime,
          instant: cutOffAt,
          clock: clockChangeAt(day, rules.dueTime, rules.timeZone),
        },
      ];
  return {
    cutOffAt,
    cutOffDate: date,
    cutOffText: formatForPeople(cutOff, rules.timeZone),
    ...(derivation ? { derivation } : {}),
  };
}

export interface CutOffRequest {
  rules: DeadlineRules;
  /** The hearing's date, YYYY-MM-DD in the commission's zone. */
  hearingDate: string;
  source: CutOffSource;
}

/** The cut-off of a summons whose hearing is on `hearingDate` (the activity staff's date is planned by). */
export function planCutOff(req: CutOffRequest): CutOffPlan {
  return cutOffOn(calendarDate(req.hearingDate), req.source, req.rules);
}
