import type { Direction, TargetOp, TargetSpec } from './types';
import { formatNumber, tidy } from './numbers';
import { daysInMonth } from '../dates';

/**
 * Closed phrase lists. The parser matches prefixes longest-first (不低于 before 低于), so the order here
 * does not matter. Each entry is the canonical phrase stored in TargetSpec.phrase.
 */
export const PREFIX_PHRASES: Readonly<Record<string, TargetOp>> = {
  '≥': 'GE',
  不少于: 'GE',
  不低于: 'GE',
  不小于: 'GE',
  至少: 'GE',
  大于等于: 'GE',
  达到: 'GE',
  '>': 'GT',
  大于: 'GT',
  高于: 'GT',
  超过: 'GT',
  多于: 'GT',
  '=': 'EQ',
  等于: 'EQ',
  完成: 'EQ',
  '<': 'LT',
  小于: 'LT',
  低于: 'LT',
  少于: 'LT',
  '≤': 'LE',
  不超过: 'LE',
  不高于: 'LE',
  不多于: 'LE',
  不大于: 'LE',
  小于等于: 'LE',
  控制在: 'LE',
};

/** ASCII spellings accepted on input and stored under their canonical symbol. */
export const PREFIX_ALIASES: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤' };

/** Phrases written after the unit ("90%以上", "20万元以内"). */
export const SUFFIX_PHRASES: Readonly<Record<string, TargetOp>> = {
  及以上: 'GE',
  // Other units' tables write 90%及其以上 / 20%及其以下 (issue #8); same meaning as 及以上 / 及以下.
  及其以上: 'GE',
  以上: 'GE',
  及以下: 'LE',
  及其以下: 'LE',
  以下: 'LE',
  以内: 'LE',
};

/** DATE_BY wording after the date ("2022年12月31日前"); none means a bare date. */
export const DATE_SUFFIXES = ['前', '之前', '以前'] as const;
/** DATE_BY wording that says "done by" (6月底到位, 10月完成); kept so the text reads as written. */
export const DATE_DONE = ['完成', '到位'] as const;
/** DATE_BY wording with no date at all: the deadline is the plan's own schedule. */
export const DATE_ON_TIME = ['按时完成', '按期完成'] as const;

/** Tolerance phrases (parse-tolerance.ts): RANGE around a written base, and LE on a bare deviation. */
export const TOLERANCE_AROUND = '±';
export const TOLERANCE_WITHIN = '±…以内';

// Fallback when a spec carries no (or a foreign) phrase; EQ without a phrase is the bare-number form.
const DEFAULT_SYMBOL: Partial<Record<TargetOp, string>> = { GE: '≥', GT: '>', EQ: '', LT: '<', LE: '≤' };

/** directionOf('LE') → 'reverse': 正向 for GE/GT/EQ/RANGE/DATE_BY, 反向 for LE/LT (domain.md §2.3). */
export function directionOf(op: TargetOp): Direction {
  switch (op) {
    case 'GE':
    case 'GT':
    case 'EQ':
    case 'RANGE':
    case 'DATE_BY':
      return 'positive';
    case 'LE':
    case 'LT':
      return 'reverse';
    case 'QUAL':
      return 'qualitative';
    case 'NA':
      return 'na';
  }
}

/** formatTarget({ op: 'GE', value: 800, unit: '人次', phrase: '不少于' }) → "不少于800人次" (canonical text). */
export function formatTarget(spec: TargetSpec): string {
  switch (spec.op) {
    case 'NA':
      return '不适用';
    case 'QUAL':
      return spec.text ?? '';
    case 'DATE_BY':
      return formatDateBy(spec);
    case 'RANGE': {
      if (spec.phrase === TOLERANCE_AROUND && spec.value !== undefined && spec.max !== undefined) return formatAround(spec);
      const lo = num(spec.value);
      const hi = num(spec.max);
      // "80%-90%" is how tables write percent ranges; other units read naturally once ("80-90人").
      return spec.unit === '%' ? `${lo}%-${hi}%` : `${lo}-${hi}${spec.unit}`;
    }
    default:
      return formatComparison(spec);
  }
}

function num(n: number | undefined): string {
  return n === undefined ? '' : formatNumber(n);
}

function formatComparison(spec: TargetSpec): string {
  // 各 leads the whole phrase, as written: 各不少于2次 (issue #8).
  return (spec.each === true ? '各' : '') + formatOperator(spec);
}

function formatOperator(spec: TargetSpec): string {
  // The note follows the unit it was glued to: 100%覆盖 (never inside the unit).
  const body = `${num(spec.value)}${spec.unit}${spec.note ?? ''}`;
  const phrase = spec.phrase;
  if (phrase === '控制在' && spec.op === 'LE') return `控制在${body}以内`;
  if (phrase === TOLERANCE_WITHIN && spec.op === 'LE') return `±${body}以内`;
  if (phrase !== undefined && PREFIX_PHRASES[phrase] === spec.op) return phrase + body;
  if (phrase !== undefined && SUFFIX_PHRASES[phrase] === spec.op) return body + phrase;
  return (DEFAULT_SYMBOL[spec.op] ?? '') + body;
}

/**
 * RANGE 95..105 % with phrase '±' → "100±5%": base and tolerance as (base±tol)unit, which reads back absolutely.
 * The parser keeps bounds to 12 digits; half their sum may need more, so 15 here, or 0.7556…595 would come back …593.
 */
function formatAround(spec: TargetSpec): string {
  const lo = spec.value ?? 0;
  const hi = spec.max ?? 0;
  return `${formatNumber(tidy((lo + hi) / 2, 15))}±${formatNumber(tidy((hi - lo) / 2, 15))}${spec.unit}`;
}

function formatDateBy(spec: TargetSpec): string {
  const to = isoParts(spec.date);
  if (!to) return spec.phrase ?? DATE_ON_TIME[0];
  const from = isoParts(spec.from);
  if (from) return formatPeriod(from, to);
  // Officials write 2022年6月30日, not 2022年06月30日.
  const text = `${to.y}年${to.m}月${to.d}日`;
  const words: readonly string[] = [...DATE_SUFFIXES, ...DATE_DONE];
  return text + (spec.phrase !== undefined && words.includes(spec.phrase) ? spec.phrase : '');
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function isoParts(iso: string | undefined): Ymd | null {
  const m = iso === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** A period as other units write it: whole months "2023年3月-2023年10月", otherwise with days. */
function formatPeriod(from: Ymd, to: Ymd): string {
  const wholeMonths = from.d === 1 && to.d === daysInMonth(to.y, to.m);
  const part = (p: Ymd) => (wholeMonths ? `${p.y}年${p.m}月` : `${p.y}年${p.m}月${p.d}日`);
  return `${part(from)}-${part(to)}`;
}
