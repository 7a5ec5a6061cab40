// A field type registered from outside the engine works end to end with no other file edited:
// definition validation, migration, writes, filters and OpenAPI all ask the FieldType, never its
// name (issue #10). The toy `color` type stores `#rrggbb` text, normalised to lowercase.
import t from 'tap';
import { Validator } from '@seriousme/openapi-schema-validator';
import { tableColumns } from '../../core/db/introspect.js';
import { registerFieldType } from '../../core/metadata/field-types/index.js';
import type { Coerced, FieldType, FilterOp } from '../../core/metadata/types.js';
import { eachDialect, type TestRocket } from '../helpers/server.js';

const HEX_RE = /^#[0-9a-fA-F]{6}$/;
const parse = (text: string): Coerced => (HEX_RE.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false });

const colorType: FieldType = {
  name: 'color',
  aliases: ['colour'],
  typeKind: 'a hex colour (#rrggbb)',
  operators: new Set<FilterOp>(['eq', 'neq', 'in', 'not_in']),
  storage: () => ({ kind: 'text' }),
  coerceInput: (value) => (typeof value === 'string' ? parse(value) : { ok: false }),
  parseFilter: parse,
  filterSchema: () => ({ type: 'string', pattern: HEX_RE.source }),
  toDb: (value) => value,
  fromDb: (raw) => (typeof raw === 'string' ? raw.toLowerCase() : raw),
  outputSchema: () => ({ type: ['string', 'null'], pattern: HEX_RE.source }),
  inputSchema: () => ({ type: ['string', 'null'], pattern: HEX_RE.source }),
};

registerFieldType(colorType);

const swatch = {
  name: 'swatch', table: 'swatches', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'label', type: 'string' },
    { name: 'c', type: 'color', required: true },
    { name: 'accent', type: 'colour', default: '#FFFFFF' },
  ],
};

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
    r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  return { app, call, ctx: () => r.server.rocket.apps.get(app.name)! };
}

t.test('the registry refuses a second type of the same name', async (t) => {
  t.throws(() => registerFieldType({ ...colorType }), /already registered: color/);
  t.throws(() => registerFieldType({ ...colorType, name: 'tint', aliases: ['colour'] }), /already registered: colour/);
});

eachDialect(t, 'a registered field type works end to end', async (t, r) => {
  const { call, ctx } = await setup(r);
  const field = (extra: Record<string, unknown>) => ({ ...swatch, fields: [swatch.fields[0], { name: 'c', type: 'color', ...extra }] });

  // Definition validation: the generic checks ask the type what it supports.
  const rejected: Array<[Record<string, unknown>, string]> = [
    [{ precision: 2 }, 'invalid precision for field c'],
    [{ auto: 'create' }, 'invalid auto value for field c'],
    [{ default: 'red' }, 'invalid default for field c'],
  ];
  for (const [extra, message] of rejected) {
    const res = await call('POST', '/_admin/entities', field(extra));
    t.equal(res.status, 422, JSON.stringify(extra));
    t.equal(res.body.error.message, message);
  }
  const slug = await call('POST', '/_admin/entities', { ...field({ unique: true }), slug: { field: 'c' } });
  t.equal(slug.body.error.message, 'slug field "c" must be of type string or text', 'a color cannot hold a slug');
  t.equal((await call('POST', '/_admin/entities', swatch)).status, 201, 'definition accepted');

  // Migration: the columns exist, as the dialect's text type.
  const columns = await tableColumns(ctx().db, ctx().db.dialect, 'swatches');
  t.equal(columns.get('c')?.toLowerCase(), 'text');
  t.equal(columns.get('accent')?.toLowerCase(), 'text');

  // Writes: normalised on the way in, defaults coerced, bad values are a 422 in the type's words.
  const a = await call('POST', '/swatch', { label: 'a', c: '#A1B2C3' });
  t.equal(a.status, 201);
  t.match(a.body.data, { label: 'a', c: '#a1b2c3', accent: '#ffffff' });
  const b = (await call('POST', '/swatch', { label: 'b', c: '#000000', accent: '#ABCDEF' })).body.data;
  t.equal(b.accent, '#abcdef');
  const bad = await call('POST', '/swatch', { label: 'x', c: 'red' });
  t.equal(bad.status, 422);
  t.same(bad.body.error.details, [{ field: 'c', rule: 'type', message: 'c must be a hex colour (#rrggbb)' }]);
  t.equal((await call('PUT', `/swatch/${b.id}`, { c: '#FFFFFF' })).body.data.c, '#ffffff', 'update normalises too');

  // Filters: the type parses filter values and declares its operators.
  const labels = async (query: string) => {
    const res = await call('GET', `/swatch?${query}&sort=label`);
    t.equal(res.status, 200, query);
    return res.body.data.map((s: { label: string }) => s.label);
  };
  t.same(await labels(`filter[c]=${encodeURIComponent('#A1B2C3')}`), ['a'], 'eq, compared normalised');
  t.same(await labels(`filter[c.in]=${encodeURIComponent('#a1b2c3,#FFFFFF')}`), ['a', 'b'], 'in');
  t.same(await labels(`filter[c.not_in]=${encodeURIComponent('#a1b2c3')}`), ['b'], 'not_in');
  t.same(await labels(`filter[accent.neq]=${encodeURIComponent('#ffffff')}`), ['b'], 'neq');
  t.equal((await call('GET', '/swatch?filter[c]=red')).status, 400, 'unparseable filter value');
  t.equal((await call('GET', '/swatch?filter[c.gt]=%23000000')).status, 400, 'operator the type does not support');

  // OpenAPI: the type's schemas appear in the app's document, which stays valid.
  const doc = await call('GET', '/_openapi.json');
  t.equal(doc.status, 200);
  t.ok(doc.body.components.schemas.Swatch.properties.c, 'record schema property');
  t.match(doc.body.components.schemas.Swatch.properties.c, { pattern: HEX_RE.source });
  t.match(doc.body.components.schemas.SwatchCreate.properties.accent, { pattern: HEX_RE.source });
  t.match(doc.body.components.schemas.SwatchUpdate.properties.accent, { pattern: HEX_RE.source });
  const params = doc.body.paths['/swatch'].get.parameters.map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref);
  t.ok(params.includes('filter[c]') && params.includes('filter[c.in]') && !params.includes('filter[c.gt]'), 'filter parameters follow the operators');
  t.equal((await new Validator().validate(doc.body)).valid, true, 'a valid OpenAPI 3.1 document');
});
