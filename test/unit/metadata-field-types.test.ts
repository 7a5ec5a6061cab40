// Unit tests for the field-type registry and each type's coercion, filter parsing, storage
// conversion and schemas; also primary-key helpers, slugify and index naming.

import t from 'tap';
import { postgresDialect as pg, sqliteDialect as lite } from '../../core/db/dialects/index.js';
import { fieldColumnType } from '../../core/db/schema-migrator.js';
import { FileRef, fieldTypeNames, getFieldType, isFileRef } from '../../core/metadata/field-types/index.js';
import { primaryKeyColumn, parsePkValue } from '../../core/metadata/primary-key.js';
import { randomSlugSuffix, slugify } from '../../core/metadata/slugify.js';
import { shortenIdentifier, uniqueIndexName } from '../../core/metadata/index-name.js';
import type { FieldDef, FieldType } from '../../core/metadata/types.js';
import { createHash } from 'node:crypto';

function type(name: string): FieldType {
  const ft = getFieldType(name);
  if (!ft) throw new Error(`no type ${name}`);
  return ft;
}
const f = (typeName: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name: 'x', type: typeName, ...extra });
const coerce = (typeName: string, value: unknown, extra: Partial<FieldDef> = {}) =>
  type(typeName).coerceInput(value, f(typeName, extra));
const filter = (typeName: string, text: string, extra: Partial<FieldDef> = {}) =>
  type(typeName).parseFilter(text, f(typeName, extra));

t.test('registry', async (t) => {
  t.same(fieldTypeNames, ['string', 'text', 'int', 'bigint', 'float', 'decimal', 'boolean', 'uuid', 'timestamp', 'date', 'json', 'file']);
  t.equal(getFieldType('integer'), getFieldType('int'));
  t.equal(getFieldType('integer')?.name, 'int');
  t.equal(getFieldType('INT'), undefined);
  t.equal(getFieldType('money'), undefined);
  t.equal(getFieldType(undefined), undefined);
});

t.test('typeKind wording (rest-api §11.2)', async (t) => {
  const kinds: Record<string, string> = {
    string: 'a string', text: 'a string', int: 'an integer', bigint: 'an integer', float: 'a number',
    decimal: 'a number', boolean: 'a boolean', uuid: 'a UUID', timestamp: 'an ISO-8601 timestamp',
    date: 'a date (YYYY-MM-DD)', file: 'a file id or file object',
  };
  for (const [name, kind] of Object.entries(kinds)) t.equal(type(name).typeKind, kind, name);
});

t.test('string / text', async (t) => {
  t.same(coerce('string', 'abc'), { ok: true, value: 'abc' });
  t.same(coerce('text', ''), { ok: true, value: '' });
  t.same(coerce('string', 5), { ok: false });
  t.same(filter('string', ''), { ok: true, value: '' });
  t.same(filter('string', 'null'), { ok: true, value: 'null' });
  t.equal(type('string').fromDb(12, lite, f('string')), '12');
  t.ok(type('text').operators.has('ilike'));
  t.same(type('string').inputSchema(f('string', { enum: ['a', 1] })).enum, ['a', '1', null]);
});

t.test('int', async (t) => {
  t.same(coerce('int', 5), { ok: true, value: 5 });
  t.same(coerce('integer', '42'), { ok: true, value: 42 });
  t.same(coerce('int', '-7'), { ok: true, value: -7 });
  t.same(coerce('int', 2147483647), { ok: true, value: 2147483647 });
  t.same(coerce('int', -2147483648), { ok: true, value: -2147483648 });
  for (const bad of [2147483648, -2147483649, '2147483648', 1.5, '1.0', ' 5', '', true, null, [1], '1e3']) {
    t.same(coerce('int', bad), { ok: false }, `rejects ${JSON.stringify(bad)}`);
  }
  t.same(filter('int', '12'), { ok: true, value: 12 });
  t.same(filter('int', 'abc'), { ok: false });
  t.equal(fieldColumnType(pg, f('int')), 'INTEGER');
  t.equal(fieldColumnType(lite, f('int')), 'INTEGER');
  t.equal(type('int').fromDb(7, pg, f('int')), 7);
  t.equal(type('int').fromDb(null, pg, f('int')), null);
});

t.test('bigint', async (t) => {
  t.same(coerce('bigint', 123), { ok: true, value: 123 });
  t.same(coerce('bigint', '123'), { ok: true, value: 123 });
  t.same(coerce('bigint', '9007199254740993'), { ok: true, value: '9007199254740993' });
  t.same(coerce('bigint', '9223372036854775807'), { ok: true, value: '9223372036854775807' });
  t.same(coerce('bigint', '-9223372036854775808'), { ok: true, value: '-9223372036854775808' });
  t.same(coerce('bigint', '9223372036854775808'), { ok: false });
  t.same(coerce('bigint', 2 ** 60), { ok: false }, 'unsafe number');
  t.same(coerce('bigint', 1.5), { ok: false });
  t.same(filter('bigint', '9007199254740993'), { ok: true, value: '9007199254740993' });
  t.equal(type('bigint').fromDb('9007199254740993', pg, f('bigint')), '9007199254740993');
  t.equal(type('bigint').fromDb(42, lite, f('bigint')), '42');
  t.equal(type('bigint').fromDb(9007199254740993n, lite, f('bigint')), '9007199254740993');
  t.equal(fieldColumnType(pg, f('bigint')), 'BIGINT');
  t.equal(fieldColumnType(lite, f('bigint')), 'INTEGER');
  t.same(type('bigint').outputSchema(f('bigint')).type, ['string', 'null']);
});

t.test('float', async (t) => {
  t.same(coerce('float', 1.5), { ok: true, value: 1.5 });
  t.same(coerce('float', '2.5'), { ok: true, value: 2.5 });
  t.same(coerce('float', '-1e3'), { ok: true, value: -1000 });
  for (const bad of ['abc', '', '1,5', true, '0x10', 'Infinity']) t.same(coerce('float', bad), { ok: false }, `rejects ${bad}`);
  t.same(filter('float', '1.25'), { ok: true, value: 1.25 });
  t.same(filter('float', '1e3'), { ok: false });
  t.equal(fieldColumnType(pg, f('float')), 'DOUBLE PRECISION');
  t.equal(fieldColumnType(lite, f('float')), 'REAL');
});

t.test('decimal', async (t) => {
  const p2 = { precision: 2 };
  t.same(coerce('decimal', 24.5, p2), { ok: true, value: '24.50' });
  t.same(coerce('decimal', '110', p2), { ok: true, value: '110.00' });
  t.same(coerce('decimal', '1.005', p2), { ok: true, value: '1.01' }, 'half away from zero, exact on text');
  t.same(coerce('decimal', '-1.005', p2), { ok: true, value: '-1.01' });
  t.same(coerce('decimal', '1.004', p2), { ok: true, value: '1.00' });
  t.same(coerce('decimal', '9.995', p2), { ok: true, value: '10.00' });
  t.same(coerce('decimal', '-0.004', p2), { ok: true, value: '0.00' }, 'no negative zero');
  t.same(coerce('decimal', '007.1', p2), { ok: true, value: '7.10' });
  t.same(coerce('decimal', '2.5', { precision: 0 }), { ok: true, value: '3' });
  t.same(coerce('decimal', '-2.5', { precision: 0 }), { ok: true, value: '-3' });
  t.same(coerce('decimal', '1.50'), { ok: true, value: '1.5' }, 'canonical without precision');
  t.same(coerce('decimal', 1e-7), { ok: true, value: '0.0000001' });
  t.same(coerce('decimal', 1e21), { ok: true, value: '1000000000000000000000' });
  t.same(coerce('decimal', '12345678901234567.89'), { ok: true, value: '12345678901234567.89' }, 'lossless');
  t.same(coerce('decimal', '1234567890123456.78', p2), { ok: true, value: '1234567890123456.78' });
  t.same(coerce('decimal', '12345678901234567.8', p2), { ok: false }, 'overflows NUMERIC(18,2)');
  for (const bad of ['1e3', '.5', '1.', 'abc', '', '+1', true, {}]) t.same(coerce('decimal', bad, p2), { ok: false }, `rejects ${String(bad)}`);
  t.same(filter('decimal', '30'), { ok: true, value: '30' });
  t.same(filter('decimal', '1e3'), { ok: false });
  t.equal(fieldColumnType(pg, f('decimal', p2)), 'NUMERIC(18,2)');
  t.equal(fieldColumnType(pg, f('decimal', { precision: 0 })), 'NUMERIC');
  t.equal(fieldColumnType(pg, f('decimal')), 'NUMERIC');
  t.equal(fieldColumnType(lite, f('decimal', p2)), 'REAL');
  t.equal(type('decimal').fromDb(110, lite, f('decimal', p2)), '110.00');
  t.equal(type('decimal').fromDb(24.5, lite, f('decimal', p2)), '24.50');
  t.equal(type('decimal').fromDb('110.00', pg, f('decimal', p2)), '110.00');
  t.equal(type('decimal').fromDb('1.50', pg, f('decimal')), '1.5');
  t.equal(type('decimal').fromDb(7, lite, f('decimal')), '7');
  t.equal(type('decimal').toDb('24.50', lite), 24.5);
  t.equal(type('decimal').toDb('24.50', pg), '24.50');
  const settings = type('decimal').validateSettings!;
  t.equal(settings(f('decimal', p2)), null);
  t.equal(settings(f('decimal')), null);
  t.equal(settings(f('decimal', { precision: 19 })), 'invalid precision for field x');
  t.equal(settings(f('decimal', { precision: 1.5 })), 'invalid precision for field x');
  t.equal(settings(f('decimal', { precision: -1 })), 'invalid precision for field x');
  t.equal(settings({ name: 'x', type: 'decimal', precision: '2' as unknown as number }), 'invalid precision for field x');
});

t.test('boolean', async (t) => {
  t.same(coerce('boolean', true), { ok: true, value: true });
  t.same(coerce('boolean', false), { ok: true, value: false });
  for (const bad of ['true', 1, 0, null]) t.same(coerce('boolean', bad), { ok: false });
  t.same(filter('boolean', 'TRUE'), { ok: true, value: true });
  t.same(filter('boolean', '1'), { ok: true, value: true });
  t.same(filter('boolean', 'False'), { ok: true, value: false });
  t.same(filter('boolean', '0'), { ok: true, value: false });
  t.same(filter('boolean', 'abc'), { ok: false });
  t.equal(type('boolean').toDb(true, lite), 1);
  t.equal(type('boolean').toDb(false, lite), 0);
  t.equal(type('boolean').toDb(true, pg), true);
  t.equal(type('boolean').fromDb(1, lite, f('boolean')), true);
  t.equal(type('boolean').fromDb(0, lite, f('boolean')), false);
  t.equal(fieldColumnType(lite, f('boolean')), 'INTEGER');
  t.equal(fieldColumnType(pg, f('boolean')), 'BOOLEAN');
});

t.test('uuid', async (t) => {
  t.same(coerce('uuid', '5B2F7C1E-8D4A-4F6B-9C3E-2A1D0E9F8B7C'), { ok: true, value: '5b2f7c1e-8d4a-4f6b-9c3e-2a1d0e9f8b7c' });
  t.same(coerce('uuid', 'not-a-uuid'), { ok: false });
  t.same(coerce('uuid', '5b2f7c1e8d4a4f6b9c3e2a1d0e9f8b7c'), { ok: false });
  t.same(filter('uuid', 'ABCDEFAB-0000-0000-0000-000000000000'), { ok: true, value: 'abcdefab-0000-0000-0000-000000000000' });
  t.equal(fieldColumnType(pg, f('uuid')), 'UUID');
  t.equal(fieldColumnType(lite, f('uuid')), 'TEXT');
});

t.test('timestamp', async (t) => {
  t.same(coerce('timestamp', '2025-03-09T14:05:00Z'), { ok: true, value: '2025-03-09T14:05:00.000Z' });
  t.same(coerce('timestamp', '2025-03-09T16:05:00+02:00'), { ok: true, value: '2025-03-09T14:05:00.000Z' });
  t.same(coerce('timestamp', '2025-03-09T14:05:00.123456-0130'), { ok: true, value: '2025-03-09T15:35:00.123Z' });
  t.same(coerce('timestamp', '2025-03-09T14:05:00'), { ok: true, value: '2025-03-09T14:05:00.000Z' }, 'no offset = UTC');
  t.same(coerce('timestamp', '2025-03-09T14:05'), { ok: true, value: '2025-03-09T14:05:00.000Z' });
  t.same(coerce('timestamp', '2025-03-09'), { ok: true, value: '2025-03-09T00:00:00.000Z' });
  t.same(coerce('timestamp', '2024-02-29T00:00:00Z'), { ok: true, value: '2024-02-29T00:00:00.000Z' });
  for (const bad of ['2025-02-30T00:00:00Z', '2025-02-29', '2025-13-01', '2025-03-09T24:00:00Z', '2025-03-09T10:60:00Z',
    'yesterday', '09/03/2025', 1741529100000, '2025-03-09T14:05:00+25:00']) {
    t.same(coerce('timestamp', bad), { ok: false }, `rejects ${bad}`);
  }
  t.same(filter('timestamp', '2025-03-09'), { ok: true, value: '2025-03-09T00:00:00.000Z' });
  const ts = type('timestamp');
  t.equal(ts.fromDb(new Date('2025-03-09T14:05:00Z'), pg, f('timestamp')), '2025-03-09T14:05:00.000Z');
  t.equal(ts.fromDb('2025-03-09 14:05:00+00', pg, f('timestamp')), '2025-03-09T14:05:00.000Z');
  t.equal(ts.fromDb('2025-03-09', lite, f('timestamp')), '2025-03-09T00:00:00.000Z', 'date → timestamp change');
  t.equal(fieldColumnType(pg, f('timestamp')), 'TIMESTAMPTZ');
  t.equal(fieldColumnType(lite, f('timestamp')), 'TEXT');
});

t.test('date', async (t) => {
  t.same(coerce('date', '2025-03-09'), { ok: true, value: '2025-03-09' });
  t.same(coerce('date', '2025-03-09T23:30:00-02:00'), { ok: true, value: '2025-03-10' }, 'UTC date part');
  t.same(coerce('date', '2025-02-30'), { ok: false });
  t.same(coerce('date', '2025-3-9'), { ok: false });
  t.same(filter('date', '2025-03-09'), { ok: true, value: '2025-03-09' });
  t.same(filter('date', '2025-03-09T00:00:00Z'), { ok: false });
  const d = type('date');
  t.equal(d.fromDb('2025-03-09', pg, f('date')), '2025-03-09');
  t.equal(d.fromDb(new Date('2025-03-09'), pg, f('date')), '2025-03-09', 'UTC midnight Date');
  t.equal(d.fromDb(new Date(2025, 2, 9), pg, f('date')), '2025-03-09', 'local midnight Date');
  t.equal(fieldColumnType(pg, f('date')), 'DATE');
  t.equal(fieldColumnType(lite, f('date')), 'TEXT');
});

t.test('json', async (t) => {
  const j = type('json');
  for (const v of [1, 'a', true, [1], { a: { b: 1 } }]) t.same(j.coerceInput(v, f('json')), { ok: true, value: v });
  t.equal(j.operators.size, 0);
  t.equal(j.toDb({ a: 1 }, lite), '{"a":1}');
  t.equal(j.toDb({ a: 1 }, pg), '{"a":1}', 'JSON text on PostgreSQL too (a boolean would otherwise be typed bool)');
  t.equal(j.toDb(true, pg), 'true');
  t.same(j.fromDb('{"a":1}', lite, f('json')), { a: 1 });
  t.equal(j.fromDb('"s"', lite, f('json')), 's');
  t.same(j.fromDb({ a: 1 }, pg, f('json')), { a: 1 });
  t.equal(fieldColumnType(pg, f('json')), 'JSONB');
  t.equal(fieldColumnType(lite, f('json')), 'TEXT');
});

t.test('file', async (t) => {
  const fl = type('file');
  const r = fl.coerceInput('7A6B5C4D-3E2F-4A1B-9C8D-7E6F5A4B3C2D', f('file'));
  t.ok(r.ok && isFileRef(r.value));
  t.equal(r.ok && (r.value as FileRef).fileId, '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d');
  t.equal(JSON.stringify({ cover: r.ok && r.value }), '{"cover":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}');
  const obj = { id: 'x', filename: 'a.jpg', size: 3, mime_type: 'image/jpeg' };
  const kept = fl.coerceInput(obj, f('file'));
  t.ok(kept.ok && kept.value === obj, 'object kept as given');
  for (const bad of ['abc', 5, { id: 5 }, [], ['x'], true]) t.same(fl.coerceInput(bad, f('file')), { ok: false });
  t.equal(fl.toDb(obj, lite), JSON.stringify(obj));
  t.same(fl.fromDb(JSON.stringify(obj), lite, f('file')), obj);
  t.equal(fl.fromDb(null, lite, f('file')), null);
  t.equal(fl.operators.size, 0);
});

t.test('operators (rest-api §5.3)', async (t) => {
  for (const name of fieldTypeNames) {
    const ops = type(name).operators;
    t.equal(ops.has('is_null'), false, `${name}: is_null is generic`);
    if (name === 'json' || name === 'file') t.equal(ops.size, 0, name);
    else t.ok(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'].every((op) => ops.has(op as never)), name);
    t.equal(ops.has('like'), name === 'string' || name === 'text', `${name} like`);
    t.equal(ops.has('ilike'), name === 'string' || name === 'text', `${name} ilike`);
  }
});

t.test('schemas are nullable', async (t) => {
  const nullAllowed = (s: Record<string, unknown>): boolean =>
    Object.keys(s).length === 0 ||
    (Array.isArray(s.type) && s.type.includes('null')) ||
    (Array.isArray(s.anyOf) && s.anyOf.some((x) => (x as { type?: unknown }).type === 'null'));
  for (const name of fieldTypeNames) {
    t.ok(nullAllowed(type(name).outputSchema(f(name))), `${name} output`);
    t.ok(nullAllowed(type(name).inputSchema(f(name))), `${name} input`);
  }
  t.same(type('int').outputSchema(f('int')), { type: ['integer', 'null'] });
  t.same(type('decimal').outputSchema(f('decimal')), { type: ['string', 'null'] });
});

t.test('primary key column and value parsing', async (t) => {
  const idUuid = f('uuid', { name: 'id' });
  const idInt = f('int', { name: 'id' });
  t.equal(primaryKeyColumn(pg, { field: 'id', type: 'uuid', generated: true }, idUuid), 'UUID PRIMARY KEY DEFAULT gen_random_uuid()');
  t.equal(primaryKeyColumn(lite, { field: 'id', type: 'uuid', generated: true }, idUuid), 'TEXT PRIMARY KEY');
  t.equal(primaryKeyColumn(pg, { field: 'id', type: 'int', generated: true }, idInt), 'INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY');
  t.equal(primaryKeyColumn(lite, { field: 'id', type: 'int', generated: true }, idInt), 'INTEGER PRIMARY KEY AUTOINCREMENT');
  t.equal(primaryKeyColumn(pg, { field: 'id', type: 'bigint', generated: true }, f('bigint')), 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY');
  t.equal(primaryKeyColumn(lite, { field: 'id', type: 'bigint', generated: true }, f('bigint')), 'INTEGER PRIMARY KEY AUTOINCREMENT');
  t.equal(primaryKeyColumn(pg, { field: 'id', type: 'string', generated: true }, f('string')), 'TEXT PRIMARY KEY');
  t.equal(primaryKeyColumn(pg, { field: 'id', type: 'uuid', generated: false }, idUuid), 'UUID PRIMARY KEY');
  t.equal(primaryKeyColumn(lite, { field: 'id', type: 'int', generated: false }, idInt), 'INTEGER PRIMARY KEY');

  t.same(parsePkValue('uuid', 'ABCDEFAB-0000-0000-0000-000000000000'), { ok: true, value: 'abcdefab-0000-0000-0000-000000000000' });
  t.same(parsePkValue('uuid', 'nope'), { ok: false });
  t.same(parsePkValue('int', '42'), { ok: true, value: 42 });
  t.same(parsePkValue('int', '2147483648'), { ok: false });
  t.same(parsePkValue('int', 'my-slug'), { ok: false });
  t.same(parsePkValue('bigint', '9007199254740993'), { ok: true, value: '9007199254740993' });
  t.same(parsePkValue('bigint', '99999999999999999999'), { ok: false });
  t.same(parsePkValue('string', 'any thing'), { ok: true, value: 'any thing' });
});

t.test('slugify (metadata §6.2)', async (t) => {
  t.equal(slugify('Crème Brûlée: A History!'), 'creme-brulee-a-history');
  t.equal(slugify('  Hello   World '), 'hello-world');
  t.equal(slugify('!!!'), '');
  t.equal(slugify('--a--b--'), 'a-b');
  t.equal(slugify('Ünïcödé 2025'), 'unicode-2025');
  const s = randomSlugSuffix(6);
  t.match(s, /^[a-z0-9]{6}$/);
  t.match(randomSlugSuffix(8), /^[a-z0-9]{8}$/);
});

t.test('index names (metadata §9.4)', async (t) => {
  t.equal(uniqueIndexName('books', 'isbn'), 'idx_books_isbn');
  const short = 'x'.repeat(63);
  t.equal(shortenIdentifier(short), short);
  const long = 'idx_' + 'a'.repeat(40) + '_' + 'b'.repeat(30);
  const expected = long.slice(0, 54) + '_' + createHash('sha1').update(long).digest('hex').slice(0, 8);
  t.equal(shortenIdentifier(long), expected);
  t.equal(shortenIdentifier(long).length, 63);
});
