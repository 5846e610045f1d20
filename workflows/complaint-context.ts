// One running complaint: its frozen input and its state, the procedure's step definitions, and what its
// tracks and handlers share: its changes, one at a time, the steps being changed or opened, the work under way
// beside the clock (work-underway.ts), its messages (outbox.ts), journal (step-journal.ts) and search attributes
// (search-attribute-publisher.ts); and when it continues as new. Opening, rescheduling and closing a step:
// steps.ts.
import { allHandlersFinished, workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Respondent } from '../lib/procedure/case-file';
import type {
  DemandDefinition,
  Period,
  Procedure,
  ProcedureStep,
  RecipientRole,
} from '../lib/procedure/procedure';
import type { ComplaintInput, HistoryBudget } from './complaint-input';
import type { ComplaintState, RespondentState, StepState } from '../lib/domain/complaint-state';
import { openJointInquiries } from '../lib/domain/joint-inquiries';
import { Outbox } from './outbox';
import { reopenedState } from '../lib/domain/reopening';
import { nowIso } from './time';
import { RunningTracks } from './running-tracks';
import { SearchAttributePublisher } from './search-attribute-publisher';
import { StepJournal } from './step-journal';
import { WorkUnderway } from './work-underway';

/**
 * How far a complaint's history may grow before it continues as new (whichever comes first, or when Temporal
 * suggests it). docs/how-it-works.md, "How big a complaint's history grows".
 */
export const DEFAULT_HISTORY_BUDGET: HistoryBudget = { events: 2_000, bytes: 2 * 1024 * 1024 };

/** Update IDs remembered across continue-as-new, so a retried Update is applied once: the most recent ones. */
const REMEMBERED_UPDATES = 200;

/** The calendar's identity alone (its dates are in the input): enough for the clients to name its holidays. */
function holidayCalendarOf(procedure: Procedure): Pick<ComplaintState, 'holidayCalendar'> {
  const calendar = procedure.rules.holidayCalendar;
  if (!calendar) return {};
  return {
    holidayCalendar: { country: calendar.country, ...(calendar.state ? { state: calendar.state } : {}) },
  };
}

export class Complaint {
  readonly workflowId = workflowInfo().workflowId;
  /**
   * Its identity in the records beside the workflow ID: the first run's ID, the same in every run continued as new
   * (a new complaint under the same workflow ID has another: lib/records/complaint-identity.ts). A reopened
   * complaint keeps its first life's (reopening.ts).
   */
  readonly firstRunId: string;
  readonly state: ComplaintState;
  /** Staff's and officers' changes, one at a time (change()): a concurrent one waits its turn. */
  private readonly changes = new Mutex();
  /** The step a change is under way on (it may await an activity): its track's timers leave it alone meanwhile. */
  private readonly changing = new Set<StepState>();
  readonly stepJournal: StepJournal;
  readonly publisher: SearchAttributePublisher;
  /** Work under way beside the clock (sends, records), by key: awaited before the complaint ends or continues. */
  readonly underway = new WorkUnderway();
  readonly outbox: Outbox;
  /** Its respondents' tracks and its transfers' watches: the complaint ends when none runs. */
  readonly tracks = new RunningTracks();
  /** Steps being opened (their dates in an activity): the complaint does not continue as new meanwhile. */
  private opening = 0;
  /** The results of Updates already applied, by Update ID, carried across continue-as-new. */
  readonly appliedUpdates: Map<string, unknown>;
  /** The history's size when this run started (its input, with any state carried over). */
  private readonly startedAtSize = workflowInfo().historySize;

  constructor(readonly input: ComplaintInput) {
    const { caseFile, procedure, continued, reopened } = input;
    this.firstRunId = reopened?.firstRunId ?? workflowInfo().firstExecutionRunId;
    this.appliedUpdates = new Map(continued?.appliedUpdates ?? []);
    this.state = continued?.state ??
      (reopened ? reopenedState(reopened, workflowInfo().runId, nowIso()) : undefined) ?? {
        workflowId: this.workflowId,
        caseReference: caseFile.caseReference,
        subject: caseFile.subject,
        timeZone: procedure.rules.timeZone,
        procedureId: procedure.id,
        receivedOn: caseFile.receivedOn,
        ...holidayCalendarOf(procedure),
        stage: 'notice',
        respondents: caseFile.respondents.map((r) => ({
          respondentId: r.id,
          name: r.name,
          status: 'open',
          steps: [],
          messages: [],
        })),
      };
    const identity = { workflowId: this.workflowId, firstRunId: this.firstRunId };
    // A reopened life's journal numbers on from the closed life's: the records key its events by the same identity.
    const reopenedJournal =
      input.reopened && !continued ? { journalSeq: input.reopened.journalSeq ?? 0, journal: [] } : undefined;
    this.stepJournal = new StepJournal(identity, continued ?? reopenedJournal);
    this.publisher = new SearchAttributePublisher(this.state);
    this.outbox = new Outbox(
      identity,
      input,
      this.stepJournal,
      this.underway,
      () => this.state.closure,
      () => openJointInquiries(this.state).map((i) => i.commission),
    );
  }

  /** Whether staff get an email at each lapse (else the daily digest lists it: STAFF_LAPSE_ALERTS=digest). */
  emailsEachLapse(): boolean {
    return this.state.staffLapseAlerts !== 'digest';
  }

  /** The procedure the complaint plans with: its input's, with the holidays it observes since a change. */
  get procedure(): Procedure {
    const observed = this.state.holidays;
    if (!observed) return this.input.procedure;
    if (this.planningWith?.revision !== observed.revision) {
      const { procedure } = this.input;
      const rules = { ...procedure.rules, holidays: observed.dates };
      this.planningWith = { revision: observed.revision, procedure: { ...procedure, rules } };
    }
    return this.planningWith.procedure;
  }

  private planningWith?: { revision: string; procedure: Procedure };

  ended(): boolean {
    return this.state.closure !== undefined;
  }

  /** A respondent as given: by the case file, or by staff who added it (lib/domain/added-respondents.ts). */
  respondent(respondentId: string): Respondent {
    return (this.input.caseFile.respondents.find((r) => r.id === respondentId) ??
      this.state.addedRespondents?.find((r) => r.id === respondentId))!;
  }

  track(respondentId: string): RespondentState {
    return this.state.respondents.find((r) => r.respondentId === respondentId)!;
  }

  /** Notes an event of a step for the records (StepJournal). */
  journal(track: RespondentState, step: StepState, event: string, details?: Record<string, unknown>): void {
    this.stepJournal.note(track, step, event, details);
  }

  /** Remembers an applied Update's result under its ID (the oldest forgotten past REMEMBERED_UPDATES). */
  rememberUpdate(updateId: string, result: unknown): void {
    this.appliedUpdates.set(updateId, result);
    for (const oldest of this.appliedUpdates.keys()) {
      if (this.appliedUpdates.size <= REMEMBERED_UPDATES) break;
      this.appliedUpdates.delete(oldest);
    }
  }

  /**
   * Past the history budget (or Temporal suggests it): time to continue as new. Bytes count from the run's start,
   * so that a large carried state does not make every new run continue at once.
   */
  overBudget(): boolean {
    const { continueAsNewSuggested, historyLength, historySize } = workflowInfo();
    const budget = this.input.historyBudget ?? DEFAULT_HISTORY_BUDGET;
    return (
      continueAsNewSuggested ||
      historyLength >= budget.events ||
      historySize - this.startedAtSize >= budget.bytes
    );
  }

  /**
   * Nothing half done: no handler running, no step being changed or opened, no send, record or journal batch
   * under way (an activity of a run that ended is abandoned). The state, and the journal entries still to write,
   * then say all there is, and a new run can carry on from them alone.
   */
  quiet(): boolean {
    return (
      allHandlersFinished() &&
      !this.changes.isLocked() &&
      this.changing.size === 0 &&
      this.opening === 0 &&
      this.underway.idle() &&
      this.stepJournal.idle()
    );
  }

  /** What the next run carries over (see quiet()). */
  carriedOver(startedAt: string): NonNullable<ComplaintInput['continued']> {
    return {
      state: this.state,
      startedAt,
      ...this.stepJournal.carriedOver(),
      appliedUpdates: [...this.appliedUpdates],
    };
  }

  /** Recomputes the stage; the search attributes follow (SearchAttributePublisher). */
  publish(): void {
    this.publisher.publish();
  }

  /** The rules of a demand staff add: a returned answer's missing parts, or a fresh demand after a hearing. */
  followUpDefinition(): DemandDefinition {
    return { id: 'follow-up', kind: 'follow-up', recipient: 'officer', ...this.procedure.followUp };
  }

  /**
   * The rules of a recommendation's compliance step: the procedure's `compliance` section, or its follow-up rules;
   * the period the recommendation gave, if it gave one.
   */
  complianceDefinition(within?: Period): DemandDefinition {
    const rules = this.procedure.compliance ?? this.procedure.followUp;
    return {
      id: 'compliance',
      kind: 'compliance',
      recipient: 'officer',
      ...rules,
      ...(within ? { answerWithin: within } : {}),
    };
  }

  demandDefinition(step: StepState): DemandDefinition {
    if (step.definitionId === 'follow-up') return this.followUpDefinition();
    if (step.definitionId === 'compliance') {
      const recommendation = this.trackOf(step).recommendations?.find(
        (r) => r.recommendationId === step.recommendationId,
      );
      return this.complianceDefinition(recommendation?.within);
    }
    const def = this.stepDefinition(step.definitionId);
    if (def.kind === 'summons') throw new Error(`step ${step.stepId} is a summons`);
    return def;
  }

  stepDefinition(id: string): ProcedureStep {
    const def = this.procedure.steps.find((s) => s.id === id);
    if (!def) throw new Error(`procedure ${this.procedure.id} has no step ${id}`);
    return def;
  }

  /** Whom a step's messages go to: the respondent's officer, or the officer a summons names. */
  recipientRole(step: StepState): RecipientRole {
    if (step.kind === 'summons') {
      const def = this.stepDefinition(step.definitionId);
      return def.kind === 'summons' ? def.recipient : 'officer';
    }
    return this.demandDefinition(step).recipient;
  }

  /**
   * Makes a change in its turn, after the changes before it (a mutex, as in the samples' safe-message-handlers).
   * `check` runs when the turn comes, since the complaint may have moved on while the change waited: it refuses
   * what no longer holds and names the step changed, which is marked as being changed until the change is done.
   */
  change<S extends StepState | undefined, R>(check: () => S, apply: (step: S) => R | Promise<R>): Promise<R> {
    return this.changes.runExclusive(async () => {
      const step = check();
      if (step) this.changing.add(step);
      try {
        return await apply(step);
      } finally {
        if (step) this.changing.delete(step);
        this.publish();
      }
    });
  }

  /** Whether a change is under way on the step (its track waits, its timers re-arm after). */
  beingChanged(step: StepState): boolean {
    return this.changing.has(step);
  }

  /** Runs a step's planning activity; meanwhile the complaint does not continue as new. */
  async whileOpening<T>(plan: () => Promise<T>): Promise<T> {
    this.opening++;
    try {
      return await plan();
    } finally {
      this.opening--;
    }
  }

  /** The track a step belongs to. */
  trackOf(step: StepState): RespondentState {
    return this.state.respondents.find((r) => r.steps.includes(step))!;
  }
}
