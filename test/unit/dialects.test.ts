// The dialect modules (core/db/dialects/) and the field-type capabilities that replaced name tests
// elsewhere, checked without a database: what each dialect says for the same question.
import t from 'tap';
import { compileEntity } from '../../core/compile/compiled-entity.js';
import { DIALECT_NAMES, dialectFor, isDialectName, postgresDialect as pg, sqliteDialect as lite } from '../../core/db/dialects/index.js';
import { getFieldType } from '../../core/metadata/field-types/index.js';
import type { EntityDef, FieldDef, FieldType } from '../../core/metadata/types.js';
import type { Queryable } from '../../core/db/types.js';
import { AppError } from '../../core/errors.js';

const type = (name: string): FieldType => getFieldType(name)!;
const f = (name: string, typeName: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: typeName, ...extra });
const book: EntityDef = {
  name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
  fields: [f('id', 'uuid'), f('isbn', 'string', { unique: true }), f('live', 'boolean'), f('price', 'decimal', { precision: 2 })],
};

t.test('dialects by configuration name', async (t) => {
  t.same(DIALECT_NAMES, ['postgres', 'sqlite']);
  t.equal(dialectFor('postgres'), pg);
  t.equal(dialectFor('sqlite'), lite);
  t.ok(isDialectName('sqlite'));
  t.notOk(isDialectName('mysql'));
  t.notOk(isDialectName('toString'), 'no prototype keys');
});

t.test('unique violations name the violated columns', async (t) => {
  const entity = compileEntity(book, pg);
  t.same(pg.violatedColumns({ code: '23505', constraint_name: 'idx_books_isbn' }, entity), ['isbn']);
  t.same(pg.violatedColumns({ code: '23505', constraint_name: 'books_pkey' }, entity), ['id']);
  t.equal(pg.violatedColumns({ code: '23505', constraint_name: 'uq_books_author_id' }, entity), undefined, 'not an engine field index');
  t.equal(pg.violatedColumns({ code: '23505' }, entity), undefined);
  const err = (message: string) => Object.assign(new Error(message), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  t.same(lite.violatedColumns(err('UNIQUE constraint failed: books.isbn'), entity), ['isbn']);
  t.same(lite.violatedColumns(err('UNIQUE constraint failed: books.a, books.b'), entity), ['a', 'b'], 'composite');
  t.equal(lite.violatedColumns(new Error('boom'), entity), undefined);
});

t.test('per-dialect SQL fragments', async (t) => {
  t.equal(pg.inList('"x"', 'int32', 2), '"x" = ANY($2::int4[])');
  t.equal(lite.inList('"x"', 'int32', 2), '"x" IN (SELECT value FROM json_each($2))');
  t.equal(pg.compareParam(1, 'decimal'), '$1::numeric');
  t.equal(pg.compareParam(1, 'int32'), '$1');
  t.equal(lite.compareParam(1, 'decimal'), '$1');
  t.equal(pg.byteOrder('entity'), 'entity COLLATE "C"');
  t.equal(lite.byteOrder('entity'), 'entity');
  t.equal(pg.jsonText('"attrs"', 'colour'), `("attrs" ->> 'colour')`);
  t.equal(lite.jsonText('"attrs"', 'colour'), `("attrs" ->> '$.colour')`);
  t.throws(() => pg.jsonText('"attrs"', "x'; DROP"), /invalid JSON key/);
  t.same(pg.changeColumnType('t', 'd', { kind: 'date' }, { kind: 'timestamp' }),
    [`ALTER TABLE "t" ALTER COLUMN "d" TYPE TIMESTAMPTZ USING ("d"::timestamp AT TIME ZONE 'UTC')`]);
  t.same(lite.changeColumnType('t', 'd', { kind: 'date' }, { kind: 'timestamp' }), [], 'dynamic typing: no DDL');
  t.equal(pg.returning('"id"'), ' RETURNING "id"');
  t.ok(pg.batchInserts);
  t.notOk(lite.batchInserts);
  t.ok(pg.maxParams > lite.maxParams && lite.maxParams >= 32766);
});

t.test('compiled entities bind the dialect once', async (t) => {
  const onPg = compileEntity(book, pg);
  const onLite = compileEntity(book, lite);
  t.equal(onPg.dialect, pg);
  t.match(onPg.sql.byPkForUpdate, / LIMIT 1 FOR UPDATE$/);
  t.equal(onLite.sql.byPkForUpdate, onLite.sql.byPk, 'SQLite writers are serialised: no lock clause');
  t.equal(onPg.fieldMap.get('live')!.encodeList([true, false, null]), '{t,f,null}', 'PostgreSQL boolean list literal');
  t.equal(onLite.fieldMap.get('live')!.encodeList([true, false]), '[1,0]');
  t.same(onPg.fieldMap.get('price')!.encodeList(['1.50']), ['1.50']);
  t.equal(onLite.fieldMap.get('price')!.encodeList(['1.50']), '[1.5]');
});

t.test('field types own their capabilities', async (t) => {
  const now = new Date('2025-03-09T23:30:00.000Z');
  t.equal(type('timestamp').autoValue!(now), '2025-03-09T23:30:00.000Z');
  t.equal(type('date').autoValue!(now), '2025-03-09');
  t.equal(type('string').autoValue, undefined, 'no auto on other types');
  t.same(['int', 'bigint', 'float', 'decimal'].filter((n) => type(n).numeric), ['int', 'bigint', 'float', 'decimal']);
  t.equal(type('string').numeric, undefined);
  t.same(type('decimal').storage(f('p', 'decimal', { precision: 2 })), { kind: 'decimal', digits: 18, scale: 2 });
  t.same(type('file').storage(f('c', 'file')), { kind: 'json' });
  t.same(['string', 'text', 'int', 'bigint', 'uuid', 'float'].map((n) => type(n).primaryKeyType), ['string', 'string', 'int', 'bigint', 'uuid', undefined]);
  t.same(type('decimal').settings, ['precision']);
  t.same(type('int').filterSchema!(f('n', 'int')), { type: 'integer', minimum: -2147483648, maximum: 2147483647 });
});

t.test('file fields resolve ids inside the write', async (t) => {
  const file = type('file');
  const ref = file.coerceInput('7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', f('cover', 'file'));
  t.ok(ref.ok && file.needsResolution!(ref.value));
  t.notOk(file.needsResolution!({ id: 'x' }), 'a file object is kept as given');
  const rows: Record<string, unknown>[] = [{ id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', filename: 'a.jpg', size: '3', mime_type: 'image/jpeg' }];
  const q = (found: boolean): Queryable => ({ query: async () => (found ? rows : []) as never[], run: async () => 0 });
  t.same(await file.resolveWrite!(ref.ok && ref.value, q(true)),
    { id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', filename: 'a.jpg', size: 3, mime_type: 'image/jpeg' });
  const err = await file.resolveWrite!(ref.ok && ref.value, q(false)).catch((e: unknown) => e);
  t.ok(err instanceof AppError);
  t.match(err, { statusCode: 404, code: 'NOT_FOUND', message: 'File 7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d not found' });
});
