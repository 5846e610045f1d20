// The complaint workflow's messages, declared beside it and imported by clients (CLI, web app, tests).
// Every action is an Update with a validator: a bad one is rejected with a message naming the field and
// leaves nothing in history but the rejection.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnswerSubmission, ExtensionRequestSubmission, SummonsAcknowledgement } from '../lib/answer';
import type {
  AnswerReview,
  ComplaintClosure,
  DeadlineExtension,
  HearingOutcomeRecord,
  HearingReschedule,
} from '../lib/staff-actions';
import type { ComplaintState } from './complaint-state';

export interface AnswerReceipt {
  answerId: string;
  stepId: string;
  receivedAt: string;
}

/** The complaint's whole state: stage, every step with its deadline and status, messages, answers, hearings. */
export const getComplaint = defineQuery<ComplaintState>('getComplaint');

// Officers, from the web app (the Update ID derives from the officer's link, so a retry is recorded once).
export const submitAnswer = defineUpdate<AnswerReceipt, [AnswerSubmission]>('submitAnswer');
export const requestExtension = defineUpdate<ComplaintState, [ExtensionRequestSubmission]>(
  'requestExtension',
);
export const acknowledgeSummons = defineUpdate<ComplaintState, [SummonsAcknowledgement]>(
  'acknowledgeSummons',
);

// Staff, from the CLI and the dashboard. Each returns the complaint's state after the change.
export const extendDeadline = defineUpdate<ComplaintState, [DeadlineExtension]>('extendDeadline');
export const reviewAnswer = defineUpdate<ComplaintState, [AnswerReview]>('reviewAnswer');
export const recordHearingOutcome = defineUpdate<ComplaintState, [HearingOutcomeRecord]>(
  'recordHearingOutcome',
);
export const rescheduleHearing = defineUpdate<ComplaintState, [HearingReschedule]>('rescheduleHearing');
export const closeComplaint = defineUpdate<ComplaintState, [ComplaintClosure]>('closeComplaint');
