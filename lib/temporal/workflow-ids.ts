// Readable workflow IDs built from the case reference (never from personal data: IDs are not encrypted).

/** `NCPCR/2021/05/0291` → `complaint-NCPCR-2021-05-0291`. */
export function complaintWorkflowId(caseReference: string): string {
  return `complaint-${caseReference.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}
