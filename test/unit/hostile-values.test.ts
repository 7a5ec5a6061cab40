// The pieces behind test/integration/hostile-values.test.ts, without a database: the text rule
// (core/text.ts), the field types that apply it, the date range, adopted-column fit per dialect,
// TIMESTAMPTZ reading, JSON encoding, and prototype-poisoning keys in parsed bodies.
import t from 'tap';
import { postgresDialect as pg, sqliteDialect as lite } from '../../core/db/dialects/index.js';
import { parseTimestamptz } from '../../core/db/dialects/postgres.js';
import { REMOVED_KEYS, parseJsonRemovingPrototypeKeys, removedKeys } from '../../core/input.js';
import { getFieldType } from '../../core/metadata/field-types/index.js';
import { STORAGE } from '../../core/metadata/field-types/shared.js';
import { isReservedTableName } from '../../core/metadata/names.js';
import { parsePkValue } from '../../core/metadata/primary-key.js';
import type { FieldDef } from '../../core/metadata/types.js';
import { jsonTextProblem, textProblem } from '../../core/text.js';

const field = (type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name: 'x', type, ...extra });
const coerce = (type: string, value: unknown, extra: Partial<FieldDef> = {}) => getFieldType(type)!.coerceInput(value, field(type, extra));

t.test('the text rule', async (t) => {
  t.equal(textProblem('plain \u0001 ✓ \ud83d\ude80'), undefined);
  t.equal(textProblem('a\u0000'), 'nul');
  t.equal(textProblem('\ud800'), 'surrogate');
  t.equal(textProblem('\ude80\ud83d'), 'surrogate', 'a pair in the wrong order');
  t.equal(textProblem('\u0000\ud800'), 'nul', 'NUL is reported first');
  t.equal(jsonTextProblem([1, true, null, { a: [{ b: 'ok' }] }]), undefined);
  t.equal(jsonTextProblem({ a: [{ b: 'x\u0000' }] }), 'nul');
  t.equal(jsonTextProblem({ ['\ud800']: 1 }), 'surrogate', 'keys too');
  let deep: unknown = 'x\u0000';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  t.equal(jsonTextProblem(deep), 'nul', 'iterative: no stack overflow');
});

t.test('field types refuse unstorable text with a problem, not a type error', async (t) => {
  t.same(coerce('string', 'a\u0000'), { ok: false, problem: 'nul' });
  t.same(coerce('text', '\udfff'), { ok: false, problem: 'surrogate' });
  t.same(coerce('string', 5), { ok: false }, 'a non-string stays a type error');
  t.same(coerce('json', { k: ['\u0000'] }), { ok: false, problem: 'nul' });
  t.same(coerce('file', { id: 'x', name: '\ud800' }), { ok: false, problem: 'surrogate' });
  t.same(coerce('json', [true]), { ok: true, value: [true] });
  t.same(getFieldType('string')!.parseFilter('a\u0000', field('string')), { ok: false, problem: 'nul' });
  t.same(parsePkValue('string', '\u0000'), { ok: false });
  t.same(parsePkValue('string', 'ok'), { ok: true, value: 'ok' });
});

t.test('dates and timestamps: years 0001–9999', async (t) => {
  for (const v of ['0000-01-01', '0000-12-31T23:00:00Z', '0001-01-01T00:00:00+00:01', '10000-01-01', '-0001-01-01']) {
    t.same(coerce('date', v), { ok: false }, `date ${v}`);
    t.same(coerce('timestamp', v), { ok: false }, `timestamp ${v}`);
  }
  t.same(coerce('timestamp', '9999-12-31T23:59:59.999-00:01'), { ok: false }, 'year 10000 in UTC');
  t.same(coerce('timestamp', new Date('0000-06-01T00:00:00Z')), { ok: false }, 'a Date in year 0');
  t.same(coerce('date', new Date('+010000-01-01T00:00:00Z')), { ok: false }, 'a Date in year 10000');
  t.same(coerce('date', '0001-01-01'), { ok: true, value: '0001-01-01' });
  t.same(coerce('timestamp', '9999-12-31T23:59:59.999Z'), { ok: true, value: '9999-12-31T23:59:59.999Z' });
  t.same(getFieldType('date')!.parseFilter('0000-01-01', field('date')), { ok: false });
});

t.test('decimals within NUMERIC', async (t) => {
  t.same(coerce('decimal', `1${'0'.repeat(131071)}`).ok, true, '131072 integer digits');
  t.same(coerce('decimal', `1${'0'.repeat(131072)}`).ok, false);
  t.same(coerce('decimal', `0.${'1'.repeat(16383)}`).ok, true, '16383 fraction digits');
  t.same(coerce('decimal', `0.${'1'.repeat(16384)}`).ok, false);
  t.same(coerce('decimal', `0.${'1'.repeat(16384)}`, { precision: 2 }), { ok: true, value: '0.11' }, 'rounded first when precision is set');
});

t.test('PostgreSQL reads TIMESTAMPTZ text exactly', async (t) => {
  const iso = (s: string) => {
    const v = parseTimestamptz(s);
    return typeof v === 'string' ? v : v.toISOString();
  };
  // The common UTC form becomes canonical text by slicing, every fraction length included.
  t.equal(parseTimestamptz('2026-12-02 04:24:00.123456+00'), '2026-12-02T04:24:00.123Z');
  t.equal(parseTimestamptz('2026-12-02 04:24:00.1+00'), '2026-12-02T04:24:00.100Z');
  t.equal(parseTimestamptz('2026-12-02 04:24:00.12+00'), '2026-12-02T04:24:00.120Z');
  t.equal(parseTimestamptz('2026-01-02 00:00:00+00'), '2026-01-02T00:00:00.000Z');
  t.equal(parseTimestamptz('9999-12-31 23:59:59.999999+00'), '9999-12-31T23:59:59.999Z');
  t.type(parseTimestamptz('0999-01-01 00:00:00+00'), Date, 'years below 1000 take the exact parse');
  t.equal(iso('0001-06-01 12:00:00+00'), '0001-06-01T12:00:00.000Z');
  t.equal(iso('0050-06-15 12:34:56.789+02'), '0050-06-15T10:34:56.789Z');
  t.equal(iso('0001-06-01 12:53:28+00:53:28'), '0001-06-01T12:00:00.000Z', 'LMT offsets with seconds');
  t.equal(iso('2024-03-04 05:06:07.123456-05:30'), '2024-03-04T10:36:07.123Z');
  t.equal(iso('0001-12-31 23:00:00+00 BC'), '0000-12-31T23:00:00.000Z', '1 BC is year 0');
  t.ok(Number.isNaN((parseTimestamptz('infinity') as Date).getTime()));
});

t.test('JSON parameters are JSON text on both dialects', async (t) => {
  for (const v of [true, false, [true], 'str', 0, null, { a: [false] }]) {
    t.equal(pg.encodeJson(v), JSON.stringify(v), `postgres ${JSON.stringify(v)}`);
    t.equal(lite.encodeJson(v), JSON.stringify(v), `sqlite ${JSON.stringify(v)}`);
  }
});

t.test('adopted columns must fit', async (t) => {
  t.ok(pg.columnFits('text', STORAGE.text));
  t.ok(pg.columnFits('character varying', STORAGE.text));
  t.notOk(pg.columnFits('character varying(10)', STORAGE.text));
  t.ok(pg.columnFits('timestamp with time zone', STORAGE.timestamp));
  t.notOk(pg.columnFits('timestamp without time zone', STORAGE.timestamp));
  t.ok(pg.columnFits('numeric(18,2)', { kind: 'decimal', digits: 18, scale: 2 }));
  t.notOk(pg.columnFits('numeric(10,2)', { kind: 'decimal', digits: 18, scale: 2 }));
  t.notOk(pg.columnFits('integer', STORAGE.text));
  t.notOk(pg.columnFits('integer', STORAGE.int64));
  t.ok(pg.columnFits('jsonb', STORAGE.json));
  t.ok(lite.columnFits('TEXT', STORAGE.json));
  t.ok(lite.columnFits('', STORAGE.text), 'no declared type holds anything');
  t.ok(lite.columnFits('INTEGER', STORAGE.float64), 'numeric affinities hold numbers');
  t.ok(lite.columnFits('BIGINT', STORAGE.int32));
  t.notOk(lite.columnFits('INTEGER', STORAGE.text), 'INTEGER affinity would turn "007" into 7');
  t.notOk(lite.columnFits('DECIMAL', STORAGE.date));
  t.notOk(lite.columnFits('VARCHAR(5)', STORAGE.int32), 'TEXT affinity would compare numbers as text');
});

t.test('reserved table names', async (t) => {
  for (const name of ['pg_user', 'pg_', 'sqlite_master', '_users', '_migrations', '_platform_users']) t.ok(isReservedTableName(name), name);
  for (const name of ['pgx', 'users', '_test_orders', 'sqlitex']) t.notOk(isReservedTableName(name), name);
});

t.test('prototype-poisoning keys are removed and recorded', async (t) => {
  const value = parseJsonRemovingPrototypeKeys('\ufeff{"a":1,"__proto__":{"x":1},"rows":[{"constructor":{"prototype":{}}},{"constructor":1}]}') as any;
  t.same(value, { a: 1, rows: [{}, { constructor: 1 }] });
  t.same(removedKeys(value), ['__proto__']);
  t.same(removedKeys(value.rows[0]), ['constructor']);
  t.equal(removedKeys(value.rows[1]), undefined);
  t.notOk(Object.keys(value).includes(String(REMOVED_KEYS)), 'the record is not enumerable');
  t.equal(JSON.stringify(value), '{"a":1,"rows":[{},{"constructor":1}]}');
  t.equal(Object.getPrototypeOf(value), Object.prototype);
  t.throws(() => parseJsonRemovingPrototypeKeys('{"a":'), SyntaxError);
});
