// File names and types (webhooks-and-files.md §B1, §B3): the sanitised name a blob is stored
// under, the type it is served with, and its Content-Disposition.

/** Longest stored name in UTF-8 bytes: what common file systems (ext4, APFS, NTFS) allow. */
export const MAX_FILENAME_BYTES = 255;
const FALLBACK_NAME = 'file';

// C0, DEL and C1 control characters.
const CONTROL_RE = /\p{Cc}/gu;

declare global {
  // ES2024 (Node 20); the project's lib is ES2022.
  interface String {
    toWellFormed(): string;
  }
}

/**
 * The client's file name made safe to use as the last segment of a blob path: only its last path
 * component (`/` and `\` both separate, so `../../etc/passwd` and `..\\boot.ini` lose their
 * directories), without control characters, trimmed, at most 255 UTF-8 bytes with the extension
 * kept; nothing left, `.` or `..` become `file`. Lone surrogates become U+FFFD so the name is
 * storable text.
 */
export function sanitiseFilename(raw: string | undefined): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const name = last.replace(CONTROL_RE, '').trim().toWellFormed();
  const cut = truncateKeepingExtension(name, MAX_FILENAME_BYTES);
  return cut === '' || cut === '.' || cut === '..' ? FALLBACK_NAME : cut;
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  let ext = dot > 0 ? name.slice(dot) : '';
  // An "extension" that leaves no room for any of the name is just part of the name.
  if (Buffer.byteLength(ext) >= maxBytes) ext = '';
  const base = ext === '' ? name : name.slice(0, dot);
  return truncateBytes(base, maxBytes - Buffer.byteLength(ext)).trimEnd() + ext;
}

/** The longest prefix of `s` within `maxBytes` UTF-8 bytes, never splitting a character. */
function truncateBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return s.slice(0, end);
}

const DEFAULT_MIME_TYPE = 'application/octet-stream';
// `type/subtype` of RFC 6838 restricted names: what a Content-Type header can carry back.
const MIME_TYPE_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * The declared type of a part as stored and served: lowercased, without parameters; none, or
 * one that is not a `type/subtype`, is `application/octet-stream` (never sniffed from the bytes).
 */
export function storedMimeType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  return MIME_TYPE_RE.test(type) ? type : DEFAULT_MIME_TYPE;
}

// Printable ASCII other than `"` and `\`: what a quoted filename parameter carries unescaped.
const PLAIN_CHAR_RE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]$/;

/**
 * `inline; filename="<name>"`, and for a name with non-ASCII characters, `"` or `\` an ASCII
 * fallback (each such character `_`) plus `filename*=UTF-8''<percent-encoded name>` (RFC 6266 /
 * RFC 8187), which clients that understand it prefer.
 */
export function contentDisposition(filename: string): string {
  const chars = Array.from(filename);
  if (chars.every((c) => PLAIN_CHAR_RE.test(c))) return `inline; filename="${filename}"`;
  const fallback = chars.map((c) => (PLAIN_CHAR_RE.test(c) ? c : '_')).join('');
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

/** RFC 8187 value-chars: encodeURIComponent leaves `'()*` bare, which are not attr-chars. */
function encodeExtValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
