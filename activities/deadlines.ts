// Where a deadline is computed: luxon runs here, in (local) activities, so each result is recorded in the
// workflow's history and a replay never depends on the time-zone data of the worker that replays it.
import { planClockStop, type ClockStopPlan, type ClockStopPlanRequest } from '../lib/procedure/clock-stops';
import { planCutOff, type CutOffPlan, type CutOffRequest } from '../lib/procedure/dispensation';
import {
  planClockRestart,
  planDemand,
  planHearing,
  type ClockRestartRequest,
  type DemandPlan,
  type DemandPlanRequest,
  type HearingPlan,
  type HearingPlanRequest,
} from '../lib/procedure/schedule';

export type { DemandPlan, DemandPlanRequest, HearingPlan, HearingPlanRequest };

export function createDeadlineActivities() {
  return {
    /** A demand's deadline, due-soon reminder and escalation instant, each date with how it was computed. */
    planDemand(req: DemandPlanRequest): Promise<DemandPlan> {
      return Promise.resolve(planDemand(req, []));
    },
    /** The day a step's clock stops, and when the procedure's limit restarts it. */
    planClockStop(req: ClockStopPlanRequest): Promise<ClockStopPlan> {
      return Promise.resolve(planClockStop(req));
    },
    /** A step's dates when its clock restarts (toll or restart), explained, with the days the stop left uncounted. */
    planClockRestart(req: ClockRestartRequest): Promise<ReturnType<typeof planClockRestart>> {
      return Promise.resolve(planClockRestart(req, []));
    },
    /** A hearing's date and time, with how it was computed. */
    planHearing(req: HearingPlanRequest): Promise<HearingPlan> {
      return Promise.resolve(planHearing(req, []));
    },
    /** A summons' cut-off on a date staff set, at the due time (its dispensation). */
    planCutOff(req: CutOffRequest): Promise<CutOffPlan> {
      return Promise.resolve(planCutOff(req));
    },
  };
}
