// One item of each section in the form the export writes (schema-io.md §1.1) — the stored row
// without its id, timestamps or secret — and the de-duplication key of §2.3 that the import
// compares. Every item the import compares goes through these functions, whether it was read
// from the database or validated from a document, so a stored item and its re-imported copy
// always produce the same key.
import type { RuleInput } from '../rules/types.js';
import type { StateMachineInput } from '../state-machines/types.js';
import type { WorkflowInput } from '../workflows/types.js';
import type { PolicyInput } from '../permissions/policy.js';
import type { WebhookInput } from '../webhooks/types.js';
import { isPlainObject } from '../metadata/names.js';
import type { Section } from './document.js';

type Item = Record<string, unknown>;

/** JSON with object keys sorted recursively and no whitespace (§2.3 "canonical JSON"). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const ruleItem = (r: RuleInput): Item =>
  ({ entity: r.entity, hook: r.hook, type: r.type, definition: r.definition, priority: r.priority, active: r.active });

export const stateMachineItem = (m: StateMachineInput): Item =>
  ({ entity: m.entity, field: m.field, definition: m.definition, active: m.active });

export const workflowItem = (w: WorkflowInput): Item =>
  ({ name: w.name, trigger: w.trigger, context: w.context, steps: w.steps, active: w.active });

export const permissionItem = (p: PolicyInput): Item =>
  ({ entity: p.entity, action: p.action, roles: p.roles, conditions: p.conditions });

/** No secret: a signing secret is write-only and never leaves the server (§1.1 "no secrets"). */
export const webhookItem = (w: Omit<WebhookInput, 'secret'>): Item => ({
  entity: w.entity, hook: w.hook, url: w.url, method: w.method, headers: w.headers, condition: w.condition,
  async: w.async, retry: w.retry, active: w.active,
});

export const uiConfigItem = (c: { entity: string; scope: string; config: Record<string, unknown> }): Item =>
  ({ entity: c.entity, scope: c.scope, config: c.config });

const key = (...parts: unknown[]): string => JSON.stringify(parts);
const sortedRoles = (roles: unknown): unknown => (Array.isArray(roles) ? [...roles].map(String).sort() : roles);

/** §2.3's key of an item in export form (or of a validated input, which has the same fields). */
export const KEYS: Readonly<Record<Section, (item: Item) => string>> = {
  entities: (i) => key(i.name),
  relations: (i) => key(i.name),
  rules: (i) => key(i.entity, i.hook, i.type, canonicalJson(i.definition)),
  state_machines: (i) => key(i.entity, i.field),
  workflows: (i) => key(i.name),
  permissions: (i) => key(i.entity, i.action, sortedRoles(i.roles), canonicalJson(i.conditions ?? [])),
  webhooks: (i) => key(i.entity, i.hook, i.url),
  ui_configs: (i) => key(i.entity, i.scope),
};

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * The key of a document item as sent, with the defaults its validator would fill in for the key's
 * own properties, or undefined when the properties are not there in a comparable form (then the
 * validated form decides). Lets an item that is already present be skipped before it is validated
 * (§2.2 "dedup, validate, insert").
 */
export function rawKey(section: Section, raw: Item): string | undefined {
  switch (section) {
    case 'entities':
    case 'relations':
    case 'workflows':
      return str(raw.name) ? KEYS[section](raw) : undefined;
    case 'state_machines':
      return str(raw.entity) && str(raw.field) ? KEYS.state_machines(raw) : undefined;
    case 'rules':
      if (!str(raw.entity) || !str(raw.type) || !isPlainObject(raw.definition)) return undefined;
      return KEYS.rules({ ...raw, hook: raw.hook ?? 'before_write' });
    case 'permissions':
      if (!str(raw.entity) || !str(raw.action)) return undefined;
      return KEYS.permissions({ ...raw, roles: raw.roles ?? [], conditions: raw.conditions ?? [] });
    case 'webhooks':
      return str(raw.entity) && str(raw.url) ? KEYS.webhooks({ ...raw, hook: raw.hook ?? 'after_write' }) : undefined;
    case 'ui_configs':
      return str(raw.entity) ? KEYS.ui_configs({ ...raw, scope: str(raw.scope) ? raw.scope : 'default' }) : undefined;
  }
}

/** The item's name in an `errors` entry (§2.4): `rule book/field`, `webhook book/after_write/https://…`. */
export function itemLabel(section: Section, raw: unknown): string {
  const i = isPlainObject(raw) ? raw : {};
  const s = (v: unknown, fallback = '') => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : JSON.stringify(v));
  switch (section) {
    case 'entities': return `entity ${s(i.name)}`;
    case 'relations': return `relation ${s(i.name)}`;
    case 'rules': return `rule ${s(i.entity)}/${s(i.type)}`;
    case 'state_machines': return `state_machine ${s(i.entity)}/${s(i.field)}`;
    case 'workflows': return `workflow ${s(i.name)}`;
    case 'permissions': return `permission ${s(i.entity)}/${s(i.action)}`;
    case 'webhooks': return `webhook ${s(i.entity)}/${s(i.hook, 'after_write')}/${s(i.url)}`;
    case 'ui_configs': return `ui_config ${s(i.entity)}/${s(i.scope, 'default') || 'default'}`;
  }
}
