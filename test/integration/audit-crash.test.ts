// The audit crash test (issue #17): under concurrent creates and updates, a server process is
// killed with SIGKILL. On the same database afterwards, every committed write has exactly its
// audit entries (one create per record, one update per committed counter step) and no entry
// describes a write that was not committed. Both databases.
import t from 'tap';
import { startChildServer } from '../helpers/child-server.js';
import { until } from '../helpers/receiver.js';
import { dialects, dropStores, startRocket, testConfig } from '../helpers/server.js';

const counter = {
  name: 'counter', table: 'counters', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string', unique: true }, { name: 'n', type: 'int', default: 0 }],
};

for (const dialect of dialects) {
  t.test(`kill -9 under write load: every committed write has exactly its audit entries, none other [${dialect}]`, async (t) => {
    const config = testConfig(dialect);
    t.teardown(() => dropStores(dialect, config));
    const setup = await startRocket(dialect, {}, config);
    const app = await setup.createApp();
    t.equal((await setup.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: counter })).status, 201);
    await setup.server.close();

    const child = await startChildServer(t, dialect, config);
    const base = child.base;
    const login = { data: { access_token: await child.adminToken(app.name) } };
    const send = (method: 'POST' | 'PUT', path: string, body: unknown) => fetch(`${base}/api/${app.name}${path}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${login.data.access_token}` }, body: JSON.stringify(body),
    }).catch(() => undefined);

    // Six writers, each creating records and stepping its own counter (1, 2, 3 …, one at a time);
    // the kill comes once 150 writes are acknowledged, with more in flight.
    const created = new Set<string>();
    const stepped = new Map<string, number>();
    let acknowledged = 0;
    const writer = async (w: number) => {
      const first = await send('POST', '/counter', { label: `w${w}` });
      if (first?.status !== 201) return;
      const own = (await first.json() as { data: { id: string } }).data.id;
      created.add(`w${w}`);
      for (let k = 1; !child.exited(); k++) {
        const [create, step] = await Promise.all([send('POST', '/counter', { label: `w${w}-${k}` }), send('PUT', `/counter/${own}`, { n: k })]);
        if (create?.status === 201) created.add(`w${w}-${k}`);
        if (step?.status === 200) stepped.set(own, k);
        acknowledged += (create?.status === 201 ? 1 : 0) + (step?.status === 200 ? 1 : 0);
        if (acknowledged >= 150 && !child.exited()) child.kill();
        if (step?.status !== 200) break;
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
    await until(() => child.exited(), 'the kill');
    t.ok(acknowledged >= 150, `${acknowledged} writes acknowledged before the kill`);

    const next = await startRocket(dialect, {}, config);
    t.teardown(() => next.server.close());
    const db = next.server.rocket.apps.get(app.name)!.db;
    const rows = await db.query<{ id: string; label: string; n: number }>('SELECT id, label, n FROM counters');
    const entries = (await db.query<{ record_id: string; action: string; new_data: unknown }>('SELECT record_id, action, new_data FROM _audit_logs'))
      .map((e) => ({ ...e, n: (db.dialect.decodeJson<{ n: number }>(e.new_data)).n }));
    const ids = new Set(rows.map((r) => String(r.id)));

    t.same([...created].filter((label) => !rows.some((r) => r.label === label)), [], 'every acknowledged create committed');
    t.same(entries.filter((e) => !ids.has(e.record_id)).map((e) => e.record_id), [], 'no entry for a record that was never committed');
    const creates = entries.filter((e) => e.action === 'create');
    t.same(rows.filter((r) => creates.filter((e) => e.record_id === String(r.id)).length !== 1).map((r) => r.label), [], 'exactly one create entry per record');
    const wrong: string[] = [];
    for (const r of rows) {
      const steps = entries.filter((e) => e.action === 'update' && e.record_id === String(r.id)).map((e) => e.n).sort((a, b) => a - b);
      const want = Array.from({ length: Number(r.n) }, (_, i) => i + 1);
      if (JSON.stringify(steps) !== JSON.stringify(want)) wrong.push(`${r.label}: n=${r.n}, update entries ${JSON.stringify(steps)}`);
      if ((stepped.get(String(r.id)) ?? 0) > Number(r.n)) wrong.push(`${r.label}: acknowledged step ${stepped.get(String(r.id))} not committed`);
    }
    t.same(wrong, [], 'each committed counter step has exactly its update entry, and every acknowledged step committed');
    t.comment(`${rows.length} records, ${entries.length} entries`);
  });
}
