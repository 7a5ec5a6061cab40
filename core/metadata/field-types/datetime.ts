// ISO-8601 parsing shared by the timestamp and date types: strict calendar validation (no
// 2025-02-30), offsets, and UTC formatting. Date.parse is avoided because it is lenient and
// implementation-defined. Years are 0001–9999 (UTC) on every database: four digits, and no year 0,
// which ISO-8601 has but PostgreSQL's DATE and TIMESTAMPTZ do not (they count 1 BC instead).

const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date, optional time (T, t or space as separator — PostgreSQL text output uses a space), optional
// seconds and fraction, optional Z / ±HH[:MM] offset (PostgreSQL prints "+00").
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

function validDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Epoch ms of a UTC wall-clock time; setUTCFullYear avoids Date.UTC's 0–99 → 1900s mapping. */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** Epoch ms → `YYYY-MM-DDTHH:MM:SS.sssZ`, or undefined outside years 0001–9999 (UTC). */
export function formatTimestamp(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  if (Number.isNaN(y) || y < MIN_YEAR || y > MAX_YEAR) return undefined;
  return date.toISOString();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `YYYY-MM-DD` with a real calendar date → the same text; anything else → undefined. */
export function parseDateOnly(text: string): string | undefined {
  const m = DATE_ONLY_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(y, mo, d) ? text : undefined;
}

/** ISO-8601 date-time (no offset = UTC) or `YYYY-MM-DD` (midnight UTC) → epoch ms. */
export function parseTimestampMs(text: string): number | undefined {
  const dateOnly = parseDateOnly(text);
  if (dateOnly !== undefined) {
    return utcMs(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
  }
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  // Fractions beyond milliseconds are truncated (the stored format has millisecond resolution).
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utcMs(y, mo, d, h, mi, s, ms) - offsetMin * 60_000;
}

/**
 * Whether text already has the canonical shape `YYYY-MM-DDTHH:MM:SS.sssZ` (digits where digits go),
 * so reading it back needs no parse. Only the shape is checked: text of that shape is what this
 * engine writes, and what it would have printed back as it was anyway.
 */
export function isCanonicalTimestamp(text: string): boolean {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return false;
  for (let i = 0; i < 23; i++) {
    const c = text.charCodeAt(i);
    const want = CANONICAL_SHAPE.charCodeAt(i);
    if (want === 57 /* 9: a digit */ ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

const CANONICAL_SHAPE = '9999-99-99T99:99:99.999';

/** ISO text → canonical UTC `YYYY-MM-DDTHH:MM:SS.sssZ`, or undefined. */
export function normaliseTimestamp(text: string): string | undefined {
  const ms = parseTimestampMs(text);
  return ms === undefined ? undefined : formatTimestamp(ms);
}

/** `YYYY-MM-DD`, or the UTC date part of an ISO date-time → `YYYY-MM-DD`, or undefined. */
export function normaliseDate(text: string): string | undefined {
  const dateOnly = parseDateOnly(text);
  if (dateOnly !== undefined) return dateOnly;
  const iso = normaliseTimestamp(text);
  return iso === undefined ? undefined : iso.slice(0, 10);
}

/**
 * Calendar date of a JS Date coming from a driver. A Date at exactly UTC midnight is read in UTC
 * (postgres.js builds DATE values with `new Date('YYYY-MM-DD')`, i.e. UTC midnight); any other
 * Date is taken as local midnight (node-postgres style) and read with local getters.
 */
export function dateOfDriverDate(value: Date): string | undefined {
  if (Number.isNaN(value.getTime())) return undefined;
  const utcMidnight =
    value.getUTCHours() === 0 && value.getUTCMinutes() === 0 &&
    value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
  return utcMidnight
    ? formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
    : formatDate(value.getFullYear(), value.getMonth() + 1, value.getDate());
}
