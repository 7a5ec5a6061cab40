// Platform housekeeping as background jobs, per instance:
// - the idle sweep: app connections (PostgreSQL) and app database handles (SQLite) unused for
//   `database.idle_ms` are closed, so an instance serving many apps holds connections only for the
//   active ones (README "Connections"). Local to each instance, so no claiming or locking.
// - stale apps: rows left `provisioning`/`deleting` by a crashed create or delete, older than
//   `app_provisioning_lease_ms`, are rolled back (AppManager.reclaimStale claims each row with a
//   conditional UPDATE, so one instance handles it). Also run once at start (Platform.start).
import type { GlobalJob } from '../jobs/runner.js';
import type { AppManager } from './app-manager.js';

export const IDLE_POOL_MS = 30_000;
export const IDLE_SWEEP_MS = 10_000;

export interface IdlePoolOptions {
  /** How often to look (default database.idle_sweep_ms, 10 s). */
  intervalMs?: number;
  /** How long a connection or handle must have been unused to close (default database.idle_ms, 30 s). */
  idleMs?: number;
}

export function idlePoolsJob(apps: AppManager, opts: IdlePoolOptions = {}): GlobalJob {
  const idleMs = opts.idleMs ?? IDLE_POOL_MS;
  return {
    name: 'idle-pools',
    perApp: false,
    intervalMs: opts.intervalMs ?? IDLE_SWEEP_MS,
    run: (ctx) => apps.closeIdlePools(idleMs, ctx.now()),
  };
}

/** Rolls back stale provisioning/deleting apps every `intervalMs` (default: half the lease). */
export function staleAppsJob(apps: AppManager, leaseMs: number, intervalMs = Math.max(1000, Math.floor(leaseMs / 2))): GlobalJob {
  return {
    name: 'stale-apps',
    perApp: false,
    intervalMs,
    run: async (ctx) => {
      await apps.reclaimStale(ctx.now());
    },
  };
}
