// `_webhooks` and `_webhook_logs` (webhooks-and-files.md §A1). The logs are also the outbox of
// asynchronous deliveries: a `pending` row is inserted inside the business transaction, so a
// committed change always has its delivery recorded and a rolled-back one never does. `secret`
// (beyond the spec) signs deliveries with the Standard Webhooks headers; it is write-only.
import type { Migration } from '../../core/db/migrator.js';

export const webhooks: Migration = {
  version: 6,
  name: 'webhooks',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    const id = (c: any) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey());
    await exec(b.schema.createTable('_webhooks').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('entity', t.text, (c) => c.notNull())
      .addColumn('hook', t.text, (c) => c.notNull().defaultTo('after_write'))
      .addColumn('url', t.text, (c) => c.notNull())
      .addColumn('method', t.text, (c) => c.notNull().defaultTo('POST'))
      .addColumn('headers', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('condition', t.text, (c) => c.notNull().defaultTo(''))
      .addColumn('async', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('retry', t.jsonb, (c) => c.notNull())
      .addColumn('secret', t.text)
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_webhook_logs').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('webhook_id', t.uuid, (c) => c.notNull().references('_webhooks.id').onDelete('cascade'))
      .addColumn('entity', t.text, (c) => c.notNull())
      .addColumn('hook', t.text, (c) => c.notNull())
      .addColumn('url', t.text, (c) => c.notNull())
      .addColumn('method', t.text, (c) => c.notNull())
      .addColumn('request_headers', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('request_body', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('response_status', t.int)
      .addColumn('response_body', t.text, (c) => c.notNull().defaultTo(''))
      .addColumn('status', t.text, (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempt', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', t.int, (c) => c.notNull().defaultTo(3))
      .addColumn('next_retry_at', t.timestamptz)
      .addColumn('error', t.text, (c) => c.notNull().defaultTo(''))
      .addColumn('idempotency_key', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec('CREATE INDEX IF NOT EXISTS idx_webhook_logs_status ON _webhook_logs (status)');
    await exec("CREATE INDEX IF NOT EXISTS idx_webhook_logs_retry ON _webhook_logs (next_retry_at) WHERE status IN ('pending', 'retrying')");
    await exec('CREATE INDEX IF NOT EXISTS idx_webhook_logs_created ON _webhook_logs (created_at DESC)');
    await exec('CREATE INDEX IF NOT EXISTS idx_webhook_logs_webhook ON _webhook_logs (webhook_id)');
  },
};
