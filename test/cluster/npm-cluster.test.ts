// test/integration/npm-start.test.ts as `npm run cluster`: every part answers (a Temporal cluster on PostgreSQL,
// its UI decoding through the web app), the seed case runs, one SIGINT stops all of it, data survive a restart.
import '../helpers/use-cluster';
import '../integration/npm-start.test';
