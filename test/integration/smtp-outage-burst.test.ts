// A minute-long SMTP outage in the middle of a burst: 200 complaints lapse in the same second, just after the
// mail server goes away for 60 s, refusing connections or, separately, accepting them and never answering (a
// lapse is quick now: an outage that began 5 s after the lapse found its mail already sent). With no worker restart, every overdue reminder and staff alert arrives exactly once after the
// server returns (liveness: the waits are generous, nothing here measures speed). The outage is reported: a
// warning in the worker's log, the metrics, and one message to staff once mail flows again.
import { RecordsStore } from '../../lib/records/store';
import {
  expectEveryLapseMailedOnce,
  recipientOf,
  sleepUntil,
  startLapseBurst,
  useBurstWorld,
} from '../helpers/lapse-burst';
import { freePort } from '../helpers/network';
import { join } from 'node:path';

const COMPLAINTS = 200;
const STAFF = 'registry@ncpcr.example';
const burstWorld = useBurstWorld();

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`no metric ${name} in:\n${text.slice(0, 2000)}`);
  return Number(line.split(' ').at(-1));
}

test(
  'SMTP refusing connections for 60 s during the burst: every reminder arrives once after, and staff are told',
  async () => {
    const world = burstWorld();
    const metricsPort = await freePort();
    const worker = world.startWorker({
      SMTP_OUTAGE_ALERT_AFTER: '10',
      STAFF_ALERTS_TO: STAFF,
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    });
    await worker.polling;
    const dueAt = await startLapseBurst(world, 'refused', COMPLAINTS);
    expect(await metric(metricsPort, 'complaint_smtp_outage')).toBe(0);

    await sleepUntil(dueAt - 1_000);
    await world.gate.refuse();
    await sleepUntil(dueAt - 1_000 + 20_000);
    // Past SMTP_OUTAGE_ALERT_AFTER: a warning in the log, the metrics say so.
    expect(worker.output()).toMatch(/WARNING mail: no message could be sent since .*ECONNREFUSED/);
    expect(await metric(metricsPort, 'complaint_smtp_outage')).toBe(1);
    // Failing since the burst's first send, at the deadline (the metric is in whole seconds).
    expect(await metric(metricsPort, 'complaint_smtp_failing_since')).toBeGreaterThanOrEqual(dueAt / 1000);
    await sleepUntil(dueAt - 1_000 + 60_000);
    await world.gate.open();

    await expectEveryLapseMailedOnce(world, 'refused', COMPLAINTS, 4 * 60_000);
    const told = world.sink.messages.filter((m) => recipientOf(m) === STAFF);
    expect(told.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Mail is flowing again after \d+ minutes? without it$/),
    ]);
    expect(told[0]!.text).toMatch(/\d+ messages? (was|were) waiting/);
    expect(await metric(metricsPort, 'complaint_smtp_outage')).toBe(0);
    expect(await metric(metricsPort, 'complaint_smtp_failing_since')).toBe(0);
    const records = await RecordsStore.open(`sqlite:${join(world.dir, 'records.sqlite')}`);
    try {
      const outages = await records.mailOutages();
      expect(outages).toHaveLength(1);
      expect(outages[0]!.reported_at).not.toBeNull();
    } finally {
      await records.close();
    }
    expect(worker.child.exitCode).toBeNull(); // the same worker throughout
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  },
  8 * 60_000,
);

test(
  'SMTP accepting connections and never answering for 60 s during the burst: every reminder arrives once after',
  async () => {
    const world = burstWorld();
    const worker = world.startWorker({ SMTP_OUTAGE_ALERT_AFTER: '10', STAFF_ALERTS_TO: STAFF });
    await worker.polling;
    const dueAt = await startLapseBurst(world, 'silent', COMPLAINTS);

    await sleepUntil(dueAt - 1_000);
    world.gate.blackHole();
    await sleepUntil(dueAt - 1_000 + 60_000);
    expect(worker.output()).toMatch(/WARNING mail: no message could be sent since/);
    await world.gate.open();

    await expectEveryLapseMailedOnce(world, 'silent', COMPLAINTS, 4 * 60_000);
    expect(worker.child.exitCode).toBeNull();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  },
  8 * 60_000,
);
