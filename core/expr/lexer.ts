// Tokens of §2.2. The lexer also reports the constructs the language refuses at the character level
// (assignment, object literals, arrow functions, bitwise operators, template literals) with a reason
// that names them, instead of a bare "unexpected character".
import { ExprCompileError } from './errors.js';

export const KEYWORDS: ReadonlySet<string> = new Set([
  'true', 'false', 'nil', 'null', 'undefined', 'and', 'or', 'not', 'in', 'new',
]);

export type TokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'operator' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The operator or word as written; the string's value; the number's source text. */
  readonly text: string;
  /** A number token's value. */
  readonly number?: number;
  /** Offset of the first character in the source (0-based, like JSON.parse positions). */
  readonly pos: number;
}

/** Operators that are one character and never the start of a longer one. */
const SINGLE_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', ':', '.', '[', ']', '(', ')', ',']);

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isIdentifierStart = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24; // A-Z a-z _ $
const isIdentifierPart = (c: number) => isIdentifierStart(c) || isDigit(c);
const isWhitespace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const HEX4_RE = /^[0-9A-Fa-f]{4}$/;

/** A character as shown in a reason: printable ASCII quoted, anything else as U+XXXX. */
export function describeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x21 && c <= 0x7e ? `'${ch}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (isIdentifierStart(c)) {
      const start = i;
      while (i < n && isIdentifierPart(source.charCodeAt(i))) i++;
      const word = source.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'identifier', text: word, pos: start });
    } else if (c === 0x27 || c === 0x22) { // ' "
      i = readString(source, i, tokens);
    } else {
      i = readOperator(source, i, tokens);
    }
  }
  tokens.push({ kind: 'end', text: '', pos: n });
  return tokens;
}

/** `\d+(\.\d+)?([eE][+-]?\d+)?`; a `.` or `e` not followed by digits is not part of the number. */
function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  const digitsFrom = (j: number) => {
    while (isDigit(source.charCodeAt(j))) j++;
    return j;
  };
  i = digitsFrom(i);
  if (source.charCodeAt(i) === 0x2e && isDigit(source.charCodeAt(i + 1))) i = digitsFrom(i + 1);
  const e = source.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    const sign = source.charCodeAt(i + 1);
    const signed = sign === 0x2b || sign === 0x2d;
    if (isDigit(source.charCodeAt(i + (signed ? 2 : 1)))) i = digitsFrom(i + (signed ? 2 : 1));
  }
  const text = source.slice(start, i);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ExprCompileError(`number out of range at position ${start}`);
  tokens.push({ kind: 'number', text, number: value, pos: start });
  return i;
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start];
  const parts: string[] = [];
  let i = start + 1;
  let chunkStart = i;
  for (;;) {
    if (i >= source.length) throw new ExprCompileError(`unterminated string starting at position ${start}`);
    const ch = source[i];
    if (ch === quote) break;
    if (ch !== '\\') {
      i++;
      continue;
    }
    parts.push(source.slice(chunkStart, i));
    const escape = source[i + 1];
    if (escape === undefined) throw new ExprCompileError(`unterminated string starting at position ${start}`);
    if (escape === 'u') {
      const hex = source.slice(i + 2, i + 6);
      if (!HEX4_RE.test(hex)) {
        throw new ExprCompileError(`bad escape \\u at position ${i} (expected four hex digits)`);
      }
      parts.push(String.fromCharCode(parseInt(hex, 16)));
      i += 6;
    } else if (Object.hasOwn(ESCAPES, escape)) {
      parts.push(ESCAPES[escape]);
      i += 2;
    } else {
      const shown = describeChar(escape);
      const written = shown.startsWith("'") ? `\\${escape}` : `\\ followed by ${shown}`;
      throw new ExprCompileError(`bad escape ${written} at position ${i} (allowed: \\\\ \\' \\" \\n \\r \\t \\uXXXX)`);
    }
    chunkStart = i;
  }
  parts.push(source.slice(chunkStart, i));
  tokens.push({ kind: 'string', text: parts.join(''), pos: start });
  return i + 1;
}

/** The longest operator at `i` (`===` before `==` before `=`), or a reason for what is there. */
function readOperator(source: string, i: number, tokens: Token[]): number {
  const ch = source[i];
  const next = source[i + 1];
  let op: string | undefined;
  switch (ch) {
    case '=':
      if (next === '=') op = source[i + 2] === '=' ? '===' : '==';
      else if (next === '>') throw new ExprCompileError(`arrow functions are not allowed (=> at position ${i})`);
      else throw new ExprCompileError(`assignment is not allowed (= at position ${i}; use == to compare)`);
      break;
    case '!':
      op = next === '=' ? (source[i + 2] === '=' ? '!==' : '!=') : '!';
      break;
    case '<':
    case '>':
      op = next === '=' ? ch + '=' : ch;
      break;
    case '&':
    case '|':
      if (next !== ch) throw new ExprCompileError(`bitwise operators are not supported (${ch} at position ${i}; use ${ch}${ch})`);
      op = ch + ch;
      break;
    case '?':
      if (next === '?') throw new ExprCompileError(`the ?? operator is not supported at position ${i} (use a ? b : c or a || b)`);
      op = next === '.' ? '?.' : '?';
      break;
    case '{':
      throw new ExprCompileError(`object literals are not allowed ({ at position ${i})`);
    case '`':
      throw new ExprCompileError(`template literals are not supported (\` at position ${i}; use '…' + …)`);
    case ';':
      throw new ExprCompileError(`unexpected ';' at position ${i} (an expression is a single expression, not statements)`);
    default:
      if (SINGLE_OPERATORS.has(ch)) op = ch;
  }
  if (op === undefined) {
    throw new ExprCompileError(`unexpected character ${describeChar(String.fromCodePoint(source.codePointAt(i) ?? 0))} at position ${i}`);
  }
  tokens.push({ kind: 'operator', text: op, pos: i });
  return i + op.length;
}
