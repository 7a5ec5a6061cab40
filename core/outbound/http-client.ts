// The one outbound HTTP client of a server (Platform.outbound): webhook deliveries of state-machine
// transitions and entities go through it (webhooks-and-files.md §A7). One undici Agent keeps
// connections alive per receiver origin; each request has one deadline covering connect, redirects,
// headers and body; the body is never read past a cap; and, with private networks disallowed, the
// socket may only connect to a public address: the check runs on the address the connection is made
// to (after DNS, for literal IPs and on every redirect hop), so DNS rebinding cannot get around it.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, interceptors, type Dispatcher } from 'undici';
import { blockedRange } from './address-policy.js';

/** `_webhook_logs.response_body` keeps at most this many characters (webhooks-and-files.md §A1.1). */
export const RESPONSE_BODY_MAX_CHARS = 65_536;
/** Redirects followed per request (§A7 says they are followed; a longer chain ends as its 3xx). */
export const MAX_REDIRECTIONS = 5;
/** Sockets per receiver origin; further requests to it queue (inside their own deadline). */
export const CONNECTIONS_PER_ORIGIN = 10;
const CONNECT_TIMEOUT_MS = 10_000;

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Not sent for GET (nor HEAD). */
  body?: string;
  /** Deadline of the whole exchange: connect, redirects, headers and body. */
  timeoutMs: number;
}

export interface OutboundResponse {
  /** Any status, 2xx or not: the caller decides what counts as success. */
  status: number;
  /** The body as UTF-8 text, cut to the client's maxResponseChars. */
  body: string;
  /** The body was longer than the cap (and was not read to its end). */
  truncated: boolean;
  durationMs: number;
}

/** The request was not sent: a bad URL, a scheme other than http(s), or a private-network address. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

export interface OutboundClient {
  /** Resolves with any HTTP response; rejects with OutboundRefusedError, or with an Error whose
   * message is a short transport description (`timeout after 30000 ms`, `connect ECONNREFUSED …`). */
  send(req: OutboundRequest): Promise<OutboundResponse>;
  /** Waits for requests in flight (each bounded by its deadline), then closes the sockets. */
  close(): Promise<void>;
}

export interface OutboundClientOptions {
  /** `webhooks.allow_private_networks`: when false, only public addresses are connected to. */
  allowPrivateNetworks: boolean;
  /** Characters of the response body kept (default RESPONSE_BODY_MAX_CHARS). */
  maxResponseChars?: number;
  connectionsPerOrigin?: number;
  /** Why an address may not be connected to, or null to allow it; used only when private networks
   * are disallowed. Default: blockedRange (address-policy.ts). Tests replace it. */
  blockedAddress?: (address: string) => string | null;
}

const NOT_ALLOWED = 'requests to private networks are disabled (webhooks.allow_private_networks)';

export function createOutboundClient(opts: OutboundClientOptions): OutboundClient {
  const maxChars = opts.maxResponseChars ?? RESPONSE_BODY_MAX_CHARS;
  const blocked = opts.allowPrivateNetworks ? null : (opts.blockedAddress ?? blockedRange);
  const agent = new Agent({
    connect: connector(blocked),
    connections: opts.connectionsPerOrigin ?? CONNECTIONS_PER_ORIGIN,
    // One request per socket at a time: deliveries are mostly non-idempotent POSTs.
    pipelining: 1,
    // Under the 5 s idle timeout of Node's and most servers' keep-alive, so a socket the receiver
    // is about to close is not reused; a receiver's Keep-Alive hint may raise it, up to a minute.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
  });
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));

  return {
    async send(req) {
      const url = target(req.url);
      const method = req.method.toUpperCase();
      const started = performance.now();
      const deadline = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      // The deadline settles the call itself: undici only honours an abort once a queued request
      // reaches a socket, and a request waiting for a free connection must not outlive its deadline.
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => { deadline.abort(); reject(new Error('deadline')); }, req.timeoutMs);
      });
      const exchange = (async () => {
        const res = await dispatcher.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: method as Dispatcher.HttpMethod,
          headers: req.headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : req.body,
          signal: deadline.signal,
          // undici's own inactivity timers (default 300 s) never outlast the deadline.
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        });
        return { status: res.statusCode, ...(await readCapped(res.body, maxChars)) };
      })();
      exchange.catch(() => {}); // once the deadline has won, its late rejection has no one waiting
      try {
        const { status, text, truncated } = await Promise.race([exchange, expired]);
        return { status, body: text, truncated, durationMs: Math.round(performance.now() - started) };
      } catch (err) {
        if (err instanceof OutboundRefusedError) throw err;
        if (isRedirectSchemeError(err)) throw new OutboundRefusedError('refused: redirected to a URL that is not http or https');
        if (deadline.signal.aborted || isUndiciTimeout(err)) throw new Error(`timeout after ${req.timeoutMs} ms`, { cause: err });
        throw new Error(describe(err), { cause: err });
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => agent.close(),
  };
}

function target(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefusedError(`refused: not a valid URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefusedError(`refused: only http and https URLs are allowed (got ${url.protocol})`);
  }
  return url;
}

/** undici's connector with the address check: a literal IP host is checked before connecting, a
 * name through the DNS lookup the socket itself uses (so the checked address is the one dialled). */
function connector(blocked: ((address: string) => string | null) | null): buildConnector.connector {
  const base = buildConnector({ timeout: CONNECT_TIMEOUT_MS, ...(blocked ? { lookup: checkedLookup(blocked) } : {}) });
  if (!blocked) return base;
  return (options, callback) => {
    const reason = isIP(options.hostname) ? blocked(options.hostname) : null;
    if (reason) {
      // Asynchronously, as a real connect failure would arrive.
      process.nextTick(() => callback(new OutboundRefusedError(`refused: ${options.hostname} is ${reason}; ${NOT_ALLOWED}`), null));
      return;
    }
    base(options, callback);
  };
}

/** dns.lookup for net/tls.connect that fails when any address of the name is blocked (all of them
 * are resolved and checked, whichever one the socket would have tried first). */
function checkedLookup(blocked: (address: string) => string | null): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err || addresses.length === 0) return callback(err ?? new Error(`getaddrinfo ENOTFOUND ${hostname}`), '', 0);
      for (const { address } of addresses) {
        const reason = blocked(address);
        if (reason) {
          return callback(new OutboundRefusedError(`refused: ${hostname} resolves to ${address}, ${reason}; ${NOT_ALLOWED}`), '', 0);
        }
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Reads at most 3 bytes per kept character (UTF-8 needs at most 3 per UTF-16 unit), then stops:
 * destroying the body closes the socket, so a huge or endless body is never downloaded. */
async function readCapped(body: Dispatcher.ResponseData['body'], maxChars: number): Promise<{ text: string; truncated: boolean }> {
  const maxBytes = maxChars * 3;
  const chunks: Buffer[] = [];
  let bytes = 0;
  let cut = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (bytes + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - bytes));
      cut = true;
      break;
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  if (cut) body.destroy();
  // stream: true on a cut body holds back a multi-byte character split at the cut instead of
  // decoding it as U+FFFD.
  let text = new TextDecoder().decode(Buffer.concat(chunks), { stream: cut });
  let truncated = cut;
  if (text.length > maxChars) {
    const end = isHighSurrogate(text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    text = text.slice(0, end);
    truncated = true;
  }
  return { text, truncated };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The redirect interceptor rejects a Location with another scheme before any request is made. A
 * change of undici's wording only makes this a plain Error carrying undici's message. */
function isRedirectSchemeError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === 'UND_ERR_INVALID_ARG' && /URL protocol/.test(e.message ?? '');
}

function isUndiciTimeout(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

/** A short transport description for the log's `error` text. */
function describe(err: unknown): string {
  // Happy eyeballs (several addresses of one name) fails with an AggregateError without a message.
  if (err instanceof AggregateError && err.errors.length > 0) {
    return [...new Set(err.errors.map(describe))].join('; ');
  }
  const e = err as { message?: string; code?: string } | null;
  if (e?.code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timeout after ${CONNECT_TIMEOUT_MS} ms`;
  return e?.message || e?.code || String(err);
}
