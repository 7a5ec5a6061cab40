// A host application that embeds Rocket (README, "Embedding as a Fastify plugin"): the host keeps
// its own routes, Rocket serves under /rocket. Run from a project that installed rocket-engine and
// fastify:  node server.mjs   (PORT, default 3000; Rocket reads only ROCKET_* variables)
import Fastify from 'fastify';
import rocket from 'rocket-engine';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
app.get('/', async () => ({ host: 'my-app', rocket: '/rocket/api/_platform/auth/login' }));

let platform;
await app.register(rocket, { prefix: '/rocket', onPlatform: (p) => (platform = p) });
await app.ready();
app.log.info({ apps: (await platform.apps.list()).length }, 'Rocket is ready');

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
app.log.info(`host app on ${address}; Rocket under ${address}/rocket`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
