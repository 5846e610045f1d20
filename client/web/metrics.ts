// The web app's metrics for Prometheus, on their own loopback address (WEB_METRICS_ADDRESS): what officers
// and staff did here, and how many complaints stand at each stage (counted by Temporal's visibility).
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { Counter, Gauge, Registry } from 'prom-client';
import { STAGES } from '../complaint-queries';

type Labels = Record<string, string>;

/** The web app's counters: their help text and the one label each carries. */
const COUNTERS: Record<string, { help: string; label: string }> = {
  complaint_officer_actions_total: {
    help: 'Officer actions through their links, by action',
    label: 'action',
  },
  complaint_officer_submissions_not_recorded_total: {
    help: 'Officer submissions the complaint did not take (step closed, complaint not running), by action',
    label: 'action',
  },
  complaint_officer_submissions_kept_total: {
    help: "Officer submissions kept in the officers' inbox while no worker could take them, by action",
    label: 'action',
  },
  complaint_staff_actions_total: { help: 'Staff actions on the dashboard, by action', label: 'action' },
  complaint_staff_logins_total: { help: 'Staff sign-ins, by result', label: 'result' },
};

/** The web app's metrics on a registry of its own (prom-client), so that several apps in one process never mix. */
export class WebMetrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly complaints = new Gauge({
    name: 'complaint_complaints',
    help: 'Complaints by stage (running and closed)',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  private readonly overdue = new Gauge({
    name: 'complaint_overdue_complaints',
    help: 'Running complaints with a step past its deadline',
    registers: [this.registry],
  });

  constructor() {
    for (const [name, { help, label }] of Object.entries(COUNTERS))
      this.counters.set(name, new Counter({ name, help, labelNames: [label], registers: [this.registry] }));
  }

  inc(name: keyof typeof COUNTERS, labels: Labels = {}): void {
    const counter = this.counters.get(name);
    if (!counter) throw new Error(`no such metric: ${name}`);
    counter.inc(labels);
  }

  /** The Prometheus text exposition of the counters, and of complaints by stage (counted by visibility). */
  async render(client: Client): Promise<string> {
    for (const stage of STAGES) {
      const { count } = await client.workflow.count(
        `WorkflowType = 'complaintWorkflow' AND ComplaintStage = "${stage}"`,
      );
      this.complaints.set({ stage }, count);
    }
    const overdue = await client.workflow.count(
      `WorkflowType = 'complaintWorkflow' AND Overdue = true AND ExecutionStatus = 'Running'`,
    );
    this.overdue.set(overdue.count);
    return this.registry.metrics();
  }
}

/** Serves GET /metrics on `address` (host:port). */
export async function serveMetrics(address: string, metrics: WebMetrics, client: Client): Promise<Server> {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.render(client).then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
