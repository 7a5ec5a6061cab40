// Many active apps on PostgreSQL with the default connection budget (issue #12 item 19): N apps,
// each with one entity and a row; 50 concurrent loops each read a random app's row by id for a few
// seconds. Prints requests per second, new connections per second, the most connections held, and
// the app connections sampled from pg_stat_activity. In-process (fastify.inject), so the figures
// compare budgets and app counts, not HTTP throughput. Not a test: a measurement for the README.
//
//   PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/many-apps.ts [apps] [seconds] [max_connections]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../app.js';
import { PostgresDatabase, databaseUrl, dropDatabase } from '../core/db/postgres.js';

const PG = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APPS = Number(process.argv[2] ?? 300);
const SECONDS = Number(process.argv[3] ?? 10);
const MAX = process.argv[4] ? Number(process.argv[4]) : undefined;

async function main(): Promise<void> {
  const mgmtName = `rocket_many_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'rocket-many-'));
  const server = await buildServer({
    config: {
      env: 'development', platform_jwt_secret: 'many-apps-secret-0123456789abcdef0123456789', log_level: 'silent',
      database: { driver: 'postgres', url: databaseUrl(PG, mgmtName), name: mgmtName, data_dir: dir, ...(MAX ? { max_connections: MAX } : {}) },
    },
    env: {}, readConfigFile: false, logger: false,
  });
  await server.ready();
  const admin = new PostgresDatabase({ url: databaseUrl(PG, 'postgres'), max: 1 });
  const inject = async (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown) => {
    const res = await server.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, body: res.json() };
  };
  const names: string[] = [];
  try {
    const token = (await inject('POST', '/api/_platform/auth/login', undefined, { email: 'platform@localhost', password: 'changeme' })).body.data.access_token;
    const ids: string[] = [];
    for (let i = 0; i < APPS; i++) {
      const name = `many${mgmtName.slice(-4)}${String(i).padStart(4, '0')}`;
      const app = await inject('POST', '/api/_platform/apps', token, { name, db_driver: 'postgres' });
      if (app.status !== 201) throw new Error(JSON.stringify(app));
      await inject('POST', `/api/${name}/_admin/entities`, token, {
        name: 'item', table: 'items', primary_key: { field: 'id', type: 'uuid', generated: true }, fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }],
      });
      const created = await inject('POST', `/api/${name}/item`, token, { title: 't' });
      if (!created.body.data) throw new Error(JSON.stringify(created));
      ids.push(created.body.data.id);
      names.push(name);
    }
    const budget = (server.rocket.apps as any).storages.postgres.budget;
    // Warm up, then measure.
    const run = async (seconds: number) => {
      const until = Date.now() + seconds * 1000;
      let n = 0;
      let errors = 0;
      await Promise.all(Array.from({ length: 50 }, async () => {
        while (Date.now() < until) {
          const i = Math.floor(Math.random() * names.length);
          const res = await server.inject({ method: 'GET', url: `/api/${names[i]}/item/${ids[i]}`, headers: { authorization: `Bearer ${token}` } });
          if (res.statusCode !== 200) errors++;
          n++;
        }
      }));
      return { n, errors };
    };
    await run(2);
    let sampled = 0;
    let sampling = true;
    const dbs = names.map((n) => `rocket_${n}`);
    const sampler = (async () => {
      while (sampling) {
        const [row] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1::text[])', [dbs]);
        sampled = Math.max(sampled, row.n);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const opened0 = budget.opened;
    budget.peak = budget.held;
    const t0 = performance.now();
    const { n, errors } = await run(SECONDS);
    const secs = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;
    console.log(`${APPS} apps, app budget ${budget.limit} (max_connections ${server.rocket.config.database.max_connections}), app_pool_size ${server.rocket.config.app_pool_size}, 50 loops, ${SECONDS} s`);
    console.log(`  ${(n / secs).toFixed(0)} req/s, ${errors} errors, ${((budget.opened - opened0) / secs).toFixed(0)} new connections/s, at most ${budget.peak} held, ${sampled} sampled in pg_stat_activity`);
  } finally {
    for (const name of names) await server.rocket.apps.delete(name).catch(() => {});
    await server.close();
    await dropDatabase(admin, mgmtName).catch(() => {});
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
