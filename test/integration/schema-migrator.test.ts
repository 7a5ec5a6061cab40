// Auto-migration DDL (metadata.md §9) against real databases: SQLite always, PostgreSQL when
// ROCKET_TEST_PG_URL is set (a throwaway database per run). Reads the catalogue back after each step.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { tableColumnInfo, tableColumns, tableIndexes } from '../../core/db/introspect.js';
import { PostgresDatabase, createDatabase, databaseUrl, dropDatabase } from '../../core/db/postgres.js';
import { applyDdl, planEntityDdl, planRelationDdl, planRelationDrop } from '../../core/db/schema-migrator.js';
import { SqliteDatabase } from '../../core/db/sqlite.js';
import type { Database } from '../../core/db/types.js';
import { shortenIdentifier } from '../../core/metadata/index-name.js';
import type { DialectName, EntityDef, FieldDef, PrimaryKeyDef, RelationDef } from '../../core/metadata/types.js';

const PG_URL = process.env.ROCKET_TEST_PG_URL;
const dialects: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
type T = Parameters<Parameters<typeof t.test>[0]>[0];

async function openDatabase(t: T, dialect: DialectName): Promise<Database> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rocket-schema-'));
    const db = new SqliteDatabase(join(dir, 'app.db'));
    t.teardown(async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); });
    return db;
  }
  const name = `rocket_schema_${randomBytes(5).toString('hex')}`;
  const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
  await createDatabase(admin, name);
  // A non-UTC session time zone proves the date/timestamp type changes do not depend on it.
  await admin.unsafeOutsideTransaction(`ALTER DATABASE "${name}" SET timezone TO 'Pacific/Auckland'`);
  const db = new PostgresDatabase({ url: databaseUrl(PG_URL!, name), max: 2 });
  t.teardown(async () => { await db.close(); await dropDatabase(admin, name); await admin.close(); });
  return db;
}

const uuidPk: PrimaryKeyDef = { field: 'id', type: 'uuid', generated: true };
function entity(table: string, fields: FieldDef[], extra: Partial<EntityDef> = {}): EntityDef {
  const pk = extra.primary_key ?? uuidPk;
  const pkType = pk.type === 'string' ? 'string' : pk.type;
  return { name: table, table, primary_key: pk, soft_delete: false, fields: [{ name: pk.field, type: pkType }, ...fields], ...extra };
}
const rel = (r: Partial<RelationDef> & Pick<RelationDef, 'name' | 'type' | 'source' | 'target'>): RelationDef =>
  ({ source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff', ...r });

async function failure(p: Promise<unknown>): Promise<AppError | undefined> {
  try { await p; } catch (err) { return err as AppError; }
  return undefined;
}

for (const d of dialects) {
  t.test(d, async (t) => {
    const db = await openDatabase(t, d);
    const pg = d === 'postgres';
    const migrate = (previous: EntityDef | undefined, next: EntityDef) =>
      db.transaction(async (tx) => applyDdl(tx, planEntityDdl(d, previous, next, await tableColumns(tx, d, next.table))));
    const relate = (r: RelationDef, ...defs: EntityDef[]) =>
      db.transaction(async (tx) => {
        const entities = new Map(defs.map((e) => [e.name, e]));
        await applyDdl(tx, planRelationDdl(d, r, entities, await tableColumns(tx, d, r.join_table ?? '')));
      });
    const types = async (table: string) => Object.fromEntries(await tableColumns(db, d, table));
    const index = async (table: string, name: string) => (await tableIndexes(db, d, table)).find((i) => i.name === name);

    t.test('every field type round-trips its column type; business columns are plain', async (t) => {
      const fields: Array<[string, string, string, string, Partial<FieldDef>?]> = [
        ['s', 'string', 'text', 'TEXT'], ['tx', 'text', 'text', 'TEXT'], ['i', 'int', 'integer', 'INTEGER'],
        ['ig', 'integer', 'integer', 'INTEGER'], ['b', 'bigint', 'bigint', 'INTEGER'], ['f', 'float', 'double precision', 'REAL'],
        ['d2', 'decimal', 'numeric(18,2)', 'REAL', { precision: 2 }], ['d', 'decimal', 'numeric', 'REAL'],
        ['bo', 'boolean', 'boolean', 'INTEGER'], ['u', 'uuid', 'uuid', 'TEXT'], ['ts', 'timestamp', 'timestamp with time zone', 'TEXT'],
        ['dt', 'date', 'date', 'TEXT'], ['j', 'json', 'jsonb', 'TEXT'], ['fi', 'file', 'jsonb', 'TEXT'],
      ];
      const def = entity('all_types', fields.map(([name, type, , , x]) => ({ name, type, required: true, ...x })));
      await migrate(undefined, def);
      const cols = await tableColumnInfo(db, d, 'all_types');
      t.same(cols.map((c) => c.name), ['id', ...fields.map((f) => f[0])], 'columns in field order');
      t.same(Object.fromEntries(cols.slice(1).map((c) => [c.name, c.type])), Object.fromEntries(fields.map((f) => [f[0], pg ? f[2] : f[3]])));
      t.same(cols.slice(1).filter((c) => c.notNull || c.default !== null), [], 'no NOT NULL / DEFAULT on business columns');
      if (pg) {
        t.match(cols[0], { type: 'uuid', default: 'gen_random_uuid()' });
        const [row] = await db.query<{ id: string }>('INSERT INTO all_types (s) VALUES ($1) RETURNING id', ['x']);
        t.match(row.id, /^[0-9a-f-]{36}$/, 'uuid generated by the database');
      } else t.equal(cols[0].type, 'TEXT');
      await migrate(def, def);
      t.pass('re-running the same definition is a no-op');
    });

    t.test('primary key variants', async (t) => {
      for (const type of ['int', 'bigint'] as const) {
        const table = `gen_${type}`;
        await migrate(undefined, entity(table, [{ name: 'v', type: 'string' }], { primary_key: { field: 'id', type, generated: true } }));
        const [id] = await tableColumnInfo(db, d, table);
        if (pg) t.match(id, { type: type === 'int' ? 'integer' : 'bigint', identity: true }, `${type} identity`);
        else {
          const [m] = await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = $1", [table]);
          t.match(m.sql, '"id" INTEGER PRIMARY KEY AUTOINCREMENT', `${type} autoincrement`);
        }
        const ids = [];
        for (const v of ['a', 'b']) ids.push(Number((await db.query<{ id: unknown }>(`INSERT INTO ${table} (v) VALUES ($1) RETURNING id`, [v]))[0].id));
        t.same(ids, [1, 2], `${type}: inserts without an id get the next value`);
      }
      for (const [type, value] of [['string', 'k1'], ['uuid', '00000000-0000-4000-8000-000000000001'], ['int', 7]] as const) {
        const table = `manual_${type}`;
        await migrate(undefined, entity(table, [], { primary_key: { field: 'code', type, generated: type === 'string' } }));
        t.equal((await types(table)).code, pg ? { string: 'text', uuid: 'uuid', int: 'integer' }[type] : { string: 'TEXT', uuid: 'TEXT', int: 'INTEGER' }[type]);
        await db.run(`INSERT INTO ${table} (code) VALUES ($1)`, [value]);
        t.ok(await failure(db.run(`INSERT INTO ${table} (code) VALUES ($1)`, [value])), `${type}: the key is a primary key`);
      }
    });

    t.test('unique indexes are created and dropped; fields are added, never dropped', async (t) => {
      const v1 = entity('books', [{ name: 'isbn', type: 'string', unique: true }, { name: 'code', type: 'string', unique: true }]);
      await migrate(undefined, v1);
      t.match(await index('books', 'idx_books_isbn'), { unique: true, partial: false, columns: ['isbn'] });
      await db.run('INSERT INTO books (id, isbn, code) VALUES ($1, $2, $3)', ['00000000-0000-4000-8000-000000000001', 'A', 'C']);
      const v2 = entity('books', [{ name: 'isbn', type: 'string' }, { name: 'title', type: 'text' }]);
      await migrate(v1, v2);
      t.equal(await index('books', 'idx_books_isbn'), undefined, 'unique removed → index dropped');
      t.equal(await index('books', 'idx_books_code'), undefined, 'field removed → its unique index dropped');
      t.same(Object.keys(await types('books')), ['id', 'isbn', 'code', 'title'], 'title added, code kept');
      const [row] = await db.query<{ code: string; title: unknown }>('SELECT code, title FROM books');
      t.same(row, { code: 'C', title: null }, 'data of the hidden column stays; new column is NULL');
    });

    t.test('soft delete column and partial index', async (t) => {
      const plain = entity('notes', [{ name: 'body', type: 'text' }]);
      await migrate(undefined, plain);
      const soft = { ...plain, soft_delete: true };
      await migrate(plain, soft);
      t.equal((await types('notes')).deleted_at, pg ? 'timestamp with time zone' : 'TEXT', 'switching on adds deleted_at');
      const idx = await index('notes', 'idx_notes_deleted_at');
      t.match(idx, { unique: false, partial: true, columns: ['deleted_at'] });
      t.match(idx?.definition, /WHERE \(?"?deleted_at"? IS NULL\)?/);
      await migrate(soft, plain);
      t.ok((await types('notes')).deleted_at, 'switching off keeps the column');
      await migrate(undefined, entity('memos', [{ name: 'deleted_at', type: 'timestamp' }], { soft_delete: true }));
      t.same(Object.keys(await types('memos')), ['id', 'deleted_at'], 'a declared deleted_at is used, not duplicated');
    });

    t.test('guarded type changes keep the data', async (t) => {
      const v1 = entity('measures', [
        { name: 'a', type: 'int' }, { name: 'b', type: 'int' }, { name: 'c', type: 'decimal', precision: 2 },
        { name: 'dt', type: 'date' }, { name: 'e', type: 'int' }, { name: 'ts', type: 'timestamp' }, { name: 's', type: 'string' },
      ]);
      await migrate(undefined, v1);
      const ts = '2024-03-01T10:20:30.123Z';
      await db.run('INSERT INTO measures (id, a, b, c, dt, e, ts, s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        ['00000000-0000-4000-8000-000000000001', 2147483647, 5, '1.25', '2024-03-01', 42, ts, 'x']);
      const v2 = entity('measures', [
        { name: 'a', type: 'bigint' }, { name: 'b', type: 'decimal', precision: 2 }, { name: 'c', type: 'decimal', precision: 4 },
        { name: 'dt', type: 'timestamp' }, { name: 'e', type: 'text' }, { name: 'ts', type: 'string' }, { name: 's', type: 'text' },
      ]);
      const plan = planEntityDdl(d, v1, v2, await tableColumns(db, d, 'measures'));
      t.equal(plan.filter((s) => s.includes('ALTER COLUMN')).length, pg ? 6 : 0, 'string → text needs no DDL; SQLite never does');
      await migrate(v1, v2);
      const [row] = await db.query<Record<string, unknown>>('SELECT a, b, c, dt, e, ts, s FROM measures');
      if (pg) {
        t.same(await types('measures'), { id: 'uuid', a: 'bigint', b: 'numeric(18,2)', c: 'numeric(18,4)', dt: 'timestamp with time zone', e: 'text', ts: 'text', s: 'text' });
        t.same({ ...row, dt: (row.dt as Date).toISOString() }, { a: '2147483647', b: '5.00', c: '1.2500', dt: '2024-03-01T00:00:00.000Z', e: '42', ts, s: 'x' });
      } else {
        t.same(row, { a: 2147483647, b: 5, c: 1.25, dt: '2024-03-01', e: 42, ts, s: 'x' }, 'SQLite values untouched');
      }
    });

    t.test('a failing statement names the operation and rolls back the whole transaction', async (t) => {
      const v1 = entity('dup_books', [{ name: 'isbn', type: 'string' }]);
      await migrate(undefined, v1);
      await db.run('CREATE TABLE meta_log (name TEXT)');
      for (const n of [1, 2]) await db.run('INSERT INTO dup_books (id, isbn) VALUES ($1, $2)', [`00000000-0000-4000-8000-00000000000${n}`, 'same']);
      const v2 = entity('dup_books', [{ name: 'isbn', type: 'string', unique: true }, { name: 'extra', type: 'int' }]);
      const err = await failure(db.transaction(async (tx) => {
        await tx.run('INSERT INTO meta_log (name) VALUES ($1)', ['dup_books']);
        await applyDdl(tx, planEntityDdl(d, v1, v2, await tableColumns(tx, d, 'dup_books')));
      }));
      t.ok(err instanceof AppError);
      t.match(err, { code: 'VALIDATION_FAILED', statusCode: 422 });
      t.equal(err?.message, 'migration failed: cannot create unique index on dup_books.isbn: duplicate values exist');
      t.same(Object.keys(await types('dup_books')), ['id', 'isbn'], 'ADD COLUMN rolled back');
      t.same(await db.query('SELECT name FROM meta_log'), [], 'metadata write rolled back');
      const bad = await failure(db.transaction((tx) => applyDdl(tx, ['ALTER TABLE "nope" ADD COLUMN "x" TEXT'])));
      t.match(bad?.message, /^migration failed: cannot add column nope\.x: /);
    });

    t.test('relation DDL', async (t) => {
      const author = entity('authors', [{ name: 'code', type: 'string' }]);
      const book = entity('rel_books', [{ name: 'author_id', type: 'uuid' }]);
      const profile = entity('profiles', [{ name: 'author_id', type: 'uuid' }], { soft_delete: true });
      const passport = entity('passports', [{ name: 'author_id', type: 'uuid' }]);
      const tag = entity('tags', [], { primary_key: { field: 'id', type: 'bigint', generated: true } });
      for (const e of [author, book, profile, passport, tag]) await migrate(undefined, e);
      const all = [author, book, profile, passport, tag];

      const books = rel({ name: 'books', type: 'one_to_many', source: 'authors', target: 'rel_books', target_key: 'author_id' });
      await relate(books, ...all);
      t.match(await index('rel_books', 'fk_rel_books_author_id'), { unique: false, partial: false, columns: ['author_id'] });
      const prof = rel({ name: 'profile', type: 'one_to_one', source: 'authors', target: 'profiles', target_key: 'author_id' });
      await relate(prof, ...all);
      t.match(await index('profiles', 'uq_profiles_author_id'), { unique: true, partial: true }, 'partial: target is soft-delete');
      await db.run('INSERT INTO passports (id, author_id) VALUES ($1, $3), ($2, $3)',
        ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-0000000000aa']);
      const pass = rel({ name: 'passport', type: 'one_to_one', source: 'authors', target: 'passports', target_key: 'author_id' });
      t.equal((await failure(relate(pass, ...all)))?.message, 'migration failed: cannot create unique index on passports.author_id: duplicate values exist');
      await db.run('DELETE FROM passports WHERE id = $1', ['00000000-0000-4000-8000-000000000002']);
      await relate(pass, ...all);
      t.match(await index('passports', 'uq_passports_author_id'), { unique: true, partial: false });

      const entities = new Map(all.map((e) => [e.name, e]));
      t.same(planRelationDrop(d, pass, entities), ['DROP INDEX IF EXISTS "uq_passports_author_id"']);
      t.same(planRelationDrop(d, books, entities), [], 'FK index kept');
      await db.transaction((tx) => applyDdl(tx, planRelationDrop(d, pass, entities)));
      t.equal(await index('passports', 'uq_passports_author_id'), undefined);

      const tags = rel({ name: 'tags', type: 'many_to_many', source: 'authors', target: 'tags', source_key: 'code', join_table: 'author_tags', source_join_key: 'author_code', target_join_key: 'tag_id', ownership: 'none' });
      await relate(tags, ...all);
      const cols = await tableColumnInfo(db, d, 'author_tags');
      t.same(cols.map((c) => [c.name, c.type, c.notNull]), [['author_code', pg ? 'text' : 'TEXT', true], ['tag_id', pg ? 'bigint' : 'INTEGER', true]]);
      t.match((await tableIndexes(db, d, 'author_tags')).find((i) => i.primary), { unique: true, columns: ['author_code', 'tag_id'] });
      t.match(await index('author_tags', 'idx_author_tags_tag_id'), { columns: ['tag_id'] });
      t.same(planRelationDrop(d, tags, entities), [], 'join table kept');

      await db.run('CREATE TABLE legacy_join (x TEXT)');
      const legacy = { ...tags, join_table: 'legacy_join' };
      t.same(planRelationDdl(d, legacy, entities, await tableColumns(db, d, 'legacy_join')), [], 'existing join table left unchanged');
    });

    t.test('adopting an existing table adds missing columns only', async (t) => {
      await db.run('CREATE TABLE legacy (id TEXT PRIMARY KEY, title INTEGER)');
      await db.run('INSERT INTO legacy (id, title) VALUES ($1, $2)', ['a', 5]);
      const def = entity('legacy', [{ name: 'title', type: 'string', unique: true }, { name: 'pages', type: 'int' }], {
        primary_key: { field: 'id', type: 'string', generated: false }, soft_delete: true,
      });
      await migrate(undefined, def);
      t.same(await types('legacy'), pg
        ? { id: 'text', title: 'integer', pages: 'integer', deleted_at: 'timestamp with time zone' }
        : { id: 'TEXT', title: 'INTEGER', pages: 'INTEGER', deleted_at: 'TEXT' });
      t.ok(await index('legacy', 'idx_legacy_title'), 'indexes ensured');
      t.same(await db.query('SELECT id, title, pages FROM legacy'), [{ id: 'a', title: 5, pages: null }]);
    });

    t.test('reserved words and long names', async (t) => {
      const order = entity('order', [{ name: 'date', type: 'date', unique: true }, { name: 'order', type: 'int' }, { name: 'select', type: 'string' }], { soft_delete: true });
      await migrate(undefined, order);
      await migrate(order, { ...order, fields: [...order.fields, { name: 'group', type: 'string' }] });
      await db.run('INSERT INTO "order" ("id", "date", "order", "group") VALUES ($1, $2, $3, $4)', ['00000000-0000-4000-8000-000000000001', '2024-01-02', 1, 'g']);
      t.ok(await index('order', 'idx_order_date'));
      const m2m = rel({ name: 'user', type: 'many_to_many', source: 'order', target: 'order', join_table: 'group', source_join_key: 'table', target_join_key: 'user' });
      await relate(m2m, order);
      t.same(Object.keys(await types('group')), ['table', 'user']);

      const table = `t${'x'.repeat(59)}`;
      await migrate(undefined, entity(table, [{ name: 'long_field_name', type: 'string', unique: true }], { soft_delete: true }));
      const names = (await tableIndexes(db, d, table)).map((i) => i.name).filter((n) => n.startsWith('idx_'));
      t.same(names.sort(), [shortenIdentifier(`idx_${table}_deleted_at`), shortenIdentifier(`idx_${table}_long_field_name`)].sort());
      t.ok(names.every((n) => n.length === 63));
    });
  });
}
