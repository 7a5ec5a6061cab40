// Fresh metadata for writes, across instances (README "Several instances"). Every admin change of
// entities, relations or permissions increments the app's stored metadata version
// (`_metadata_version`, migrations/app/002) before it is answered; each registry remembers the
// version it was compiled from (AppContext.metadataVersion). Reads trust the registry they have, so
// another instance's change reaches them with the notification (LISTEN/NOTIFY; the measured delay is
// in the README). A write can call ensureFreshRegistry first: one single-row, primary-key read of
// the app database, and a reload when another instance changed the metadata since; so a write that
// starts after an admin change was answered always validates, checks permissions and stores
// against the new metadata, on every instance.
import type { Queryable } from '../db/types.js';
import type { Registry } from '../compile/registry.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { reloadRegistry } from './metadata-admin.js';

const READ_VERSION = 'SELECT version FROM _metadata_version WHERE id = 1';
const BUMP_VERSION = 'UPDATE _metadata_version SET version = version + 1 WHERE id = 1';

/** The app's stored metadata version (0 when the table is missing a row). */
export async function readMetadataVersion(q: Queryable): Promise<number> {
  const [row] = await q.query<{ version: unknown }>(READ_VERSION);
  return row ? Number(row.version) : 0;
}

/** Call in the transaction of an admin change (or right after it commits, before answering). */
export async function bumpMetadataVersion(q: Queryable): Promise<void> {
  await q.run(BUMP_VERSION);
}

const reloading = new WeakMap<AppContext, Promise<void>>();

/**
 * The app's current registry: `ctx.registry` when it was compiled from the stored metadata version,
 * else a reloaded one (concurrent callers share one reload). `q` may be a transaction, to read the
 * version in it. Costs one primary-key read of the app database when nothing changed.
 */
export async function ensureFreshRegistry(ctx: AppContext, log: Logger, q: Queryable = ctx.db): Promise<Registry> {
  const stored = await readMetadataVersion(q);
  // A reload already running may have read an older version than `stored`: then reload again.
  for (let i = 0; i < 3 && ctx.metadataVersion < stored; i++) {
    let pending = reloading.get(ctx);
    if (!pending) {
      pending = reloadRegistry(ctx, log).finally(() => reloading.delete(ctx));
      reloading.set(ctx, pending);
    }
    await pending;
  }
  return ctx.registry;
}
