// A TypeScript host's registration of Rocket, compiled strictly against the installed package's
// types by scripts/check-package.sh (excluded from the project's own tsconfig): the options and callbacks are typed, and each
// `@ts-expect-error` below is a wrong option the compiler must refuse (an unused one fails).
import Fastify from 'fastify';
import rocket, { type Caller, type Platform, type RocketOptions } from 'rocket-engine';

const app = Fastify();
const options: RocketOptions = {
  config: { server: { body_limit: 1_048_576 }, rate_limit: { enabled: true } },
  onPlatform: (platform: Platform) => { void platform.apps.list(); },
};
await app.register(rocket, { prefix: '/rocket', ...options });
await app.register(rocket, {
  prefix: '/shop',
  singleApp: { name: 'shop', authenticate: async (request): Promise<Caller | undefined> => (request.headers['x-user'] ? { id: 'u1', roles: ['admin'] } : undefined) },
});

// @ts-expect-error a misspelt option
await app.register(rocket, { confg: {} });
// @ts-expect-error a misspelt single-app key
await app.register(rocket, { singleApp: { nmae: 'shop' } });
// @ts-expect-error a misspelt configuration section
await app.register(rocket, { config: { sever: {} } });
// @ts-expect-error a wrong type in the configuration
await app.register(rocket, { config: { server: { body_limit: '1mb' } } });
// @ts-expect-error a wrong value of a fixed-string key
await app.register(rocket, { config: { database: { driver: 'mysql' } } });
// @ts-expect-error a callback using what the platform does not have
await app.register(rocket, { onPlatform: (platform) => platform.nothing });
