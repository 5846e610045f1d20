// The web app's metrics for Prometheus, on their own loopback address (WEB_METRICS_ADDRESS): what officers
// and staff did here, and how many complaints stand at each stage (counted by Temporal's visibility).
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { STAGES } from '../complaint-queries';

type Labels = Record<string, string>;

const HELP: Record<string, string> = {
  complaint_officer_actions_total: 'Officer actions through their links, by action',
  complaint_officer_submissions_not_recorded_total:
    'Officer submissions the complaint did not take (step closed, complaint not running), by action',
  complaint_staff_actions_total: 'Staff actions on the dashboard, by action',
  complaint_staff_logins_total: 'Staff sign-ins, by result',
};

export class WebMetrics {
  private readonly counters = new Map<string, Map<string, number>>();

  inc(name: string, labels: Labels = {}): void {
    const series = this.counters.get(name) ?? new Map<string, number>();
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
    series.set(key, (series.get(key) ?? 0) + 1);
    this.counters.set(name, series);
  }

  /** The Prometheus text exposition of the counters, and of complaints by stage. */
  async render(client: Client): Promise<string> {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} counter`);
      for (const [key, value] of series) lines.push(`${name}${key ? `{${key}}` : ''} ${value}`);
    }
    lines.push(
      '# HELP complaint_complaints Complaints by stage (running and closed)',
      '# TYPE complaint_complaints gauge',
    );
    for (const stage of STAGES) {
      const { count } = await client.workflow.count(
        `WorkflowType = 'complaintWorkflow' AND ComplaintStage = "${stage}"`,
      );
      lines.push(`complaint_complaints{stage="${stage}"} ${count}`);
    }
    const overdue = await client.workflow.count(
      `WorkflowType = 'complaintWorkflow' AND Overdue = true AND ExecutionStatus = 'Running'`,
    );
    lines.push(
      '# HELP complaint_overdue_complaints Running complaints with a step past its deadline',
      '# TYPE complaint_overdue_complaints gauge',
    );
    lines.push(`complaint_overdue_complaints ${overdue.count}`);
    return `${lines.join('\n')}\n`;
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
      (body) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body),
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
