// The UI-config admin operations of schema-io.md §3: CRUD on `_ui_configs` (core/ui-configs/).
//
// (entity, scope) is unique: a query answers the 409 in the common case, and the unique index
// answers it for writes racing past that query, so concurrent POSTs of one pair give exactly one
// 201. The entity check runs against the app's current registry (ensureFreshRegistry), so an entity
// created on another instance a moment ago is already known here.
//
// UI configs are not compiled into the registry (every read goes to the table), so a change needs
// no metadata-version bump and no reload; the notice to the other instances of
// platform-and-apps.md §8.1 is still sent after every successful write, as the spec lists it.
import { ensureFreshRegistry } from './fresh-registry.js';
import { errors } from '../errors.js';
import {
  deleteUiConfig, findUiConfig, insertUiConfig, listUiConfigs, readUiConfig, updateUiConfig, type UiConfig,
} from '../ui-configs/store.js';
import { validateUiConfig, type UiConfigInput } from '../ui-configs/validate.js';
import { AdminService } from './admin-service.js';

export class UiConfigsAdmin extends AdminService {
  private async validate(body: unknown): Promise<UiConfigInput> {
    return validateUiConfig(body, await ensureFreshRegistry(this.ctx, this.log));
  }

  /** 409 when another config (not `exceptId`) already has the input's (entity, scope). */
  private async checkFree(input: UiConfigInput, exceptId?: string): Promise<void> {
    const existing = await findUiConfig(this.db, input.entity, input.scope);
    if (existing && existing.id !== exceptId) throw errors.uiConfigExists(input.entity, input.scope);
  }

  private guardUnique<T>(input: UiConfigInput, write: () => Promise<T>): Promise<T> {
    return this.unlessTaken(() => errors.uiConfigExists(input.entity, input.scope), write);
  }

  /** Every config by entity, scope; there is no `?entity=` filter. */
  async list(): Promise<UiConfig[]> {
    return listUiConfigs(this.db);
  }

  async get(id: string): Promise<UiConfig> {
    const config = await readUiConfig(this.db, id);
    if (!config) throw errors.uiConfigNotFound(id);
    return config;
  }

  async create(body: unknown): Promise<UiConfig> {
    const input = await this.validate(body);
    await this.checkFree(input);
    const created = await this.guardUnique(input, () => insertUiConfig(this.db, input));
    await this.announceChange();
    return created;
  }

  /** Full replacement (absent scope → "default", config → {}); an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<UiConfig> {
    const current = await this.get(id);
    const input = await this.validate(body);
    await this.checkFree(input, current.id);
    const updated = await this.guardUnique(input, () => updateUiConfig(this.db, current.id, input));
    if (!updated) throw errors.uiConfigNotFound(id); // deleted concurrently
    await this.announceChange();
    return updated;
  }

  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!(await deleteUiConfig(this.db, id))) throw errors.uiConfigNotFound(id);
    await this.announceChange();
    return { id: id.toLowerCase(), deleted: true };
  }
}
