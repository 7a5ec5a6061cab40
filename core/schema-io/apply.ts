// Metadata as code (beyond the spec; issue 20 §2): a host applies a schema document to an app from
// its own code at start-up, the way teams keep their schema in git —
//   await platform.app('shop').apply(document, { create: true })
// — through the same import as POST /_admin/import: the same validation, and the same
// de-duplication, so applying an unchanged document again changes nothing (and says so: zeros).
import { auditActor, type AuditActor } from '../audit/actor.js';
import { auditSettings } from '../audit/settings.js';
import { errors } from '../errors.js';
import type { Platform } from '../platform/platform.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { parseDocument, type ImportDocument, type Summary } from './document.js';
import { planImport } from './dry-run.js';
import { runImport } from './import.js';
import type { ImportPlan } from './plan.js';

export interface ApplyOptions {
  /** Create the app (with these options of POST /api/_platform/apps) when it does not exist. */
  create?: boolean | { db_driver?: 'sqlite' | 'postgres'; admin_email?: string; admin_password?: string };
  /** Validate and plan only (the import's dry run): nothing is written. */
  dryRun?: boolean;
}

export interface ApplyResult {
  /** What was newly created (zeros when the app already matched the document). */
  summary: Summary;
  /** One line per item that could not be applied (as the import's `errors`). */
  errors: string[];
}

export interface AppHandle {
  apply(document: unknown, options?: ApplyOptions & { dryRun?: false }): Promise<ApplyResult>;
  apply(document: unknown, options: ApplyOptions & { dryRun: true }): Promise<ImportPlan>;
}

/** The app `name`, created first when it does not exist and `create` says so; APP_NOT_FOUND otherwise. */
export async function ensureApp(platform: Platform, name: string, create: ApplyOptions['create']) {
  let ctx = await platform.apps.resolve(name);
  if (!ctx && create) {
    await platform.apps.create({ name, ...(typeof create === 'object' ? create : {}) });
    ctx = await platform.apps.resolve(name);
  }
  if (!ctx) throw errors.appNotFound(name);
  return ctx;
}

/** An import into `ctx`, with its notice to the other instances: the admin route's and `apply`'s. */
export async function importDocument(platform: Platform, ctx: AppContext, log: Logger, actor: AuditActor, doc: ImportDocument): Promise<ApplyResult> {
  const run = await runImport({ ctx, log, actor, announce: (app) => platform.metadataChanged(app), item: (fn) => fn() }, doc);
  return { summary: run.summary, errors: run.errors };
}

class App implements AppHandle {
  constructor(private readonly platform: Platform, private readonly name: string) {}

  apply(document: unknown, options?: ApplyOptions & { dryRun?: false }): Promise<ApplyResult>;
  apply(document: unknown, options: ApplyOptions & { dryRun: true }): Promise<ImportPlan>;
  async apply(document: unknown, options: ApplyOptions = {}): Promise<ApplyResult | ImportPlan> {
    const doc = parseDocument(document);
    const ctx = await ensureApp(this.platform, this.name, options.create);
    const actor = auditActor(auditSettings(this.platform.config.audit), { source: 'import' });
    if (options.dryRun) return planImport(ctx, this.platform.log, actor, doc);
    return importDocument(this.platform, ctx, this.platform.log, actor, doc);
  }
}

export function appHandle(platform: Platform, name: string): AppHandle {
  return new App(platform, name);
}
