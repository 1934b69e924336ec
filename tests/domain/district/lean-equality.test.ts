import { beforeAll, describe, expect, it } from 'vitest';
import type { DayBucket, IndicatorRollup } from '@/domain/actuals/types';
import type { IndicatorNode } from '@/domain/model';
import { planFigures, type DistrictSources } from '@/domain/district/summary';
import { buildRoundForm } from '@/domain/monitoring/round';
import { emptyInputs } from '@/domain/monitoring/round-types';
import { whatIfCard } from '@/domain/evaluation/what-if';
import { ruleSetById } from '@/domain/scoring/rule-sets';
import { generateDistrict } from '../../fixtures/district';

/**
 * The district's numbers-only path (planFigures: rows without texts, whatIfOfRows without formulas) against the
 * explained path every plan page takes (buildRoundForm with its texts and formulas, then the whole explained scorecard
 * of the same pace rows): light, execution, score in centi-points and grade are equal for every plan.
 */

type Parts = ReturnType<typeof partsOf>;

/** Every plan's own rows, split once (the district holds 25,000 indicators: no filter per plan). */
function partsOf(src: DistrictSources) {
  const by = <T extends { planId: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) out.set(r.planId, [...(out.get(r.planId) ?? []), r]);
    return (id: string) => out.get(id) ?? [];
  };
  const [lines, nodes, rollups, spending] = [by(src.lines), by(src.nodes), by(src.rollups), by(src.spending)];
  return (planId: string) => ({
    plan: src.plans.find((p) => p.id === planId)!,
    unit: null,
    lines: [...lines(planId)].sort((a, b) => a.order - b.order),
    nodes: nodes(planId),
    rollups: rollups(planId),
    spending: spending(planId),
  });
}

function explained(parts: Parts, planId: string, asOf: string) {
  const per = parts(planId);
  const form = buildRoundForm({ ...per, cutoff: asOf, inputs: emptyInputs() });
  const funds = form.funds[0]!;
  const card = whatIfCard(
    form.rows.map((r) => ({ ...r, forecast: r.forecast.value })),
    { initialFen: funds.initialFen, fullFen: funds.fullFen, forecastFen: funds.forecastFen },
    per.plan.year,
    ruleSetById(per.plan.ruleSetId),
    per.plan.budgetWeightCp,
  );
  return { light: form.planLight, budget: funds.fullFen, executed: funds.executedFen, rate: funds.rate, score: card.totalCp, grade: card.grade, n: form.rows.filter((r) => r.applicable).length };
}

function lean(parts: Parts, planId: string, asOf: string) {
  const f = planFigures(parts(planId), asOf, true);
  return { light: f.light, budget: f.budgetFen, executed: f.executedFen, rate: f.rate, score: f.score!.totalCp, grade: f.score!.grade, n: f.indicators };
}

function expectAllEqual(src: DistrictSources, cutoffs: readonly string[]) {
  const parts = partsOf(src);
  for (const asOf of cutoffs) {
    for (const plan of src.plans) expect(lean(parts, plan.id, asOf), `${plan.name} at ${asOf}`).toEqual(explained(parts, plan.id, asOf));
  }
}

describe('the lean district figures equal the explained path', () => {
  let district: DistrictSources;
  beforeAll(() => {
    district = generateDistrict(100, 10);
  });

  it('for every plan of a generated district of 1,000 plans, mid-year and at the year end', () => {
    expectAllEqual(district, ['2022-06-30', '2022-12-31']);
  }, 240_000);
});

const day = (b: Partial<DayBucket>): DayBucket => ({ n: 1, amount: 0, amountFen: 0, numerator: 0, denominator: 0, ...b });

/** A small district whose indicators are rewritten into the edge cases, plan by plan, under every rule set. */
function edgeDistrict(): DistrictSources {
  const src = generateDistrict(2, 4);
  const ruleSets = ['cn-2020-10', 'cn-2020-10-alt', 'yitihua-platform'];
  src.plans = src.plans.map((p, i) => ({ ...p, ruleSetId: ruleSets[i % 3]!, budgetWeightCp: i === 5 ? 0 : p.budgetWeightCp }));
  const rollups = new Map(src.rollups.map((r) => [r.indicatorId, r]));
  const setDays = (n: IndicatorNode, days: Record<string, DayBucket>) => {
    const r: IndicatorRollup = { indicatorId: n.id, planId: n.planId, days, updatedAt: '2022-01-01T00:00:00.000Z' };
    rollups.set(n.id, r);
  };
  src.nodes = src.nodes.map((n) => {
    if (n.level !== 3) return n;
    const k = Number.parseInt(n.id.slice(3), 36) % 9;
    const planIndex = src.plans.findIndex((p) => p.id === n.planId);
    switch ((k + planIndex) % 9) {
      case 0: // 不适用, with its weight left on it (rescaled away) or none
        return { ...n, target: { op: 'NA', unit: '' }, targetText: '不适用', weightCp: planIndex % 2 ? n.weightCp : null };
      case 1: {
        // an adjusted target: lowered from 1 July, raised again from 1 November
        const adj = (approvedOn: string, value: number) => ({ id: `${n.id}-${approvedOn}`, targetText: `≥${value}人次`, target: { op: 'GE' as const, value, unit: '人次' }, approvedOn, reason: '调整', recordedAt: `${approvedOn}T08:00:00.000Z` });
        setDays(n, { '2022-03-01': day({ amount: 120 }), '2022-08-15': day({ amount: 200 }) });
        return { ...n, target: { op: 'GE', value: 800, unit: '人次' }, targetText: '≥800人次', measure: undefined, targetAdjustments: [adj('2022-07-01', 400), adj('2022-11-01', 600)] };
      }
      case 2: // reverse, a cap over by a little (R1/R2 differ), and a zero cap
        setDays(n, { '2022-02-01': day({ value: planIndex % 2 ? 23 : 2 }) });
        return { ...n, target: planIndex % 2 ? { op: 'LE', value: 20, unit: '起' } : { op: 'LT', value: 0, unit: '起' }, targetText: '≤20起', measure: 'manual' as const };
      case 3: // a deadline done late, or not done, or a bare 按时完成
        if (planIndex % 3 === 0) setDays(n, { '2022-05-20': day({ done: true }) });
        return { ...n, target: planIndex % 3 === 2 ? { op: 'DATE_BY', unit: '' } : { op: 'DATE_BY', date: '2022-04-30', unit: '' }, targetText: '2022年4月30日前', measure: undefined };
      case 4: // a qualitative band, the later reading of the day wins
        setDays(n, { '2022-03-01': day({ band: 'achieved' }), '2022-09-01': day({ band: planIndex % 2 ? 'partial' : 'notAchieved' }) });
        return { ...n, target: { op: 'QUAL', unit: '', text: '效果明显' }, targetText: '效果明显', measure: undefined };
      case 5: // a missing weight
        return { ...n, weightCp: null };
      case 6: // a range, with days written out of date order
        setDays(n, { '2022-09-01': day({ value: 95 }), '2022-02-01': day({ value: 70 }) });
        return { ...n, target: { op: 'RANGE', value: 80, max: 90, unit: '%' }, targetText: '80%-90%', measure: 'manual' as const };
      case 7: // far over a positive target: the 一体化 deviation penalty
        setDays(n, { '2022-01-10': day({ amount: 3000 }) });
        return { ...n, target: { op: 'GE', value: 100, unit: '人次' }, targetText: '≥100人次', measure: undefined };
      default:
        return n;
    }
  });
  src.rollups = [...rollups.values()];
  return src;
}

describe('the lean district figures equal the explained path on seeded edge cases', () => {
  it('不适用 rows, adjusted targets, reverse and deadline targets, qualitative bands, ranges, missing weights, every rule set', () => {
    const src = edgeDistrict();
    const ops = new Set(src.nodes.filter((n) => n.level === 3).map((n) => n.target?.op));
    expect([...ops].sort()).toEqual(expect.arrayContaining(['DATE_BY', 'GE', 'LE', 'LT', 'NA', 'QUAL', 'RANGE']));
    expect(src.nodes.some((n) => n.level === 3 && n.weightCp === null && n.target?.op !== 'NA')).toBe(true);
    expectAllEqual(src, ['2022-01-01', '2022-03-31', '2022-06-30', '2022-08-20', '2022-10-15', '2022-12-31']);
    // The cases move the scores: not every plan lands on the same total.
    expect(new Set(src.plans.map((p) => lean(partsOf(src), p.id, '2022-12-31').score)).size).toBeGreaterThan(3);
  });
});
