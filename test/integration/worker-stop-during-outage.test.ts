// SIGTERM to a worker while the mail server hangs (accepts connections, never answers) in the middle of a
// burst of 200 lapses: sends under way get the grace time (WORKER_SHUTDOWN_GRACE), then are given up, and the
// worker exits within it. A new worker sends everything once the server is back, each message exactly once.
import {
  expectEveryLapseMailedOnce,
  sleepUntil,
  startLapseBurst,
  useBurstWorld,
} from '../helpers/lapse-burst';

const COMPLAINTS = 200;
const GRACE_SECONDS = 5;
const burstWorld = useBurstWorld();

test(
  'a worker stopped during an SMTP outage exits within its grace time; the next one sends each message once',
  async () => {
    const world = burstWorld();
    const first = world.startWorker({ WORKER_SHUTDOWN_GRACE: String(GRACE_SECONDS) });
    await first.polling;
    const dueAt = await startLapseBurst(world, 'stopped', COMPLAINTS);

    // The server goes silent just before the lapse (a lapse's mail goes out in seconds now).
    await sleepUntil(dueAt - 1_000);
    world.gate.blackHole();
    await sleepUntil(dueAt + 10_000); // sends hang on the silent server
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    const stoppedIn = (Date.now() - signalled) / 1000;
    expect(exit).toEqual({ code: 0, signal: null });
    // The grace time, then cancelled sends give up at once; a few seconds for the process to wind down.
    expect(stoppedIn).toBeLessThan(GRACE_SECONDS + 10);
    expect(first.output()).toContain('worker: stopped');

    const second = world.startWorker();
    await second.polling;
    await sleepUntil(dueAt - 1_000 + 60_000);
    await world.gate.open();
    await expectEveryLapseMailedOnce(world, 'stopped', COMPLAINTS, 4 * 60_000);
  },
  8 * 60_000,
);
