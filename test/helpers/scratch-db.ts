// A throwaway database for tests that drive core/db directly (no server): a SQLite file in a temp
// directory, or a fresh PostgreSQL database on ROCKET_TEST_PG_URL; both removed at teardown.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createDatabase, databaseUrl, dropDatabase } from '../../core/db/postgres.js';
import { SqliteDatabase } from '../../core/db/sqlite.js';
import type { Database } from '../../core/db/types.js';
import type { DialectName } from '../../core/metadata/types.js';
import { PG_URL, type TapTest } from './server.js';

export interface ScratchOptions {
  /** Name prefix of the file directory / database. */
  prefix: string;
  /** PostgreSQL pool size. */
  max?: number;
  /** PostgreSQL session time zone of the database (default: the server's). */
  timezone?: string;
}

export async function openScratchDatabase(t: TapTest, dialect: DialectName, opts: ScratchOptions): Promise<Database> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${opts.prefix}-`));
    const db = new SqliteDatabase(join(dir, 'app.db'));
    t.teardown(async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); });
    return db;
  }
  const name = `${opts.prefix.replace(/-/g, '_')}_${randomBytes(5).toString('hex')}`;
  const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
  await createDatabase(admin, name);
  if (opts.timezone) await admin.unsafeOutsideTransaction(`ALTER DATABASE "${name}" SET timezone TO '${opts.timezone}'`);
  const db = new PostgresDatabase({ url: databaseUrl(PG_URL!, name), max: opts.max ?? 2 });
  t.teardown(async () => { await db.close(); await dropDatabase(admin, name); await admin.close(); });
  return db;
}
