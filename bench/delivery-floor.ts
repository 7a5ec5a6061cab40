// `npm run bench:delivery-floor` (issue 15): the least CPU one webhook delivery can cost on this
// machine, with no Rocket and no database: undici (the client Rocket's outbound module is built
// on) POSTing a webhook-sized JSON body over keep-alive connections to a bare node:http receiver in
// another process, 16 at a time. Prints deliveries/s and the CPU of both processes per delivery.
// Run it on an idle machine: it measures the machine, not Rocket.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 16;

if (process.argv[2] === 'receiver') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('message', () => process.send!(process.cpuUsage()));
} else {
  const receiver = fork(new URL(import.meta.url).pathname, ['receiver'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => receiver.once('message', (m) => resolve(m as number)));
  const receiverCpu = () => new Promise<NodeJS.CpuUsage>((resolve) => {
    receiver.once('message', (m) => resolve(m as NodeJS.CpuUsage));
    receiver.send('cpu');
  });
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 10_000 });
  const at = new Date().toISOString();
  // The shape and size of the bench customer's after_write payload (webhooks-and-files.md §A6).
  const body = JSON.stringify({
    event: 'after_write', entity: 'customer', action: 'create', timestamp: at, user: { id: crypto.randomUUID() }, previous: null,
    record: { id: crypto.randomUUID(), name: 'Bench customer 1', email: 'w3-1@example.com', status: 'active', score: 0, created_at: at, deleted_at: null },
  });
  const url = `http://127.0.0.1:${port}/customers`;
  const run = async (ms: number): Promise<number> => {
    let sent = 0;
    const end = Date.now() + ms;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const res = await request(url, {
          method: 'POST', body, dispatcher: agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'Rocket-Webhook/1.0', 'idempotency-key': crypto.randomUUID() },
        });
        await res.body.text();
        sent++;
      }
    }));
    return sent;
  };
  await run(1000); // warm-up
  const client0 = process.cpuUsage();
  const receiver0 = await receiverCpu();
  const sent = await run(SECONDS * 1000);
  const client = process.cpuUsage(client0);
  const receiver1 = await receiverCpu();
  const total = (u: NodeJS.CpuUsage) => u.user + u.system;
  const receiverUs = total(receiver1) - total(receiver0);
  const per = (us: number) => (us / sent).toFixed(1);
  console.log(`${sent} deliveries in ${SECONDS} s (${Math.round(sent / SECONDS)}/s), ${body.length}-byte bodies: ` +
    `client ${per(total(client))} µs, receiver ${per(receiverUs)} µs, both ${per(total(client) + receiverUs)} µs of CPU per delivery`);
  receiver.kill();
  await agent.close();
}
