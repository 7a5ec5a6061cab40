// Memoises the OpenAPI document per Registry snapshot: a Registry is immutable and replaced on
// every metadata change, so a WeakMap keyed by it regenerates exactly when metadata changes and
// lets old documents be collected with their snapshot.
import type { Registry } from '../compile/registry.js';
import { generateOpenApi, type OpenApiOptions } from './generate.js';

export interface OpenApiDocument {
  /** The document, deep-frozen (shared by every caller). */
  readonly document: Readonly<Record<string, unknown>>;
  /** `JSON.stringify(document)`, ready to send. */
  readonly json: string;
}

const cache = new WeakMap<Registry, Map<string, OpenApiDocument>>();
/** Documents kept per snapshot: one per server URL (host names a client used), the oldest
 * dropped beyond this, so requests with made-up Host headers cannot grow the cache. */
const PER_REGISTRY = 8;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function openApiFor(registry: Registry, opts: OpenApiOptions): OpenApiDocument {
  let perOptions = cache.get(registry);
  if (!perOptions) {
    perOptions = new Map();
    cache.set(registry, perOptions);
  }
  const key = JSON.stringify([opts.app, opts.basePath ?? null, opts.title ?? null, opts.version ?? null]);
  let hit = perOptions.get(key);
  if (!hit) {
    const document = deepFreeze(generateOpenApi(registry, opts));
    hit = Object.freeze({ document, json: JSON.stringify(document) });
    if (perOptions.size >= PER_REGISTRY) perOptions.delete(perOptions.keys().next().value!);
    perOptions.set(key, hit);
  }
  return hit;
}
