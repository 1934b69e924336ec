/**
 * Numbers as officials write them in target tables: ASCII or full-width digits, optional thousands
 * separators, a decimal point. Deliberately strict: a malformed number must surface as an error, never be
 * guessed into a different value ("1,2,3" is not 123, "9..0" is not 9).
 */

/** Full-width ASCII block (！ … ～) to ASCII: "１２３．５" → "123.5", "≥９０％" → "≥90%". */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const PLAIN = /^\d+(?:\.\d+)?$/;
// Groups must be exactly three digits, so "1,23" or "1,2,3" are rejected rather than read as 123.
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** "１，２３４．５０" → 1234.5, "12.345" → 12.345, "-5" → -5; null for "", "NaN", "9..0", "1,2,3". */
export function parseNumber(raw: string): number | null {
  let s = toHalfWidth(raw).trim();
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  }
  if (!PLAIN.test(s) && !GROUPED.test(s)) return null;
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  // "-0" must not become -0: it would format as "0" and break the canonical round trip.
  return n === 0 ? 0 : sign * n;
}

/** 800 → "800", 0.5 → "0.5", 1.5e-7 → "0.00000015": no grouping, no exponent, no trailing zeros. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // String() switches to exponent notation outside 1e-7..1e21; expand it so the text stays parseable.
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/**
 * tidy(3.3 * 0.95) → 3.135: twelve significant digits (by default), enough for any figure in a target table, and it
 * drops the binary noise of computed bounds (100±5% of 3.3) so their canonical text reads back to the same numbers.
 */
export function tidy(n: number, digits = 12): number {
  const t = Number(n.toPrecision(digits));
  return t === 0 ? 0 : t;
}
