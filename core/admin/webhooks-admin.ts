// The webhook admin operations of webhooks-and-files.md §A9: CRUD on `_webhooks`, then — after
// every successful write — a rebuilt registry and a notice to the other instances (AdminService),
// so the change applies to the next entity write. Every answer is the API form (`webhookView`):
// the write-only secret never leaves the server, only whether one is set.
//
// Deleting a webhook deletes its logs through the foreign key (`ON DELETE CASCADE`; the SQLite
// driver turns `foreign_keys` on for its connection).
import { errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { decodeWebhookRow, WEBHOOK_COLUMNS, webhooksSql, webhookView } from '../webhooks/stored-row.js';
import type { StoredWebhook, WebhookInput } from '../webhooks/types.js';
import { validateWebhook } from '../webhooks/validate.js';
import { AdminService } from './admin-service.js';

type Row = Record<string, unknown>;
export type WebhookView = ReturnType<typeof webhookView>;

export class WebhooksAdmin extends AdminService {
  private decode(row: Row | undefined, id: string): StoredWebhook {
    if (!row) throw errors.webhookNotFound(id);
    return decodeWebhookRow(this.db.dialect, row);
  }

  /** entity, hook, url, method, headers, condition, async, retry, secret, active. */
  private params(input: WebhookInput): unknown[] {
    const d = this.db.dialect;
    return [
      input.entity, input.hook, input.url, input.method, d.encodeJson(input.headers), input.condition,
      d.encodeBool(input.async), d.encodeJson(input.retry), input.secret, d.encodeBool(input.active),
    ];
  }

  /** The stored row, secret included (for PUT, which keeps an omitted secret). */
  private async stored(id: string): Promise<StoredWebhook> {
    // Ids that are not UUIDs are "not found" without a query.
    if (!isUuid(id)) throw errors.webhookNotFound(id);
    const [row] = await this.db.query<Row>(`SELECT ${WEBHOOK_COLUMNS} FROM _webhooks WHERE id = $1`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  /** Every webhook by entity, hook, created_at (§A9); there is no `?entity=` filter. */
  async list(): Promise<WebhookView[]> {
    const rows = await this.db.query<Row>(webhooksSql(this.db.dialect));
    return rows.map((r) => webhookView(decodeWebhookRow(this.db.dialect, r)));
  }

  async get(id: string): Promise<WebhookView> {
    return webhookView(await this.stored(id));
  }

  async create(body: unknown): Promise<WebhookView> {
    const input = validateWebhook(body);
    const now = new Date().toISOString();
    const [row] = await this.db.query<Row>(
      `INSERT INTO _webhooks (${WEBHOOK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ${WEBHOOK_COLUMNS}`,
      [newId(), ...this.params(input), now],
    );
    await this.changed();
    return webhookView(this.decode(row, ''));
  }

  /** Full replacement with create-time defaults (created_at kept); an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<WebhookView> {
    const current = await this.stored(id);
    const input = validateWebhook(body, current);
    const [row] = await this.db.query<Row>(
      'UPDATE _webhooks SET entity = $1, hook = $2, url = $3, method = $4, headers = $5, condition = $6, async = $7, ' +
        `retry = $8, secret = $9, active = $10, updated_at = $11 WHERE id = $12 RETURNING ${WEBHOOK_COLUMNS}`,
      [...this.params(input), new Date().toISOString(), current.id],
    );
    const updated = this.decode(row, id); // deleted concurrently → 404
    await this.changed();
    return webhookView(updated);
  }

  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.webhookNotFound(id);
    const rows = await this.db.query<Row>('DELETE FROM _webhooks WHERE id = $1 RETURNING id', [id.toLowerCase()]);
    if (rows.length === 0) throw errors.webhookNotFound(id);
    await this.changed();
    return { id: String(rows[0].id), deleted: true };
  }
}
