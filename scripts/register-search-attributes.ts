// `npm run register-search-attributes`: registers the custom search attributes on the Temporal server that
// envconfig points at (a cluster, or Temporal Cloud where the API key allows it). Safe to run again.
import { Connection } from '@temporalio/client';
import { registerSearchAttributes } from '../lib/dev/register-search-attributes';
import { temporalTarget } from '../lib/temporal/temporal-connection';

async function main(): Promise<void> {
  const target = temporalTarget();
  const connection = await Connection.connect(target.connectionOptions);
  try {
    const added = await registerSearchAttributes(connection, target.namespace);
    console.log(
      added.length ? `registered ${added.join(', ')}` : 'all search attributes were already registered',
    );
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
