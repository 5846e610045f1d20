// Typed search attributes that admins filter on in the Temporal Web UI. They are NOT encrypted, so they hold
// no personal data: only the stage, the next deadline, whether a step is overdue (and whether a recommendation's
// proof of compliance is), how many are open and the generation of the workflow code.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ComplaintStage = defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const OpenSteps = defineSearchAttributeKey('OpenSteps', SearchAttributeType.INT);
export const NextHearing = defineSearchAttributeKey('NextHearing', SearchAttributeType.DATETIME);
/** Whether a recommendation's proof of compliance is past its date (an open compliance step lapsed). */
export const ComplianceOverdue = defineSearchAttributeKey('ComplianceOverdue', SearchAttributeType.BOOL);
/** The respondents' IDs (slugs such as `delhi-police`, never names of people), set when a complaint starts. */
export const Respondents = defineSearchAttributeKey('Respondents', SearchAttributeType.KEYWORD_LIST);

/**
 * The generation of the workflow code a complaint runs (workflows/generation.ts, e.g. `0.9`): admins list the
 * complaints still running an older one (docs/versioning.md).
 */
export const ComplaintGeneration = defineSearchAttributeKey(
  'ComplaintGeneration',
  SearchAttributeType.KEYWORD,
);

/** Every custom search attribute, for registering them on a server (dev server, tests, `temporal operator`). */
export const COMPLAINT_SEARCH_ATTRIBUTES = [
  ComplaintStage,
  NextDeadline,
  Overdue,
  OpenSteps,
  NextHearing,
  Respondents,
  ComplaintGeneration,
  ComplianceOverdue,
];
