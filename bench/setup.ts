// Preparing the benchmark environment: a Rocket child with its own management database, a bench
// app with the entities of schema.ts, seeded rows; or, for BENCH_BARE_ONLY, a scratch database with
// the same tables created by hand. Every resource registers its own cleanup as soon as it exists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startChild, type Child } from './proc.js';
import { call, expectStatus, login, brief } from './http.js';
import { hashPassword } from '../core/auth/passwords.js';
import { BARE_ONLY_DDL, CUSTOMER_STATUSES, ENTITIES, RELATIONS, seed, type SeedSizes } from './schema.js';
import type { WorkloadData } from './workloads.js';

export type OnCleanup = (name: string, fn: () => Promise<void>) => void;

/** Thrown when the entity CRUD routes are missing: the harness then stops with that message. */
export class CrudUnavailable extends Error {}

export const PLATFORM_LOGIN = { email: 'platform@localhost', password: 'changeme' };
export const APP_LOGIN = { email: 'admin@localhost', password: 'changeme' };
/** The non-admin user of the `caller: 'reader'` workloads (see setupReader). */
export const READER_LOGIN = { email: 'reader@bench.test', password: 'reader-pass' };
export const READER_ROLE = 'reader';
/**
 * The reader's row-level `read` policy on customer: a condition every seeded (and created) row
 * satisfies, so the reader's lists are identical to the admin's while still going through the
 * row filter (auth.md §8.4).
 */
export const READER_POLICY = {
  entity: 'customer', action: 'read', roles: [READER_ROLE],
  conditions: [{ field: 'status', operator: 'in', value: CUSTOMER_STATUSES }],
};

export function dbUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Names are generated here ([a-z0-9_] only), so quoting them is enough. */
export const dropDatabase = (pgUrl: string, name: string): Promise<void> =>
  withSql(pgUrl, async (sql) => void (await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

export interface RocketEnv { child: Child; base: string; app: string; appDbUrl: string }

export async function setupRocket(pgUrl: string, pool: number, onCleanup: OnCleanup): Promise<RocketEnv> {
  const suffix = randomBytes(4).toString('hex');
  const mgmtDb = `bench_mgmt_${suffix}`;
  const app = `bench${suffix}`;
  const appDb = `rocket_${app}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'rocket-bench-'));
  onCleanup(`drop management database ${mgmtDb}`, async () => {
    await dropDatabase(pgUrl, mgmtDb);
    rmSync(dataDir, { recursive: true, force: true });
  });
  // Fallback only: normally DELETE /api/_platform/apps/<app> has dropped it already.
  onCleanup(`drop app database ${appDb} (if left over)`, () => dropDatabase(pgUrl, appDb));

  const config = {
    env: 'development',
    platform_jwt_secret: randomBytes(32).toString('hex'),
    log_level: 'silent',
    app_pool_size: pool,
    rate_limit: { enabled: false },
    storage: { local_path: join(dataDir, 'uploads') },
    database: { driver: 'postgres', url: dbUrl(pgUrl, mgmtDb), name: mgmtDb, data_dir: dataDir, pool_size: 4 },
  };
  const child = await startChild('rocket', './rocket-server.ts', { ROCKET_BENCH_CONFIG: JSON.stringify(config) });
  onCleanup('stop the Rocket server', () => child.stop());
  const base = `http://127.0.0.1:${child.port}`;

  const platformToken = await login(base, '/api/_platform/auth/login', PLATFORM_LOGIN.email, PLATFORM_LOGIN.password);
  await expectStatus('create the bench app', 201, base, 'POST', '/api/_platform/apps', { token: platformToken, body: { name: app, db_driver: 'postgres' } });
  onCleanup(`delete the bench app ${app}`, async () => {
    // A fresh token: the first one may have expired during a long run.
    const token = await login(base, '/api/_platform/auth/login', PLATFORM_LOGIN.email, PLATFORM_LOGIN.password);
    await expectStatus('delete the bench app', 200, base, 'DELETE', `/api/_platform/apps/${app}`, { token });
  });

  const token = await login(base, `/api/${app}/auth/login`, APP_LOGIN.email, APP_LOGIN.password);
  for (const entity of ENTITIES) {
    await expectStatus(`create entity ${entity.name}`, 201, base, 'POST', `/api/${app}/_admin/entities`, { token, body: entity });
  }
  for (const relation of RELATIONS) {
    await expectStatus(`create relation ${relation.name}`, 201, base, 'POST', `/api/${app}/_admin/relations`, { token, body: relation });
  }
  // Fail fast, before seeding, when the entity endpoints are not there yet.
  const probe = await call(base, 'GET', `/api/${app}/customer?per_page=1`, { token });
  if (probe.status === 404) throw new CrudUnavailable(`GET /api/${app}/customer answered 404: ${brief(probe.body)}`);
  return { child, base, app, appDbUrl: dbUrl(pgUrl, appDb) };
}

/** BENCH_BARE_ONLY: the same tables, created by hand in a scratch database. */
export async function setupBareOnly(pgUrl: string, onCleanup: OnCleanup): Promise<{ app: string; appDbUrl: string }> {
  const suffix = randomBytes(4).toString('hex');
  const db = `bench_bare_${suffix}`;
  await withSql(pgUrl, (sql) => sql.unsafe(`CREATE DATABASE "${db}"`));
  onCleanup(`drop scratch database ${db}`, () => dropDatabase(pgUrl, db));
  const appDbUrl = dbUrl(pgUrl, db);
  await withSql(appDbUrl, async (sql) => {
    for (const statement of BARE_ONLY_DDL.split(';').map((s) => s.trim()).filter(Boolean)) await sql.unsafe(statement);
  });
  return { app: `bench${suffix}`, appDbUrl };
}

/** Seeds the app database and reads back the ids the workloads address. */
export async function seedAndLoad(appDbUrl: string, app: string, sizes: SeedSizes): Promise<WorkloadData> {
  return withSql(appDbUrl, async (sql) => {
    await seed(sql, sizes);
    const customerIds = (await sql.unsafe('SELECT "id" FROM "customers" LIMIT 5000')).map((r) => String(r.id));
    const tagIds = (await sql.unsafe('SELECT "id" FROM "tags" ORDER BY "name"')).map((r) => String(r.id));
    return { app, customerIds, tagIds };
  });
}

/**
 * The non-admin bench user: a `_users` row written with SQL (login is not what is measured) and
 * its `read` policy created through the permissions admin API, so Rocket compiles it like any other.
 */
export async function setupReader(base: string, app: string, appDbUrl: string): Promise<void> {
  const hash = await hashPassword(READER_LOGIN.password);
  await withSql(appDbUrl, (sql) => sql.unsafe(
    `INSERT INTO "_users" ("id", "email", "password_hash", "roles", "active", "created_at", "updated_at")
     VALUES (gen_random_uuid(), $1, $2, $3::text[], true, now(), now())`,
    [READER_LOGIN.email, hash, [READER_ROLE]],
  ));
  const token = await login(base, `/api/${app}/auth/login`, APP_LOGIN.email, APP_LOGIN.password);
  await expectStatus('create the reader read policy', 201, base, 'POST', `/api/${app}/_admin/permissions`, { token, body: READER_POLICY });
}
