// `include=` parsing (rest-api.md §10.1) into a tree of resolved relations, and the merge of eager
// relations (§10.5). Trees are immutable and cached per registry snapshot and include text, so a
// repeated include string costs one Map lookup.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { StorageKind } from '../db/types.js';
import { errors } from '../errors.js';
import type { RelationDef } from '../metadata/types.js';

export const MAX_INCLUDE_DEPTH = 3;

export interface IncludeNode {
  /** The include token as written: the key attached to each parent record. */
  readonly key: string;
  readonly relation: RelationDef;
  readonly direction: 'forward' | 'reverse';
  /** Entity of the included records (target when forward, source when reverse). */
  readonly entity: CompiledEntity;
  /** Array (`[]` when none) or a single record / null (rest-api.md §10.3). */
  readonly toMany: boolean;
  readonly children: IncludeTree;
  /** Everything the loading SQL depends on besides row filters; part of its cache key. */
  readonly sqlKey: string;
}

export type IncludeTree = readonly IncludeNode[];

export const EMPTY_INCLUDES: IncludeTree = Object.freeze([]);

interface Draft {
  key: string;
  relation: RelationDef;
  direction: 'forward' | 'reverse';
  entity: CompiledEntity;
  /** Storage of the parent-side key: the list parameter's element type depends on it. */
  parentKeyKind: StorageKind;
  children: Draft[];
}

function isToMany(relation: RelationDef, direction: 'forward' | 'reverse'): boolean {
  if (relation.type === 'many_to_many') return true;
  return direction === 'forward' && relation.type === 'one_to_many';
}

function freeze(drafts: Draft[]): IncludeTree {
  if (drafts.length === 0) return EMPTY_INCLUDES;
  return Object.freeze(drafts.map((d): IncludeNode => {
    const r = d.relation;
    return Object.freeze({
      key: d.key,
      relation: r,
      direction: d.direction,
      entity: d.entity,
      toMany: isToMany(r, d.direction),
      children: freeze(d.children),
      sqlKey: `inc:${d.direction}:${r.type}:${r.name}:${r.source_key}:${r.target_key ?? ''}:` +
        `${r.join_table ?? ''}:${r.source_join_key ?? ''}:${r.target_join_key ?? ''}:${d.parentKeyKind}`,
    });
  }));
}

/** The parent-side key field whose values select the included rows. */
export function parentKeyFieldName(parent: CompiledEntity, relation: RelationDef, direction: 'forward' | 'reverse'): string {
  if (direction === 'forward') return relation.source_key || parent.pk.name;
  return relation.type === 'many_to_many' ? parent.pk.name : relation.target_key!;
}

function resolveDraft(registry: Registry, parent: CompiledEntity, token: string): Draft | undefined {
  const hit = registry.resolveRelation(parent.name, token);
  if (!hit) return undefined;
  const entity = registry.entity(hit.direction === 'forward' ? hit.relation.target : hit.relation.source);
  if (!entity) return undefined;
  const parentKey = parent.fieldMap.get(parentKeyFieldName(parent, hit.relation, hit.direction));
  if (!parentKey) return undefined;
  return { key: token, relation: hit.relation, direction: hit.direction, entity, parentKeyKind: parentKey.storage.kind, children: [] };
}

function buildTree(entity: CompiledEntity, registry: Registry, text: string): IncludeTree {
  const roots: Draft[] = [];
  for (const item of text.split(',')) {
    const path = item.trim();
    if (path === '') continue;
    const tokens = path.split('.');
    if (tokens.length > MAX_INCLUDE_DEPTH) throw errors.includeTooDeep(MAX_INCLUDE_DEPTH, path);
    let level = roots;
    let current = entity;
    for (const token of tokens) {
      let node = level.find((d) => d.key === token);
      if (!node) {
        node = resolveDraft(registry, current, token);
        if (!node) throw errors.unknownInclude(path);
        level.push(node);
      }
      level = node.children;
      current = node.entity;
    }
  }
  return freeze(roots);
}

const MAX_CACHED_TREES = 1000;
const treeCache = new WeakMap<Registry, Map<string, IncludeTree>>();

/**
 * Parses `include` (repeated keys joined with `,`) for `entity`. Throws the documented 400s:
 * `UNKNOWN_FIELD "Unknown include: <path>"`, `INVALID_PAYLOAD "Include depth exceeds 3: <path>"`.
 */
export function parseIncludes(entity: CompiledEntity, registry: Registry, text: string | readonly string[] | undefined): IncludeTree {
  if (text === undefined) return EMPTY_INCLUDES;
  const joined = typeof text === 'string' ? text : text.join(',');
  if (joined === '') return EMPTY_INCLUDES;
  let cache = treeCache.get(registry);
  if (!cache) {
    cache = new Map();
    treeCache.set(registry, cache);
  }
  const key = `${entity.name}\u0000${joined}`;
  let tree = cache.get(key);
  if (tree === undefined) {
    tree = buildTree(entity, registry, joined);
    if (cache.size >= MAX_CACHED_TREES) cache.clear();
    cache.set(key, tree);
  }
  return tree;
}

const eagerCache = new WeakMap<Registry, Map<string, IncludeTree>>();
const mergedCache = new WeakMap<IncludeTree, IncludeTree>();

/** Eager relations of `entity` (fetch: eager, source = entity), keyed by relation name. */
export function eagerIncludes(registry: Registry, entity: CompiledEntity): IncludeTree {
  let cache = eagerCache.get(registry);
  if (!cache) {
    cache = new Map();
    eagerCache.set(registry, cache);
  }
  let tree = cache.get(entity.name);
  if (tree === undefined) {
    const drafts: Draft[] = [];
    for (const r of registry.relations) {
      if (r.fetch !== 'eager' || r.source !== entity.name) continue;
      const target = registry.entity(r.target);
      const parentKey = entity.fieldMap.get(parentKeyFieldName(entity, r, 'forward'));
      if (!target || !parentKey) continue;
      drafts.push({ key: r.name, relation: r, direction: 'forward', entity: target, parentKeyKind: parentKey.storage.kind, children: [] });
    }
    tree = freeze(drafts);
    cache.set(entity.name, tree);
  }
  return tree;
}

/**
 * The requested includes followed by the eager relations of `entity` (top level only). An eager
 * relation is not repeated when a requested include already has its key or already loads the same
 * relation forward (e.g. `include=tags` resolving to the eager `post_tags`).
 */
export function withEagerIncludes(registry: Registry, entity: CompiledEntity, requested: IncludeTree): IncludeTree {
  const eager = eagerIncludes(registry, entity);
  if (eager.length === 0) return requested;
  if (requested.length === 0) return eager;
  let merged = mergedCache.get(requested);
  if (merged === undefined) {
    const extra = eager.filter((e) => !requested.some((n) => n.key === e.key || (n.relation === e.relation && n.direction === 'forward')));
    merged = extra.length === 0 ? requested : Object.freeze([...requested, ...extra]);
    mergedCache.set(requested, merged);
  }
  return merged;
}

/** Names of every entity whose records the tree loads (for the include read-permission check). */
export function includedEntityNames(tree: IncludeTree, out: Set<string> = new Set()): Set<string> {
  for (const node of tree) {
    out.add(node.entity.name);
    includedEntityNames(node.children, out);
  }
  return out;
}
