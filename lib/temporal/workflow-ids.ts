// Workflow IDs built from the case reference (never from personal data: IDs are not encrypted), readable and
// one-to-one: `/` becomes `-` and `-` becomes `~`, so `X/2026/1` and `X-2026-1` are two complaints with two IDs
// (`complaint-X-2026-1`, `complaint-X~2026~1`), and the reference can be read back from the ID. Case references are ASCII (case-file.ts) and case-sensitive.

const PREFIX = 'complaint-';

/** `NCPCR/2021/05/0291` → `complaint-NCPCR-2021-05-0291`; `X-2026-1` → `complaint-X~2026~1`. */
export function complaintWorkflowId(caseReference: string): string {
  return PREFIX + caseReference.replace(/-/g, '~').replace(/\//g, '-');
}

/** The case reference of a complaint's workflow ID, or null if the ID is not one. */
export function caseReferenceOfWorkflowId(workflowId: string): string | null {
  if (!workflowId.startsWith(PREFIX)) return null;
  return workflowId.slice(PREFIX.length).replace(/-/g, '/').replace(/~/g, '-');
}
