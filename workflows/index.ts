// The workflows the worker registers (bundled for the workflow sandbox).
export { complaintWorkflow } from './complaint';
export { staffDigestWorkflow } from './staff-digest';
