// A demand's clock stopping and restarting: the ledger entry, the step's timers held (its version bumped: the
// track waits while a stop runs), the new dates at the restart by the procedure's rule (toll or restart), and the
// officer told at each. What may stop, and when, is checked by the Updates (handlers.ts); the procedure's limit
// restarts a clock by itself (respondent-track.ts).
import { daysStopped, runningStop, type ClockStop, type ClockStopGrounds } from '../lib/domain/clock-stops';
import type { StepState } from '../lib/domain/complaint-state';
import type { ClockStopRule } from '../lib/procedure/procedure';
import { planClockRestart, planClockStop } from './activity-proxies';
import type { Complaint } from './complaint-context';
import { nextStepRequest, reschedule, tellOfficer } from './steps';

/** The procedure's rule for the step's clock, or why it may not stop now (null when it may). */
export function clockStopRefusal(c: Complaint, step: StepState): string | null {
  const rule = clockRule(c, step);
  if (!rule) return `stepId: the procedure does not let the clock of step ${step.stepId} stop`;
  if (runningStop(step)) return `stepId: the clock of step ${step.stepId} is already stopped`;
  const stops = step.clockStops?.length ?? 0;
  if (stops >= rule.maxStops)
    return `stepId: the clock of step ${step.stepId} has stopped ${stops} times, the procedure's most (clockStops.maxStops)`;
  if (rule.maxDays !== undefined && daysStopped(step) >= rule.maxDays)
    return `stepId: the clock of step ${step.stepId} has stood stopped ${rule.maxDays} days, the procedure's most (clockStops.maxDays)`;
  return null;
}

export function clockRule(c: Complaint, step: StepState): ClockStopRule | undefined {
  return step.kind === 'summons' ? undefined : c.demandDefinition(step).clockStops;
}

/** Stops the step's clock from `stoppedAt` (now, or the day the officer asked). */
export async function stopStepClock(
  c: Complaint,
  step: StepState,
  why: { grounds: ClockStopGrounds; details?: string; by?: string; askedByOfficer?: boolean },
  stoppedAt: string,
): Promise<void> {
  const rule = clockRule(c, step)!;
  const daysLeft = rule.maxDays === undefined ? undefined : rule.maxDays - daysStopped(step);
  const plan = await planClockStop({
    rules: c.procedure.rules,
    stoppedAt,
    ...(daysLeft !== undefined ? { daysLeft } : {}),
  });
  const stop: ClockStop = {
    grounds: why.grounds,
    ...(why.details ? { details: why.details } : {}),
    ...(why.by ? { by: why.by } : {}),
    ...(why.askedByOfficer ? { askedByOfficer: true } : {}),
    stoppedAt,
    from: plan.from,
    ...(plan.restartsBy ? { restartsBy: plan.restartsBy } : {}),
    dueAtBefore: step.dueAt,
  };
  (step.clockStops ??= []).push(stop);
  // The step's reminder and lapse timers belong to the old version: none fires while the clock stands stopped.
  step.version++;
  step.overdue = false;
  c.journal(c.trackOf(step), step, 'clock-stopped', { from: stop.from, grounds: stop.grounds });
  tellOfficer(c, step, 'clock-stopped', step.clockStops.length, stoppedAt);
}

/** Restarts the step's clock at `restartedAt`: its new dates by the procedure's rule, the officer told. */
export async function restartStepClock(
  c: Complaint,
  step: StepState,
  by: string | undefined,
  restartedAt: string,
): Promise<void> {
  const stop = runningStop(step)!;
  const def = c.demandDefinition(step);
  const extension = step.extensions.at(-1);
  // Stops since the date was last set toll with this one; a date staff set already counted the ones before.
  const earlier = (step.clockStops ?? []).flatMap((s) =>
    s !== stop && s.to && s.days && (!extension || s.stoppedAt > extension.at)
      ? [{ from: s.from, to: s.to, days: s.days }]
      : [],
  );
  const { span, plan } = await planClockRestart({
    demand: {
      rules: c.procedure.rules,
      issuedAt: step.issuedAt,
      receivedOn: step.issuedOn,
      // A date staff set (an extension's, or the step's own when it opened), else the period.
      ...((extension?.until ?? step.until)
        ? { until: (extension?.until ?? step.until)! }
        : { answerWithin: def.answerWithin }),
      dueSoonReminderBefore: def.dueSoonReminderBefore,
      onLapse: def.onLapse,
      ...nextStepRequest(c, def),
    },
    counts: def.clockStops?.counts ?? 'toll',
    from: stop.from,
    restartedAt,
    earlier,
  });
  Object.assign(stop, {
    restartedAt,
    ...(by ? { restartedBy: by } : {}),
    ...(span ? { to: span.to, days: span.days } : { days: 0 }),
    dueAtAfter: plan.dueAt,
  });
  reschedule(step, plan);
  c.journal(c.trackOf(step), step, 'clock-restarted', {
    from: stop.from,
    to: stop.to ?? null,
    days: stop.days ?? 0,
    dueAtBefore: stop.dueAtBefore,
    dueAtAfter: plan.dueAt,
  });
  tellOfficer(c, step, 'clock-restarted', step.clockStops!.length, restartedAt);
}
