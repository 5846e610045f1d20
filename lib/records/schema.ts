// The commission's records: kept longer than Temporal keeps workflow histories. Times are ISO 8601 text in
// UTC, so the same schema reads alike on SQLite and PostgreSQL.
import type { Generated, Selectable } from 'kysely';
import type { ClosureKind } from '../domain/complaint-state';
import type { ReviewDecision } from '../domain/staff-actions';

export interface ComplaintsTable {
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  case_reference: string;
  subject: string;
  procedure_id: string;
  received_on: string;
  registered_at: string;
  closure_kind: ClosureKind | null;
  closure_reason: string | null;
  closed_at: string | null;
}

/** A complaint's respondents (authorities, never people), in the case file's order. */
export interface ComplaintRespondentsTable {
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  respondent_id: string;
  name: string;
  position: number;
}

/**
 * A complaint's lives after the first: each reopening (or appeal) of it, with the closure it ended. The complaint's
 * row says how it stands now (its closure cleared while it lives again).
 */
export interface ComplaintLivesTable {
  workflow_id: string;
  /** The complaint's identity (its first life's first run ID): every life keeps it. */
  first_run_id: string;
  /** 2 for the first reopening, and so on. */
  life: number;
  /** The new life's first run in Temporal. */
  run_id: string;
  kind: 'reopening' | 'appeal';
  reason: string;
  reopened_by: string | null;
  reopened_at: string;
  /** Where the tracks resumed: notice, summons or a step of the procedure. */
  resumed_from: string;
  /** How the life before it ended. */
  previous_closure_kind: ClosureKind | null;
  previous_closed_at: string | null;
}

/** The outbox: one row per message that must reach its recipient once, keyed by its idempotency key. */
export interface NoticesTable {
  idempotency_key: string;
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  respondent_id: string;
  step_id: string;
  kind: string;
  recipient: string;
  message_id: string;
  status: 'pending' | 'sent' | 'undeliverable';
  created_at: string;
  sent_at: string | null;
  /** The server's permanent refusal, for an undeliverable message. */
  failure: string | null;
}

export interface AnswersTable {
  answer_id: string;
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  respondent_id: string;
  step_id: string;
  atr_text: string;
  fir_number: string | null;
  fir_date: string | null;
  received_at: string;
  recorded_at: string;
  review_decision: ReviewDecision | null;
  review_note: string | null;
  reviewed_at: string | null;
}

/** Each step's current status, kept in step with the workflow by the journal. */
export interface StepsTable {
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  respondent_id: string;
  step_id: string;
  kind: string;
  status: string;
  closed_as: string | null;
  issued_at: string;
  due_at: string;
  version: number;
  updated_at: string;
  /** The journal event the row stands at: a late write of an older event leaves it alone. */
  journal_seq: Generated<number>;
}

/** What happened to each step, in order: opened, extended, lapsed, answered, reviewed, closed... */
export interface StepEventsTable {
  /** The complaint (workflow ID and identity) and its sequence number: a retried write inserts nothing new. */
  event_key: string;
  workflow_id: string;
  /** The complaint's first run ID in Temporal ('' before identities): complaint-identity.ts. */
  first_run_id: string;
  respondent_id: string;
  step_id: string;
  /** The order of events within the complaint. */
  seq: number;
  event: string;
  at: string;
  /** JSON. */
  details: string | null;
}

/** A file attached to an answer: the bytes live in the blob store under their SHA-256. */
export interface AttachmentsTable {
  answer_id: string;
  /** The identity of the complaint whose answer it is. */
  first_run_id: string;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  recorded_at: string;
}

/** A time the SMTP server could not be reached, as workers saw it: one row however many workers saw it. */
export interface MailOutagesTable {
  outage_id: string;
  started_at: string;
  ended_at: string;
  /** Messages that were waiting when mail came back. */
  delayed_messages: number;
  /** When staff were told that mail is back. */
  reported_at: string | null;
}

/**
 * Officers' submissions the web app took while no worker could (a deploy, a crash): kept here until each is
 * delivered to its complaint, once (keyed by the Update ID its link gives it), then settled as recorded or refused.
 */
export interface OfficerInboxTable {
  update_id: string;
  workflow_id: string;
  respondent_id: string;
  step_id: string;
  action: 'answer' | 'request-extension' | 'acknowledge' | 'request-clock-stop' | 'interim-reply';
  /** The submission (JSON) while it waits; cleared once settled (the complaint holds what it took). */
  submission: string | null;
  status: 'received' | 'recorded' | 'refused';
  /** Why the complaint refused it. */
  reason: string | null;
  received_at: string;
  settled_at: string | null;
  attempts: number;
  /** A web app delivering it holds it until then; another may take it over after. */
  lease_until: string | null;
}

/**
 * A signed-in staff member's session. The cookie holds a random session ID; only its SHA-256 is kept here, so
 * a copy of the database opens no session. Ended by deleting the row (sign-out, `complaint staff revoke`).
 */
export interface StaffSessionsTable {
  id_hash: string;
  user_name: string;
  /** An HMAC of the user's password hash at sign-in: when STAFF_USERS gives the user another, the session ends. */
  password_fingerprint: string;
  created_at: string;
  /** The last request seen: past the idle timeout (STAFF_SESSION_IDLE) the session ends. */
  last_seen_at: string;
  /** The absolute end (STAFF_SESSION_MAX after sign-in), however active the session. */
  expires_at: string;
}

/**
 * The staff of a second commission in a joint inquiry, signing in to read the complaints granted to them and
 * nothing else (reader-access.ts). Not in STAFF_USERS: made by `complaint joint-inquiry grant`.
 */
export interface ReaderAccountsTable {
  user_name: string;
  /** `scrypt$salt$hash`, as `complaint hash-password` makes it. */
  password_hash: string;
  /** The commission the reader works for (the joint inquiry's address). */
  commission_email: string;
  created_at: string;
}

/** One complaint a reader may read: its workflow ID (as the dashboard's URLs name it). */
export interface ReaderGrantsTable {
  user_name: string;
  workflow_id: string;
  granted_by: string | null;
  granted_at: string;
}

/** The Temporal cluster and namespace the records belong to (one row): temporal-binding.ts. */
export interface TemporalBindingTable {
  id: number;
  cluster_id: string;
  cluster_name: string;
  namespace: string;
  namespace_id: string;
  bound_at: string;
}

/** Each time staff adopted the records for another Temporal cluster or namespace (`complaint records adopt`). */
export interface TemporalAdoptionsTable {
  adoption_id: string;
  adopted_at: string;
  adopted_by: string | null;
  /** What the records belonged to before: null when they belonged to none yet. */
  from_cluster_id: string | null;
  from_cluster_name: string | null;
  from_namespace: string | null;
  from_namespace_id: string | null;
  to_cluster_id: string;
  to_cluster_name: string;
  to_namespace: string;
  to_namespace_id: string;
}

export interface RecordsDatabase {
  complaints: ComplaintsTable;
  complaint_respondents: ComplaintRespondentsTable;
  complaint_lives: ComplaintLivesTable;
  notices: NoticesTable;
  answers: AnswersTable;
  steps: StepsTable;
  step_events: StepEventsTable;
  attachments: AttachmentsTable;
  mail_outages: MailOutagesTable;
  officer_inbox: OfficerInboxTable;
  staff_sessions: StaffSessionsTable;
  temporal_binding: TemporalBindingTable;
  temporal_adoptions: TemporalAdoptionsTable;
  reader_accounts: ReaderAccountsTable;
  reader_grants: ReaderGrantsTable;
}

export type StepRow = Selectable<StepsTable>;
export type StepEventRow = Selectable<StepEventsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

export type NoticeRow = Selectable<NoticesTable>;
export type AnswerRow = Selectable<AnswersTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
export type ComplaintLifeRow = Selectable<ComplaintLivesTable>;
export type InboxRow = Selectable<OfficerInboxTable>;
export type StaffSessionRow = Selectable<StaffSessionsTable>;
export type ReaderAccountRow = Selectable<ReaderAccountsTable>;
export type ReaderGrantRow = Selectable<ReaderGrantsTable>;
