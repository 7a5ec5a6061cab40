// `npm run bench:webhook-backlog` (issue 15 item 5): a backlog of BACKLOG (default 100,000) due
// deliveries in one app's `_webhook_logs` drains at a steady rate with flat RSS. Rocket runs as
// deployed (production, default configuration) except the scheduler tick (1 s, so the drain starts
// at once) and ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true (the receiver, in this process, is on
// loopback). Every 2 s it prints deliveries done, the rate over the last interval and the server's
// RSS; at the end the median rate and the RSS range. Fails if the backlog has not drained in
// BACKLOG_TIMEOUT_S (default 600) or a delivery arrived twice.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { commonOptions, onCleanup, runMain, scratchDir, startDeployedRocket, tokenFor, intEnv, type Target } from './harness.js';
import { expectStatus } from './http.js';
import { monitor } from './procmon.js';
import { createBenchApp, dbUrl } from './setup.js';

const BACKLOG = intEnv('BACKLOG', 100_000);
const TIMEOUT_S = intEnv('BACKLOG_TIMEOUT_S', 600);
const opts = commonOptions({ reps: 1, levels: [1] });
let summary = '';

async function main(): Promise<void> {
  const seen = new Set<string>();
  let duplicates = 0;
  const receiver = createServer((req, res) => {
    const key = String(req.headers['idempotency-key']);
    if (seen.has(key)) duplicates++;
    seen.add(key);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  onCleanup('stop the receiver', () => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backlog`;
  opts.extraEnv.ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = 'true';
  opts.extraEnv.ROCKET_WEBHOOKS_RETRY_INTERVAL_MS = '1000';

  const server = await startDeployedRocket(opts, scratchDir());
  const bench = await createBenchApp(server.base, opts.pgUrl, onCleanup);
  const t = { name: 'rocket', kind: 'rocket', server, tokens: new Map(), fx: { prefix: bench.prefix } } as unknown as Target;
  const token = await tokenFor(t, { caller: 'admin' });
  const hook = await expectStatus('create the webhook', 201, server.base, 'POST', `${bench.prefix}/_admin/webhooks`, { token, body: { entity: 'customer', url } });
  const sql = postgres(dbUrl(opts.pgUrl, bench.dbName), { max: 2, onnotice: () => {} });
  onCleanup('close the harness connection', () => sql.end({ timeout: 5 }));
  const body = JSON.stringify({ event: 'after_write', entity: 'customer', action: 'create', record: { id: 1, name: 'x'.repeat(200) } });
  const t0 = Date.now();
  await sql`
    INSERT INTO _webhook_logs (webhook_id, entity, hook, url, method, request_body, status, attempt, max_attempts, next_retry_at, idempotency_key)
    SELECT ${hook.data.id}::uuid, 'customer', 'after_write', ${url}, 'POST', ${body}::jsonb, 'retrying', 1, 3, now() - interval '1 second', 'wh_' || gen_random_uuid()
    FROM generate_series(1, ${BACKLOG})`;
  console.log(`inserted ${BACKLOG} due deliveries in ${Date.now() - t0} ms`);

  const usage = monitor(server.pid, 500);
  const rates: number[] = [];
  const rss: number[] = [];
  const started = Date.now();
  let last = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [r] = await sql`SELECT count(*) FILTER (WHERE status = 'delivered')::int AS done FROM _webhook_logs`;
    const sample = monitor(server.pid, 100_000).stop();
    const rate = (r.done - last) / 2;
    last = r.done;
    rates.push(rate);
    if (sample) rss.push(sample.rssEndMiB);
    console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  delivered ${String(r.done).padStart(7)}  ${rate.toFixed(0).padStart(6)}/s  rss ${sample?.rssEndMiB ?? '?'} MiB`);
    if (r.done >= BACKLOG) break;
    if (Date.now() - started > TIMEOUT_S * 1000) throw new Error(`the backlog did not drain in ${TIMEOUT_S} s (${r.done} of ${BACKLOG})`);
  }
  const total = usage.stop();
  const seconds = (Date.now() - started) / 1000;
  const steady = rates.slice(1, -1).sort((a, b) => a - b);
  const median = steady.length ? steady[Math.floor(steady.length / 2)] : BACKLOG / seconds;
  if (duplicates > 0) throw new Error(`${duplicates} deliveries arrived twice`);
  summary = `${BACKLOG} deliveries drained in ${seconds.toFixed(0)} s: ${(BACKLOG / seconds).toFixed(0)}/s overall, median ${median.toFixed(0)}/s per 2 s interval; ` +
    `server RSS ${Math.min(...rss)}–${Math.max(...rss)} MiB during the drain (peak ${total?.rssMaxMiB ?? '?'} MiB), CPU ${total ? (total.cpuSec * 1e6 / BACKLOG).toFixed(0) : '?'} µs/delivery; no duplicates`;
  console.log(`\n${summary}`);
}

// runMain prints its report only after measured runs; the summary is printed by main itself.
await runMain(main, () => summary);
