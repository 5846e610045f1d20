// Every change to the complaint workflow that alters the commands a replay produces, by name. A complaint that
// began before a patch replays exactly as it ran (patched() is false in its history); one that began after (or
// continued as new after) runs the new code. README, "Changing the workflow while complaints run".

/** Keeps a journal of the steps in the records, sends receipts of answers and alerts the staff. */
export const JOURNAL_AND_ALERTS_PATCH = 'records-journal-and-alerts';

/**
 * Never lets a message hold up the clock: a send still retrying (the mail server down) runs beside the step's
 * timers instead of before them.
 */
export const CLOCK_INDEPENDENT_OF_MAIL_PATCH = 'clock-independent-of-mail';

/**
 * An answer is taken in one round trip: the Update completes once the answer is in the workflow's state (its
 * history is the durable record), and the records row is written after it, by an activity beside the clock.
 */
export const ANSWER_IN_ONE_ROUND_TRIP_PATCH = 'answer-in-one-round-trip';

/** Continues as new past the history budget, carrying the whole state (complaints from before run on as they are). */
export const CONTINUE_AS_NEW_PATCH = 'continue-as-new-past-budget';

/**
 * A lapse costs one activity, the reminder's send: the step a lapse issues is planned with the lapsing step (no
 * dates activity at the lapse), the journal entries written so far go with the next officer's message (outbox
 * and journal in one transaction), and the search attributes are published once per workflow task.
 */
export const LIGHTER_LAPSE_PATCH = 'lighter-lapse';

/**
 * What one moment sends goes in one activity: an answer's records row, the officer's receipt and the staff's
 * alert; a lapse that escalates at once, its staff alert and the reminder (or summons) it issues. Decided when a
 * run starts.
 */
export const ONE_ACTIVITY_PER_MOMENT_PATCH = 'one-activity-per-moment';

/**
 * Notices, reminders and summons are official letters: the send activity is told the letter's date of issue
 * (the instant the message was due to go out), the procedure's languages and the legal basis of its kind.
 */
export const OFFICIAL_LETTERS_PATCH = 'official-letters';

/**
 * Everyone affected is told: the officer when staff extend a deadline, accept an answer, withdraw or dispose of
 * the complaint; staff when an officer asks for more time; and staff learn of lapses from their daily digest
 * unless the worker says each lapse is emailed (STAFF_LAPSE_ALERTS). Decided when a run starts.
 */
export const EVERYONE_TOLD_PATCH = 'everyone-told';
