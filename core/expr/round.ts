// round(x, digits) of §2.6: half away from zero, on the decimal text of the number rather than on
// its binary value, so round(1.005, 2) is 1.01 (1.005 * 100 is 100.49999… in binary) and the result
// agrees with the engine's rounding of decimal fields.
import { numberToPlain, roundDecimal } from '../metadata/field-types/decimal-text.js';
import { finiteResult } from './arithmetic.js';

const PLAIN_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
// Beyond these the answer no longer depends on digits: every double has at most 1,074 fractional
// digits and at most 309 integer digits.
const MAX_FRACTION_DIGITS = 1_100;
const MAX_INTEGER_DIGITS = 310;

/** `x` rounded to `digits` decimal places (negative: to tens, hundreds, …); digits is an integer. */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  if (digits >= 0) {
    const text = roundDecimal(numberToPlain(x), Math.min(digits, MAX_FRACTION_DIGITS));
    return text === undefined ? x : Number(text);
  }
  const shift = Math.min(-digits, MAX_INTEGER_DIGITS);
  const m = PLAIN_RE.exec(numberToPlain(x));
  if (!m) return x;
  const [, sign, int, frac = ''] = m;
  // Divide by 10^shift exactly by moving the decimal point in the text, round, multiply back.
  const padded = int.padStart(shift + 1, '0');
  const moved = `${sign}${padded.slice(0, padded.length - shift)}.${padded.slice(padded.length - shift)}${frac}`;
  const rounded = roundDecimal(moved, 0);
  if (rounded === undefined) return x;
  // Rounding up can overflow: round(1.7e308, -308) would be 2e308.
  return rounded === '0' ? 0 : finiteResult(Number(rounded + '0'.repeat(shift)));
}
