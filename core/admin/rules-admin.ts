// The rules admin operations of logic.md §1.8: CRUD on `_rules`, validated against the app's
// current registry, then — after every successful write — a rebuilt registry (the change applies
// to the next request) and a notice to the other instances, exactly like metadata changes.
import { errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { textProblem } from '../text.js';
import { decodeRuleRow, RULE_COLUMNS, rulesSql } from '../rules/stored-row.js';
import type { RuleInput, StoredRule } from '../rules/types.js';
import { validateRule } from '../rules/validate-rule.js';
import { AdminService } from './admin-service.js';

export class RulesAdmin extends AdminService {
  private decode(row: Record<string, unknown> | undefined, id: string): StoredRule {
    if (!row) throw errors.ruleNotFound(id);
    return decodeRuleRow(this.db.dialect, row);
  }

  private params(input: RuleInput): unknown[] {
    const d = this.db.dialect;
    return [input.entity, input.hook, input.type, d.encodeJson(input.definition), input.priority, d.encodeBool(input.active)];
  }

  /** Every rule, or one entity's (`?entity=`), by entity, priority, created_at. */
  async list(entity?: unknown): Promise<StoredRule[]> {
    const byEntity = typeof entity === 'string';
    // No entity name holds text the database cannot take (core/text.ts): nothing to list.
    if (byEntity && textProblem(entity)) return [];
    const rows = await this.db.query<Record<string, unknown>>(rulesSql(this.db.dialect, byEntity), byEntity ? [entity] : []);
    return rows.map((r) => decodeRuleRow(this.db.dialect, r));
  }

  async get(id: string): Promise<StoredRule> {
    // Ids that are not UUIDs are "not found" without a query.
    if (!isUuid(id)) throw errors.ruleNotFound(id);
    const [row] = await this.db.query<Record<string, unknown>>(`SELECT ${RULE_COLUMNS} FROM _rules WHERE id = $1`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  async create(body: unknown): Promise<StoredRule> {
    const input = validateRule(body, this.ctx.registry);
    const now = new Date().toISOString();
    const [row] = await this.db.query<Record<string, unknown>>(
      `INSERT INTO _rules (${RULE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${RULE_COLUMNS}`,
      [newId(), ...this.params(input), now],
    );
    await this.changed();
    return this.decode(row, '');
  }

  /** Full replacement (absent priority → 0, active → true); an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<StoredRule> {
    const current = await this.get(id);
    const input = validateRule(body, this.ctx.registry);
    const [row] = await this.db.query<Record<string, unknown>>(
      `UPDATE _rules SET entity = $1, hook = $2, type = $3, definition = $4, priority = $5, active = $6, updated_at = $7 ` +
        `WHERE id = $8 RETURNING ${RULE_COLUMNS}`,
      [...this.params(input), new Date().toISOString(), current.id],
    );
    const updated = this.decode(row, id); // deleted concurrently → 404
    await this.changed();
    return updated;
  }

  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.ruleNotFound(id);
    const rows = await this.db.query<Record<string, unknown>>('DELETE FROM _rules WHERE id = $1 RETURNING id', [id.toLowerCase()]);
    if (rows.length === 0) throw errors.ruleNotFound(id);
    await this.changed();
    return { id: String(rows[0].id), deleted: true };
  }
}
