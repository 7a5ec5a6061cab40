// `GET /_admin/export` (schema-io.md §1): every metadata section of an app as one SchemaDocument —
// full definitions, no ids, timestamps or webhook secrets — read through the admin services, so it
// is exactly what their list endpoints hold. The import reads the same sections (before it
// writes) to know which keys are already present, and the dry run to compare them.
import type { AuditActor } from '../audit/actor.js';
import { ensureFreshRegistry } from '../admin/fresh-registry.js';
import { PermissionsAdmin } from '../admin/permissions-admin.js';
import { RulesAdmin } from '../admin/rules-admin.js';
import { StateMachinesAdmin } from '../admin/state-machines-admin.js';
import { WebhooksAdmin } from '../admin/webhooks-admin.js';
import { WorkflowsAdmin } from '../admin/workflows-admin.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { SCHEMA_VERSION, type Section } from './document.js';
import { permissionItem, ruleItem, stateMachineItem, webhookItem, workflowItem } from './items.js';
import { exportUiConfigs } from './ui-configs.js';

type Item = Record<string, unknown>;

export type SchemaSections = Record<Section, Item[]>;
export type SchemaDocument = { version: typeof SCHEMA_VERSION; exported_at: string } & SchemaSections;

/** Code-unit order, the same on every database whatever its collation. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A stable sort by the given string properties (ties keep the order the query gave: created_at). */
function sortBy(items: Item[], ...props: string[]): Item[] {
  return items.sort((a, b) => {
    for (const p of props) {
      const c = compare(String(a[p]), String(b[p]));
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** The sections in §1.1's order; `ctx` may be a dry run's view of the app (core/schema-io/dry-run.ts). */
export async function readSections(ctx: AppContext, log: Logger): Promise<SchemaSections> {
  const registry = await ensureFreshRegistry(ctx, log, ctx.db);
  const none = async () => {};
  const service = <T>(S: new (c: AppContext, l: Logger, a: (app: string) => Promise<void>, audit?: () => Promise<AuditActor>) => T) => new S(ctx, log, none);
  return {
    entities: sortBy(registry.stored.entities.map((e) => ({ ...e.definition })), 'name'),
    relations: sortBy(registry.stored.relations.map((r) => ({ ...r.definition })), 'name'),
    // Already by entity, priority, created_at (the list's SQL order).
    rules: (await service(RulesAdmin).list()).map(ruleItem),
    state_machines: sortBy((await service(StateMachinesAdmin).list()).map(stateMachineItem), 'entity', 'field'),
    workflows: sortBy((await service(WorkflowsAdmin).list()).map(workflowItem), 'name'),
    // Already by entity, action, created_at.
    permissions: (await service(PermissionsAdmin).list()).map(permissionItem),
    // The admin list never carries a secret, and the item form has no place for one (§1.1).
    webhooks: sortBy((await service(WebhooksAdmin).list()).map(webhookItem), 'entity', 'hook', 'url'),
    ui_configs: await exportUiConfigs(ctx.db),
  };
}

export async function exportSchema(ctx: AppContext, log: Logger): Promise<SchemaDocument> {
  return { version: SCHEMA_VERSION, exported_at: new Date().toISOString(), ...(await readSections(ctx, log)) };
}
