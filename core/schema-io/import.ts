// `POST /_admin/import` (schema-io.md §2): the sections of a parsed document in the order of §2.2,
// each item de-duplicated by its §2.3 key, then validated and written by the admin service of its
// kind — the same checks, messages and DDL as the admin endpoints — and committed on its own, so a
// failing item only adds its `errors` entry. Then the sample data (§2.5).
//
// Registry rebuilds are batched: the services defer theirs (AdminService.deferReload,
// MetadataAdmin.deferReloads) and the import rebuilds once after the entities and relations
// (§2.2 step 2; the relation checks already see the deferred entities) and once at the end (step
// 10), which is also when the other instances are told. 500 entities therefore cost 500 small
// transactions and two compilations, not 1,000 compilations of a growing registry.
import type { AuditActor } from '../audit/actor.js';
import { ensureFreshRegistry } from '../admin/fresh-registry.js';
import { MetadataAdmin, reloadRegistry } from '../admin/metadata-admin.js';
import { PermissionsAdmin } from '../admin/permissions-admin.js';
import { RulesAdmin } from '../admin/rules-admin.js';
import { StateMachinesAdmin } from '../admin/state-machines-admin.js';
import { WebhooksAdmin } from '../admin/webhooks-admin.js';
import { WorkflowsAdmin } from '../admin/workflows-admin.js';
import type { AdminService } from '../admin/admin-service.js';
import { AppError, errors } from '../errors.js';
import type { Logger } from '../logger.js';
import { isPlainObject } from '../metadata/names.js';
import { validatePolicy } from '../permissions/policy.js';
import type { AppContext } from '../platform/app-context.js';
import { validateRule } from '../rules/validate-rule.js';
import { validateStateMachine } from '../state-machines/validate.js';
import { validateWebhook } from '../webhooks/validate.js';
import { validateWorkflow } from '../workflows/validate.js';
import { emptySummary, SECTIONS, type ImportDocument, type Section, type Summary } from './document.js';
import { readSections, type SchemaSections } from './export.js';
import { itemLabel, KEYS, permissionItem, rawKey, ruleItem, stateMachineItem, webhookItem, workflowItem } from './items.js';
import { describeError, type ItemOutcome } from './outcomes.js';
import { importSampleData, type SampleResult } from './sample-data.js';
import { importUiConfig, validUiConfig } from './ui-configs.js';

type Item = Record<string, unknown>;

/** Where an import writes: the app itself, or a dry run's view of it inside one transaction. */
export interface ImportTarget {
  readonly ctx: AppContext;
  readonly log: Logger;
  /** The metadata-change notice to the other instances (a dry run tells nobody). */
  readonly announce: (app: string) => Promise<void>;
  /** Who imports (source `import`): the audit entries of sample rows, users and permissions. */
  readonly actor: AuditActor;
  /** Runs one item's writes (a dry run: under a savepoint, so a failed one leaves the transaction usable). */
  readonly item: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Keep each item's validated form in its outcome (the dry run compares them); costs a validation more per item. */
  readonly planning?: boolean;
}

export interface ImportRun {
  summary: Summary;
  errors: string[];
  /** Every item of every section, in document order. */
  sections: Record<Section, ItemOutcome[]>;
  sample: SampleResult;
  /** The sections as they were before the import (what skipped items were compared with). */
  before: SchemaSections;
}

/** How one section's items are checked and written. */
interface Handler {
  /** The validated item in export form (the key's defaults filled in), or the item's 4xx. */
  valid(raw: Item): Item;
  /** Whether validation can change the key (defaults, normal forms): then the validated key is checked too. */
  keyAfterValidation: boolean;
  write(raw: Item): Promise<void>;
}

const PROGRESS_EVERY = 100;

export async function runImport(target: ImportTarget, doc: ImportDocument): Promise<ImportRun> {
  const { ctx, log } = target;
  await ensureFreshRegistry(ctx, log, ctx.db);
  const before = await readSections(ctx, log);
  const started = Date.now();
  const audit = async () => target.actor;
  const deferred = <S extends AdminService>(s: S): S => Object.assign(s, { deferReload: true });
  const metadata = new MetadataAdmin(ctx, log, target.announce).deferReloads();
  const rules = deferred(new RulesAdmin(ctx, log, target.announce, audit));
  const machines = deferred(new StateMachinesAdmin(ctx, log, target.announce, audit));
  const workflows = deferred(new WorkflowsAdmin(ctx, log, target.announce, audit));
  const permissions = deferred(new PermissionsAdmin(ctx, log, target.announce, audit));
  const webhooks = deferred(new WebhooksAdmin(ctx, log, target.announce, audit));

  // Validators read `ctx.registry` when they run: it is rebuilt between the sections that need it.
  const handlers: Record<Section, Handler> = {
    entities: { valid: (raw) => ({ ...metadata.validEntity(raw) }), keyAfterValidation: false, write: async (raw) => void (await metadata.createEntity(raw)) },
    relations: { valid: (raw) => ({ ...metadata.validRelation(raw) }), keyAfterValidation: false, write: async (raw) => void (await metadata.createRelation(raw)) },
    rules: { valid: (raw) => ruleItem(validateRule(raw, ctx.registry)), keyAfterValidation: true, write: async (raw) => void (await rules.create(raw)) },
    state_machines: {
      valid: (raw) => stateMachineItem(validateStateMachine(raw, ctx.registry)), keyAfterValidation: false, write: async (raw) => void (await machines.create(raw)),
    },
    workflows: { valid: (raw) => workflowItem(validateWorkflow(raw)), keyAfterValidation: false, write: async (raw) => void (await workflows.create(raw)) },
    permissions: { valid: (raw) => permissionItem(validatePolicy(raw)), keyAfterValidation: true, write: async (raw) => void (await permissions.create(raw)) },
    webhooks: { valid: (raw) => webhookItem(validateWebhook(raw)), keyAfterValidation: true, write: async (raw) => void (await webhooks.create(raw)) },
    ui_configs: { valid: (raw) => validUiConfig(raw, ctx.registry), keyAfterValidation: true, write: (raw) => importUiConfig(ctx.db, raw, ctx.registry) },
  };

  const summary = emptySummary();
  const errorList: string[] = [];
  const sections = {} as Record<Section, ItemOutcome[]>;
  for (const section of SECTIONS) {
    const items = doc.sections[section];
    const keys = new Set(before[section].map((i) => KEYS[section](i)));
    const outcomes: ItemOutcome[] = (sections[section] = []);
    for (let index = 0; index < items.length; index++) {
      const outcome = await importItem(target, section, handlers[section], items[index], keys);
      outcomes.push(outcome);
      if (outcome.status === 'created' || outcome.status === 'replaced') summary[section]++;
      if (outcome.error) errorList.push(outcome.error);
      if ((index + 1) % PROGRESS_EVERY === 0) log.info({ section, done: index + 1, total: items.length, ms: Date.now() - started }, 'import: metadata items');
    }
    if (items.length > 0) log.info({ section, total: items.length, imported: summary[section], ms: Date.now() - started }, 'import: section done');
    // §2.2 step 2's rebuild, once entities and relations are in: the relation checks already see
    // the new entities (MetadataAdmin's deferred creates), the rules' related_load needs the relations.
    if (section === 'relations') await metadata.flush({ announce: false });
  }

  // §2.2 step 10: the registry and the other instances see everything at once.
  const changed = SECTIONS.some((s) => summary[s] > 0);
  if (changed) {
    await reloadRegistry(ctx, log);
    await target.announce(ctx.name);
  }

  const sample = await importSampleData(
    { db: ctx.db, registry: ctx.registry, sessions: ctx.sessions, actor: target.actor, log, now: new Date() },
    doc.sections.entities, doc.sections.relations, doc.sampleData,
  );
  summary.records = sample.records;
  for (const o of sample.outcomes) errorList.push(...o.errors);
  if (doc.sampleData.length > 0) log.info({ records: sample.records, ms: Date.now() - started }, 'import: sample data done');
  return { summary, errors: errorList, sections, sample, before };
}

/** One item: skipped when its key is present (before or earlier in this import), else validated and written. */
async function importItem(target: ImportTarget, section: Section, handler: Handler, raw: unknown, keys: Set<string>): Promise<ItemOutcome> {
  const label = itemLabel(section, raw);
  const failed = (message: string): ItemOutcome => ({ status: 'failed', label, error: `${label}: ${message}` });
  if (!isPlainObject(raw)) return failed(errors.importItemNotObject().message);
  const upsert = section === 'ui_configs';
  // The validated form, computed at most once (only for the plan unless the key needs it).
  let validated: Item | undefined;
  const item = () => (target.planning ? (validated ??= validOrRaw(handler, raw)) : undefined);
  let key = rawKey(section, raw);
  if (key !== undefined && keys.has(key) && !upsert) return { status: 'skipped', label, key, item: item() };
  try {
    return await target.item(async () => {
      if (handler.keyAfterValidation) {
        validated = handler.valid(raw);
        key = KEYS[section](validated);
        if (keys.has(key) && !upsert) return { status: 'skipped', label, key, item: item() } satisfies ItemOutcome;
      }
      const existed = key !== undefined && keys.has(key);
      const planned = item(); // against the registry the write is checked with
      await handler.write(raw);
      if (key !== undefined) keys.add(key);
      return { status: upsert && existed ? 'replaced' : 'created', label, key, item: planned } satisfies ItemOutcome;
    });
  } catch (err) {
    if (err instanceof AppError) return failed(describeError(err));
    target.log.error({ err, section, item: label }, 'import: an item failed unexpectedly');
    return failed(errors.internal().message);
  }
}

/** The validated form of an item for the plan's comparisons; the item as sent when it does not validate. */
function validOrRaw(handler: Handler, raw: Item): Item {
  try {
    return handler.valid(raw);
  } catch {
    return raw;
  }
}
