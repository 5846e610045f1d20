// test/integration/staff-cli.test.ts, every test of it, on a Temporal cluster on PostgreSQL (test/helpers/on-cluster.ts).
import '../helpers/use-cluster';
import '../integration/staff-cli.test';
