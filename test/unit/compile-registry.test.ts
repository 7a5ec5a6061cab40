// The compile step: definitions -> immutable Registry of CompiledEntity, built once per change.
import t from 'tap';
import { compileRegistry, type StoredEntity, type StoredRelation } from '../../core/compile/registry.js';
import { postgresDialect, sqliteDialect } from '../../core/db/dialects/index.js';
import type { EntityDef, RelationDef } from '../../core/metadata/types.js';

const log = { info() {}, warn() {}, error() {}, debug() {} };
const stamp = { created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' };
const post: EntityDef = {
  name: 'post', table: 'posts', soft_delete: true, primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'title', type: 'string', required: true },
    { name: 'views', type: 'int', default: 0 }, { name: 'state', type: 'string', enum: ['draft', 'live'] },
  ],
};
const comment: EntityDef = {
  name: 'comment', table: 'comments', soft_delete: false, primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'post_id', type: 'uuid' }, { name: 'body', type: 'text' }],
};
const comments: RelationDef = {
  name: 'post_comments', type: 'one_to_many', source: 'post', target: 'comment', source_key: 'id',
  target_key: 'post_id', ownership: 'source', fetch: 'lazy', write_mode: 'diff',
};
const stored = (defs: EntityDef[], rels: RelationDef[] = []) => ({
  entities: defs.map((d): StoredEntity => ({ name: d.name, table_name: d.table, definition: d, ...stamp })),
  relations: rels.map((r): StoredRelation => ({ name: r.name, source: r.source, target: r.target, definition: r, ...stamp })),
});

t.test('compiled entity', async (t) => {
  const registry = compileRegistry(postgresDialect, stored([post, comment], [comments]), 1, log);
  const e = registry.entity('post')!;
  t.equal(e.sql.byPk, 'SELECT "id", "title", "views", "state" FROM "posts" WHERE "id" = $1 AND "deleted_at" IS NULL LIMIT 1');
  t.same(e.decodeRow({ id: 'a', title: 't', views: 3, state: null }), { id: 'a', title: 't', views: 3, state: null, deleted_at: null });
  t.equal(e.serializeOne({ id: 'a', title: 't', views: 3, state: null, deleted_at: null }), '{"data":{"id":"a","title":"t","views":3,"state":null,"deleted_at":null}}');
  t.same(Object.keys((e.schemas.input as { properties: object }).properties), ['title', 'views', 'state'], 'generated PK is not input');
  t.ok(e.validator.relationKeys.has('post_comments') && e.validator.relationKeys.has('comments'), 'relation keys resolved at compile time');
  t.notOk(registry.entity('comment')!.validator.relationKeys.has('post'), 'reverse relations are not nested-write keys');
});

t.test('validators are compiled once and reused', async (t) => {
  const registry = compileRegistry(sqliteDialect, stored([post]), 1, log);
  const validator = registry.entity('post')!.validator;
  t.equal(registry.entity('post')!.validator, validator, 'the same validator object serves every request');
  const ok = validator.validateCreate({ title: 'x', views: '7' });
  t.same(ok, { ok: true, values: { title: 'x', views: 7 }, relations: [] }, 'defaults applied and values normalised');
  const bad = validator.validateCreate({ views: 'x', state: 'gone' });
  t.same(bad.ok ? [] : bad.details.map((d) => d.rule), ['type', 'required', 'enum']);
  const next = compileRegistry(sqliteDialect, stored([post]), 2, log);
  t.not(next.entity('post'), registry.entity('post'), 'a new snapshot compiles new objects');
  t.equal(registry.entity('post')!.validator, validator, 'the old snapshot is unchanged');
});

t.test('invalid stored metadata is skipped', async (t) => {
  const broken = { ...comment, name: 'broken', fields: [{ name: 'id', type: 'nonsense' }] } as EntityDef;
  const registry = compileRegistry(sqliteDialect, stored([post, broken], [{ ...comments, target: 'broken' }]), 1, log);
  t.ok(registry.entity('post'));
  t.notOk(registry.entity('broken'));
  t.same(registry.relations, [], 'relations to skipped entities are dropped');
});
