// Workflow IDs built from the case reference (never from personal data: IDs are not encrypted), readable and
// one-to-one: `/` becomes `-` and `-` becomes `~`, so `X/2026/1` and `X-2026-1` are two complaints with two IDs
// (`complaint-X-2026-1`, `complaint-X~2026~1`), and the reference can be read back from the ID. A reference
// without `-` keeps the ID it always had. Case references are ASCII (case-file.ts) and case-sensitive.

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

/**
 * The ID a complaint whose reference holds a `-` had before IDs were one-to-one (`-` and `/` both became `-`),
 * or null where it is the same as today's. Lookups fall back to it, and check the reference it holds.
 */
export function legacyComplaintWorkflowId(caseReference: string): string | null {
  if (!caseReference.includes('-')) return null;
  return PREFIX + caseReference.replace(/[^A-Za-z0-9._-]+/g, '-');
}
