// Per-entity cache of generated SQL text, keyed by query shape. Keyed on the CompiledEntity object
// (a WeakMap), so a registry rebuild — which compiles new entity objects — starts a fresh cache and
// two apps with an entity of the same name never share text.
import type { CompiledEntity } from '../compile/compiled-entity.js';

/** Shapes are bounded by metadata, but a client can combine filters freely: cap each entity's map. */
const MAX_SHAPES_PER_ENTITY = 1000;

const caches = new WeakMap<CompiledEntity, Map<string, string>>();

export function cachedSql(entity: CompiledEntity, key: string): string | undefined {
  return caches.get(entity)?.get(key);
}

export function storeSql(entity: CompiledEntity, key: string, sql: string): string {
  let map = caches.get(entity);
  if (!map) {
    map = new Map();
    caches.set(entity, map);
  } else if (map.size >= MAX_SHAPES_PER_ENTITY) {
    map.clear();
  }
  map.set(key, sql);
  return sql;
}
