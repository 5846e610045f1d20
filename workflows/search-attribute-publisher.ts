// The complaint as admins filter it in the Temporal UI: its stage, open steps, whether one is overdue, the next
// deadline and hearing, kept current as search attributes (and the UI's "current details"), upserted once at the
// end of a workflow task, and only when something they show changed. The run's first upsert also names the
// generation of the workflow code it runs (workflows/generation.ts): no upsert of its own.
import { condition, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import {
  ComplaintGeneration,
  ComplianceOverdue,
  ComplaintStage,
  NextDeadline,
  NextHearing,
  OpenSteps,
  Overdue,
  Respondents,
} from '../lib/domain/search-attributes';
import {
  complaintStage,
  openSteps,
  type ComplaintState,
  type StepState,
} from '../lib/domain/complaint-state';
import { GENERATION } from './generation';

export class SearchAttributePublisher {
  private published = '';
  private unpublished = false;

  constructor(private readonly state: ComplaintState) {}

  /** Recomputes the stage; the search attributes follow at the end of the workflow task (see the class). */
  publish(): void {
    this.state.stage = complaintStage(this.state);
    this.unpublished = true;
  }

  /** Publishes what publish() deferred, once per workflow task, for as long as the complaint runs. */
  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.unpublished);
      this.publishNow();
    }
  }

  /** Upserts the search attributes (and the UI's current details) if what they show changed. */
  publishNow(): void {
    this.unpublished = false;
    this.state.stage = complaintStage(this.state);
    const open = this.state.closure !== undefined ? [] : openSteps(this.state);
    const earliest = (steps: StepState[]) => steps.map((s) => Date.parse(s.dueAt)).sort((a, b) => a - b)[0];
    const nextDeadline = earliest(open.filter((s) => s.kind !== 'summons' && s.status === 'open'));
    const nextHearing = earliest(open.filter((s) => s.kind === 'summons'));
    const values = {
      stage: this.state.stage,
      open: open.length,
      overdue: open.some((s) => s.overdue && s.status === 'open'),
      complianceOverdue: open.some((s) => s.kind === 'compliance' && s.overdue && s.status === 'open'),
      nextDeadline: nextDeadline ?? null,
      nextHearing: nextHearing ?? null,
      // The client set the case file's at the start; respondents staff added join them.
      respondents: this.state.addedRespondents?.length
        ? this.state.respondents.map((r) => r.respondentId)
        : null,
    };
    const key = JSON.stringify(values);
    if (key === this.published) return;
    const first = this.published === '';
    this.published = key;
    // The Temporal UI's "current details" of this complaint (metadata, not a command: replay ignores it).
    setCurrentDetails(
      [
        `**Stage** ${values.stage}${values.overdue ? ' · **overdue**' : ''}`,
        `**Open steps** ${values.open}`,
        ...(values.nextDeadline !== null
          ? [`**Next deadline** ${new Date(values.nextDeadline).toISOString()}`]
          : []),
        ...(values.nextHearing !== null
          ? [`**Next hearing** ${new Date(values.nextHearing).toISOString()}`]
          : []),
      ].join('\n\n'),
    );
    upsertSearchAttributes([
      { key: ComplaintStage, value: values.stage },
      { key: OpenSteps, value: values.open },
      { key: Overdue, value: values.overdue },
      { key: NextDeadline, value: values.nextDeadline === null ? null : new Date(values.nextDeadline) },
      { key: NextHearing, value: values.nextHearing === null ? null : new Date(values.nextHearing) },
      // Only on complaints with recommendations: the others never carry it.
      ...(this.state.respondents.some((r) => r.recommendations?.length)
        ? [{ key: ComplianceOverdue, value: values.complianceOverdue }]
        : []),
      ...(values.respondents ? [{ key: Respondents, value: values.respondents }] : []),
      // Once per run (continue-as-new carries it over, and the new run's first upsert writes its own).
      ...(first ? [{ key: ComplaintGeneration, value: GENERATION }] : []),
    ]);
  }
}
