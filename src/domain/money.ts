import { toHalfWidth } from './targets/numbers';

/**
 * Exact money. Amounts are integer fen (分, 1/100 元); 1 万元 = 1,000,000 fen.
 * Budget tables show 万元 with two decimals, so 万元 values are rounded half-up once, at formatting.
 */
export type Fen = number;

export const FEN_PER_WAN = 1_000_000;
export const FEN_PER_YUAN = 100;

/**
 * Decimal text → integer count of 10^-places units, from digits, never through floating point
 * ("770.56", 6 places → 770,560,000). Null when malformed or finer than `places` decimals.
 */
function parseScaled(raw: string, places: number): number | null {
  // Thousands separators only in groups of three ("1,273.52"); "1,2" is a typo, not 12.
  if (raw.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw.replace(/,/g, ''));
  if (!m) return null;
  const [, sign, int, frac = ''] = m;
  if (frac.length > places) return null;
  const n = Number(BigInt(int!) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, '0') || '0'));
  if (!Number.isSafeInteger(n)) return null;
  return sign === '-' ? -n : n;
}

/** Parses a 万元 amount as written ("1,273.52", "１２７３．５２", "770.56万元") into fen; null when not an amount. */
export function parseWanToFen(text: string): Fen | null {
  return parseScaled(toHalfWidth(text).replace(/\s/g, '').replace(/万元$/, ''), 6);
}

/** "1273" → "1,273" */
const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 1,273.52 万元 → "1,273.52"; rounds half-up to 0.01 万元 (12,735,250 fen → "12.74"). */
export function formatWan(fen: Fen, decimals = 2): string {
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const scale = BigInt(FEN_PER_WAN / 10 ** decimals);
  const units = (abs * 2n + scale) / (scale * 2n); // half-up on exact integers
  const digits = units.toString().padStart(decimals + 1, '0');
  const intPart = digits.slice(0, digits.length - decimals);
  const fracPart = digits.slice(digits.length - decimals);
  const grouped = groupThousands(intPart);
  return `${neg ? '-' : ''}${grouped}${decimals > 0 ? '.' + fracPart : ''}`;
}

/** "1,500.50" or "1500.5元" → 150,050 fen; null for "1500万元" (another unit) or a fraction of a fen ("1.005"). */
export function parseYuanToFen(text: string): Fen | null {
  return parseScaled(toHalfWidth(text).replace(/\s/g, '').replace(/(?<!万)元$/, ''), 2);
}

/** 150,000 fen → "1,500.00" (元, two decimals, exact). */
export function formatYuan(fen: Fen): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const int = groupThousands(Math.floor(abs / FEN_PER_YUAN).toString());
  return `${neg ? '-' : ''}${int}.${String(abs % FEN_PER_YUAN).padStart(2, '0')}`;
}

/** Money in the unit a target was written in: 万元 or 元. */
export function formatMoney(fen: Fen, unit: string): string {
  return unit === '元' ? `${formatYuan(fen)}元` : `${formatWan(fen)}万元`;
}

/** 万元 number literal from a known-exact decimal string; for seed data and tests. */
export function wan(text: string): Fen {
  const fen = parseWanToFen(text);
  if (fen === null) throw new Error(`not a 万元 amount: ${text}`);
  return fen;
}

export function sumFen(values: readonly Fen[]): Fen {
  return values.reduce((a, b) => a + b, 0);
}
