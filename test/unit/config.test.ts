import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../../lib/config';

test('defaults work out of the box in development', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    env: 'development',
    taskQueue: 'complaint-deadlines',
    web: { host: '127.0.0.1', port: 3000 },
    publicBaseUrl: 'http://127.0.0.1:3000',
    smtpUrl: 'smtp://127.0.0.1:1025',
    databaseUrl: 'sqlite:var/records.sqlite',
  });
  expect(config.linkSecret.length).toBeGreaterThanOrEqual(32);
});

test('production refuses to start without a link secret, naming it', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LINK_SECRET is required/);
  const secret = 's'.repeat(40);
  expect(() => loadConfig({ NODE_ENV: 'production', LINK_SECRET: secret })).toThrow(
    /ENCRYPTION_KEYS is required/,
  );
  const keys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
  expect(loadConfig({ NODE_ENV: 'production', LINK_SECRET: secret, ENCRYPTION_KEYS: keys })).toMatchObject({
    linkSecret: secret,
    encryptionKeys: keys,
  });
});

test('a wrong value is refused with the variable named', () => {
  expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must be an smtp/);
  expect(() => loadConfig({ WEB_PORT: 'eighty' })).toThrow(/WEB_PORT:/);
  expect(() => loadConfig({ LINK_SECRET: 'short' })).toThrow(/LINK_SECRET: must be at least 32 characters/);
  expect(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL:/);
});

test('an empty metrics address turns that endpoint off; other empty values mean unset', () => {
  expect(loadConfig({ WORKER_METRICS_ADDRESS: '', WEB_METRICS_ADDRESS: '' }).metrics).toEqual({
    worker: '',
    web: '',
  });
  expect(loadConfig({}).metrics).toEqual({ worker: '127.0.0.1:9464', web: '127.0.0.1:9465' });
  expect(loadConfig({ SMTP_URL: '' }).smtpUrl).toBe('smtp://127.0.0.1:1025');
});

test('PUBLIC_BASE_URL is used for links without a trailing slash', () => {
  expect(loadConfig({ PUBLIC_BASE_URL: 'https://answers.commission.example/' }).publicBaseUrl).toBe(
    'https://answers.commission.example',
  );
});

test("worker tuning is passed on only where set, with the project's sticky timeout; the link rate limit is a positive number", () => {
  expect(loadConfig({}).workerTuning).toEqual({ stickyQueueScheduleToStartTimeout: 60_000 });
  expect(loadConfig({}).linkRequestsPerMinute).toBe(60);
  expect(
    loadConfig({
      WORKER_MAX_CACHED_WORKFLOWS: '2000',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '200',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80',
      WORKER_STICKY_TIMEOUT: '30',
    }).workerTuning,
  ).toEqual({
    maxCachedWorkflows: 2000,
    maxConcurrentActivityTaskExecutions: 200,
    maxConcurrentWorkflowTaskExecutions: 80,
    stickyQueueScheduleToStartTimeout: 30_000,
  });
  expect(() => loadConfig({ WORKER_STICKY_TIMEOUT: '0' })).toThrow(/WORKER_STICKY_TIMEOUT/);
  expect(() => loadConfig({ LINK_REQUESTS_PER_MINUTE: '0' })).toThrow(/LINK_REQUESTS_PER_MINUTE/);
  expect(() => loadConfig({ WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(
    /WORKER_MAX_CONCURRENT_ACTIVITIES/,
  );
});

test('mail outage alerting and the worker grace time: defaults, values, and refusals naming the variable', () => {
  const defaults = loadConfig({ MAIL_FROM: 'NCPCR <notices@ncpcr.example>' });
  expect(defaults).toMatchObject({
    staffAlertsTo: 'notices@ncpcr.example',
    smtpOutageAlertAfterMs: 300_000,
    workerShutdownGraceMs: 10_000,
  });
  expect(
    loadConfig({
      STAFF_ALERTS_TO: 'registry@ncpcr.example',
      SMTP_OUTAGE_ALERT_AFTER: '60',
      WORKER_SHUTDOWN_GRACE: '0',
    }),
  ).toMatchObject({
    staffAlertsTo: 'registry@ncpcr.example',
    smtpOutageAlertAfterMs: 60_000,
    workerShutdownGraceMs: 0,
  });
  expect(() => loadConfig({ STAFF_ALERTS_TO: 'registry' })).toThrow(/STAFF_ALERTS_TO/);
  expect(() => loadConfig({ SMTP_OUTAGE_ALERT_AFTER: '0' })).toThrow(/SMTP_OUTAGE_ALERT_AFTER/);
  expect(() => loadConfig({ WORKER_SHUTDOWN_GRACE: 'soon' })).toThrow(/WORKER_SHUTDOWN_GRACE/);
});

test("staff's lapse emails and daily digest: defaults, values, off, and refusals naming the variable", () => {
  const defaults = loadConfig({});
  expect(defaults.staffLapseAlerts).toBe('digest');
  expect(defaults.staffDigest).toEqual({ at: '17:30', timeZone: 'Asia/Kolkata' });
  const set = loadConfig({
    STAFF_LAPSE_ALERTS: 'each',
    STAFF_DIGEST_AT: '09:05',
    STAFF_DIGEST_TIMEZONE: 'Europe/Paris',
  });
  expect(set.staffLapseAlerts).toBe('each');
  expect(set.staffDigest).toEqual({ at: '09:05', timeZone: 'Europe/Paris' });
  expect(loadConfig({ STAFF_DIGEST_AT: 'off' }).staffDigest.at).toBeNull();
  expect(() => loadConfig({ STAFF_LAPSE_ALERTS: 'weekly' })).toThrow(/STAFF_LAPSE_ALERTS/);
  expect(() => loadConfig({ STAFF_DIGEST_AT: '24:00' })).toThrow(/STAFF_DIGEST_AT: must be a time HH:MM/);
  expect(() => loadConfig({ STAFF_DIGEST_AT: '5:30' })).toThrow(/STAFF_DIGEST_AT/);
  expect(() => loadConfig({ STAFF_DIGEST_TIMEZONE: 'Asia/Nowhere' })).toThrow(
    /STAFF_DIGEST_TIMEZONE: must be an IANA time zone/,
  );
});

test('staff session timeouts: 30 minutes idle and 8 hours at most by default, in seconds, refusals naming the variable', () => {
  expect(loadConfig({}).staffSession).toEqual({ idleMs: 30 * 60_000, maxMs: 8 * 3_600_000 });
  expect(loadConfig({ STAFF_SESSION_IDLE: '600', STAFF_SESSION_MAX: '3600' }).staffSession).toEqual({
    idleMs: 600_000,
    maxMs: 3_600_000,
  });
  expect(() => loadConfig({ STAFF_SESSION_IDLE: 'soon' })).toThrow(/STAFF_SESSION_IDLE/);
  expect(() => loadConfig({ STAFF_SESSION_IDLE: '0' })).toThrow(/STAFF_SESSION_IDLE/);
  expect(() => loadConfig({ STAFF_SESSION_MAX: '999999999' })).toThrow(/STAFF_SESSION_MAX/);
});

test('letter rendering: threads (one less than the cores, at least 1) and a bound in seconds (20), refusals naming the variable', () => {
  const cores = availableParallelism();
  expect(loadConfig({}).letterRendering).toEqual({ threads: Math.max(1, cores - 1), timeoutMs: 20_000 });
  expect(loadConfig({ LETTER_RENDER_THREADS: '3', LETTER_RENDER_TIMEOUT: '5' }).letterRendering).toEqual({
    threads: 3,
    timeoutMs: 5_000,
  });
  expect(() => loadConfig({ LETTER_RENDER_THREADS: '0' })).toThrow(/LETTER_RENDER_THREADS/);
  expect(() => loadConfig({ LETTER_RENDER_THREADS: 'two' })).toThrow(/LETTER_RENDER_THREADS/);
  expect(() => loadConfig({ LETTER_RENDER_TIMEOUT: '0' })).toThrow(/LETTER_RENDER_TIMEOUT/);
  expect(() => loadConfig({ LETTER_RENDER_TIMEOUT: '1.5' })).toThrow(/LETTER_RENDER_TIMEOUT/);
  // A render holds a thread from every letter queued behind it: the bound stays short.
  expect(() => loadConfig({ LETTER_RENDER_TIMEOUT: '61' })).toThrow(
    'LETTER_RENDER_TIMEOUT: must be at most 60 (seconds): a render that long holds a thread from every letter behind it',
  );
});
