// Every setting comes from an env var, with a default that works out of the box on a developer's machine.
// The connection to Temporal itself is read by @temporalio/envconfig (see lib/temporal-connection.ts).
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { StaffLapseAlerts } from './domain/complaint-state';
import { DEFAULT_CLAIM_THRESHOLD_BYTES, PAYLOAD_LIMIT_BYTES } from './domain/payload-limits';
import { describeZodError } from './procedure/validation';
import { PROJECT_ROOT } from './project-root';

/** The procedures that ship with the package (the default of PROCEDURES_DIR). */
export const BUILT_IN_PROCEDURES_DIR = join(PROJECT_ROOT, 'procedures');

const DEV_LINK_SECRET = 'development-only-link-secret-do-not-use-in-production';

const port = z.coerce.number().int().min(0).max(65535);

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  TASK_QUEUE: z.string().min(1).default('complaint-deadlines'),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  WEB_PORT: port.default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  /** The sender of every message; unset: the commission's name at COMMISSION_SENDER. */
  MAIL_FROM: z.string().min(3).optional(),
  /** The commission's identity: its letters, its pages and its mail say who writes. */
  COMMISSION_NAME: z.string().min(3).max(200).default('National Commission for Protection of Child Rights'),
  /** Its postal address; lines separated by `;` or a newline. */
  COMMISSION_ADDRESS: z
    .string()
    .min(3)
    .max(500)
    .default('5th Floor, Chanderlok Building; 36 Janpath; New Delhi 110001'),
  COMMISSION_SENDER: z.email().default('notices@commission.localhost'),
  COMMISSION_SIGNATORY_NAME: z.string().min(2).max(200).default('Member Secretary (development)'),
  COMMISSION_SIGNATORY_DESIGNATION: z.string().min(2).max(200).default('Member Secretary'),
  /** The name and the signatory's designation in Hindi, for letters a procedure writes in Hindi. */
  COMMISSION_NAME_HI: z.string().min(2).max(200).default('राष्ट्रीय बाल अधिकार संरक्षण आयोग'),
  COMMISSION_SIGNATORY_DESIGNATION_HI: z.string().min(2).max(200).default('सदस्य सचिव'),
  /** How an addressee reaches the commission (telephone, email), printed on every letter. */
  COMMISSION_CONTACT: z.string().min(3).max(300).default('Tel. 011-23478200; notices@commission.localhost'),
  /** A PNG or JPEG printed at the head of every letter (optional). */
  COMMISSION_LOGO: z.string().min(1).optional(),
  /** How much the worker, the web app and `npm start` log: per-request lines only at debug. */
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /** Where staff are told of the system's own troubles (mail flowing again after an outage). */
  STAFF_ALERTS_TO: z.email().optional(),
  /** `each`: staff get an email at every lapse; `digest`: lapses are in the daily digest only. */
  STAFF_LAPSE_ALERTS: z.enum(['each', 'digest']).default('digest'),
  /** When staff get the daily digest: a local time, HH:MM (24-hour), in STAFF_DIGEST_TIMEZONE; `off`: none. */
  STAFF_DIGEST_AT: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, 'must be a time HH:MM (24-hour), e.g. 17:30, or off')
    .default('17:30'),
  STAFF_DIGEST_TIMEZONE: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, e.g. Asia/Kolkata')
    .default('Asia/Kolkata'),
  /** Seconds without a message sent before an SMTP outage is reported (log, metric, staff told after). */
  SMTP_OUTAGE_ALERT_AFTER: z.coerce.number().int().min(1).default(300),
  DATABASE_URL: z.string().min(1).default('sqlite:var/records.sqlite'),
  BLOB_DIR: z.string().min(1).default('var/blobs'),
  /** The folder of procedures the dashboard offers (every .json file); unset: the built-in ones (procedures/). */
  PROCEDURES_DIR: z.string().min(1).optional(),
  /** Bytes above which a payload is kept in the blob store and travels by reference (below Temporal's 512 KiB). */
  LARGE_PAYLOAD_THRESHOLD: z.coerce
    .number()
    .int()
    .min(1024)
    .max(PAYLOAD_LIMIT_BYTES - 1)
    .default(DEFAULT_CLAIM_THRESHOLD_BYTES),
  /** Where admins open the Temporal UI; default: the web app's console when it serves one, else :8233. */
  TEMPORAL_UI_URL: z.url().optional(),
  /** A Temporal UI server that the web app serves to signed-in staff on TEMPORAL_UI_PORT (with the codec). */
  TEMPORAL_UI_UPSTREAM: z.url().optional(),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** `name:scrypt$salt$hash,...` (make a hash with `complaint hash-password`). */
  STAFF_USERS: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Seconds a staff session may go unused before it ends (sign in again). */
  STAFF_SESSION_IDLE: z.coerce.number().int().min(60).max(86_400).default(1800),
  /** Seconds after sign-in a staff session ends, however active. */
  STAFF_SESSION_MAX: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(28_800),
  /** `id:base64key,...`, newest first: AES-256 keys of the payload codec. */
  ENCRYPTION_KEYS: z.string().optional(),
  /** host:port of the Prometheus endpoints (empty: none). */
  WORKER_METRICS_ADDRESS: z.string().default('127.0.0.1:9464'),
  WEB_METRICS_ADDRESS: z.string().default('127.0.0.1:9465'),
  /** Officers' link requests allowed per client address and minute (a proxy in front may need more). */
  LINK_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Worker tuning (BENCHMARKS.md); unset: the SDK's defaults. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
  /**
   * Seconds a complaint's workflow task may wait for the worker that has it cached before it is replayed from
   * its history by any worker (the SDK's 10 s let 1,000 lapses at once replay a third of their complaints;
   * BENCHMARKS.md). A worker that is gone is not waited for: the server skips a sticky queue nobody polls.
   */
  WORKER_STICKY_TIMEOUT: z.coerce.number().int().min(1).max(600).default(60),
  /** Seconds a stopping worker lets running activities finish before it cancels them. */
  WORKER_SHUTDOWN_GRACE: z.coerce.number().int().min(0).max(300).default(10),
  ANSWER_ADMIT_WITHIN: z.coerce.number().int().min(1).max(60).default(5),
  /** Threads that render letters (PDF), off the worker's event loop; unset: one less than the cores, at least 1. */
  LETTER_RENDER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * Seconds a letter may take to render before it is given up as undeliverable: a render that long holds one of
   * the pool's threads from every letter queued behind it, so the bound is kept short.
   */
  LETTER_RENDER_TIMEOUT: z.coerce
    .number()
    .int()
    .min(1)
    .max(60, 'must be at most 60 (seconds): a render that long holds a thread from every letter behind it')
    .default(20),
});

/** Every environment variable the app reads itself (Temporal's connection variables are read by envconfig). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape);

const EMPTY_MEANS_OFF = new Set(['WORKER_METRICS_ADDRESS', 'WEB_METRICS_ADDRESS']);

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  taskQueue: string;
  web: { host: string; port: number };
  publicBaseUrl: string;
  linkSecret: string;
  smtpUrl: string;
  mailFrom: string;
  commission: CommissionIdentity;
  logLevel: LogLevel;
  /** Where staff are told that mail flows again after an outage, and where their daily digest goes. */
  staffAlertsTo: string;
  /** Whether staff get an email at each lapse or read lapses in the daily digest. */
  staffLapseAlerts: StaffLapseAlerts;
  /** When the daily digest goes out: a local time (HH:MM) in a time zone; `at` null: no digest. */
  staffDigest: { at: string | null; timeZone: string };
  smtpOutageAlertAfterMs: number;
  databaseUrl: string;
  /** How long an officer's POST waits for the complaint to take it before it is kept in the inbox (ms). */
  answerAdmitWithinMs: number;
  /** Where answer attachments are kept (shared by the web app and the worker). */
  blobDir: string;
  /** The folder of procedures the dashboard offers (absolute). */
  proceduresDir: string;
  /** Payloads larger than this (bytes) go to the blob store, by reference (LARGE_PAYLOAD_THRESHOLD). */
  largePayloadThreshold: number;
  /** Where admins open the Temporal Web UI. */
  temporalUiUrl: string;
  /** The UI server the web app serves to signed-in staff on its console port, if any. */
  temporalUiConsole?: { upstream: string; port: number };
  namespace: string;
  /** Staff who may sign in to the dashboard: `name:scrypt$salt$hash,...` (empty: nobody, in production). */
  staffUsers: string;
  sessionSecret: string;
  /** Staff sessions end after this long unused, and this long after sign-in (ms). */
  staffSession: { idleMs: number; maxMs: number };
  metrics: { worker: string; web: string };
  /** The payload codec's keys, `id:base64key,...`, newest first. */
  encryptionKeys: string;
  linkRequestsPerMinute: number;
  /** What is set, and the sticky timeout: the SDK's defaults stand for the rest. */
  workerTuning: WorkerTuning;
  /** How long a stopping worker lets running activities finish before it cancels them. */
  workerShutdownGraceMs: number;
  /** The worker's letter-rendering threads, and how long one letter may take. */
  letterRendering: LetterRendering;
}

export interface LetterRendering {
  threads: number;
  timeoutMs: number;
}

/** Who writes: the commission's name, address, signatory and contact, on every letter, page and message. */
export interface CommissionIdentity {
  name: string;
  /** The name in Hindi, for letters in Hindi. */
  nameHi?: string;
  /** Postal address, one line an entry. */
  address: string[];
  /** The address mail comes from. */
  sender: string;
  signatory: { name: string; designation: string; designationHi?: string };
  contact: string;
  /** Path of a PNG or JPEG for the letterhead. */
  logo?: string;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface WorkerTuning {
  maxCachedWorkflows?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  stickyQueueScheduleToStartTimeout?: number;
}

// Development only: a fixed key, so `npm start`, the CLI and the tests read each other's payloads.
const DEV_ENCRYPTION_KEYS = `dev:${Buffer.from('development-only-key-32-bytes!!!').toString('base64')}`;

// In development only: one staff user, `staff` with the password `staff`, so the dashboard opens out of the box.
const DEV_STAFF_USERS =
  'staff:scrypt$6465762d73616c742d6e6f742d666f722d70726f64$8d4cdd0223e18f744b4bb7e5f7104c62d67c68ee19756a450e47775f770040b3';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from `env`, refusing with a message that names the variable when one is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty value means "unset", except where empty is a setting of its own (a metrics endpoint turned off).
  const parsed = configSchema.safeParse(
    Object.fromEntries(
      Object.entries(env).filter(([k, v]) => v !== undefined && (v !== '' || EMPTY_MEANS_OFF.has(k))),
    ),
  );
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeZodError(parsed.error)}`);
  const c = parsed.data;
  if (!c.LINK_SECRET && c.NODE_ENV === 'production') {
    // Links are the officers' only credential: a guessable or shared default secret would let anyone answer.
    throw new ConfigError(
      'Invalid configuration: LINK_SECRET is required outside development (a random string of at least 32 characters, e.g. `openssl rand -base64 48`)',
    );
  }
  if (!c.ENCRYPTION_KEYS && c.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration: ENCRYPTION_KEYS is required outside development (id:base64key, e.g. `k1:$(openssl rand -base64 32)`)',
    );
  }
  const publicBaseUrl = (c.PUBLIC_BASE_URL ?? `http://${hostForUrl(c.WEB_HOST)}:${c.WEB_PORT}`).replace(
    /\/+$/,
    '',
  );
  return {
    env: c.NODE_ENV,
    taskQueue: c.TASK_QUEUE,
    web: { host: c.WEB_HOST, port: c.WEB_PORT },
    publicBaseUrl,
    linkSecret: c.LINK_SECRET ?? DEV_LINK_SECRET,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM ?? `${quoteDisplayName(c.COMMISSION_NAME)} <${c.COMMISSION_SENDER}>`,
    commission: {
      name: c.COMMISSION_NAME,
      nameHi: c.COMMISSION_NAME_HI,
      address: c.COMMISSION_ADDRESS.split(/;|\n/)
        .map((line) => line.trim())
        .filter(Boolean),
      sender: c.COMMISSION_SENDER,
      signatory: {
        name: c.COMMISSION_SIGNATORY_NAME,
        designation: c.COMMISSION_SIGNATORY_DESIGNATION,
        designationHi: c.COMMISSION_SIGNATORY_DESIGNATION_HI,
      },
      contact: c.COMMISSION_CONTACT,
      ...(c.COMMISSION_LOGO ? { logo: c.COMMISSION_LOGO } : {}),
    },
    logLevel: c.LOG_LEVEL,
    staffAlertsTo: c.STAFF_ALERTS_TO ?? (c.MAIL_FROM ? addressOf(c.MAIL_FROM) : c.COMMISSION_SENDER),
    staffLapseAlerts: c.STAFF_LAPSE_ALERTS,
    staffDigest: {
      at: c.STAFF_DIGEST_AT === 'off' ? null : c.STAFF_DIGEST_AT,
      timeZone: c.STAFF_DIGEST_TIMEZONE,
    },
    smtpOutageAlertAfterMs: c.SMTP_OUTAGE_ALERT_AFTER * 1000,
    databaseUrl: c.DATABASE_URL,
    answerAdmitWithinMs: c.ANSWER_ADMIT_WITHIN * 1000,
    blobDir: c.BLOB_DIR,
    proceduresDir: c.PROCEDURES_DIR ? resolve(c.PROCEDURES_DIR) : BUILT_IN_PROCEDURES_DIR,
    largePayloadThreshold: c.LARGE_PAYLOAD_THRESHOLD,
    temporalUiUrl: (
      c.TEMPORAL_UI_URL ??
      (c.TEMPORAL_UI_UPSTREAM
        ? `http://${hostForUrl(c.WEB_HOST)}:${c.TEMPORAL_UI_PORT}`
        : 'http://localhost:8233')
    ).replace(/\/+$/, ''),
    ...(c.TEMPORAL_UI_UPSTREAM
      ? { temporalUiConsole: { upstream: c.TEMPORAL_UI_UPSTREAM, port: c.TEMPORAL_UI_PORT } }
      : {}),
    namespace: c.TEMPORAL_NAMESPACE,
    staffUsers: c.STAFF_USERS ?? (c.NODE_ENV === 'production' ? '' : DEV_STAFF_USERS),
    // Separate from the link secret: a leaked session key must not let anyone forge an officer's link.
    sessionSecret: c.SESSION_SECRET ?? `${c.LINK_SECRET ?? DEV_LINK_SECRET}/staff-sessions`,
    staffSession: { idleMs: c.STAFF_SESSION_IDLE * 1000, maxMs: c.STAFF_SESSION_MAX * 1000 },
    metrics: { worker: c.WORKER_METRICS_ADDRESS, web: c.WEB_METRICS_ADDRESS },
    encryptionKeys: c.ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS,
    linkRequestsPerMinute: c.LINK_REQUESTS_PER_MINUTE,
    // Only what is set: an undefined option would override the SDK's default.
    workerTuning: Object.fromEntries(
      Object.entries({
        maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
        maxConcurrentActivityTaskExecutions: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
        maxConcurrentWorkflowTaskExecutions: c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
        stickyQueueScheduleToStartTimeout: c.WORKER_STICKY_TIMEOUT * 1000,
      }).filter(([, value]) => value !== undefined),
    ),
    workerShutdownGraceMs: c.WORKER_SHUTDOWN_GRACE * 1000,
    letterRendering: {
      // One core is left to the event loop, the workflow thread and the SDK's core (1 thread on 2 cores).
      threads: c.LETTER_RENDER_THREADS ?? Math.max(1, availableParallelism() - 1),
      timeoutMs: c.LETTER_RENDER_TIMEOUT * 1000,
    },
  };
}

/** A display name as RFC 5322 allows it: quoted when it holds a special character. */
function quoteDisplayName(name: string): string {
  return /^[\w .'-]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** The address in `Commission <notices@commission.example>`. */
function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

/** A step's place on a complaint's dashboard page (an element ID): an alert about a step links there. */
export function stepAnchor(respondentId: string, stepId: string): string {
  return `step-${respondentId}-${stepId}`;
}

/** A complaint's page on the staff dashboard: where staff alerts send staff. */
export function complaintConsoleUrl(config: Pick<AppConfig, 'publicBaseUrl'>, workflowId: string): string {
  return `${config.publicBaseUrl}/staff/complaints/${encodeURIComponent(workflowId)}`;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
