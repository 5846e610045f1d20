import { caseReferenceSchema } from '../../lib/procedure/case-file';
import { caseReferenceOfWorkflowId, complaintWorkflowId } from '../../lib/temporal/workflow-ids';

test('references that differ only in / and -, or in case, get distinct workflow IDs, each read back', () => {
  const references = [
    'X/2026/1',
    'X-2026-1',
    'X/2026-1',
    'X-2026/1',
    'x/2026/1',
    'A/-B',
    'A-/B',
    'A.B_C-D/E',
  ];
  const ids = references.map(complaintWorkflowId);
  expect(new Set(ids).size).toBe(references.length);
  for (const [i, ref] of references.entries()) expect(caseReferenceOfWorkflowId(ids[i]!)).toBe(ref);
  expect(complaintWorkflowId('X/2026/1')).toBe('complaint-X-2026-1');
  expect(complaintWorkflowId('X-2026-1')).toBe('complaint-X~2026~1');
  expect(caseReferenceOfWorkflowId('workflow-1')).toBeNull();
});

test("the seed's reference keeps a readable ID", () => {
  expect(complaintWorkflowId('NCPCR/2021/05/0291')).toBe('complaint-NCPCR-2021-05-0291');
});

test('references outside the ASCII alphabet are refused, so Unicode look-alikes and normal forms cannot collide', () => {
  // Fullwidth X, a Cyrillic Х, a composed and a decomposed é, a non-breaking hyphen.
  for (const ref of ['Ｘ/2026/1', 'Х/2026/1', 'CAF\u00e9/1', 'CAFe\u0301/1', 'X\u20112026\u20111'])
    expect(caseReferenceSchema.safeParse(ref).success).toBe(false);
  expect(caseReferenceSchema.safeParse('X/2026/1').success).toBe(true);
});
