// How long the worker's event loop keeps callbacks waiting: the thread that polls workflow and activity tasks
// must stay free (letters render in their own threads), and this shows whether it does. Exported through the
// runtime's metrics (Prometheus): the 99th percentile and the maximum delay of each period, the histogram
// started afresh each period, so a stall shows for one period and then clears.
import type { MetricMeter } from '@temporalio/common';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const EVENT_LOOP_DELAY_PERIOD_MS = 10_000;
/** The gauges' names on the worker's Prometheus endpoint (the bench and the tests read them). */
export const EVENT_LOOP_DELAY_P99 = 'complaint_worker_event_loop_delay_p99_seconds';
export const EVENT_LOOP_DELAY_MAX = 'complaint_worker_event_loop_delay_max_seconds';

export function watchEventLoopDelay(
  meter: MetricMeter,
  periodMs = EVENT_LOOP_DELAY_PERIOD_MS,
): { stop(): void } {
  const p99 = meter.createGauge(
    EVENT_LOOP_DELAY_P99,
    'float',
    'seconds',
    "99th percentile of the worker's event-loop delay over the last period (10 s)",
  );
  const max = meter.createGauge(
    EVENT_LOOP_DELAY_MAX,
    'float',
    'seconds',
    'Longest event-loop delay of the worker over the last period (10 s)',
  );
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  const publish = () => {
    // Nanoseconds; a histogram without a sample yet (the first moments) says 0.
    p99.set(delays.count ? delays.percentile(99) / 1e9 : 0);
    max.set(delays.count ? delays.max / 1e9 : 0);
    delays.reset();
  };
  publish();
  const timer = setInterval(publish, periodMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      delays.disable();
    },
  };
}
