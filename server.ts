// Standalone start: listen, print where and how to log in, shut down gracefully on SIGINT/SIGTERM
// (stop accepting, answer in-flight requests, close kept-alive connections as they fall idle —
// buildServer in app.ts —, close pools; after 10 s close-with-grace gives up with exit 1).
import closeWithGrace from 'close-with-grace';
import { buildServer, resolveConfig } from './app.js';
import { ConfigError } from './config/load.js';
import { describeDatabase } from './core/db/management.js';

async function main(): Promise<void> {
  let server;
  let loaded;
  try {
    loaded = resolveConfig({});
    server = await buildServer({ loaded });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { config } = loaded;
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) server.log.error({ err }, 'shutting down after an error');
    else server.log.info({ signal }, 'shutting down');
    await server.close();
  });
  const address = await server.listen({ port: config.server.port, host: config.server.host });
  const login = config.platform_admin.password || config.env === 'production'
    ? `email ${config.platform_admin.email} with your configured (or printed) password`
    : `email ${config.platform_admin.email}, password changeme`;
  server.log.info(`Rocket listens on ${address} (${describeDatabase(config.database)})`);
  server.log.info(`Platform login: POST ${address}/api/_platform/auth/login with ${login}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
