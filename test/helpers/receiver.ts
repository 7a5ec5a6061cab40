// A local HTTP receiver for outbound-call tests (webhooks, transition actions): records every
// request (method, url, headers, raw and parsed body) and answers with a settable status. Closed
// by the test's teardown.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TapTest } from './server.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

export interface Receiver {
  /** Base URL plus `path` (default `/hooks`). */
  url: (path?: string) => string;
  received: Received[];
  /** Status answered from now on. */
  status: { code: number };
}

export async function receiver(t: TapTest): Promise<Receiver> {
  const received: Received[] = [];
  const status = { code: 200 };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      received.push({ method: req.method!, url: req.url!, headers: req.headers, raw, body });
      res.statusCode = status.code;
      res.end(status.code >= 300 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  return { url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`, received, status };
}

/** Polls until `fn` is true (post-commit work runs after the response); fails after about 10 s. */
export async function until(fn: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
