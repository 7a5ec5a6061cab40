// Lossless decimal arithmetic on digit strings: exponent expansion, half-away-from-zero rounding
// and canonical form. Decimals are carried as strings so PostgreSQL NUMERIC values never pass
// through a binary float.

const PLAIN_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const EXP_RE = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;

/** Finite JS number → plain decimal text (no exponent), e.g. 1.5e-7 → "0.00000015". */
export function numberToPlain(n: number): string {
  const s = String(n); // shortest round-trip representation; String(-0) is "0"
  const m = EXP_RE.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const digits = int + frac;
  const point = int.length + Number(expText);
  let plain: string;
  if (point <= 0) plain = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = digits.slice(0, point) + '.' + digits.slice(point);
  return canonicalDecimal(sign + plain) ?? sign + plain;
}

function stripLeadingZeros(int: string): string {
  const s = int.replace(/^0+/, '');
  return s === '' ? '0' : s;
}

/** Adds one unit in the last place of a digit string ("199" → "200", "99" → "100"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === '9') {
      out[i] = '0';
      i--;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}

/**
 * Rounds `^-?\d+(\.\d+)?$` text half away from zero to exactly `precision` fractional digits.
 * Returns undefined for text that is not plain decimal.
 */
export function roundDecimal(text: string, precision: number): string | undefined {
  const m = PLAIN_RE.exec(text);
  if (!m) return undefined;
  const [, sign, intRaw, fracRaw = ''] = m;
  let int = intRaw;
  let frac = fracRaw;
  if (frac.length <= precision) {
    frac = frac.padEnd(precision, '0');
  } else {
    const roundUp = frac.charCodeAt(precision) >= 53; // '5'
    let digits = int + frac.slice(0, precision);
    if (roundUp) digits = incrementDigits(digits);
    int = digits.slice(0, digits.length - precision);
    frac = digits.slice(digits.length - precision);
  }
  int = stripLeadingZeros(int);
  const isZero = /^0*$/.test(int + frac);
  return (isZero ? '' : sign) + int + (precision > 0 ? '.' + frac : '');
}

/** Canonical text: no leading zeros in the integer part, no trailing fractional zeros, no "-0". */
export function canonicalDecimal(text: string): string | undefined {
  const m = PLAIN_RE.exec(text);
  if (!m) return undefined;
  const [, sign, intRaw, fracRaw = ''] = m;
  const int = stripLeadingZeros(intRaw);
  const frac = fracRaw.replace(/0+$/, '');
  const isZero = /^0*$/.test(int + frac);
  return (isZero ? '' : sign) + int + (frac ? '.' + frac : '');
}

/** Number of digits before the point (ignoring sign and leading zeros); "0.5" → 0. */
export function integerDigitCount(text: string): number {
  const int = text.replace(/^-/, '').split('.')[0].replace(/^0+/, '');
  return int.length;
}
