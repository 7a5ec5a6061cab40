// What every stage of one write request shares (write-pipeline.md §1): the database, the metadata
// snapshot the request started with, the caller and the one request timestamp.
import type { Caller } from '../auth/tokens.js';
import type { Registry } from '../compile/registry.js';
import type { Database } from '../db/types.js';

export interface WriteContext {
  readonly db: Database;
  readonly registry: Registry;
  readonly caller: Caller | undefined;
  /** One instant per request, used for every auto field and deleted_at. */
  readonly now: Date;
}

export function writeContext(db: Database, registry: Registry, caller: Caller | undefined): WriteContext {
  return { db, registry, caller, now: new Date() };
}
