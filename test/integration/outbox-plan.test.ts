// The webhook settle statement's plan on PostgreSQL (core/webhooks/outbox.ts, Dialect.jsonRows):
// the generic plan a prepared statement caches while `_webhook_logs` is still small must look each
// outcome up by primary key, not hash-join a scan of the whole table. With a plain `=` join it
// was a hash join over a seq scan, kept as the table grew (2,900 pages read to settle 3 rows at
// 30,000 log rows, and without autovacuum nothing ever replans it). The test forces the generic
// plan on an empty table, reads it, then runs it against 5,000 rows and counts the pages it reads.
import t from 'tap';
import { PG_URL, startRocket } from '../helpers/server.js';
import { settleManySql } from '../../core/webhooks/outbox.js';

t.test('the settle statement looks outcomes up by key, whatever the table size when it was planned', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const rocket = await startRocket('postgres');
  t.teardown(() => rocket.close());
  const app = await rocket.createApp();
  const db = rocket.server.rocket.apps.get(app.name)!.db;
  const sql = settleManySql(db.dialect);
  const webhookId = '00000000-0000-4000-8000-0000000000aa';
  await db.run(`INSERT INTO _webhooks (id, entity, hook, url, method, retry) VALUES ($1, 'x', 'after_write', 'http://127.0.0.1:1/', 'POST', '{}')`, [webhookId]);

  const plan = await db.transaction(async (tx) => {
    await tx.run('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.run(`PREPARE settle_probe(text) AS ${sql}`);
    const generic = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE settle_probe('[]')`);
    // Grow the table under the cached plan, then settle 3 of its rows with it.
    await tx.run(`INSERT INTO _webhook_logs (id, webhook_id, entity, hook, url, method, request_body, status, next_retry_at, idempotency_key)
      SELECT gen_random_uuid(), $1, 'x', 'after_write', 'u', 'POST', jsonb_build_object('pad', repeat('x', 300)), 'pending', '2026-01-01T00:00:00Z', 'k' FROM generate_series(1, 5000)`, [webhookId]);
    const ids = (await tx.query<{ id: string }>('SELECT id FROM _webhook_logs LIMIT 3')).map((r) => r.id);
    const outcomes = JSON.stringify(ids.map((id) => ({
      log_id: id, status: 'delivered', attempt: 1, next_retry_at: null, response_status: 200, response_body: 'ok', error: '',
      updated_at: '2026-01-01T00:00:01Z', lease: '2026-01-01T00:00:00Z',
    })));
    const run = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) EXECUTE settle_probe('${outcomes.replace(/'/g, "''")}')`);
    await tx.run('DEALLOCATE settle_probe');
    return { generic: generic.map((r) => r['QUERY PLAN']).join('\n'), run: run.map((r) => r['QUERY PLAN']).join('\n') };
  }, { write: true });

  t.match(plan.generic, /Index Scan using _webhook_logs_pkey/, 'the generic plan looks each outcome up by key');
  t.notMatch(plan.generic, /Seq Scan on _webhook_logs|Hash Join|Merge Join/, 'and scans no table');
  t.match(plan.run, /Update on _webhook_logs[^\n]*rows=3 /, 'it settled the 3 outcomes');
  const hits = Number(/Buffers: shared hit=(\d+)/.exec(plan.run)?.[1] ?? 'NaN');
  t.ok(hits < 200, `a few pages per outcome, not the table (${hits} buffers; the table has over 300 pages)`);
});
