import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '@/domain/model';
import { buildTree } from '@/domain/targets/tree';
import { applicableLeaves, checkWeights, defaultWeights } from '@/domain/targets/weights';
import { parseTarget } from '@/domain/targets/parse';

/**
 * 分值 (domain.md §2.5, §9): the default split — 产出 50, 效益 30, 满意度 10 over the applicable 三级 rows in 0.01 steps,
 * remainder to the first rows, 不适用 rows unweighted — and the check that each 一级 equals Σ its 三级 and the plan 100.
 */

const STAMP = { createdAt: '2022-01-01T00:00:00Z', updatedAt: '', rev: 1, planId: 'p' };

/** A plan built from { 一级 name: [weight of the 一级, [target, weight] per 三级 row] }, one 二级 per 一级. */
function plan(groups: Record<string, [number | null, [string, number | null][]]>): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  let order = 0;
  for (const [name, [weightCp, rows]] of Object.entries(groups)) {
    const l1: IndicatorNode = { ...STAMP, id: name, parentId: null, level: 1, name, order: ++order, weightCp };
    const l2: IndicatorNode = { ...STAMP, id: `${name}/二级`, parentId: name, level: 2, name: '二级', order: ++order, weightCp: null };
    out.push(l1, l2);
    rows.forEach(([text, w], i) => {
      out.push({ ...STAMP, id: `${name}/${i + 1}`, parentId: l2.id, level: 3, name: `${name}${i + 1}`, order: ++order, targetText: text, target: parseTarget(text, { year: 2022 }).spec, weightCp: w });
    });
  }
  return out;
}
const roots = (nodes: IndicatorNode[]) => buildTree(nodes).roots;
const rows = (n: number, text = '≥90%'): [string, null][] => Array.from({ length: n }, () => [text, null]);

describe('defaultWeights', () => {
  it('the seed split: 产出 50.00 over 14 rows → 3.58 × 2 then 3.57 × 12 (domain.md §9)', () => {
    const w = defaultWeights(roots(plan({ 产出: [null, rows(14)] })));
    expect(w.get('产出')).toBe(5000);
    expect(Array.from({ length: 14 }, (_, i) => w.get(`产出/${i + 1}`))).toEqual([358, 358, ...Array<number>(12).fill(357)]);
  });

  it('each 一级 by its name, with or without 指标, whatever weight it carried before', () => {
    const w = defaultWeights(roots(plan({ 产出指标: [100, rows(1)], 效益: [0, rows(3)], 效益指标: [null, rows(1)], 满意度: [null, rows(2)], 满意度指标: [null, rows(1)] })));
    expect(w.get('产出指标')).toBe(5000);
    expect(w.get('产出指标/1')).toBe(5000);
    expect([w.get('效益'), w.get('效益/1'), w.get('效益/2'), w.get('效益/3')]).toEqual([3000, 1000, 1000, 1000]);
    expect(w.get('效益指标')).toBe(3000);
    expect([w.get('满意度'), w.get('满意度/1'), w.get('满意度/2')]).toEqual([1000, 500, 500]);
    expect(w.get('满意度指标')).toBe(1000);
  });

  it('a 一级 with another name (成本 as its own 一级, 101号 style) keeps its points and splits them; none → 0', () => {
    const w = defaultWeights(roots(plan({ 成本: [1000, rows(3)], 其他: [null, rows(2)] })));
    expect([w.get('成本'), w.get('成本/1'), w.get('成本/2'), w.get('成本/3')]).toEqual([1000, 334, 333, 333]);
    expect([w.get('其他'), w.get('其他/1'), w.get('其他/2')]).toEqual([0, 0, 0]);
  });

  it('不适用 rows get no weight (null) and the applicable ones share all the points', () => {
    const w = defaultWeights(roots(plan({ 效益: [null, [['不适用', 500], ['≥90%', null], ['不适用', null]]] })));
    expect([w.get('效益/1'), w.get('效益/2'), w.get('效益/3')]).toEqual([null, 3000, null]);
  });

  it('says nothing about 二级 rows', () => {
    const w = defaultWeights(roots(plan({ 产出: [null, rows(2)] })));
    expect(w.has('产出/二级')).toBe(false);
    expect(w.size).toBe(3);
  });
});

describe('checkWeights', () => {
  const fine = () => plan({ 产出: [5000, [['800人次', 2500], ['≥90%', 2500]]], 效益: [3000, [['≥90%', 3000], ['不适用', null]]], 满意度: [1000, [['≥90%', 1000]]] });

  it('a plan that adds up: every group ok, 100 分 with the budget', () => {
    const c = checkWeights(roots(fine()), 1000);
    expect(c).toMatchObject({ budgetCp: 1000, totalCp: 10000, totalOk: true, ok: true });
    expect(c.groups).toEqual([
      { id: '产出', name: '产出', groupCp: 5000, assignedCp: 5000, missing: 0, weightedNa: 0, ok: true },
      { id: '效益', name: '效益', groupCp: 3000, assignedCp: 3000, missing: 0, weightedNa: 0, ok: true },
      { id: '满意度', name: '满意度', groupCp: 1000, assignedCp: 1000, missing: 0, weightedNa: 0, ok: true },
    ]);
  });

  it('Σ 三级 ≠ 一级: that group is not ok, nor the plan, though the total is 100', () => {
    const nodes = fine().map((n) => (n.id === '产出/1' ? { ...n, weightCp: 2400 } : n));
    const c = checkWeights(roots(nodes), 1000);
    expect(c.groups[0]).toMatchObject({ assignedCp: 4900, ok: false });
    expect(c.groups[1]!.ok).toBe(true);
    expect(c).toMatchObject({ totalOk: true, ok: false });
  });

  it('an applicable row without points, with 0 or with negative points is missing (FASP2 isCheckWeightGtZero)', () => {
    for (const w of [null, 0, -100]) {
      const nodes = plan({ 产出: [5000, [['800人次', 5000 - (w ?? 0)], ['≥90%', w]]] });
      const g = checkWeights(roots(nodes), 5000).groups[0]!;
      expect(g.missing).toBe(1);
      expect(g.assignedCp).toBe(5000);
      expect(g.ok).toBe(false);
    }
  });

  it('不适用 rows carrying points are counted (they must carry none), but their points are not assigned', () => {
    const nodes = plan({ 效益: [3000, [['≥90%', 3000], ['不适用', 400], ['不适用', 0], ['不适用', null]]] });
    const g = checkWeights(roots(nodes), 7000).groups[0]!;
    expect(g).toMatchObject({ assignedCp: 3000, missing: 0, weightedNa: 1, ok: false });
  });

  it('a 一级 without points counts as 0', () => {
    const c = checkWeights(roots(plan({ 产出: [null, [['≥90%', null]]] })), 1000);
    expect(c.groups[0]).toMatchObject({ groupCp: 0, assignedCp: 0, missing: 1 });
    expect(c.totalCp).toBe(1000);
  });

  it('Σ 一级 + budget must be exactly 100 分: 99.99 and 100.01 are refused', () => {
    expect(checkWeights(roots(fine()), 999)).toMatchObject({ totalCp: 9999, totalOk: false, ok: false });
    expect(checkWeights(roots(fine()), 1001)).toMatchObject({ totalCp: 10001, totalOk: false, ok: false });
  });
});

describe('applicableLeaves', () => {
  it('the 三级 rows that take part in scoring, in display order', () => {
    const nodes = plan({ 产出: [null, [['800人次', null], ['不适用', null]]], 效益: [null, [['≥90%', null]]] });
    expect(applicableLeaves(roots(nodes)).map((n) => n.id)).toEqual(['产出/1', '效益/1']);
  });
});
