// Clients start workflows by name with a signature declared in lib/domain (they import no workflow code): the
// workflow must still accept what that signature sends and return what it promises. Checked by the compiler
// (`npm run typecheck` type-checks test/), and run here so that jest reports it beside the other unit tests.
import type { WorkflowResultType } from '@temporalio/common';
import {
  COMPLAINT_WORKFLOW,
  type ComplaintStart,
  type ComplaintWorkflow,
} from '../../lib/domain/complaint-start';
import type { complaintWorkflow } from '../../workflows/complaint';

type Assignable<From, To> = [From] extends [To] ? true : false;

describe('workflow signatures declared for clients', () => {
  it('the complaint workflow takes a ComplaintStart and returns what ComplaintWorkflow promises', () => {
    const startFits: Assignable<ComplaintStart, Parameters<typeof complaintWorkflow>[0]> = true;
    const resultFits: Assignable<
      WorkflowResultType<typeof complaintWorkflow>,
      WorkflowResultType<ComplaintWorkflow>
    > = true;
    expect([startFits, resultFits]).toEqual([true, true]);
  });

  it('the name clients start it by is the name the worker registers', async () => {
    const workflows = (await import('../../workflows')) as Record<string, unknown>;
    expect(typeof workflows[COMPLAINT_WORKFLOW]).toBe('function');
  });
});
