// The complaint workflow's messages, declared beside it and imported by clients (CLI, web app, tests).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnswerSubmission } from '../lib/answer';
import type { ComplaintState } from './complaint-state';

export interface AnswerReceipt {
  answerId: string;
  stepId: string;
  receivedAt: string;
}

/** The complaint's whole state: stage, every step with its deadline and status, answers. */
export const getComplaint = defineQuery<ComplaintState>('getComplaint');

/** An officer's answer to one step, sent by the web app with an update ID derived from the officer's link. */
export const submitAnswer = defineUpdate<AnswerReceipt, [AnswerSubmission]>('submitAnswer');
