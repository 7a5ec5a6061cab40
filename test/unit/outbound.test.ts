// The outbound HTTP client (core/outbound/): delivery against local receivers, deadlines, the
// response-body cap, the private-network refusal (literal IPs, DNS names, redirect hops), the
// address classifier, and header templates and merging (webhooks-and-files.md §A5, §A7).
import t from 'tap';
import type { TapTest } from '../helpers/server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockedRange } from '../../core/outbound/address-policy.js';
import { deliveryHeaders, resolveHeaderTemplates } from '../../core/outbound/header-templates.js';
import {
  MAX_REDIRECTIONS, OutboundRefusedError, RESPONSE_BODY_MAX_CHARS, createOutboundClient, type OutboundClient,
} from '../../core/outbound/http-client.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

/** A receiver on 127.0.0.1 (random port) recording every request it gets. */
async function receiver(t: TapTest, handle: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(s);
      handle(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const port = (server.address() as AddressInfo).port;
  return { seen, port, url: `http://127.0.0.1:${port}` };
}

function client(t: TapTest, opts: Parameters<typeof createOutboundClient>[0] = { allowPrivateNetworks: true }): OutboundClient {
  const c = createOutboundClient(opts);
  t.teardown(() => c.close());
  return c;
}

const post = (url: string, extra: Partial<Parameters<OutboundClient['send']>[0]> = {}) =>
  ({ url, method: 'POST', headers: {}, timeoutMs: 5000, ...extra });

t.test('a POST arrives as sent; the response comes back', async (t) => {
  const r = await receiver(t, (_req, res) => { res.writeHead(201); res.end('created'); });
  const body = JSON.stringify({ event: 'after_write', record: { id: 1, name: 'Zoë' } });
  const res = await client(t).send(post(`${r.url}/hooks/in?x=1#frag`, {
    headers: { 'Content-Type': 'application/json', 'X-Ledger-Key': 'k1', 'Idempotency-Key': 'wh_1' }, body,
  }));
  t.match(res, { status: 201, body: 'created', truncated: false });
  t.type(res.durationMs, 'number');
  t.equal(r.seen.length, 1);
  t.match(r.seen[0], { method: 'POST', url: '/hooks/in?x=1', body });
  t.match(r.seen[0].headers, {
    'content-type': 'application/json', 'x-ledger-key': 'k1', 'idempotency-key': 'wh_1',
    'content-length': String(Buffer.byteLength(body)),
  });
});

t.test('GET sends no body', async (t) => {
  const r = await receiver(t, (_req, res) => res.end('ok'));
  const res = await client(t).send(post(r.url, { method: 'GET', body: '{"a":1}' }));
  t.equal(res.status, 200);
  t.equal(r.seen[0].method, 'GET');
  t.equal(r.seen[0].body, '');
  t.notOk(r.seen[0].headers['content-length'] && r.seen[0].headers['content-length'] !== '0', 'no content length');
  t.notOk(r.seen[0].headers['transfer-encoding'], 'no chunked body');
});

t.test('redirects are followed, across origins too', async (t) => {
  const target = await receiver(t, (_req, res) => res.end('landed'));
  const r = await receiver(t, (req, res) => {
    if (req.url === '/moved') { res.writeHead(302, { location: '/here' }); res.end(); return; }
    if (req.url === '/keep') { res.writeHead(307, { location: `${target.url}/final` }); res.end('ignored'); return; }
    if (req.url === '/loop') { res.writeHead(302, { location: '/loop2' }); res.end(); return; }
    if (req.url === '/loop2') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
    if (req.url === '/ftp') { res.writeHead(302, { location: 'ftp://example.com/x' }); res.end(); return; }
    const hop = /^\/hop\/(\d+)$/.exec(req.url!);
    if (hop && hop[1] !== '0') { res.writeHead(302, { location: `/hop/${Number(hop[1]) - 1}` }); res.end(); return; }
    res.end(`here ${req.method}`);
  });
  const c = client(t);
  t.match(await c.send(post(`${r.url}/moved`, { method: 'GET' })), { status: 200, body: 'here GET' });
  const kept = await c.send(post(`${r.url}/keep`, { body: 'payload', headers: { 'content-type': 'application/json' } }));
  t.match(kept, { status: 200, body: 'landed' });
  t.match(target.seen[0], { method: 'POST', url: '/final', body: 'payload' }, '307 keeps method and body');
  await t.rejects(c.send(post(`${r.url}/loop`, { method: 'GET' })), /Redirect loop/, 'a loop ends');
  t.match(await c.send(post(`${r.url}/hop/${MAX_REDIRECTIONS}`, { method: 'GET' })), { status: 200, body: 'here GET' },
    `${MAX_REDIRECTIONS} redirects are followed`);
  t.match(await c.send(post(`${r.url}/hop/${MAX_REDIRECTIONS + 1}`, { method: 'GET' })), { status: 302 },
    'a longer chain ends as its last 3xx (a non-2xx for the caller)');
  await t.rejects(c.send(post(`${r.url}/ftp`, { method: 'GET' })), OutboundRefusedError, 'a redirect to another scheme is refused');
});

t.test('a non-2xx status is a response, not an error', async (t) => {
  const r = await receiver(t, (_req, res) => { res.writeHead(503); res.end('service unavailable'); });
  t.match(await client(t).send(post(r.url)), { status: 503, body: 'service unavailable' });
});

t.test('the deadline covers headers and body', async (t) => {
  const r = await receiver(t, (req, res) => {
    if (req.url === '/body') { res.writeHead(200); res.write('partial'); } // and never ends
    // '/silent': never answers
  });
  const c = client(t);
  for (const path of ['/silent', '/body']) {
    const started = Date.now();
    await t.rejects(c.send(post(r.url + path, { timeoutMs: 200 })), { message: 'timeout after 200 ms' }, path);
    t.ok(Date.now() - started < 2000, `${path}: prompt`);
  }
});

t.test('connections per origin are bounded; a queued request waits inside its deadline', async (t) => {
  const r = await receiver(t, (req, res) => { if (req.url === '/fast') res.end('fast'); });
  const c = client(t, { allowPrivateNetworks: true, connectionsPerOrigin: 1 });
  const slow = c.send(post(`${r.url}/silent`, { timeoutMs: 400 }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  await t.rejects(c.send(post(`${r.url}/fast`, { timeoutMs: 150 })), { message: 'timeout after 150 ms' }, 'queued behind the one socket');
  await t.rejects(slow, { message: 'timeout after 400 ms' });
  t.match(await c.send(post(`${r.url}/fast`)), { body: 'fast' }, 'the socket is free again');
});

t.test('transport errors are short descriptions', async (t) => {
  const r = await receiver(t, (_req, res) => res.end());
  const c = client(t);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await t.rejects(c.send(post(`http://127.0.0.1:${port}/`)), { message: `connect ECONNREFUSED 127.0.0.1:${port}` });
  await t.rejects(c.send(post('http://no-such-host.invalid/')), { message: /ENOTFOUND no-such-host\.invalid/ });
  t.equal(r.seen.length, 0);
});

t.test('the response body is capped and not read past the cap', async (t) => {
  let written = 0;
  let closedEarly = false;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const total = 50 * 1024 * 1024;
  const r = await receiver(t, (_req, res) => {
    res.writeHead(200, { 'content-length': String(total) });
    res.on('close', () => { closedEarly = written < total; });
    // 50 MB in 64 KiB pieces every 5 ms: about 4 s if the client read it all.
    const tick = setInterval(() => {
      if (res.destroyed || written >= total) { clearInterval(tick); return; }
      res.write(chunk);
      written += chunk.length;
    }, 5);
    res.on('close', () => clearInterval(tick));
  });
  const started = Date.now();
  const res = await client(t).send(post(r.url, { timeoutMs: 30_000 }));
  t.ok(Date.now() - started < 2000, 'returns promptly');
  t.equal(res.body.length, RESPONSE_BODY_MAX_CHARS);
  t.equal(res.truncated, true);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.ok(closedEarly, 'the client closed the connection');
  t.ok(written < 5 * 1024 * 1024, `the receiver sent ${written} bytes, not 50 MB`);
});

t.test('truncation counts characters and never splits one', async (t) => {
  const r = await receiver(t, (req, res) => res.end(req.url === '/short' ? 'żółw' : 'żółw🚀'.repeat(100)));
  const c = client(t, { allowPrivateNetworks: true, maxResponseChars: 6 });
  t.match(await c.send(post(`${r.url}/short`)), { body: 'żółw', truncated: false });
  t.match(await c.send(post(`${r.url}/long`)), { body: 'żółw🚀', truncated: true });
  const c5 = client(t, { allowPrivateNetworks: true, maxResponseChars: 5 });
  t.match(await c5.send(post(`${r.url}/long`)), { body: 'żółw', truncated: true }, 'a surrogate pair is not cut in half');
});

t.test('bad URLs and schemes are refused', async (t) => {
  const c = client(t);
  for (const url of ['not a url', 'ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)']) {
    await t.rejects(c.send(post(url)), OutboundRefusedError, url);
  }
});

t.test('private networks disallowed: loopback is refused by address, by name and on redirect', async (t) => {
  const r = await receiver(t, (_req, res) => res.end('should not be reached'));
  const strict = client(t, { allowPrivateNetworks: false });
  for (const url of [r.url, `http://localhost:${r.port}/`, `http://[::1]:${r.port}/`, `http://[::ffff:127.0.0.1]:${r.port}/`,
    `http://2130706433:${r.port}/`, `http://0.0.0.0:${r.port}/`]) {
    const err = await strict.send(post(url)).catch((e: unknown) => e);
    t.ok(err instanceof OutboundRefusedError, `${url} refused`);
    t.match((err as Error).message, /loopback|unspecified/, 'says why');
    t.match((err as Error).message, /webhooks\.allow_private_networks/, 'and which setting');
  }
  t.match(await strict.send(post(`http://localhost:${r.port}/`)).catch((e: Error) => e.message),
    /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  t.equal(r.seen.length, 0, 'nothing arrived');

  // 127.0.0.1 plays the public receiver; every other private address stays blocked.
  const open = await receiver(t, (req, res) => {
    const to = req.url === '/to-v4' ? 'http://127.0.0.2:9/' : req.url === '/to-v6' ? 'http://[::1]:9/' : null;
    if (to) { res.writeHead(302, { location: to }); res.end(); return; }
    res.end('public');
  });
  const c = client(t, { allowPrivateNetworks: false, blockedAddress: (a) => (a === '127.0.0.1' ? null : blockedRange(a)) });
  t.match(await c.send(post(`${open.url}/`)), { status: 200, body: 'public' }, 'the allowed address is reached');
  for (const path of ['/to-v4', '/to-v6']) {
    const err = await c.send(post(open.url + path, { method: 'GET' })).catch((e: unknown) => e);
    t.ok(err instanceof OutboundRefusedError, `redirect ${path} refused (not a connection error)`);
    t.match((err as Error).message, /is a loopback address/);
  }
});

t.test('private networks allowed (development): loopback is reached', async (t) => {
  const r = await receiver(t, (_req, res) => res.end('dev'));
  const c = client(t, { allowPrivateNetworks: true });
  t.match(await c.send(post(r.url)), { body: 'dev' });
});

t.test('the address classifier', async (t) => {
  const blocked: Array<[string, RegExp]> = [
    ['0.0.0.0', /unspecified/], ['0.1.2.3', /unspecified/],
    ['10.0.0.1', /RFC 1918/], ['10.255.255.255', /RFC 1918/],
    ['100.64.0.1', /CGNAT/], ['100.127.255.255', /CGNAT/],
    ['127.0.0.1', /loopback/], ['127.255.255.254', /loopback/],
    ['169.254.169.254', /link-local/],
    ['172.16.0.1', /RFC 1918/], ['172.31.255.255', /RFC 1918/],
    ['192.0.0.8', /reserved/], ['192.0.2.1', /documentation/], ['198.18.0.1', /benchmarking/],
    ['198.51.100.7', /documentation/], ['203.0.113.9', /documentation/],
    ['192.168.1.1', /RFC 1918/],
    ['224.0.0.1', /multicast/], ['239.255.255.250', /multicast/],
    ['240.0.0.1', /reserved/], ['255.255.255.255', /reserved/],
    ['::', /unspecified/], ['::1', /loopback/], ['0:0:0:0:0:0:0:1', /loopback/],
    ['::ffff:127.0.0.1', /loopback/], ['::ffff:7f00:1', /loopback/], ['::ffff:10.1.2.3', /RFC 1918/],
    ['::ffff:169.254.169.254', /link-local/], ['0:0:0:0:0:ffff:c0a8:0101', /RFC 1918/],
    ['64:ff9b::127.0.0.1', /loopback/], ['2002:7f00:1::', /loopback/], ['2002:c0a8:101::1', /RFC 1918/],
    ['::127.0.0.1', /reserved/],
    ['fc00::1', /unique local/], ['fd12:3456:789a::1', /unique local/],
    ['fe80::1', /link-local/], ['fe80::1%eth0', /link-local/], ['febf::1', /link-local/],
    ['fec0::1', /reserved/], ['ff02::1', /multicast/], ['100::1', /reserved/],
    ['2001:db8::1', /documentation/], ['2001::1', /Teredo/], ['3fff::1', /documentation/],
    ['example.com', /not an IP/], ['', /not an IP/], ['1.2.3', /not an IP/],
  ];
  for (const [address, why] of blocked) t.match(blockedRange(address), why, `${address} blocked`);
  const allowed = [
    '1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255',
    '128.0.0.1', '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255',
    '192.169.0.0', '198.17.255.255', '198.20.0.0', '223.255.255.255',
    '2606:4700:4700::1111', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1',
  ];
  for (const address of allowed) t.equal(blockedRange(address), null, `${address} allowed`);
});

t.test('header templates (§A5)', async (t) => {
  const env = { LEDGER_HOOK_KEY: 's3cret', EMPTY: '', 'WEIRD.NAME': 'w' };
  t.same(resolveHeaderTemplates({
    'X-Ledger-Key': '{{env.LEDGER_HOOK_KEY}}',
    Authorization: 'Bearer {{env.LEDGER_HOOK_KEY}}-{{env.LEDGER_HOOK_KEY}}',
    'X-Unset': 'a{{env.NOT_SET}}b',
    'X-Empty': '{{env.EMPTY}}',
    'X-Odd': '{{env.WEIRD.NAME}}',
    'X-Proto': '{{env.constructor}}{{env.toString}}',
    'X-Literal': '{{env.}} {env.X} {{ env.LEDGER_HOOK_KEY }}',
    '{{env.LEDGER_HOOK_KEY}}': 'names are not templated',
  }, env), {
    'X-Ledger-Key': 's3cret',
    Authorization: 'Bearer s3cret-s3cret',
    'X-Unset': 'ab',
    'X-Empty': '',
    'X-Odd': 'w',
    'X-Proto': '',
    'X-Literal': '{{env.}} {env.X} {{ env.LEDGER_HOOK_KEY }}',
    '{{env.LEDGER_HOOK_KEY}}': 'names are not templated',
  });
  process.env.ROCKET_TEST_OUTBOUND_KEY = 'from-process';
  t.teardown(() => { delete process.env.ROCKET_TEST_OUTBOUND_KEY; });
  t.same(resolveHeaderTemplates({ k: '{{env.ROCKET_TEST_OUTBOUND_KEY}}' }), { k: 'from-process' }, 'process.env by default');
});

t.test('delivery headers: configured overrides a default case-insensitively (§A7)', async (t) => {
  const defaults = { 'Content-Type': 'application/json', 'User-Agent': 'Rocket-Webhooks/1', 'Idempotency-Key': 'wh_1' };
  const merged = deliveryHeaders({ 'content-type': 'application/cloudevents+json', 'X-Origin': 'rocket', 'x-origin': 'last' }, defaults);
  t.same(merged, { 'User-Agent': 'Rocket-Webhooks/1', 'Idempotency-Key': 'wh_1', 'content-type': 'application/cloudevents+json', 'x-origin': 'last' });
  t.same(Object.keys(merged).map((k) => k.toLowerCase()).sort(), ['content-type', 'idempotency-key', 'user-agent', 'x-origin'], 'one value per name');
  t.same(deliveryHeaders({}, defaults), defaults);
});
