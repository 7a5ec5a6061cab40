// File uploads end to end (webhooks-and-files.md Part B, metadata.md §7.5, write-pipeline.md §8), on
// both databases and both storage drivers: `local` under a temporary directory, and `s3` against a
// real S3-compatible server (s3rver) this file starts on a loopback port. Upload, serve (headers,
// HEAD, exact bytes), list, delete, the 4xx answers, the size limit (exact, +1, the declared
// Content-Length, over real HTTP too), file names, file fields on top-level and nested records,
// a failed row insert, and app deletion taking the app's blobs with it.
import { mkdtempSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import t from 'tap';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { DeepPartial } from '../../config/load.js';
import type { RocketConfig } from '../../config/schema.js';
import Fastify from 'fastify';
import rocket from '../../app.js';
import { dialects, dropStores, eachDialect, testConfig, uniqueName, userToken, type TapTest, type TestRocket } from '../helpers/server.js';

type Driver = 'local' | 's3';
const DRIVERS: Driver[] = ['local', 's3'];
const BUCKET = 'rocket-files-test';
const MIB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The S3-compatible server: one per test file, one key prefix per Rocket server.

const scratch = mkdtempSync(join(tmpdir(), 'rocket-files-'));
// Started before the tests are declared: every s3 server configuration names its endpoint.
const s3rver = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory: join(scratch, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }],
});
const s3Endpoint = `http://127.0.0.1:${(await s3rver.run()).port}`;
// The driver takes credentials from the SDK's default chain, as in production.
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
const inspector = new S3Client({ region: 'us-east-1', endpoint: s3Endpoint, forcePathStyle: true });

t.teardown(async () => {
  inspector.destroy();
  await s3rver.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Store {
  driver: Driver;
  /** The local root, or the S3 key prefix. */
  root: string;
  /** Every blob key under `<app>/` (local: relative file paths), sorted. */
  blobs(app: string): Promise<string[]>;
}

function storeFor(driver: Driver): { config: DeepPartial<RocketConfig>['storage']; store: Store } {
  if (driver === 'local') {
    const root = mkdtempSync(join(scratch, 'local-'));
    const walk = (dir: string, rel: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]);
    return {
      config: { driver: 'local', local_path: root },
      store: { driver, root, blobs: async (app) => (existsSync(join(root, app)) ? walk(join(root, app), `${app}/`).sort() : []) },
    };
  }
  const prefix = `${uniqueName('p')}/`;
  return {
    config: { driver: 's3', s3: { bucket: BUCKET, endpoint: s3Endpoint, force_path_style: true, prefix } },
    store: {
      driver, root: prefix,
      async blobs(app) {
        const out = await inspector.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}${app}/` }));
        return (out.Contents ?? []).map((o) => o.Key!.slice(prefix.length)).sort();
      },
    },
  };
}

/** Runs `fn` per dialect and per driver, each with a fresh server (and a small size limit when asked). */
function eachSetup(
  name: string,
  fn: (t: TapTest, r: TestRocket, store: Store) => Promise<void>,
  storage: DeepPartial<RocketConfig['storage']> = {},
): void {
  for (const driver of DRIVERS) {
    const { config, store } = storeFor(driver);
    eachDialect(t, `${name} {${driver}}`, (t, r) => fn(t, r, store), { storage: { ...config, ...storage } });
  }
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies.

interface Part {
  name: string;
  /** Present: a file part. */
  filename?: string;
  /** The part's Content-Type header; absent: none is sent. */
  type?: string;
  data: Buffer | string;
}

/** A multipart/form-data body written by hand, so every header of a part is the test's choice. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rocket${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    // A quote travels as a quoted-pair; a backslash before any other character stays as it is.
    if (p.filename !== undefined) head += `; filename="${p.filename.replaceAll('"', '\\"')}"`;
    head += '\r\n';
    if (p.type !== undefined) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Raw {
  status: number;
  headers: Record<string, unknown>;
  raw: Buffer;
  body: any;
}

async function inject(r: TestRocket, method: 'GET' | 'HEAD' | 'POST' | 'DELETE', url: string, opts: { token?: string; payload?: Buffer | string; headers?: Record<string, string> } = {}): Promise<Raw> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await r.server.inject({ method, url, headers, payload: opts.payload });
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch { /* a file */ }
  return { status: res.statusCode, headers: res.headers as Record<string, unknown>, raw: res.rawPayload, body };
}

function upload(r: TestRocket, app: string, token: string | undefined, parts: Part[], headers: Record<string, string> = {}): Promise<Raw> {
  const body = multipart(parts);
  return inject(r, 'POST', `/api/${app}/_files/upload`, { token, payload: body.payload, headers: { ...body.headers, ...headers } });
}

const filePart = (data: Buffer | string, filename = 'f.bin', type: string | undefined = 'application/octet-stream'): Part =>
  ({ name: 'file', filename, type, data });

const errorOf = (res: Raw) => [res.status, res.body?.error?.code, res.body?.error?.message];

// ---------------------------------------------------------------------------------------------

eachSetup('upload, serve, HEAD, list and delete', async (t, r, store) => {
  const app = await r.createApp();
  const text = await upload(r, app.name, app.token, [filePart('hello, files\n', 'hello.txt', 'text/plain')]);
  t.equal(text.status, 201);
  const id = text.body.data.id;
  t.same(text.body, { data: { id, filename: 'hello.txt', size: 13, mime_type: 'text/plain', url: `/api/${app.name}/_files/${id}` } });
  t.same(await store.blobs(app.name), [`${app.name}/${id}/hello.txt`], 'one blob at <app>/<file_id>/<filename>');

  const got = await inject(r, 'GET', `/api/${app.name}/_files/${id}`, { token: app.token });
  t.equal(got.status, 200);
  t.equal(got.raw.toString('utf8'), 'hello, files\n', 'exact bytes');
  const expected = {
    'content-type': 'text/plain',
    'content-disposition': 'inline; filename="hello.txt"',
    'content-length': '13',
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'private, no-cache',
  };
  t.match(got.headers, expected, 'every header of B3');

  const head = await inject(r, 'HEAD', `/api/${app.name}/_files/${id}`, { token: app.token });
  t.equal(head.status, 200);
  t.match(head.headers, expected, 'HEAD: the same headers');
  t.equal(head.raw.length, 0, 'HEAD: no body');

  // A binary round trip: every byte value, a few hundred KiB (several stream chunks).
  const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300 * 1024)]);
  const bin = await upload(r, app.name, app.token, [filePart(bytes, 'blob.bin', 'application/octet-stream')]);
  t.equal(bin.status, 201);
  t.equal(bin.body.data.size, bytes.length);
  const binGot = await inject(r, 'GET', bin.body.data.url, { token: app.token });
  t.equal(binGot.headers['content-type'], 'application/octet-stream');
  t.equal(binGot.headers['content-length'], String(bytes.length));
  t.ok(binGot.raw.equals(bytes), 'binary round trip');

  const list = await inject(r, 'GET', `/api/${app.name}/_files`, { token: app.token });
  t.equal(list.status, 200);
  t.same(list.body.data.map((f: any) => f.id), [bin.body.data.id, id], 'newest first');
  t.same(Object.keys(list.body.data[0]), ['id', 'filename', 'mime_type', 'size', 'uploaded_by', 'created_at'], 'no storage_path');
  t.match(list.body.data[1], { filename: 'hello.txt', mime_type: 'text/plain', size: 13, created_at: /^\d{4}-\d\d-\d\dT.*Z$/ });
  const adminId = JSON.parse(Buffer.from(app.token.split('.')[1], 'base64url').toString()).sub;
  t.equal(list.body.data[1].uploaded_by, adminId, 'uploaded_by: the caller');

  const del = await inject(r, 'DELETE', `/api/${app.name}/_files/${id}`, { token: app.token });
  t.same([del.status, del.body], [200, { data: { deleted: true } }]);
  t.same(errorOf(await inject(r, 'GET', `/api/${app.name}/_files/${id}`, { token: app.token })), [404, 'NOT_FOUND', `File ${id} not found`]);
  t.same(errorOf(await inject(r, 'DELETE', `/api/${app.name}/_files/${id}`, { token: app.token })), [404, 'NOT_FOUND', `File ${id} not found`]);
  t.same(await store.blobs(app.name), [`${app.name}/${bin.body.data.id}/blob.bin`], 'the blob went, the other stays');
  if (store.driver === 'local') t.notOk(existsSync(join(store.root, app.name, id)), 'and its <file_id> directory');
  t.same((await inject(r, 'GET', `/api/${app.name}/_files`, { token: app.token })).body.data.map((f: any) => f.id), [bin.body.data.id]);

  const empty = await upload(r, app.name, app.token, [filePart(Buffer.alloc(0), 'empty.dat')]);
  t.same([empty.status, empty.body.data.size], [201, 0], 'a 0-byte file is accepted');
  const emptyGot = await inject(r, 'GET', empty.body.data.url, { token: app.token });
  t.same([emptyGot.status, emptyGot.headers['content-length'], emptyGot.raw.length], [200, '0', 0]);
});

eachSetup('authentication, admin gate, missing parts and 404s', async (t, r, store) => {
  const app = await r.createApp();
  const member = userToken(r, app.name, ['member']);
  const ok = await upload(r, app.name, app.token, [filePart('x', 'x.txt', 'text/plain')]);
  const id = ok.body.data.id;

  t.same(errorOf(await upload(r, app.name, undefined, [filePart('x')])), [401, 'UNAUTHORIZED', 'Missing auth token']);
  t.equal((await inject(r, 'GET', `/api/${app.name}/_files/${id}`)).status, 401);
  t.equal((await inject(r, 'HEAD', `/api/${app.name}/_files/${id}`)).status, 401);
  t.equal((await inject(r, 'GET', `/api/${app.name}/_files`)).status, 401);
  t.equal((await inject(r, 'DELETE', `/api/${app.name}/_files/${id}`)).status, 401);
  t.same(errorOf(await upload(r, app.name, 'not-a-token', [filePart('x')])), [401, 'UNAUTHORIZED', 'Invalid or expired token']);

  const mine = await upload(r, app.name, member, [filePart('member data', 'm.txt', 'text/plain')]);
  t.equal(mine.status, 201, 'a non-admin may upload');
  t.equal((await inject(r, 'GET', mine.body.data.url, { token: member })).raw.toString(), 'member data', 'and download');
  t.equal((await inject(r, 'GET', `/api/${app.name}/_files/${id}`, { token: member })).status, 200, "any caller's file");
  t.same(errorOf(await inject(r, 'GET', `/api/${app.name}/_files`, { token: member })), [403, 'FORBIDDEN', 'Admin access required']);
  t.same(errorOf(await inject(r, 'DELETE', `/api/${app.name}/_files/${id}`, { token: member })), [403, 'FORBIDDEN', 'Admin access required']);
  const listed = (await inject(r, 'GET', `/api/${app.name}/_files`, { token: app.token })).body.data;
  t.equal(listed.find((f: any) => f.id === mine.body.data.id).uploaded_by, '00000000-0000-4000-8000-000000000001');

  const missing = [400, 'INVALID_PAYLOAD', 'Missing file in form data'];
  t.same(errorOf(await inject(r, 'POST', `/api/${app.name}/_files/upload`, { token: app.token, payload: '{"file":"x"}', headers: { 'content-type': 'application/json' } })), missing, 'not multipart');
  t.same(errorOf(await inject(r, 'POST', `/api/${app.name}/_files/upload`, { token: app.token })), missing, 'no body');
  t.same(errorOf(await upload(r, app.name, app.token, [{ name: 'title', data: 'no file here' }])), missing, 'no file part');
  t.same(errorOf(await upload(r, app.name, app.token, [{ ...filePart('x', 'x.txt'), name: 'attachment' }, { name: 'file', data: 'y' }])),
    missing, 'a file part of another name, and a text field named file');
  t.same(errorOf(await inject(r, 'POST', `/api/${app.name}/_files/upload`, { token: app.token, payload: 'garbage', headers: { 'content-type': 'multipart/form-data' } })), missing, 'no boundary');
  t.same(errorOf(await inject(r, 'POST', `/api/${app.name}/_files/upload`, { token: app.token, payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\ntrunc', headers: { 'content-type': 'multipart/form-data; boundary=b' } })),
    missing, 'a file part that breaks off');

  const several = await upload(r, app.name, app.token, [
    { name: 'note', data: 'ignored' }, { ...filePart('other part', 'other.txt'), name: 'other' }, filePart('first', 'first.txt'),
    filePart('second', 'second.txt'),
  ]);
  t.same([several.status, several.body.data.filename, several.body.data.size], [201, 'first.txt', 5], 'the first file part named file wins');
  t.equal((await inject(r, 'GET', several.body.data.url, { token: app.token })).raw.toString(), 'first');

  const unknown = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
  t.same(errorOf(await inject(r, 'GET', `/api/${app.name}/_files/${unknown}`, { token: app.token })), [404, 'NOT_FOUND', `File ${unknown} not found`]);
  t.same(errorOf(await inject(r, 'GET', `/api/${app.name}/_files/not-a-uuid`, { token: app.token })), [404, 'NOT_FOUND', 'File not-a-uuid not found']);
  t.equal((await inject(r, 'HEAD', `/api/${app.name}/_files/${unknown}`, { token: app.token })).status, 404);
  t.same(errorOf(await inject(r, 'DELETE', `/api/${app.name}/_files/not-a-uuid`, { token: app.token })), [404, 'NOT_FOUND', 'File not-a-uuid not found']);
  t.equal((await inject(r, 'GET', `/api/${app.name}/_files/${id.toUpperCase()}`, { token: app.token })).status, 200, 'ids are case-insensitive');

  // A row whose blob is gone.
  const [row] = await r.server.rocket.apps.get(app.name)!.db.query<{ storage_path: string }>('SELECT storage_path FROM _files WHERE id = $1', [id]);
  await r.server.rocket.blobs.delete(row.storage_path);
  t.same(errorOf(await inject(r, 'GET', `/api/${app.name}/_files/${id}`, { token: app.token })), [404, 'NOT_FOUND', `File ${id} not found on disk`]);
  const headGone = await inject(r, 'HEAD', `/api/${app.name}/_files/${id}`, { token: app.token });
  t.equal(headGone.status, 404, 'HEAD too');
  t.same([(await inject(r, 'DELETE', `/api/${app.name}/_files/${id}`, { token: app.token })).status], [200], 'deleting it ignores the missing blob');

  // Another app's file id is not found here.
  const other = await r.createApp();
  t.same(errorOf(await inject(r, 'GET', several.body.data.url.replace(app.name, other.name), { token: other.token })),
    [404, 'NOT_FOUND', `File ${several.body.data.id} not found`]);
  t.same(await store.blobs(other.name), []);
});

eachSetup('file names and content types', async (t, r, store) => {
  const app = await r.createApp();
  const name = async (filename: string) => {
    const res = await upload(r, app.name, app.token, [filePart('n', filename)]);
    t.equal(res.status, 201, filename);
    return res.body.data;
  };
  t.equal((await name('../../etc/passwd')).filename, 'passwd', '../ is dropped');
  t.equal((await name('..\\..\\windows\\boot.ini')).filename, 'boot.ini', 'backslashes separate too');
  t.equal((await name('..')).filename, 'file');
  t.equal((await name('uploads/.')).filename, 'file');
  t.equal((await name('  \t spaced.txt  ')).filename, 'spaced.txt', 'control characters removed, trimmed');
  // s3rver keeps an object in a file named after its key's last segment plus 16 bytes, so a
  // 255-byte name cannot be stored there (S3 itself takes keys of 1024 bytes).
  if (store.driver === 'local') {
    const long = `${'a'.repeat(300)}.tar.gz`;
    t.equal((await name(long)).filename, `${'a'.repeat(252)}.gz`, '255 bytes at most, the extension kept');
    const longUnicode = await name(`${'é'.repeat(200)}.pdf`);
    t.equal(Buffer.byteLength(longUnicode.filename), 254, 'never a split character');
    t.ok(longUnicode.filename.endsWith('é.pdf'));
  }
  const blobs = await store.blobs(app.name);
  t.equal(blobs.length, store.driver === 'local' ? 7 : 5);
  t.ok(blobs.every((b) => b.startsWith(`${app.name}/`) && b.split('/').length === 3), 'every blob inside <app>/<file_id>/');

  const unicode = await name('résumé "draft" 📄.pdf');
  t.equal(unicode.filename, 'résumé "draft" 📄.pdf', 'stored as sent');
  const served = await inject(r, 'GET', unicode.url, { token: app.token });
  t.equal(served.headers['content-disposition'],
    `inline; filename="r_sum_ _draft_ _.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22draft%22%20%F0%9F%93%84.pdf`,
    'ASCII fallback and filename*');
  const quoted = await name("it's (1).txt");
  t.equal((await inject(r, 'GET', quoted.url, { token: app.token })).headers['content-disposition'], `inline; filename="it's (1).txt"`, 'plain ASCII stays plain');

  const typed = async (type: string | undefined) => (await upload(r, app.name, app.token, [filePart('t', 't.dat', type)])).body.data.mime_type;
  t.equal(await typed(undefined), 'application/octet-stream', 'no Content-Type on the part');
  t.equal(await typed('text/plain'), 'text/plain');
  t.equal(await typed('image/PNG; name=x'), 'image/png', 'the declared type, not sniffed');
  const svg = await upload(r, app.name, app.token, [filePart('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'x.svg', 'image/svg+xml')]);
  const svgServed = await inject(r, 'GET', svg.body.data.url, { token: app.token });
  t.match(svgServed.headers, { 'content-type': 'image/svg+xml', 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' });
});

const LIMIT = 4096;

eachSetup('the size limit: exact, +1, declared Content-Length', async (t, r, store) => {
  const app = await r.createApp();
  const exact = await upload(r, app.name, app.token, [filePart(randomBytes(LIMIT))]);
  t.same([exact.status, exact.body.data?.size], [201, LIMIT], 'exactly the limit is accepted');

  const over = await upload(r, app.name, app.token, [filePart(randomBytes(LIMIT + 1), 'over.bin')]);
  t.same(errorOf(over), [413, 'FILE_TOO_LARGE', `File too large (max ${LIMIT} bytes)`], 'limit + 1');
  const big = await upload(r, app.name, app.token, [filePart(randomBytes(200 * 1024), 'big.bin')]);
  t.same(errorOf(big), [413, 'FILE_TOO_LARGE', `File too large (max ${LIMIT} bytes)`], 'well over, within the declared-length slack');
  t.same(await store.blobs(app.name), [`${app.name}/${exact.body.data.id}/f.bin`], 'no partial blob left');
  t.same((await inject(r, 'GET', `/api/${app.name}/_files`, { token: app.token })).body.data.map((f: any) => f.id), [exact.body.data.id], 'and no row');

  // A declared length over limit + 1 MiB is refused before the body is read.
  const body = multipart([filePart('small')]);
  const declared = await inject(r, 'POST', `/api/${app.name}/_files/upload`, {
    token: app.token, payload: body.payload, headers: { ...body.headers, 'content-length': String(LIMIT + MIB + 1) },
  });
  t.same(errorOf(declared), [413, 'FILE_TOO_LARGE', `File too large (max ${LIMIT} bytes)`]);
  t.equal(declared.headers.connection, 'close', 'the unread body is not waited for');
  const atSlack = multipart([filePart('small')]);
  const padded = await inject(r, 'POST', `/api/${app.name}/_files/upload`, {
    token: app.token, payload: Buffer.concat([atSlack.payload, Buffer.alloc(100)]), headers: atSlack.headers,
  });
  t.equal(padded.status, 201, 'a declared length within limit + 1 MiB is read (the epilogue is ignored)');
  t.same(errorOf(await inject(r, 'POST', `/api/${app.name}/_files/upload`, { headers: { ...body.headers, 'content-length': String(LIMIT + MIB + 1) }, payload: body.payload })),
    [401, 'UNAUTHORIZED', 'Missing auth token'], 'authentication comes first');
}, { max_file_size: LIMIT });

eachSetup('the size limit over real HTTP, streamed without a Content-Length', async (t, r, store) => {
  const app = await r.createApp();
  await r.server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = r.server.server.address() as AddressInfo;
  /** POSTs a multipart body in chunks (Transfer-Encoding: chunked) and reads the answer. */
  const send = async (fileBytes: number): Promise<{ status: number; body: any }> => {
    const boundary = 'rocketlimit';
    const req = httpRequest({
      host: '127.0.0.1', port, method: 'POST', path: `/api/${app.name}/_files/upload`,
      headers: { authorization: `Bearer ${app.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    });
    const answer = once(req, 'response');
    req.on('error', () => {}); // the server may close once it has answered
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const chunk = randomBytes(16 * 1024);
    let sent = 0;
    const pump = (async () => {
      while (sent < fileBytes && !req.destroyed) {
        const n = Math.min(chunk.length, fileBytes - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) await Promise.race([once(req, 'drain'), once(req, 'close')]);
      }
      if (!req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
    })().catch(() => {});
    const [res] = (await answer) as [import('node:http').IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    await pump;
    return { status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) };
  };
  const ok = await send(3 * 1024);
  t.equal(ok.status, 201);
  const over = await send(3 * MIB);
  t.same([over.status, over.body.error.code], [413, 'FILE_TOO_LARGE'], 'answered while the client is still sending');
  t.same(await store.blobs(app.name), [`${app.name}/${ok.body.data.id}/s.bin`], 'no partial blob');
  const after = await send(1024);
  t.equal(after.status, 201, 'the server goes on serving');
}, { max_file_size: 64 * 1024 });

const BIG_LIMIT = 6 * MIB;

eachSetup('a file larger than one S3 part: round trip and limit + 1', async (t, r, store) => {
  const app = await r.createApp();
  const bytes = randomBytes(BIG_LIMIT);
  const ok = await upload(r, app.name, app.token, [filePart(bytes, 'six.bin')]);
  t.same([ok.status, ok.body.data?.size], [201, BIG_LIMIT]);
  const got = await inject(r, 'GET', ok.body.data.url, { token: app.token });
  t.ok(got.raw.equals(bytes), 'the same bytes back');
  const over = await upload(r, app.name, app.token, [filePart(Buffer.concat([bytes, Buffer.from([1])]), 'seven.bin')]);
  t.same(errorOf(over), [413, 'FILE_TOO_LARGE', `File too large (max ${BIG_LIMIT} bytes)`]);
  t.same(await store.blobs(app.name), [`${app.name}/${ok.body.data.id}/six.bin`], 'the aborted upload left nothing');
}, { max_file_size: BIG_LIMIT });

// ---------------------------------------------------------------------------------------------
// File fields (metadata.md §7.5, write-pipeline.md §8).

const fileEntities = [
  {
    name: 'doc', table: 'docs', primary_key: { field: 'id', type: 'uuid', generated: true },
    fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }, { name: 'attachment', type: 'file' }],
  },
  {
    name: 'page', table: 'pages', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'doc_id', type: 'uuid' }, { name: 'n', type: 'int' }, { name: 'scan', type: 'file' }],
  },
];

eachSetup('file fields: resolved on create and update, nested too; unknown ids refused', async (t, r) => {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of fileEntities) t.equal((await call('POST', '/_admin/entities', e)).status, 201);
  t.equal((await call('POST', '/_admin/relations', { name: 'pages', type: 'one_to_many', source: 'doc', target: 'page', target_key: 'doc_id' })).status, 201);

  const a = (await upload(r, app.name, app.token, [filePart('aaaa', 'a.pdf', 'application/pdf')])).body.data;
  const b = (await upload(r, app.name, app.token, [filePart('bb', 'b.png', 'image/png')])).body.data;
  const stored = (f: any) => ({ id: f.id, filename: f.filename, size: f.size, mime_type: f.mime_type });

  const created = await call('POST', '/doc', { title: 'one', attachment: a.id });
  t.equal(created.status, 201);
  t.same(created.body.data.attachment, stored(a), 'a file id becomes {id, filename, size, mime_type}');
  t.equal(typeof created.body.data.attachment.size, 'number');
  const docId = created.body.data.id;
  t.same((await call('GET', `/doc/${docId}`)).body.data.attachment, stored(a), 'and reads back so');

  t.same((await call('PUT', `/doc/${docId}`, { attachment: b.id.toUpperCase() })).body.data.attachment, stored(b), 'update, any case');
  t.same((await call('PUT', `/doc/${docId}`, { title: 'renamed' })).body.data.attachment, stored(b), 'absent: untouched');
  t.equal((await call('PUT', `/doc/${docId}`, { attachment: null })).body.data.attachment, null, 'null clears');
  const object = { id: 'kept-as-is', filename: 'x', size: 1, mime_type: 'text/plain', extra: true };
  t.same((await call('PUT', `/doc/${docId}`, { attachment: object })).body.data.attachment, object, 'an object with a string id is stored unchanged');

  const unknown = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
  const before = (await call('GET', '/doc')).body.data.length;
  t.same([(await call('POST', '/doc', { title: 'two', attachment: unknown })).status, (await call('POST', '/doc', { title: 'two', attachment: unknown })).body.error],
    [404, { code: 'NOT_FOUND', message: `File ${unknown} not found` }]);
  t.equal((await call('GET', '/doc')).body.data.length, before, 'nothing written');
  t.equal((await call('PUT', `/doc/${docId}`, { title: 'changed', attachment: unknown })).status, 404);
  t.equal((await call('GET', `/doc/${docId}`)).body.data.title, 'renamed', 'the update rolled back whole');

  for (const bad of ['not-a-uuid', 42, true, ['x'], { id: 7 }]) {
    const res = await call('POST', '/doc', { attachment: bad });
    t.same([res.status, res.body.error.details], [422, [{ field: 'attachment', rule: 'type', message: 'attachment must be a file id or file object' }]], JSON.stringify(bad));
  }

  const nested = await call('POST', '/doc', { title: 'nested', attachment: a.id, pages: { data: [{ n: 1, scan: a.id }, { n: 2, scan: b.id }, { n: 3, scan: null }] } });
  t.equal(nested.status, 201);
  const pages = (await call('GET', `/page?filter[doc_id]=${nested.body.data.id}&sort=n`)).body.data;
  t.same(pages.map((p: any) => p.scan), [stored(a), stored(b), null], 'nested children resolved too');
  const updated = await call('PUT', `/doc/${nested.body.data.id}`, { pages: { data: [{ id: pages[0].id, scan: b.id }, { id: pages[1].id }, { id: pages[2].id }] } });
  t.equal(updated.status, 200);
  t.same((await call('GET', `/page/${pages[0].id}`)).body.data.scan, stored(b), 'nested update');

  const docsBefore = (await call('GET', '/doc')).body.data.length;
  const pagesBefore = (await call('GET', '/page')).body.data.length;
  const bad = await call('POST', '/doc', { title: 'bad child', pages: { data: [{ n: 1, scan: a.id }, { n: 2, scan: unknown }] } });
  t.same([bad.status, bad.body.error.message], [404, `File ${unknown} not found`], 'an unknown id in a child');
  t.same([(await call('GET', '/doc')).body.data.length, (await call('GET', '/page')).body.data.length], [docsBefore, pagesBefore], 'the whole write failed');
});

// ---------------------------------------------------------------------------------------------

eachSetup('a failed row insert removes the blob', async (t, r, store) => {
  const app = await r.createApp();
  await r.server.rocket.apps.get(app.name)!.db.run('DROP TABLE _files');
  const res = await upload(r, app.name, app.token, [filePart('orphan?', 'o.txt')]);
  t.same(errorOf(res), [500, 'INTERNAL_ERROR', 'Internal server error']);
  t.same(await store.blobs(app.name), [], 'no blob without its row');
});

eachSetup('deleting an app removes its blobs', async (t, r, store) => {
  const doomed = await r.createApp();
  const kept = await r.createApp();
  for (const app of [doomed, doomed, kept]) t.equal((await upload(r, app.name, app.token, [filePart('z', 'z.txt')])).status, 201);
  t.equal((await store.blobs(doomed.name)).length, 2);
  const res = await r.request('DELETE', `/api/_platform/apps/${doomed.name}`, { token: await r.platformToken() });
  t.equal(res.status, 200);
  t.same(await store.blobs(doomed.name), [], 'the app\'s blobs are gone');
  if (store.driver === 'local') t.notOk(existsSync(join(store.root, doomed.name)), 'with its directory');
  t.equal((await store.blobs(kept.name)).length, 1, 'another app keeps its own');
});

for (const dialect of dialects) {
  t.test(`embedded under /rocket: the host's multipart parsing is untouched [${dialect}]`, async (t) => {
    const config = testConfig(dialect, { storage: storeFor('local').config });
    const host = Fastify({ logger: false });
    // The host parses multipart its own way; Rocket's @fastify/multipart must not replace it.
    host.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_req, body, done) => done(null, { hostParsed: (body as string).length }));
    host.post('/own-upload', async (req) => ({ got: req.body, rocketParts: typeof (req as unknown as { parts?: unknown }).parts }));
    await host.register(rocket, { prefix: '/rocket', config, env: {}, readConfigFile: false });
    await host.ready();
    t.teardown(async () => {
      await host.close();
      await dropStores(dialect, config);
    });
    const body = multipart([filePart('embedded', 'e.txt', 'text/plain')]);
    const own = await host.inject({ method: 'POST', url: '/own-upload', headers: body.headers, payload: body.payload });
    t.same(own.json(), { got: { hostParsed: body.payload.length }, rocketParts: 'undefined' }, "the host's parser, no Rocket decorations");

    const login = await host.inject({ method: 'POST', url: '/rocket/api/_platform/auth/login', payload: { email: 'platform@localhost', password: 'changeme' } });
    const token = login.json().data.access_token;
    const name = uniqueName('emb');
    t.equal((await host.inject({ method: 'POST', url: '/rocket/api/_platform/apps', headers: { authorization: `Bearer ${token}` }, payload: { name, db_driver: dialect } })).statusCode, 201);
    const up = await host.inject({ method: 'POST', url: `/rocket/api/${name}/_files/upload`, headers: { ...body.headers, authorization: `Bearer ${token}` }, payload: body.payload });
    t.equal(up.statusCode, 201);
    t.equal(up.json().data.url, `/rocket/api/${name}/_files/${up.json().data.id}`, 'the url carries the mount prefix');
    t.equal((await host.inject({ method: 'GET', url: up.json().data.url, headers: { authorization: `Bearer ${token}` } })).body, 'embedded');
    t.equal((await host.inject({ method: 'DELETE', url: `/rocket/api/_platform/apps/${name}`, headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  });
}
