// Graceful shutdown with keep-alive clients (issue 20 §5): SIGTERM while a request is in flight and
// other connections sit idle in a client's keep-alive pool. The in-flight request completes, and
// the process exits 0 on its own — not 1, which is close-with-grace giving up after its 10 s delay
// because kept-alive connections held server.close() open. Both databases.
import t from 'tap';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'node:http';
import { startChildServer } from '../helpers/child-server.js';
import { dialects, dropStores, startRocket, testConfig, type TapTest } from '../helpers/server.js';

const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'text', type: 'string' }],
};

/** A webhook receiver that answers only when released, to hold a write in flight. */
async function heldReceiver(t: TapTest) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrived();
      void released.then(() => res.end('ok'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hold`, arrival, release };
}

function call(agent: Agent, base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent, method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

for (const dialect of dialects) {
  t.test(`SIGTERM with keep-alive clients: the in-flight request completes and the process exits 0 [${dialect}]`, async (t) => {
    const hold = await heldReceiver(t);
    const config = testConfig(dialect, {});
    t.teardown(() => dropStores(dialect, config));
    const setup = await startRocket(dialect, {}, config);
    const app = await setup.createApp();
    const admin = (method: 'POST', path: string, body: unknown) => setup.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    t.equal((await admin('POST', '/_admin/entities', note)).status, 201);
    // A synchronous webhook: the write waits for the receiver inside its request.
    t.equal((await admin('POST', '/_admin/webhooks', { entity: 'note', hook: 'before_write', url: hold.url })).status, 201);
    await setup.server.close();

    const child = await startChildServer(t, dialect, config);
    const token = await child.adminToken(app.name);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    t.teardown(() => agent.destroy());
    // Four connections, then idle in the pool.
    const reads = await Promise.all([1, 2, 3, 4].map(() => call(agent, child.base, 'GET', `/api/${app.name}/note`, token)));
    t.same(reads.map((r) => r.status), [200, 200, 200, 200]);

    const write = call(agent, child.base, 'POST', `/api/${app.name}/note`, token, { text: 'in flight' });
    await hold.arrival;
    const exited = child.terminate();
    hold.release();
    const written = await write;
    t.equal(written.status, 201, 'the request in flight at SIGTERM is answered');
    t.equal(await exited, 0, 'exits on its own with status 0 (1 would be the 10 s grace running out)');
  });
}
