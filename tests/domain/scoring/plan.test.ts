import { describe, expect, it } from 'vitest';
import { formatPoints } from '@/domain/points';
import { scorePlan } from '@/domain/scoring/plan';
import type { BudgetScoreInput, IndicatorScoreInput, RuleSet } from '@/domain/scoring/types';
import { ALT, CTX, DEFAULT, MISSING, PLATFORM, SEED_BUDGET, band, done, n, row, seedCard } from './fixtures';

/** domain.md §4.10 by hand: the row scores in table order (null = 不适用). */
const SEED_ROW_SCORES = [360, 400, 373, 400, 400, 400, 300, 293, 300, 300, 300, 300, 280, 400, null, 3000, null, null, 944, null];

describe('§4.10 full scorecard, default profile 财预〔2020〕10号', () => {
  // Built per test (not at collection time) so per-test coverage sees which test reaches which line.
  const scored = () => scorePlan(seedCard(), SEED_BUDGET, DEFAULT, CTX);

  it('scores every row as the worked card does', () => {
    const card = scored();
    expect(card.rows.map((r) => r.scoreCp)).toEqual(SEED_ROW_SCORES);
    expect(card.rows.map((r) => r.status)).toEqual(SEED_ROW_SCORES.map((s) => (s === null ? 'na' : 'scored')));
    expect(card.rows[3]!.over).toBe(true); // 文体活动 650/300
    expect(card.rows.filter((r) => r.over)).toHaveLength(1);
    expect(card.rows[12]!.explanation.formula).toBe('2023-01-10 > 2022-12-31 → 部分达成 → 0.7×4.00 = 2.80');
  });

  it('产出 48.06, 效益 30.00, 满意度 9.44, budget 9.50, total 97.00 → 优', () => {
    const card = scored();
    expect(card.groups.map((g) => [g.name, formatPoints(g.weightCp), formatPoints(g.scoreCp), g.rows.length])).toEqual([
      ['产出', '50.00', '48.06', 14],
      ['效益', '30.00', '30.00', 4],
      ['满意度', '10.00', '9.44', 2],
    ]);
    expect(card.budget.scoreCp).toBe(950);
    expect(card.budget.explanation.text).toBe('预算执行率: 1,210.00/1,273.52×10.00 = 9.50');
    expect(card.rawTotalCp).toBe(9700);
    expect(card.totalCp).toBe(9700);
    expect(card.grade).toBe('excellent');
  });

  it('NA rows are excluded and carry nothing to rescale; nothing penalised or capped; ready to finalise', () => {
    const card = scored();
    expect(card.naRescale).toBeNull();
    expect(card.penaltyCp).toBe(0);
    expect(card.cap).toBeNull();
    expect(card.blocking).toEqual([]);
    expect(card.complete).toBe(true);
    expect(card.ruleSetId).toBe('cn-2020-10');
    expect(card.ruleSetVersion).toBe(1);
  });

  it('the over-achieved row without its explanation blocks finalising, score unchanged', () => {
    const inputs = seedCard().map((r, i) => (i === 3 ? { ...r, deviationReason: undefined } : r));
    const card = scorePlan(inputs, SEED_BUDGET, DEFAULT, CTX);
    expect(card.totalCp).toBe(9700);
    expect(card.complete).toBe(false);
    expect(card.blocking).toEqual([{ id: 'seed-4', name: '开展职工趣味运动会、登山等文体活动参与人次', code: 'overReason' }]);
  });
});

describe('§4.10 card under the R2/D2 alternative (cn-2020-10-alt)', () => {
  // Built per test (not at collection time) so per-test coverage sees which test reaches which line.
  const scored = () => scorePlan(seedCard(), SEED_BUDGET, ALT, CTX);

  it('no reverse rows, so only the date row changes: 10 days late of 365 → (1−10/365)×4 = 3.89', () => {
    const card = scored();
    expect(card.rows[12]!.scoreCp).toBe(389);
    expect(card.rows[12]!.explanation.text).toBe('时效D2 线性: (1−10/365)×4.00 = 3.89');
    expect(card.rows.map((r) => r.scoreCp)).toEqual(SEED_ROW_SCORES.map((s, i) => (i === 12 ? 389 : s)));
  });

  it('产出 49.15, total 98.09 → 优', () => {
    const card = scored();
    expect(card.groups[0]!.scoreCp).toBe(4915);
    expect(card.totalCp).toBe(9809);
    expect(card.grade).toBe('excellent');
    expect(card.ruleSetId).toBe('cn-2020-10-alt');
  });
});

describe('§4.10 card under the 一体化 platform profile', () => {
  it('650/300 deviates ≥ 30% → −2.00; 95.01% execution → no cap; 95.00 → 优', () => {
    const card = scorePlan(seedCard(), SEED_BUDGET, PLATFORM, CTX);
    expect(card.rows.map((r) => r.penaltyCp)).toEqual(SEED_ROW_SCORES.map((_, i) => (i === 3 ? 200 : 0)));
    expect(card.rawTotalCp).toBe(9700);
    expect(card.penaltyCp).toBe(200);
    expect(card.cap).toBeNull();
    expect(card.totalCp).toBe(9500);
    expect(card.grade).toBe('excellent');
    expect(card.complete).toBe(true);
  });

  it('with only 75% executed: budget 7.50, 97.00 − 2.50 − 2.00 = 93.00, capped at 89.00 → 良', () => {
    const budget = { ...SEED_BUDGET, executedFen: 955_140_000 }; // 75% of 1,273.52 万元
    const card = scorePlan(seedCard(), budget, PLATFORM, CTX);
    expect(card.budget.scoreCp).toBe(750);
    expect(card.rawTotalCp).toBe(9500);
    expect(card.cap).toEqual({ maxTotalCp: 8900, explanation: '预算执行率 75.00% < 80% → 总分不超过 89.00' });
    expect(card.totalCp).toBe(8900);
    expect(card.grade).toBe('good');
    // The same execution under the default profile is not capped.
    expect(scorePlan(seedCard(), budget, DEFAULT, CTX).totalCp).toBe(9500);
  });
});

/** One 90-point row (scored by its actual) and a 10-point budget of 1 万元 executed `executedFen`. */
function simple(actual: number, executedFen: number, rules: RuleSet, extra: IndicatorScoreInput[] = []) {
  const budget: BudgetScoreInput = { initialFen: 1_000_000, fullFen: 1_000_000, executedFen, weightCp: 1000 };
  return scorePlan([row('≥100%', 9000 - extra.reduce((s, r) => s + (r.weightCp ?? 0), 0), n(actual)), ...extra], budget, rules, CTX);
}

describe('一体化 budget caps at their exact thresholds (below, not at)', () => {
  it.each([
    [800_000, null, 9800],
    [799_999, 8900, 8900],
    [700_000, 8900, 8900],
    [699_999, 7900, 7900],
    [600_000, 7900, 7900],
    [599_999, 6900, 6900],
    [500_000, 6900, 6900],
    [499_999, 5900, 5900],
    [0, 5900, 5900],
  ])('executed %i of 1,000,000 fen → cap %s, total %i', (executedFen, cap, total) => {
    const card = simple(100, executedFen, PLATFORM);
    expect(card.cap?.maxTotalCp ?? null).toBe(cap);
    expect(card.totalCp).toBe(total);
  });

  it('a cap never raises a lower total', () => {
    const card = simple(50, 790_000, PLATFORM); // 45.00 + 7.90 = 52.90 < 89
    expect(card.cap?.maxTotalCp).toBe(8900);
    expect(card.totalCp).toBe(5290);
    expect(card.grade).toBe('poor');
  });

  it('the strictest applicable cap wins whatever the order they are listed in', () => {
    const reversed: RuleSet = { ...PLATFORM, budgetCaps: [...PLATFORM.budgetCaps].reverse() };
    expect(simple(100, 400_000, reversed).cap).toEqual({ maxTotalCp: 5900, explanation: '预算执行率 40.00% < 50% → 总分不超过 59.00' });
    expect(simple(100, 650_000, reversed).cap?.maxTotalCp).toBe(7900);
  });

  it('no budget → no rate → no cap (but the card is blocked by noBudget)', () => {
    const card = scorePlan([row('≥100%', 9000, n(100))], { initialFen: 0, fullFen: 0, executedFen: 0, weightCp: 1000 }, PLATFORM, CTX);
    expect(card.cap).toBeNull();
    expect(card.totalCp).toBe(9000);
    expect(card.blocking).toEqual([{ id: 'budget', name: '预算执行率', code: 'noBudget' }]);
  });

  it('a zero-weight budget with no money is not a problem', () => {
    const card = scorePlan([row('≥100%', 10000, n(100))], { initialFen: 0, fullFen: 0, executedFen: 0, weightCp: 0 }, DEFAULT, CTX);
    expect(card.blocking).toEqual([]);
    expect(card.totalCp).toBe(10000);
  });
});

describe('不适用 rows carrying points (domain.md §4.4: Σscore/(100 − Σw_NA) × 100)', () => {
  it('seed with 4.00 left on 经济效益 (不适用), 社会效益 26.00: 93.00/96.00 × 100 = 96.875 → 96.88', () => {
    const inputs = seedCard().map((r, i) => (i === 14 ? { ...r, weightCp: 400 } : i === 15 ? { ...r, weightCp: 2600 } : r));
    const card = scorePlan(inputs, SEED_BUDGET, DEFAULT, CTX);
    expect(card.rawTotalCp).toBe(9300);
    expect(card.naRescale).toEqual({
      naWeightCp: 400,
      factor: 10000 / 9600,
      explanation: '不适用指标分值 4.00：93.00/(100.00−4.00)×100 = 96.88',
    });
    expect(card.totalCp).toBe(9688);
    expect(card.rows[14]!.problems).toEqual([{ code: 'naWeighted', params: { weightCp: 400 } }]);
    expect(card.blocking).toEqual([]); // information, not a reason to stop
    expect(card.groups[1]).toMatchObject({ name: '效益', weightCp: 3000, scoreCp: 2600 });
  });

  it('full marks on every applicable row still make exactly 100.00', () => {
    const na = row('不适用', 1500, MISSING);
    const card = simple(100, 1_000_000, DEFAULT, [na]);
    expect(card.rawTotalCp).toBe(8500);
    expect(card.totalCp).toBe(10000);
    expect(card.naRescale?.naWeightCp).toBe(1500);
  });

  it('weights on several NA rows add up; unweighted NA rows add nothing', () => {
    const card = simple(50, 500_000, DEFAULT, [row('不适用', 300, MISSING), row('不适用', 200, MISSING), row('不适用', null, MISSING)]);
    // 85.00 × 50% = 42.50, budget 5.00 → 47.50 / 95.00 × 100 = 50.00
    expect(card.rawTotalCp).toBe(4750);
    expect(card.naRescale?.naWeightCp).toBe(500);
    expect(card.totalCp).toBe(5000);
  });

  it('no rescale when no NA row carries points, or when they carry all 100', () => {
    expect(simple(100, 1_000_000, DEFAULT, [row('不适用', 0, MISSING)]).naRescale).toBeNull();
    const all = scorePlan([row('不适用', 10000, MISSING)], { initialFen: 0, fullFen: 0, executedFen: 0, weightCp: 0 }, DEFAULT, CTX);
    expect(all.naRescale).toBeNull();
    expect(all.totalCp).toBe(0);
  });

  it('rescale comes before the penalty and the cap', () => {
    const over = row('300人次', 500, n(650), { deviationReason: '报名踊跃' });
    const na = row('不适用', 500, MISSING);
    // rows: 80.00 + 5.00, budget 7.50 → 92.50 / 95 × 100 = 97.37 → −2 = 95.37 → cap 89
    const rows = [row('≥100%', 8000, n(100)), over, na];
    const budget = (executedFen: number) => ({ initialFen: 100, fullFen: 100, executedFen, weightCp: 1000 });
    const card = scorePlan(rows, budget(75), PLATFORM, CTX);
    expect(card.rawTotalCp).toBe(9250);
    expect(card.naRescale?.explanation).toBe('不适用指标分值 5.00：92.50/(100.00−5.00)×100 = 97.37');
    expect(card.penaltyCp).toBe(200);
    expect(card.totalCp).toBe(8900);
    const uncapped = scorePlan(rows, budget(100), PLATFORM, CTX);
    expect(uncapped.totalCp).toBe(10000 - 200);
  });
});

describe('penalty floor', () => {
  it('penalties never push the total below 0', () => {
    const rows = [1, 2, 3].map(() => row('1次', 100, n(5), { deviationReason: '超额' }));
    const card = scorePlan(rows, { initialFen: 0, fullFen: 0, executedFen: 0, weightCp: 0 }, PLATFORM, CTX);
    expect(card.rawTotalCp).toBe(300);
    expect(card.penaltyCp).toBe(600);
    expect(card.totalCp).toBe(0);
  });
});

describe('blocking and completeness', () => {
  it('lists every blocking row problem by row, and weights not adding up to 100', () => {
    const inputs = [
      row('≥90%', 3000, MISSING, { id: 'a', name: '甲' }),
      row('有效提升', 3000, band('partial', 3000), { id: 'b', name: '乙' }),
      row('2022年12月31日前', null, done('2022-12-01'), { id: 'c', name: '丙' }),
      row('≥90%', 2000, n(95), { id: 'd', name: '丁' }),
    ];
    const card = scorePlan(inputs, SEED_BUDGET, DEFAULT, CTX);
    expect(card.blocking).toEqual([
      { id: 'a', name: '甲', code: 'missingActual' },
      { id: 'b', name: '乙', code: 'bandRange' },
      { id: 'c', name: '丙', code: 'noWeight' },
      { id: 'weights', name: '分值合计', code: 'weightsTotal' },
    ]);
    expect(card.complete).toBe(false);
    // Unscored rows add 0: 20.00 + 9.50
    expect(card.rawTotalCp).toBe(2950);
    expect(card.totalCp).toBe(2950);
    expect(card.grade).toBe('poor');
  });

  it('weights of 99.99 or 100.01 in total block', () => {
    expect(scorePlan([row('≥100%', 8999, n(100))], SEED_BUDGET, DEFAULT, CTX).blocking).toEqual([
      { id: 'weights', name: '分值合计', code: 'weightsTotal' },
    ]);
    expect(scorePlan([row('≥100%', 9001, n(100))], SEED_BUDGET, DEFAULT, CTX).blocking.map((b) => b.code)).toEqual(['weightsTotal']);
    expect(scorePlan([row('≥100%', 9000, n(100))], SEED_BUDGET, DEFAULT, CTX).complete).toBe(true);
  });

  it('an empty plan is scored on its budget alone and is blocked by its weights', () => {
    const card = scorePlan([], SEED_BUDGET, DEFAULT, CTX);
    expect(card.rows).toEqual([]);
    expect(card.groups).toEqual([]);
    expect(card.totalCp).toBe(950);
    expect(card.blocking.map((b) => b.code)).toEqual(['weightsTotal']);
  });
});

describe('groups', () => {
  it('keep the first-seen order of their 一级 and sum weights and scores (unscored rows add 0)', () => {
    const inputs = [
      row('≥100%', 2000, n(50), { level1: '效益' }),
      row('≥100%', 3000, n(100), { level1: '产出' }),
      row('≥100%', 2000, MISSING, { level1: '效益' }),
      row('不适用', null, MISSING, { level1: '满意度' }),
    ];
    const card = scorePlan(inputs, SEED_BUDGET, DEFAULT, CTX);
    expect(card.groups.map((g) => ({ name: g.name, weightCp: g.weightCp, scoreCp: g.scoreCp, ids: g.rows.map((r) => r.id) }))).toEqual([
      { name: '效益', weightCp: 4000, scoreCp: 1000, ids: [inputs[0]!.id, inputs[2]!.id] },
      { name: '产出', weightCp: 3000, scoreCp: 3000, ids: [inputs[1]!.id] },
      { name: '满意度', weightCp: 0, scoreCp: 0, ids: [inputs[3]!.id] },
    ]);
  });
});
