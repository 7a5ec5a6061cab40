// The idle-pool sweep as a background job: app pools unused for a while are closed so an instance
// serving many apps holds connections only for the active ones (README "Several instances").
// Per instance and local (each instance closes its own pools), so no claiming or locking.
import type { GlobalJob } from '../jobs/runner.js';
import type { AppManager } from './app-manager.js';

export const IDLE_POOL_MS = 5 * 60_000;
export const IDLE_SWEEP_MS = 60_000;

export interface IdlePoolOptions {
  /** How often to look (default 60 s). */
  intervalMs?: number;
  /** How long a pool must have been unused to close (default 5 min). */
  idleMs?: number;
}

export function idlePoolsJob(apps: AppManager, opts: IdlePoolOptions = {}): GlobalJob {
  const idleMs = opts.idleMs ?? IDLE_POOL_MS;
  return {
    name: 'idle-pools',
    perApp: false,
    intervalMs: opts.intervalMs ?? IDLE_SWEEP_MS,
    run: () => apps.closeIdlePools(idleMs),
  };
}
