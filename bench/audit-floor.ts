// `npm run bench:audit-floor` (issue 17): what an audit entry costs PostgreSQL at the least, with no
// HTTP and no Rocket process in the way. pgbench (prepared statements, 8 clients) runs, interleaved
// and repeated, on a scratch database holding the bench's tables (schema.ts) and an app database's
// system tables as the migrations create them (`_audit_logs`, `_users`):
// - plain:    W3's INSERT … RETURNING, as Rocket sends it;
// - audited:  the same INSERT with its audit entry as a data-modifying CTE, Rocket's exact text
//             (core/audit/cte.ts);
// - js-json:  that entry with `new_data`, `changes` and `changed_fields` sent as parameters, as if
//             Rocket built them in JavaScript;
// - minimal:  an entry with no JSON at all (NULL snapshots, empty changes): the floor of any row in
//             `_audit_logs` with its four indexes;
// - pk-only:  a second row into a table with nothing but a uuid primary key.
// The only changes to Rocket's text: the record's id and email and the entry's id come from the
// database (gen_random_uuid(), a sequence), so every row is unique. Prints transactions/s and the
// CPU each costs the machine (both cores / tps), and each variant's extra over plain.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { entityPlan } from '../core/audit/plan.js';
import { auditCompanion } from '../core/audit/cte.js';
import { compileRegistry } from '../core/compile/registry.js';
import { postgresDialect } from '../core/db/dialects/index.js';
import { insertSql } from '../core/write/row-sql.js';
import { PostgresDatabase } from '../core/db/postgres.js';
import { migrate } from '../core/db/migrator.js';
import { appMigrations } from '../migrations/app/index.js';
import { BARE_ONLY_DDL, ENTITIES } from './schema.js';

const BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const DB = `rocket_audit_floor_${process.pid}`;
const url = (db: string) => Object.assign(new URL(BASE), { pathname: `/${db}` }).toString();

const stamp = { created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
const log = { info() {}, warn() {}, error() {}, debug() {} };
const registry = compileRegistry(postgresDialect, {
  entities: ENTITIES.map((d) => ({ name: d.name, table_name: d.table, definition: d as never, ...stamp })), relations: [],
}, 1, log as never);
const customer = registry.entity('customer')!;
const plan = entityPlan(customer, { enabled: true, byDefault: true, retentionDays: 0, maskPatterns: ['password'] })!;
const COLUMNS = ['id', 'name', 'email', 'status', 'score', 'created_at'];
const actor = { userId: null, email: null, ip: null, traceId: null } as never;

/** Rocket's statement with pgbench variables for its parameters (`:p1`…), ids from the database. */
function pgbenchText(sql: string): string {
  return sql
    .replace(/\(\$14::uuid\[\]\)\[r\.rocket_audit_row\]/, "lpad(to_hex(nextval('entry_ids')), 32, '0')::uuid")
    .replace(/\$1\b/, 'gen_random_uuid()').replace(/\$3\b/, 'gen_random_uuid()::text')
    .replace(/\$(\d+)/g, ':p$1')
    // pgbench reads `:MI` and `:SS` of the timestamp format as variables: spell the colons out.
    .replace(/'YYYY-MM-DD"T"HH24:MI:SS\.MS"Z"'/g, `replace('YYYY-MM-DD"T"HH24#MI#SS.MS"Z"', '#', chr(58))`);
}

const plain = pgbenchText(insertSql(customer, COLUMNS));
const audited = pgbenchText(insertSql(customer, COLUMNS, auditCompanion(customer, plan, 'create', actor, 'api', new Date())));
const snapshotAt = audited.indexOf('NULL, jsonb_build_object(');
const actorAt = audited.indexOf(', :p9::uuid');
if (snapshotAt < 0 || actorAt < 0) throw new Error('the audited statement changed shape; update bench/audit-floor.ts');
const jsJson = `${audited.slice(0, snapshotAt)}NULL, :nd::jsonb, :cf::text[], :ch::jsonb${audited.slice(actorAt)}`;
const minimal = `${audited.slice(0, snapshotAt)}NULL, NULL, '{}'::text[], '{}'::jsonb${audited.slice(actorAt)}`;
const pkOnly = `WITH r AS (${plain}), a AS (INSERT INTO pk_only SELECT lpad(to_hex(nextval('entry_ids')), 32, '0')::uuid FROM r) SELECT * FROM r`;
const VARIANTS: Record<string, string> = { plain, audited, 'js-json': jsJson, minimal, 'pk-only': pkOnly };

const record = { id: '0c8e2a4e-6e3b-4d7e-9a51-1f0f2b4a7c11', name: 'Bench customer 123', email: 'w3-123@example.com', status: 'active', score: 0 };
const VARS: Record<string, string> = {
  p2: record.name, p4: record.status, p5: '0', p6: '2026-12-08T01:10:00.000Z', p7: 'customer', p8: 'api',
  p9: '0190a000-0000-7000-8000-000000000001', p10: 'admin@localhost', p11: '127.0.0.1', p12: '0190a000-0000-4000-8000-000000000002',
  p13: '2026-12-08T01:10:00.000Z',
  nd: JSON.stringify({ ...record, created_at: '2026-12-08T01:10:00.000Z', deleted_at: null }),
  ch: JSON.stringify(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, { old: null, new: v }]))),
  cf: `{${Object.keys(record).join(',')}}`,
};

const admin = postgres(BASE, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${DB}`);
await admin.unsafe(`CREATE DATABASE ${DB}`);
const sql = postgres(url(DB), { max: 1, onnotice: () => {} });
try {
  await sql.unsafe(BARE_ONLY_DDL); // the bench's tables, as the reference harness creates them
  await sql.unsafe('CREATE TABLE pk_only (id uuid PRIMARY KEY)');
  await sql.unsafe('CREATE SEQUENCE entry_ids');
  await migrateAudit();
  const results: Record<string, number[]> = {};
  for (let rep = 1; rep <= REPS; rep++) {
    for (const [name, text] of Object.entries(VARIANTS)) {
      await sql.unsafe('TRUNCATE customers, _audit_logs, pk_only');
      await sql.unsafe('CHECKPOINT');
      const tps = pgbench(text);
      (results[name] ??= []).push(tps);
      console.log(`rep ${rep} ${name.padEnd(8)} ${Math.round(tps)} tps`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const us = (tps: number) => 2e6 / tps;
  const base = us(median(results.plain));
  console.log(`\n| variant | tps (median of ${REPS}) | machine CPU µs per statement | extra over plain |\n| --- | ---: | ---: | ---: |`);
  for (const name of Object.keys(VARIANTS)) {
    const m = median(results[name]);
    console.log(`| ${name} | ${Math.round(m)} | ${us(m).toFixed(0)} | ${name === 'plain' ? '' : `${us(m) >= base ? '+' : ''}${(us(m) - base).toFixed(0)} µs`} |`);
  }
} finally {
  await sql.end();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}

function pgbench(text: string): number {
  const file = `/tmp/${DB}.sql`;
  execFileSync('sh', ['-c', 'cat > "$0"', file], { input: `${text};\n` });
  const defines = Object.entries(VARS).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', '8', '-j', '2', '-T', String(SECONDS), ...defines, '-f', file, url(DB)], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(out);
  if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
  return Number(tps[1]);
}

/** `_audit_logs` (and `_users`, which the entry reads) exactly as an app database gets them. */
async function migrateAudit(): Promise<void> {
  const db = new PostgresDatabase({ url: url(DB), max: 1 });
  try {
    await migrate(db, appMigrations, 'app');
  } finally {
    await db.close();
  }
}
