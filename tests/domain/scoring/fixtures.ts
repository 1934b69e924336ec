import { expect } from 'vitest';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetSpec } from '@/domain/targets/types';
import { unitIndicators, YEAR } from '@/domain/seed/yantian-2022';
import { RULE_SETS } from '@/domain/scoring/rule-sets';
import type { IndicatorScoreInput, RuleSet, ScoreActual } from '@/domain/scoring/types';

/** Shared builders for the scoring tests: targets as officials write them, parsed by the real parser. */

export const CTX = { year: YEAR };
export const DEFAULT = RULE_SETS['cn-2020-10'] as RuleSet;
export const ALT = RULE_SETS['cn-2020-10-alt'] as RuleSet;
export const PLATFORM = RULE_SETS['yitihua-platform'] as RuleSet;

export function target(raw: string): TargetSpec {
  const r = parseTarget(raw, { year: YEAR });
  expect(r.ok, raw).toBe(true);
  return r.spec;
}

export const n = (value: number): ScoreActual => ({ kind: 'number', value });
export const done = (date: string | null): ScoreActual => ({ kind: 'date', done: date });
export const band = (b: 'achieved' | 'partial' | 'notAchieved', scoreCp?: number): ScoreActual =>
  scoreCp === undefined ? { kind: 'band', band: b } : { kind: 'band', band: b, scoreCp };
export const MISSING: ScoreActual = { kind: 'missing' };

let seq = 0;
/** row('≥800人次', 400, n(720)) → an input with a fresh id. */
export function row(raw: string, weightCp: number | null, actual: ScoreActual, extra: Partial<IndicatorScoreInput> = {}): IndicatorScoreInput {
  seq += 1;
  return { id: `r${seq}`, name: `指标${seq}`, level1: '产出', level2: '数量', target: target(raw), weightCp, actual, ...extra };
}

/**
 * The §4.10 card: the seed's 20 单位整体 rows in table order with the listed actuals and weights (数量 6×4, 质量 6×3,
 * 时效 4, 成本 4, 社会效益 30, 满意度 10; 不适用 rows unweighted).
 */
const SEED_ACTUALS: (ScoreActual | null)[] = [
  n(720), n(5000), n(28), n(650), n(25), n(1),
  n(95), n(88), n(92), n(100), n(100), n(100),
  done('2023-01-10'), n(96),
  null, n(93), null, null,
  n(85), null,
];
const SEED_WEIGHTS: (number | null)[] = [
  400, 400, 400, 400, 400, 400,
  300, 300, 300, 300, 300, 300,
  400, 400,
  null, 3000, null, null,
  1000, null,
];

export function seedCard(): IndicatorScoreInput[] {
  return unitIndicators.map((s, i) => ({
    id: `seed-${i + 1}`,
    name: s.name,
    level1: s.level1,
    level2: s.level2,
    target: target(s.target),
    weightCp: SEED_WEIGHTS[i] ?? null,
    actual: SEED_ACTUALS[i] ?? MISSING,
    // The over-achieved 文体活动 row must be explained (domain.md §9).
    ...(i === 3 ? { deviationReason: '活动受欢迎，报名人数远超预期' } : {}),
  }));
}

/** 全年预算 1,273.52 万元, executed 1,210.00 万元 (95.01%), weight 10. */
export const SEED_BUDGET = { initialFen: 1_273_520_000, fullFen: 1_273_520_000, executedFen: 1_210_000_000, weightCp: 1000 };
