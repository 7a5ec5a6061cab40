// `npm run bench:webhooks` (issue 15): what one asynchronous after_write webhook costs a create.
// `webhook` has an after_write webhook on customer delivering to a receiver in this process;
// W3 runs against it and `plain` (compare.ts). Goal: >= 0.85x req/s. Rocket runs with
// ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true (the receiver is on loopback). After every rep, every
// customer the webhook app created has a delivered log row and arrived at the receiver.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectStatus } from './http.js';
import { runComparison } from './compare.js';
import { onCleanup, tokenFor } from './harness.js';

let url = '';
let received = 0;

await runComparison({
  title: 'Rocket webhook bench',
  variant: 'webhook',
  workloads: ['W3'],
  goal: 0.85,
  describe: 'webhook: one active after_write webhook on customer (each create records and sends one delivery); plain: none.',
  async prepare(opts) {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup('stop the receiver', () => new Promise<void>((resolve) => server.close(() => resolve())));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/customers`;
    opts.extraEnv.ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = 'true';
  },
  async setup(t) {
    const token = await tokenFor(t, { caller: 'admin' });
    await expectStatus('create the webhook', 201, t.server.base, 'POST', `${t.fx.prefix}/_admin/webhooks`, { token, body: { entity: 'customer', url } });
  },
  async afterRep(_targets, sqls, rep) {
    const sql = sqls.get('webhook')!;
    for (let i = 0; i < 600; i++) {
      const [r] = await sql`SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*)::int AS n FROM _webhook_logs`;
      const [c] = await sql`SELECT count(*)::int AS n FROM customers WHERE email LIKE 'w3-%'`;
      if (r.delivered === r.n && r.n >= c.n) {
        console.log(`   after rep ${rep}: ${r.n} deliveries logged and delivered for ${c.n} created customers (receiver: ${received} requests)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`after rep ${rep}: deliveries did not all arrive within a minute`);
  },
});
