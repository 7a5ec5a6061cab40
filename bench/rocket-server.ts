// Child entry for the Rocket side: `node --import tsx bench/rocket-server.ts`. Runs Rocket in its own
// process (own event loop, not shared with the bare server or autocannon). The configuration comes
// as JSON in ROCKET_BENCH_CONFIG; it reports {type:'ready', port} over IPC once listening.
import { buildServer } from '../app.js';

const config = JSON.parse(process.env.ROCKET_BENCH_CONFIG ?? 'null');
if (!config) throw new Error('rocket-server: ROCKET_BENCH_CONFIG is required');

const server = await buildServer({ config, env: {}, readConfigFile: false, logger: false });
const url = await server.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ type: 'ready', port: Number(new URL(url).port) });

async function shutdown(): Promise<void> {
  await server.close().catch((err) => console.error('rocket-server: close failed:', err));
  process.exit(0);
}
process.once('SIGTERM', shutdown);
// Ctrl-C hits the whole process group: ignore it here, the parent cleans up (it still needs this
// server, e.g. to delete the bench app) and then stops it with SIGTERM.
process.on('SIGINT', () => {});
process.once('disconnect', shutdown); // the parent died: do not linger
