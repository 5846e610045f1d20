// Where a deadline is computed: luxon runs here, in (local) activities, so each result is recorded in the
// workflow's history and a replay never depends on the time-zone data of the worker that replays it.
import {
  planDemand,
  planHearing,
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
    /** A hearing's date and time, with how it was computed. */
    planHearing(req: HearingPlanRequest): Promise<HearingPlan> {
      return Promise.resolve(planHearing(req, []));
    },
  };
}
