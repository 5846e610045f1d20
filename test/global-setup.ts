// Before the cluster tests: their Go programs are built (minutes, once per machine), so that no test file's timeout
// has to hold a build. This is the cluster project's global setup (jest.config.js), and Jest runs a project's
// global setup only when one of its tests is selected: `npm run test:fast` or one unit test never waits for Go.
import { ensureClusterTools } from '../scripts/cluster-tools';

export default async function globalSetup(): Promise<void> {
  await ensureClusterTools((line) => process.stderr.write(`[cluster-tools] ${line}\n`));
}
