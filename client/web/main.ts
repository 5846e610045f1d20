// The web app process: `npm run web` (started by `npm start`): officers' pages and the staff dashboard.
import { AnswerLinks } from '../../lib/mail/answer-links';
import { BlobStore } from '../../lib/web/blob-store';
import { complaintConsoleUrl, ConfigError, loadConfig } from '../../lib/config';
import { lostSubmissionAlerter } from '../../lib/mail/lost-submission-alert';
import { createSmtpMailer } from '../../lib/mail/mailer';
import { complaintCodec } from '../../lib/temporal/data-converter';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { readProcedureFolder } from '../../lib/procedure/procedure-folder';
import { OfficerInboxStore } from '../../lib/records/officer-inbox';
import { RecordsStore } from '../../lib/records/store';
import { bindRecordsTo, describeTemporal } from '../../lib/records/temporal-binding';
import { StaffSessionStore } from '../../lib/records/staff-sessions';
import { ReaderAccessStore } from '../../lib/records/reader-access';
import { connectClient } from '../../lib/temporal/temporal-connection';
import { buildTemporalUiConsole } from './temporal-ui-console';
import { buildWebApp } from './app';
import { sweepPeriodically } from './blob-sweep';
import { InboxDelivery } from './inbox-delivery';
import { serveMetrics, WebMetrics } from './metrics';
import { DEFAULT_RATE_LIMITS } from './rate-limits';
import { parseStaffUsers } from '../staff-passwords';
import { StaffSessions } from './staff-auth';

/** The built-in procedure, then those of PROCEDURES_DIR (for the dashboard's start form). */
function procedures(dir: string): Procedure[] {
  let offered: Procedure[];
  try {
    offered = readProcedureFolder(dir);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: PROCEDURES_DIR: ${(err as Error).message}`);
  }
  return [DEFAULT_PROCEDURE, ...offered.filter((p) => p.id !== DEFAULT_PROCEDURE.id)];
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Read before anything is opened: a wrong folder or procedure refuses the start, naming it.
  const offeredProcedures = procedures(config.proceduresDir);
  const users = parseStaffUsers(config.staffUsers);
  if (users.length === 0) {
    throw new ConfigError(
      'Invalid configuration: STAFF_USERS is required outside development (make a hash with `complaint hash-password`)',
    );
  }
  if (config.env === 'development' && !process.env.STAFF_USERS) {
    console.warn(
      'web: development sign-in for the dashboard: name "staff", password "staff" (set STAFF_USERS to change it)',
    );
  }
  const client = await connectClient(config);
  const metrics = new WebMetrics();
  // Only for alerts to staff (an answer the complaint could not take); every other message is the worker's.
  const mailer = createSmtpMailer(config.smtpUrl);
  const alertStaff = lostSubmissionAlerter(mailer, {
    from: config.mailFrom,
    to: config.staffAlertsTo,
    consoleUrlFor: (workflowId) => complaintConsoleUrl(config, workflowId),
  });
  // The officers' inbox: what they send while no worker runs, delivered from here once one does.
  const records = await RecordsStore.open(config.databaseUrl);
  // The records are this Temporal's, or the web app does not start (lib/records/temporal-binding.ts).
  const { bound, boundNow } = await bindRecordsTo(
    records.db,
    client.workflowService,
    client.options.namespace,
  );
  if (boundNow) console.log(`web: the records database now belongs to Temporal ${describeTemporal(bound)}`);
  const store = new OfficerInboxStore(records.db);
  const blobs = new BlobStore(config.blobDir);
  const delivery = new InboxDelivery({
    client,
    inbox: store,
    blobs,
    alertStaff,
    log: (m) => console.warn(`web: ${m}`),
  });
  delivery.start();
  const codec = complaintCodec(config);
  // Staff sessions live in the records database: sign-out, revoke and timeouts hold in every process.
  const sessions = new StaffSessions({
    secret: config.sessionSecret,
    users,
    store: new StaffSessionStore(records.db),
    // Joint inquiries' readers (`complaint joint-inquiry grant`): one complaint's pages each, read only.
    readers: new ReaderAccessStore(records.db),
    ...config.staffSession,
  });
  const app = await buildWebApp({
    alertStaff,
    inbox: { store, wake: () => delivery.wake() },
    admitWithinMs: config.answerAdmitWithinMs,
    metrics,
    client,
    links: new AnswerLinks(config.linkSecret, config.publicBaseUrl),
    blobs,
    commissionName: config.commission.name,
    logLevel: config.logLevel,
    rateLimits: { ...DEFAULT_RATE_LIMITS, linkPerMinute: config.linkRequestsPerMinute },
    staff: {
      sessions,
      records,
      taskQueue: config.taskQueue,
      procedures: offeredProcedures,
      secureCookies: config.publicBaseUrl.startsWith('https:'),
      codec: { codec, temporalUiOrigin: new URL(config.temporalUiUrl).origin },
      ...(config.temporalUiConsole ? { temporalUiOrigin: new URL(config.temporalUiUrl).origin } : {}),
    },
  });
  // The Temporal UI for admins, on its own port, for signed-in staff, decoding through the codec.
  const uiConsole = config.temporalUiConsole
    ? await buildTemporalUiConsole({
        upstream: config.temporalUiConsole.upstream,
        consoleUrl: config.temporalUiUrl,
        signInUrl: `${config.publicBaseUrl}/staff/login`,
        sessions,
        codec,
      })
    : undefined;
  // Uploads no answer kept (refused, or a web app stopped midway) are removed after a grace time.
  const stopSweeping = sweepPeriodically(blobs, records.db, (m) => console.warn(`web: ${m}`));
  const stop = () => {
    stopSweeping();
    void Promise.all([app.close(), uiConsole?.close()])
      .then(() => delivery.stop())
      .then(() => records.close())
      .then(() => client.connection.close())
      .then(() => mailer.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ host: config.web.host, port: config.web.port });
  console.log(`web: listening on ${config.publicBaseUrl}`);
  if (uiConsole && config.temporalUiConsole) {
    await uiConsole.listen({ host: config.web.host, port: config.temporalUiConsole.port });
    console.log(`web: the Temporal UI for signed-in staff on ${config.temporalUiUrl}`);
  }
  if (config.metrics.web) {
    const server = await serveMetrics(config.metrics.web, metrics, client);
    process.once('exit', () => server.close());
    console.log(`web: metrics on http://${config.metrics.web}/metrics`);
  }
}

main().catch((err: unknown) => {
  console.error(`web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
