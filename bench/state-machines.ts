// `npm run bench:state-machines` (issue 14 item 6): what a state machine costs an update that does
// not change the state. `machine` has a state machine on customer.status with a guard, roles and
// actions of every kind; W6 (update of score and name, never status) runs against it and `plain`
// (compare.ts). Goal: >= 0.95x req/s. Smoke checks first: the machine app refuses an undefined
// transition (422) that the plain app accepts, and takes a valid one.
import { call, brief, expectStatus } from './http.js';
import { runComparison } from './compare.js';
import { tokenFor } from './harness.js';

const MACHINE = {
  entity: 'customer', field: 'status',
  definition: {
    initial: 'active',
    transitions: [
      { from: ['active', 'inactive'], to: 'vip', guard: 'record.score >= 0', roles: ['sales'], actions: [{ type: 'set_field', field: 'name', value: 'VIP' }] },
      { from: ['active', 'vip'], to: 'inactive', actions: [{ type: 'send_event', event: 'customer_inactive' }] },
      { from: ['active', 'inactive', 'vip'], to: 'banned', actions: [{ type: 'webhook', url: 'http://127.0.0.1:9/unused' }] },
      { from: 'inactive', to: 'active' },
    ],
  },
};

await runComparison({
  title: 'Rocket state-machine bench',
  variant: 'machine',
  workloads: ['W6'],
  goal: 0.95,
  describe: 'machine: a state machine on customer.status (W6 never changes it); plain: none.',
  async setup(t) {
    const token = await tokenFor(t, { caller: 'admin' });
    await expectStatus('create the state machine', 201, t.server.base, 'POST', `${t.fx.prefix}/_admin/state-machines`, { token, body: MACHINE });
  },
  async smoke(targets, sqls) {
    const bad: string[] = [];
    const first = async (name: string, status: string) => (await sqls.get(name)!.unsafe(`SELECT id FROM customers WHERE status = '${status}' ORDER BY id LIMIT 1`))[0].id;
    for (const t of targets) {
      const token = await tokenFor(t, { caller: 'admin' });
      const res = await call(t.server.base, 'PUT', `${t.fx.prefix}/customer/${await first(t.name, 'banned')}`, { token, body: { status: 'vip' } });
      const want = t.name === 'machine' ? 422 : 200;
      if (res.status !== want) bad.push(`${t.name}: banned → vip answered ${res.status} (expected ${want}): ${brief(res.body)}`);
      else console.log(`   smoke ${t.name.padEnd(7)} banned → vip: ${res.status}`);
      if (t.name !== 'machine') continue;
      const back = await call(t.server.base, 'PUT', `${t.fx.prefix}/customer/${await first(t.name, 'inactive')}`, { token, body: { status: 'active' } });
      if (back.status !== 200) bad.push(`machine: inactive → active answered ${back.status}: ${brief(back.body)}`);
      else console.log('   smoke machine inactive → active: 200');
    }
    if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
  },
});
