import type { Level } from '../model';
import type { TargetSpec } from './types';
import { parseTarget } from './parse';
import { formatTarget } from './format';
import { KNOWN_UNITS } from './parse-common';

/**
 * Target-quality check at planning time (issue #8 item 7): what a reviewer of a 绩效目标表 would send back — a
 * target nobody can measure, a bare number whose direction is unclear, a unit the name contradicts, a rate over
 * 100 %, a deadline outside the plan year, an applicable row without points. Advice only: never blocks saving.
 */

export type QualityCode =
  | 'notMeasurable'
  | 'directionUnclear'
  | 'unitMismatch'
  | 'rateUnit'
  | 'rateOver100'
  | 'deadlineOutsideYear'
  | 'noWeight'
  | 'measureUnnamed';

export interface QualityWarning {
  code: QualityCode;
  /** Values for the message and fix templates, e.g. { ge: '≥30人', eq: '=30人' }. */
  params?: Record<string, string | number>;
  /** The suggested fix, as a message key under quality.fix (the UI words it; the domain stays language-free). */
  fix: string;
  /** Target texts that would settle the warning, for a one-click "use this" (parse(format(t)) holds for each). */
  suggest?: string[];
}

export interface QualityNode {
  name: string;
  targetText: string;
  /** Parsed target; when absent, targetText is parsed with ctx.year. */
  target?: TargetSpec;
  weightCp: number | null;
  level: Level;
}

export interface QualityContext {
  /** Plan year; without it the deadline check is skipped. */
  year?: number;
}

const QUANTITATIVE: ReadonlySet<TargetSpec['op']> = new Set(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE']);
// Words that name a checkable result in a 定性 target (通过验收, 未发生重大事故, 按计划完成).
const MEASURE_WORDS = ['验收', '通过', '达标', '合格', '完成', '建成', '办结', '印发', '出台', '发布', '制定', '获批', '批复',
  '上线', '投入使用', '未发生', '不发生', '无重大', '杜绝', '全部', '全覆盖', '零'];
// §2.2 edge case: a name worded as a wish (有效提升…幸福指数) with a % target needs the measurement named.
const WISH_WORDS = ['有效提升', '有效提高', '明显改善', '明显提升', '逐步提高', '进一步', '切实', '不断', '显著'];
// Rates that may exceed 100 % (增长率 120 %); the parser still warns percentOver100 on the text itself.
const GROWTH_WORDS = ['增长', '增幅', '增速', '同比', '环比', '提高', '提升', '比上年'];
const PERCENT_UNITS: ReadonlySet<string> = new Set(['%', '‰', '个百分点']);

/** checkTargetQuality({ name: '补贴发放人数', targetText: '30人', … }, { year: 2022 }) → [{ code: 'directionUnclear', … }] */
export function checkTargetQuality(node: QualityNode, ctx: QualityContext = {}): QualityWarning[] {
  if (node.level !== 3) return [];
  const t = node.target ?? parseTarget(node.targetText, ctx).spec;
  if (t.op === 'NA') return []; // 不适用 rows are dropped from scoring (domain.md §4.4)
  const checks = [notMeasurable, directionUnclear, unitChecks, rateOver100, measureUnnamed];
  const out = checks.flatMap((check) => check(t, node.name));
  out.push(...deadline(t, ctx.year));
  // Every applicable 三级 weight must be > 0 (FASP2 isCheckWeightGtZero, domain.md §2.5).
  if (node.weightCp === null || node.weightCp <= 0) out.push({ code: 'noWeight', fix: 'setWeight' });
  return out;
}

function notMeasurable(t: TargetSpec): QualityWarning[] {
  // An unparsed text is flagged by the tree already (tree.flagged); this is about prose read as 定性 (§2.2, §4.3).
  if (t.op !== 'QUAL' || t.unparsed === true) return [];
  const text = t.text ?? '';
  return MEASURE_WORDS.some((w) => text.includes(w)) ? [] : [{ code: 'notMeasurable', params: { text }, fix: 'writeMeasure' }];
}

/** A bare number (§2.2: parsed EQ, scored like GE) — was "at least" or "exactly" meant? 100 % and 0 are clear. */
function directionUnclear(t: TargetSpec): QualityWarning[] {
  if (t.op !== 'EQ' || t.phrase !== undefined || t.value === undefined) return [];
  if (t.value === 0 || (t.unit === '%' && t.value === 100)) return [];
  const ge = formatTarget({ ...t, op: 'GE', phrase: '≥' });
  const eq = formatTarget({ ...t, phrase: '=' });
  return [{ code: 'directionUnclear', params: { text: formatTarget(t), ge, eq }, fix: 'chooseDirection', suggest: [ge, eq] }];
}

/** 人次 ≠ 人 (domain.md §2.4), a （份） in the name against another unit, a 率 name without %. */
function unitChecks(t: TargetSpec, name: string): QualityWarning[] {
  if (!QUANTITATIVE.has(t.op)) return [];
  const named = nameUnit(name);
  if (named !== null && t.unit !== '' && unscaled(t.unit) !== unscaled(named)) {
    const fix = named === '人次' || named === '人' ? 'personTimes' : 'matchUnit';
    return [{ code: 'unitMismatch', params: { named, unit: t.unit }, fix, suggest: [formatTarget({ ...t, unit: named })] }];
  }
  if (isRateName(name) && !PERCENT_UNITS.has(t.unit)) {
    return [{ code: 'rateUnit', params: { unit: t.unit || '—' }, fix: 'usePercent', suggest: [formatTarget({ ...t, unit: '%' })] }];
  }
  return [];
}

/** The unit a name states: a known unit in brackets ("活动（人次）"), or a name ending in 人次 / 人数. */
export function nameUnit(name: string): string | null {
  const bracketed = [...name.matchAll(/[（(]([^（）()]{1,4})[）)]/g)].map((m) => m[1] ?? '').filter((u) => KNOWN_UNITS.has(u));
  if (bracketed.length) return bracketed[bracketed.length - 1] ?? null;
  if (name.endsWith('人次')) return '人次';
  if (name.endsWith('人数')) return '人';
  return null;
}

// 万人次 counts the same thing as 人次, in larger steps.
const unscaled = (unit: string) => unit.replace(/^[万千亿]/, '');

function isRateName(name: string): boolean {
  const bare = name.replace(/[（(][^（）()]*[）)]\s*$/, '');
  return bare.endsWith('率') || bare.includes('覆盖率');
}

function rateOver100(t: TargetSpec, name: string): QualityWarning[] {
  if (t.unit !== '%' || !QUANTITATIVE.has(t.op)) return [];
  const top = Math.max(t.value ?? 0, t.max ?? 0);
  if (top <= 100 || GROWTH_WORDS.some((w) => name.includes(w))) return [];
  let fixed: TargetSpec | null = { ...t, value: 100 };
  if (t.op === 'RANGE') fixed = (t.value ?? 0) < 100 ? { op: 'RANGE', value: t.value, max: 100, unit: '%' } : null;
  return [{ code: 'rateOver100', params: { value: top }, fix: 'capAt100', suggest: fixed ? [formatTarget(fixed)] : [] }];
}

function measureUnnamed(t: TargetSpec, name: string): QualityWarning[] {
  if (!QUANTITATIVE.has(t.op) || t.unit !== '%' || !WISH_WORDS.some((w) => name.includes(w))) return [];
  return [{ code: 'measureUnnamed', params: { name }, fix: 'nameMeasure' }];
}

/** A target table is for one year: a deadline (or a period start) in another year is usually a typo. */
function deadline(t: TargetSpec, year: number | undefined): QualityWarning[] {
  if (t.op !== 'DATE_BY' || year === undefined) return [];
  const outside = [t.from, t.date].find((d) => d !== undefined && !d.startsWith(`${year}-`));
  if (outside === undefined) return [];
  const suggest = formatTarget({ op: 'DATE_BY', date: `${year}-12-31`, unit: '', phrase: '前' });
  return [{ code: 'deadlineOutsideYear', params: { date: outside, year }, fix: 'moveIntoYear', suggest: [suggest] }];
}
