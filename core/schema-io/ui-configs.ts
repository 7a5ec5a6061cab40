// The `ui_configs` section of export and import (schema-io.md §1.1, §2.2 step 9), over the UI
// configuration store and its validation (core/ui-configs/), which the admin API of §3 uses too.
// Kept apart so the schema-io modules name the UI-config module in one place only.
import type { Registry } from '../compile/registry.js';
import type { Database } from '../db/types.js';
import { listUiConfigs, upsertUiConfig } from '../ui-configs/store.js';
import { validateUiConfig } from '../ui-configs/validate.js';
import { uiConfigItem } from './items.js';

type Item = Record<string, unknown>;

/** `{entity, scope, config}` of every config, by entity, scope. */
export async function exportUiConfigs(db: Database): Promise<Item[]> {
  return (await listUiConfigs(db)).map(uiConfigItem);
}

/** The config as it would be stored (the admin API's checks, the 409 aside: import upserts). */
export function validUiConfig(raw: unknown, registry: Registry): Item {
  return uiConfigItem(validateUiConfig(raw, registry));
}

/** Creates the config of (entity, scope) or replaces its `config` (§2.3: upserted, always counted). */
export async function importUiConfig(db: Database, raw: unknown, registry: Registry): Promise<void> {
  await upsertUiConfig(db, validateUiConfig(raw, registry));
}
