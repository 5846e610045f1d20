// The web app process: `npm run web` (started by `npm start`).
import { AnswerLinks } from '../../lib/answer-links';
import { BlobStore } from '../../lib/blob-store';
import { loadConfig } from '../../lib/config';
import { connectClient } from '../../lib/temporal-connection';
import { buildWebApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const client = await connectClient();
  const app = await buildWebApp({
    client,
    links: new AnswerLinks(config.linkSecret, config.publicBaseUrl),
    blobs: new BlobStore(config.blobDir),
    logger: true,
  });
  const stop = () => {
    void app
      .close()
      .then(() => client.connection.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ host: config.web.host, port: config.web.port });
  console.log(`web: listening on ${config.publicBaseUrl}`);
}

main().catch((err: unknown) => {
  console.error(`web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
