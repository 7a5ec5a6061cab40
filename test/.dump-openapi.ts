// Unit tests for the OpenAPI 3.1 document generated from a compiled registry (core/openapi):
// validity against the OpenAPI 3.1 schema, component schemas valid JSON Schema 2020-12, the five
// operations per entity with their parameters, naming of components, snapshot, and the cache.

import { compileRegistry, type Registry, type StoredEntity, type StoredRelation } from '/work/main/core/compile/registry.js';
import { sqliteDialect } from '/work/main/core/db/dialects/index.js';
import { validateEntity } from '/work/main/core/metadata/validate-entity.js';
import { validateRelation } from '/work/main/core/metadata/validate-relation.js';
import type { EntityDef } from '/work/main/core/metadata/types.js';
import { generateOpenApi } from '/work/main/core/openapi/generate.js';
import { openApiFor } from '/work/main/core/openapi/cache.js';
import { assignPascalNames, pascalCase } from '/work/main/core/openapi/names.js';

type Json = Record<string, any>;
/** The assertions the helpers below use (a tap subtest satisfies it). */
type T = Pick<typeof t, 'equal' | 'comment' | 'doesNotThrow'>;

// Entities and relations from shared/examples/content-management.json.
const ENTITIES: Json[] = [
  {
    name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: false,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'email', type: 'string', required: true, unique: true },
      { name: 'bio', type: 'text' },
      { name: 'avatar', type: 'file' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
    ],
  },
  {
    name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'uuid', generated: true },
    slug: { field: 'slug', source: 'name' }, soft_delete: false,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true, unique: true },
      { name: 'slug', type: 'string', required: true, unique: true },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'post', table: 'posts', primary_key: { field: 'id', type: 'uuid', generated: true },
    slug: { field: 'slug', source: 'title' }, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'title', type: 'string', required: true },
      { name: 'slug', type: 'string', required: true, unique: true },
      { name: 'excerpt', type: 'text' },
      { name: 'body', type: 'text', required: true },
      { name: 'status', type: 'string', default: 'draft' },
      { name: 'featured_image', type: 'file' },
      { name: 'author_id', type: 'uuid', required: true },
      { name: 'category_id', type: 'uuid' },
      { name: 'published_at', type: 'timestamp' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
      { name: 'deleted_at', type: 'timestamp' },
    ],
  },
  {
    name: 'comment', table: 'comments', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'post_id', type: 'uuid', required: true },
      { name: 'author_name', type: 'string', required: true },
      { name: 'author_email', type: 'string', required: true },
      { name: 'body', type: 'text', required: true },
      { name: 'status', type: 'string', enum: ['pending', 'approved', 'spam'], default: 'pending' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'deleted_at', type: 'timestamp' },
    ],
  },
];

const RELATIONS: Json[] = [
  { name: 'post_author', type: 'one_to_many', source: 'author', target: 'post', source_key: 'id', target_key: 'author_id', ownership: 'source', on_delete: 'restrict' },
  { name: 'post_tags', type: 'many_to_many', source: 'post', target: 'tag', source_key: 'id', target_key: 'id', join_table: 'post_tags', source_join_key: 'post_id', target_join_key: 'tag_id', ownership: 'source', on_delete: 'detach' },
  { name: 'post_comments', type: 'one_to_many', source: 'post', target: 'comment', source_key: 'id', target_key: 'post_id', ownership: 'source', on_delete: 'cascade' },
];

const noopLogger = { info() {}, warn() {}, error() {}, debug() {} };
const STAMP = '2025-03-01T00:00:00.000Z';

/** Normalises the definitions through the metadata validators, then compiles a registry. */
function buildRegistry(entities: Json[], relations: Json[], version = 7): Registry {
  const joinTables = new Set(relations.filter((r) => r.join_table).map((r) => r.join_table as string));
  const defs = new Map<string, EntityDef>();
  for (const input of entities) {
    const r = validateEntity(input, { joinTables });
    if (!r.ok) throw new Error(`${input.name}: ${JSON.stringify(r.problems)}`);
    defs.set(r.definition.name, r.definition);
  }
  const entityTables = new Set([...defs.values()].map((d) => d.table));
  const storedEntities: StoredEntity[] = [...defs.values()].map((definition) => ({
    name: definition.name, table_name: definition.table, definition, created_at: STAMP, updated_at: STAMP,
  }));
  const storedRelations: StoredRelation[] = relations.map((input) => {
    const r = validateRelation(input, { entities: defs, entityTables });
    if (!r.ok) throw new Error(`${input.name}: ${JSON.stringify(r.problems)}`);
    const d = r.definition;
    return { name: d.name, source: d.source, target: d.target, definition: d, created_at: STAMP, updated_at: STAMP };
  });
  return compileRegistry(sqliteDialect, { entities: storedEntities, relations: storedRelations }, version, noopLogger);
}


const doc = generateOpenApi(buildRegistry(ENTITIES, RELATIONS), { app: 'blog' }) as Json;
const s = doc.components.schemas;
for (const n of process.argv.slice(2)) console.log(n, JSON.stringify(s[n] ?? doc.paths[n], null, 1));
console.log(Object.keys(s).join(' '));
if (process.env.DTS) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  (await import('node:fs')).writeFileSync('/tmp/api.d.ts', astToString(await openapiTS(doc as any)));
}
