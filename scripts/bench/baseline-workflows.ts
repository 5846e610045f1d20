// Temporal's own floor, for the benchmark to stand beside: workflows that do what a complaint does in number
// (activities, Updates) but nothing else. They run on their own task queue, in their own worker.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { OutgoingMessage } from '../../lib/mail/mailer';
import type { createBaselineActivities } from './baseline-activities';

const { nothing, sendPrepared } = proxyActivities<ReturnType<typeof createBaselineActivities>>({
  startToCloseTimeout: '30 seconds',
});

/**
 * How many activities a complaint's lifecycle runs before its first Update, and from each Update on (those after
 * the last Update, the closing work, count with it).
 */
export interface ActivityShape {
  beforeUpdates: number;
  perUpdate: number[];
}

/** A no-op Update: it runs its share of the shape's activities, in the order the Updates arrive. */
export const proceed = defineUpdate<null>('proceed');

export async function baselineLifecycleWorkflow(shape: ActivityShape): Promise<number> {
  let ready = false;
  let received = 0;
  let done = 0;
  setHandler(proceed, async () => {
    const share = shape.perUpdate[received++] ?? 0;
    await condition(() => ready);
    for (let i = 0; i < share; i++) await nothing();
    done++;
    return null;
  });
  for (let i = 0; i < shape.beforeUpdates; i++) await nothing();
  ready = true;
  await condition(() => done === shape.perUpdate.length);
  await condition(allHandlersFinished);
  return done;
}

/** The raw Update round trip: one no-op Update, then the workflow ends. */
export const ping = defineUpdate<null>('ping');

export async function pingWorkflow(): Promise<void> {
  let pinged = false;
  setHandler(ping, () => {
    pinged = true;
    return null;
  });
  await condition(() => pinged);
  await condition(allHandlersFinished);
}

/** The fan-out's floor on Temporal: a timer to a shared instant, then one activity that sends the message. */
export async function reminderAtWorkflow(input: { at: string; message: OutgoingMessage }): Promise<void> {
  await sleep(Math.max(0, Date.parse(input.at) - Date.now()));
  await sendPrepared(input.message);
}
