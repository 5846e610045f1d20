// Typed search attributes that admins filter on in the Temporal Web UI. They are NOT encrypted, so they hold
// no personal data: only the stage, the next deadline, whether a step is overdue and how many are open.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ComplaintStage = defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const OpenSteps = defineSearchAttributeKey('OpenSteps', SearchAttributeType.INT);
export const NextHearing = defineSearchAttributeKey('NextHearing', SearchAttributeType.DATETIME);
/** The respondents' IDs (slugs such as `delhi-police`, never names of people), set when a complaint starts. */
export const Respondents = defineSearchAttributeKey('Respondents', SearchAttributeType.KEYWORD_LIST);

/** Every custom search attribute, for registering them on a server (dev server, tests, `temporal operator`). */
export const COMPLAINT_SEARCH_ATTRIBUTES = [
  ComplaintStage,
  NextDeadline,
  Overdue,
  OpenSteps,
  NextHearing,
  Respondents,
];
