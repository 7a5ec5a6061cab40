// Relation-name resolution for include tokens and nested-write keys (metadata.md §8.5): four
// rules, first match wins; direction is forward when the relation's source is the entity.

import type { RelationDef } from './types.js';

export interface ResolvedRelation {
  relation: RelationDef;
  direction: 'forward' | 'reverse';
}

/** Code-unit order, not locale order, so "sorts first" is the same on every machine. */
function firstByName(candidates: RelationDef[]): RelationDef | undefined {
  let best: RelationDef | undefined;
  for (const r of candidates) if (best === undefined || r.name < best.name) best = r;
  return best;
}

export function resolveRelationToken(token: string, entityName: string, relations: readonly RelationDef[]): ResolvedRelation | undefined {
  const touches = (r: RelationDef) => r.source === entityName || r.target === entityName;
  const relation =
    // 1. a relation named `token` attached to the entity
    relations.find((r) => r.name === token && touches(r)) ??
    // 2. forward by target entity name
    firstByName(relations.filter((r) => r.source === entityName && r.target === token)) ??
    // 3. reverse by source entity name
    firstByName(relations.filter((r) => r.target === entityName && r.source === token)) ??
    // 4. `<entity>_<token>` (so `tags` on `post` finds `post_tags`)
    relations.find((r) => r.name === `${entityName}_${token}` && touches(r));
  if (!relation) return undefined;
  // A self relation (source = target = entity) is forward.
  return { relation, direction: relation.source === entityName ? 'forward' : 'reverse' };
}
