// The webhook crash test (issue #15): under concurrent writes to an entity with an after_write
// webhook, a server process is killed with SIGKILL. A new server on the same database then
// delivers every acknowledged write at least once, repeats carry the same idempotency key, and no
// delivery arrives for a write that was not committed. Both databases.
import t from 'tap';
import { startChildServer } from '../helpers/child-server.js';
import { receiver, until } from '../helpers/receiver.js';
import { dialects, dropStores, startRocket, testConfig } from '../helpers/server.js';

const invoice = {
  name: 'invoice', table: 'invoices', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'number', type: 'string', unique: true }],
};

for (const dialect of dialects) {
  t.test(`kill -9 under write load: every committed write is delivered, none other [${dialect}]`, async (t) => {
    const rx = await receiver(t);
    // Short leases, so the next server takes over the killed one's deliveries quickly.
    const config = testConfig(dialect, { webhooks: { pending_lease_ms: 400, retry_interval_ms: 50 } });
    t.teardown(() => dropStores(dialect, config));

    const setup = await startRocket(dialect, {}, config);
    const app = await setup.createApp();
    const call = (method: 'POST', path: string, body: unknown) => setup.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    t.equal((await call('POST', '/_admin/entities', invoice)).status, 201);
    t.equal((await call('POST', '/_admin/webhooks', { entity: 'invoice', url: rx.url('/inv') })).status, 201);
    await setup.server.close();

    const child = await startChildServer(t, dialect, config, { ROCKET_WEBHOOKS_PENDING_LEASE_MS: '400' });
    const base = child.base;
    const login = { data: { access_token: await child.adminToken(app.name) } };
    const token = login.data.access_token;

    // Eight writers; the kill comes once 120 writes are acknowledged, with more in flight.
    const acknowledged = new Set<string>();
    let n = 0;
    const writer = async () => {
      while (!child.exited()) {
        const number = `N-${n++}`;
        const res = await fetch(`${base}/api/${app.name}/invoice`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ number }),
        }).catch(() => undefined);
        if (res?.status === 201) acknowledged.add(number);
        if (acknowledged.size >= 120 && !child.exited()) child.kill();
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await until(() => child.exited(), 'the kill');
    t.ok(acknowledged.size >= 120, `${acknowledged.size} writes acknowledged before the kill`);

    const next = await startRocket(dialect, {}, config);
    t.teardown(() => next.server.close());
    const db = () => next.server.rocket.apps.get(app.name)!.db;
    const committed = new Set((await db().query<{ number: string }>('SELECT number FROM invoices')).map((r) => r.number));
    const delivered = () => new Set(rx.received.map((x) => x.body.record.number as string));
    await until(() => [...committed].every((c) => delivered().has(c)), 'every committed write delivered');

    t.same([...acknowledged].filter((a) => !committed.has(a)), [], 'every acknowledged write committed');
    t.same([...delivered()].filter((d) => !committed.has(d)), [], 'no delivery for a write that was not committed');
    const keys = new Map<string, Set<string>>();
    for (const x of rx.received) {
      let set = keys.get(x.body.record.number);
      if (!set) keys.set(x.body.record.number, (set = new Set()));
      set.add(x.body.idempotency_key);
    }
    t.same([...keys].filter(([, set]) => set.size !== 1).map(([k]) => k), [], 'repeats carry the same idempotency key');
    const [logs] = await db().query<{ n: unknown }>('SELECT COUNT(*) AS n FROM _webhook_logs');
    t.equal(Number(logs.n), committed.size, 'one log row per committed write');
    t.comment(`${committed.size} committed, ${rx.received.length} deliveries received (${rx.received.length - committed.size} repeats)`);
  });
}
