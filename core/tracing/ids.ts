// Trace and event ids (observability-and-audit.md §A1, §A2): the incoming X-Trace-ID or W3C
// traceparent of a request, the traceparent Rocket answers with, and the time-ordered row ids of
// events.
import { randomBytes } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// W3C Trace Context §3.2: version-traceid-parentid-flags, lowercase hex (upper case is accepted
// and lowered: a proxy that upper-cases headers should not lose the trace).
const TRACEPARENT_RE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/i;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** `X-Trace-ID` when it is a syntactically valid UUID, lowercased (§A2); else undefined. */
export function adoptTraceId(header: unknown): string | undefined {
  return typeof header === 'string' && header.length === 36 && UUID_RE.test(header) ? header.toLowerCase() : undefined;
}

export interface RemoteParent {
  /** The trace id in UUID form (the `_events` column's type). */
  traceId: string;
  /** The caller's span (16 hex digits), the remote parent of Rocket's root span in an OTLP export. */
  spanId: string;
}

/**
 * A W3C `traceparent` (beyond the spec): its 32-hex trace id as a UUID (8-4-4-4-12) and its parent
 * id. Version ff, an all-zero trace or parent id, and version 00 with trailing fields are invalid
 * (W3C §3.2.2), like anything that does not parse.
 */
export function parseTraceparent(header: unknown): RemoteParent | undefined {
  if (typeof header !== 'string' || header.length < 55) return undefined;
  const m = TRACEPARENT_RE.exec(header.trim());
  if (!m) return undefined;
  const [, version, trace, parent] = m;
  if (version.toLowerCase() === 'ff' || (version === '00' && header.trim().length !== 55)) return undefined;
  const hex = trace.toLowerCase();
  if (hex === ZERO_TRACE || parent === ZERO_SPAN) return undefined;
  return { traceId: uuidFromHex(hex), spanId: parent.toLowerCase() };
}

export function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The 32 hex digits of a UUID (an OTLP / W3C trace id). Sliced, not `replaceAll('-', '')`, which
 * was 0.7% of a get-by-id's server CPU (every response carries a traceparent). */
export const traceHex = (uuid: string): string =>
  uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24);

/** 16 hex digits of a span's UUID for W3C and OTLP, whose span ids are 8 bytes: its last 64 bits
 * (random in a v4 UUID but for the two variant bits, and never all zero). */
export const spanHex = (uuid: string): string => uuid.slice(19, 23) + uuid.slice(24);

/** The `traceparent` answered with (W3C §3.2): Rocket's root span as the parent, sampled flag set
 * when the request's spans are recorded. */
export function traceparent(traceId: string, rootSpanId: string, sampled: boolean): string {
  return `00-${traceHex(traceId)}-${spanHex(rootSpanId)}-${sampled ? '01' : '00'}`;
}

// Row ids: UUID version 7 layout (RFC 9562) from the event's start millisecond, a 24-bit counter of
// this process and 48 random bits fixed per process. Ordering by (created_at, id) therefore gives
// the order in which spans started, also within one millisecond (SQLite keeps milliseconds only),
// and building one costs two small hex conversions instead of 16 random bytes (the counter and the
// per-process bits keep ids unique: 16M spans would have to start in one millisecond to repeat).
const PROCESS_BITS = randomBytes(6).toString('hex');
let counter = 0;

// The millisecond's part is built once per millisecond (many spans start in the same one).
let prefixMs = -1;
let prefix = '';

export function eventId(startMs: number): string {
  counter = (counter + 1) & 0xffffff;
  const ms = Math.floor(startMs);
  if (ms !== prefixMs) {
    const t = ms.toString(16).padStart(12, '0');
    prefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    prefixMs = ms;
  }
  const c = counter.toString(16).padStart(6, '0');
  return `${prefix}${c.slice(0, 3)}-8${c.slice(3)}-${PROCESS_BITS}`;
}
