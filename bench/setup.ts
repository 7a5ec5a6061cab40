// Preparing the benchmark environment: Rocket started as a user deploys it (its production entry
// point, the default configuration), a bench app with the entities of schema.ts, the non-admin
// reader of W8, seeded rows and the shared bench indexes; the bare server on the same tables; or,
// for BENCH_BARE_ONLY, a scratch database with the same tables created by hand. Every resource
// registers its own cleanup as soon as it exists.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { freePort, startServer, type Server } from './proc.js';
import { call, expectStatus, login, brief } from './http.js';
import { hashPassword } from '../core/auth/passwords.js';
import { addBenchIndexes, BARE_ONLY_DDL, CUSTOMER_STATUSES, ENTITIES, RELATIONS, seed, TABLES, type SeedSizes } from './schema.js';

export type OnCleanup = (name: string, fn: () => Promise<void>) => void;

/** Thrown when the entity CRUD routes are missing: the harness then stops with that message. */
export class CrudUnavailable extends Error {}

/** The admin passwords Rocket is started with (and the bare server's fixed login). */
export const PLATFORM_LOGIN = { email: 'platform@localhost', password: 'changeme' };
export const APP_LOGIN = { email: 'admin@localhost', password: 'changeme' };
/** The non-admin user of W8 (see setupReader). */
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

export async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const SAFE_DB = /^[a-z_][a-z0-9_]{0,62}$/;
/** Only names this harness generated (or Rocket generated for its bench app) are ever dropped. */
export const dropDatabase = (pgUrl: string, name: string): Promise<void> => {
  if (!SAFE_DB.test(name)) throw new Error(`refusing to drop database "${name}"`);
  return withSql(pgUrl, async (sql) => void (await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
};

/** "KEY=VALUE KEY2=VALUE2" (ROCKET_EXTRA_ENV), for experiments with non-default settings. */
export function parseExtraEnv(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`ROCKET_EXTRA_ENV: "${pair}" is not KEY=VALUE`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** What every server process gets from the harness's environment: nothing but how to run node. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

export interface RocketOptions {
  checkout: string;
  pgUrl: string;
  stateDir: string;
  extraEnv: Record<string, string>;
  onCleanup: OnCleanup;
}

/**
 * Rocket as deployed: `node dist/server.js` in the checkout with NODE_ENV=production and nothing
 * configured beyond what ../shared/bench/against.sh sets: the platform secret, the admin passwords
 * the harness logs in with, the database URL, the port (and the loopback host), and a data and an
 * upload directory in the run's scratch folder. No other variable of the harness's environment
 * reaches it; ROCKET_EXTRA_ENV adds to it, for experiments only.
 */
export async function startRocket(o: RocketOptions): Promise<{ server: Server; mgmtDb: string }> {
  const entry = join(o.checkout, 'dist', 'server.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` (or leave BENCH_BUILD unset)`);
  const mgmtDb = `bench_mgmt_${randomBytes(4).toString('hex')}`;
  // Rocket creates its management database on first start; drop it at the end in any case.
  o.onCleanup(`drop management database ${mgmtDb}`, () => dropDatabase(o.pgUrl, mgmtDb));
  const port = await freePort();
  mkdirSync(join(o.stateDir, 'data'), { recursive: true });
  const env = {
    ...baseEnv(),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ROCKET_PLATFORM_JWT_SECRET: randomBytes(32).toString('hex'),
    ROCKET_PLATFORM_ADMIN_PASSWORD: PLATFORM_LOGIN.password,
    ROCKET_APP_ADMIN_PASSWORD: APP_LOGIN.password,
    DATABASE_URL: dbUrl(o.pgUrl, mgmtDb),
    ROCKET_DATA_DIR: join(o.stateDir, 'data'),
    ROCKET_STORAGE_PATH: join(o.stateDir, 'uploads'),
    ...o.extraEnv,
  };
  const server = await startServer({
    name: 'rocket', command: process.execPath, args: ['dist/server.js'], cwd: o.checkout, env, port,
    logFile: join(o.stateDir, 'rocket.log'),
  });
  o.onCleanup('stop the Rocket server', () => server.stop());
  return { server, mgmtDb };
}

export interface BareOptions { pgUrl: string; appDbUrl: string; stateDir: string; pool: number; recycle: number; onCleanup: OnCleanup }

/** The bare server (bare-server.mjs), by plain `node`, on the database the workloads use. */
export async function startBare(o: BareOptions, name = 'bare', file = new URL('./bare-server.mjs', import.meta.url).pathname): Promise<Server> {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  const args = [file, '--port', String(port), '--pool', String(o.pool), '--recycle', String(o.recycle), '--secret', secret];
  if (name === 'reference') {
    // The reference server takes the server URL and a database name; bare-server.mjs a full URL.
    const url = new URL(o.appDbUrl);
    const db = url.pathname.slice(1);
    url.pathname = '';
    args.push('--pg', url.toString().replace(/\/+$/, ''), '--db', db);
  } else {
    args.push('--url', o.appDbUrl);
  }
  const server = await startServer({
    name, command: process.execPath, args, cwd: new URL('..', import.meta.url).pathname, env: baseEnv(), port,
    logFile: join(o.stateDir, `${name}.log`),
  });
  o.onCleanup(`stop the ${name} server`, () => server.stop());
  return server;
}

export interface BenchApp { app: string; prefix: string; dbName: string; appDbUrl: string }

/** The bench app with the entities and relations of schema.ts, defined through the admin API. */
export async function createBenchApp(base: string, pgUrl: string, onCleanup: OnCleanup): Promise<BenchApp> {
  const app = `bench_${randomBytes(4).toString('hex')}`;
  const platformToken = await login(base, '/api/_platform/auth/login', PLATFORM_LOGIN.email, PLATFORM_LOGIN.password);
  const created = await expectStatus('create the bench app', 201, base, 'POST', '/api/_platform/apps', { token: platformToken, body: { name: app } });
  const dbName = String(created?.data?.db_name ?? `rocket_${app}`);
  // Fallback only: normally DELETE /api/_platform/apps/<app> has dropped it already. Registered
  // first, so it runs after Rocket has stopped.
  onCleanup(`drop app database ${dbName} (if left over)`, () => dropDatabase(pgUrl, dbName));
  onCleanup(`delete the bench app ${app}`, async () => {
    // A fresh token: the first one may have expired during a long run.
    const token = await login(base, '/api/_platform/auth/login', PLATFORM_LOGIN.email, PLATFORM_LOGIN.password);
    await expectStatus('delete the bench app', 200, base, 'DELETE', `/api/_platform/apps/${app}`, { token });
  });
  const prefix = `/api/${app}`;
  const token = await login(base, `${prefix}/auth/login`, APP_LOGIN.email, APP_LOGIN.password);
  for (const entity of ENTITIES) {
    await expectStatus(`create entity ${entity.name}`, 201, base, 'POST', `${prefix}/_admin/entities`, { token, body: entity });
  }
  for (const relation of RELATIONS) {
    await expectStatus(`create relation ${relation.name}`, 201, base, 'POST', `${prefix}/_admin/relations`, { token, body: relation });
  }
  // Fail fast, before seeding, when the entity endpoints are not there yet.
  const probe = await call(base, 'GET', `${prefix}/customer?per_page=1`, { token });
  if (probe.status === 404) throw new CrudUnavailable(`GET ${prefix}/customer answered 404: ${brief(probe.body)}`);
  return { app, prefix, dbName, appDbUrl: dbUrl(pgUrl, dbName) };
}

/** BENCH_BARE_ONLY: the same tables, created by hand in a scratch database. */
export async function setupBareOnly(pgUrl: string, onCleanup: OnCleanup): Promise<BenchApp> {
  const suffix = randomBytes(4).toString('hex');
  const db = `bench_bare_${suffix}`;
  await withSql(pgUrl, (sql) => sql.unsafe(`CREATE DATABASE "${db}"`));
  onCleanup(`drop scratch database ${db}`, () => dropDatabase(pgUrl, db));
  const appDbUrl = dbUrl(pgUrl, db);
  await withSql(appDbUrl, async (sql) => {
    for (const statement of BARE_ONLY_DDL.split(';').map((s) => s.trim()).filter(Boolean)) await sql.unsafe(statement);
  });
  const app = `bench_${suffix}`;
  return { app, prefix: `/api/${app}`, dbName: db, appDbUrl };
}

/** First seed of the app database, the shared bench indexes, fresh statistics. */
export async function seedFirst(sql: postgres.Sql, sizes: SeedSizes): Promise<void> {
  await seed(sql, sizes);
  await addBenchIndexes(sql);
  for (const t of TABLES) await sql.unsafe(`VACUUM ANALYZE ${t}`);
}

/**
 * The non-admin bench user: a `_users` row written with SQL (login is not what is measured) and
 * its `read` policy created through the permissions admin API, so Rocket compiles it like any other.
 */
export async function setupReader(base: string, prefix: string, appDbUrl: string): Promise<void> {
  const hash = await hashPassword(READER_LOGIN.password);
  await withSql(appDbUrl, (sql) => sql.unsafe(
    `INSERT INTO "_users" ("id", "email", "password_hash", "roles", "active", "created_at", "updated_at")
     VALUES (gen_random_uuid(), $1, $2, $3::text[], true, now(), now())`,
    [READER_LOGIN.email, hash, [READER_ROLE]],
  ));
  const token = await login(base, `${prefix}/auth/login`, APP_LOGIN.email, APP_LOGIN.password);
  await expectStatus('create the reader read policy', 201, base, 'POST', `${prefix}/_admin/permissions`, { token, body: READER_POLICY });
}
