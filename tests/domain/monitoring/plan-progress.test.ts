import { describe, expect, it } from 'vitest';
import { buildSeed } from '@/domain/seed/build';
import { generateSampleActivity } from '@/domain/seed/sample-activity';
import { defaultAsOf, planProgress } from '@/domain/monitoring/plan-progress';
import { bucketize } from '@/domain/actuals/aggregate';
import { parseTarget } from '@/domain/targets/parse';
import type { ActivityEntry, IndicatorRollup } from '@/domain/actuals/types';
import type { IndicatorNode } from '@/domain/model';

let n = 0;
const factory = { newId: () => `id-${++n}`, now: '2022-01-01T00:00:00.000Z' };
const seed = buildSeed(factory);
const unit = seed.plans[0]!;
const byName = (name: string) => unit.indicators.find((x) => x.name === name)!;

function rollupsOf(entries: { indicatorId: string; date: string; amount?: number; numerator?: number; denominator?: number; done?: boolean }[]): IndicatorRollup[] {
  const by = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const full = { id: `e${++n}`, createdAt: '', updatedAt: '', rev: 1, planId: unit.plan.id, note: '', recordedBy: 'x', ...e } as ActivityEntry;
    by.set(e.indicatorId, [...(by.get(e.indicatorId) ?? []), full]);
  }
  return [...by].map(([indicatorId, list]) => ({ indicatorId, planId: unit.plan.id, days: bucketize(list), updatedAt: '' }));
}

describe('planProgress', () => {
  it('lists all 20 rows, scores only applicable ones, and weights achievement by 分值', () => {
    const count = byName('开展职工权益保障和职工服务等活动（人次）');
    const p = planProgress(unit.indicators, rollupsOf([{ indicatorId: count.id, date: '2022-03-01', amount: 400 }]), '2022-12-31', 2022);
    expect(p.rows).toHaveLength(20);
    expect(p.rows.filter((r) => r.assessment.status === 'na')).toHaveLength(4);
    const output = p.groups.find((g) => g.name === '产出')!;
    // At year end: 400 of 800 → 0.5 on its 3.58 points; the other 13 output rows have nothing logged → 0, except the
    // deadline (2022-12-31, not reported done, not yet past at the cut-off) which is not decidable and leaves the sum.
    const rows = p.rows.filter((r) => r.level1 === '产出' && r.assessment.achievement !== null);
    const weight = rows.reduce((s, r) => s + r.node.weightCp!, 0);
    expect(output.achievement).toBeCloseTo((0.5 * count.weightCp!) / weight, 10);
    expect(p.rows.find((r) => r.node.id === count.id)!.actual.value).toBe(400);
    expect(p.groups.map((g) => g.name)).toEqual(['产出', '效益', '满意度']);
  });

  it('counts lights per group so the gauge can say them in words', () => {
    const rate = byName('宣传资料及时发放率');
    const sat = byName('服务职工满意度');
    const p = planProgress(
      unit.indicators,
      rollupsOf([
        { indicatorId: rate.id, date: '2022-05-01', numerator: 86, denominator: 100 },
        { indicatorId: sat.id, date: '2022-06-01', numerator: 95, denominator: 100 },
      ]),
      '2022-07-31',
      2022,
    );
    const rateRow = p.rows.find((r) => r.node.id === rate.id)!;
    expect(rateRow.assessment.light).toBe('red'); // domain.md §3.5: 86% against ≥90% is red, not time-scaled
    const satGroup = p.groups.find((g) => g.name === '满意度')!;
    expect(satGroup.counts.green).toBe(1);
    expect(satGroup.achievement).toBe(1);
    expect(satGroup.gaugeLight).toBe('green');
  });

  it('the sample year lands near every target', () => {
    const sample = generateSampleActivity(unit.plan, unit.indicators, unit.budgetLines, '2026-11-25');
    const rollups = rollupsOf(sample.entries.map((e) => ({ indicatorId: e.indicatorId, ...e.input })));
    const p = planProgress(unit.indicators, rollups, '2022-12-31', 2022);
    expect(p.overall.achievement!).toBeGreaterThan(0.9);
    for (const r of p.rows.filter((x) => x.assessment.status !== 'na')) expect(r.actual.entries).toBeGreaterThan(0);
    // 人 and 人次 are never mixed: the 25人 row holds whole persons, a handful of entries.
    const persons = p.rows.find((r) => r.node.name === '劳模、先进生产者等有关人员疗休养活动人数')!;
    expect(Number.isInteger(persons.actual.value)).toBe(true);
    expect(persons.actual.entries).toBeLessThanOrEqual(3);
  });

  it('a plan in the current year gets sample data only up to today', () => {
    const plan = { ...unit.plan, year: 2026 };
    const sample = generateSampleActivity(plan, unit.indicators as IndicatorNode[], unit.budgetLines, '2026-06-15');
    expect(sample.entries.length).toBeGreaterThan(10);
    expect(sample.entries.every((e) => e.input.date <= '2026-06-15')).toBe(true);
    expect(sample.spending.every((s) => s.date <= '2026-06-15')).toBe(true);
  });
});

describe('defaultAsOf', () => {
  it('is today inside the plan year, else the nearest end of it', () => {
    expect(defaultAsOf('2026-11-25', 2022)).toBe('2022-12-31');
    expect(defaultAsOf('2026-11-25', 2026)).toBe('2026-11-25');
    expect(defaultAsOf('2026-11-25', 2027)).toBe('2027-01-01');
  });
});

describe('gauge light compares like with like (review finding)', () => {
  it('a count on pace plus a deadline not yet due is green, not pulled down by the undecided row', () => {
    const stamp = { createdAt: '', updatedAt: '', rev: 1 };
    const node = (id: string, parentId: string | null, level: 1 | 2 | 3, name: string, target?: string, weightCp: number | null = null) => ({
      ...stamp, id, planId: 'p', parentId, level, name, order: 1, weightCp,
      ...(target ? { targetText: target, target: parseTarget(target, { year: 2022 }).spec } : {}),
    });
    const nodes = [
      node('g', null, 1, '产出', undefined, 5000),
      node('q', 'g', 2, '数量'),
      node('c', 'q', 3, '活动人次', '不少于800人次', 2500),
      node('d', 'q', 3, '完成时间', '2022年12月31日前', 2500),
    ];
    const entry = { ...stamp, id: 'e', planId: 'p', indicatorId: 'c', date: '2022-03-01', amount: 400, note: '', recordedBy: 'a' };
    const p = planProgress(nodes, [{ indicatorId: 'c', planId: 'p', days: bucketize([entry]), updatedAt: '' }], '2022-06-30', 2022);
    expect(p.groups[0]!.achievement).toBe(0.5);
    expect(p.groups[0]!.expected).toBe(0.5); // the count's 6/12 only: the pending deadline has no achievement
    expect(p.groups[0]!.gaugeLight).toBe('green');
    expect(p.groups[0]!.timeProgress).toBe(0.5);
  });
});
