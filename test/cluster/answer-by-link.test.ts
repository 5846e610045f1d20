// test/integration/answer-by-link.test.ts, every test of it, on a Temporal cluster on PostgreSQL (test/helpers/on-cluster.ts).
import '../helpers/use-cluster';
import '../integration/answer-by-link.test';
