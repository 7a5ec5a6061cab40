// Decorations Rocket adds to Fastify's instance and request types.
import type { Caller } from '../core/auth/tokens.js';
import type { AppContext } from '../core/platform/app-context.js';
import type { Platform } from '../core/platform/platform.js';

declare module 'fastify' {
  interface FastifyInstance {
    rocket: Platform;
  }
  interface FastifyRequest {
    /** The resolved app of an /api/:app/... request. */
    rocketApp: AppContext;
    /** The authenticated caller (app user, or platform user acting as admin). */
    rocketCaller: Caller | undefined;
  }
  interface FastifyContextConfig {
    /** No authentication (login, refresh, logout, accept-invite, catch-all 404s). */
    public?: boolean;
    /** Requires the role `admin` (platform-and-apps.md §6.3). */
    admin?: boolean;
  }
}
