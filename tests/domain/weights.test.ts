import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '@/domain/model';
import { buildTree, moveAmongSiblings, subtreeIds } from '@/domain/targets/tree';
import { checkWeights, defaultWeights } from '@/domain/targets/weights';
import { parseTarget } from '@/domain/targets/parse';

let seq = 0;
function node(level: 1 | 2 | 3, name: string, parentId: string | null, extra: Partial<IndicatorNode> = {}): IndicatorNode {
  seq += 1;
  return { id: `n${seq}`, createdAt: '2022-01-01T00:00:00Z', updatedAt: '', rev: 1, planId: 'p', parentId, level, name, order: seq, weightCp: null, ...extra };
}
function leaf(parent: IndicatorNode, target: string) {
  return node(3, `指标${seq}`, parent.id, { targetText: target, target: parseTarget(target, { year: 2022 }).spec });
}

function plan() {
  const out = node(1, '产出', null), benefit = node(1, '效益', null), sat = node(1, '满意度', null);
  const q = node(2, '数量', out.id), econ = node(2, '经济效益', benefit.id), social = node(2, '社会效益', benefit.id), s2 = node(2, '服务对象满意度', sat.id);
  const nodes = [out, benefit, sat, q, econ, social, s2, leaf(q, '800人次'), leaf(q, '≥90%'), leaf(q, '1次'), leaf(econ, '不适用'), leaf(social, '≥90%'), leaf(s2, '≥90%')];
  return nodes;
}

describe('default points (财预〔2020〕10号 practice: 产出 50, 效益 30, 满意度 10, budget 10)', () => {
  it('splits each 一级 over its applicable 三级 and gives 不适用 nothing', () => {
    const nodes = plan();
    const w = defaultWeights(buildTree(nodes).roots);
    const weighted = nodes.map((n) => ({ ...n, weightCp: w.has(n.id) ? w.get(n.id)! : n.weightCp }));
    const byName = (name: string) => weighted.find((n) => n.name === name)!;
    expect(byName('产出').weightCp).toBe(5000);
    expect(weighted.filter((n) => n.level === 3 && n.target?.op === 'NA').every((n) => n.weightCp === null)).toBe(true);
    const check = checkWeights(buildTree(weighted).roots, 1000);
    expect(check.ok).toBe(true);
    expect(check.totalCp).toBe(10000);
    expect(weighted.filter((n) => n.parentId === weighted.find((x) => x.name === '社会效益')!.id)[0]!.weightCp).toBe(3000);
  });

  it('reports what does not add up, per group', () => {
    const nodes = plan().map((n) => (n.level === 1 ? { ...n, weightCp: n.name === '产出' ? 5000 : n.name === '效益' ? 3000 : 1000 } : n));
    const check = checkWeights(buildTree(nodes).roots, 1000);
    expect(check.totalOk).toBe(true);
    expect(check.ok).toBe(false);
    expect(check.groups[0]).toMatchObject({ name: '产出', assignedCp: 0, missing: 3, ok: false });
    const naWeighted = nodes.map((n) => (n.target?.op === 'NA' ? { ...n, weightCp: 100 } : n));
    expect(checkWeights(buildTree(naWeighted).roots, 1000).groups[1]!.weightedNa).toBe(1);
    expect(checkWeights(buildTree(nodes).roots, 0).totalOk).toBe(false);
  });
});

describe('tree operations', () => {
  it('keeps rows whose parent is missing as orphans instead of dropping them', () => {
    const nodes = plan();
    const stray = node(3, 'stray', 'gone');
    expect(buildTree([...nodes, stray]).orphans).toEqual([stray]);
  });
  it('collects a subtree for delete and undo', () => {
    const nodes = plan();
    expect(subtreeIds(nodes, nodes[1]!.id)).toHaveLength(5); // 效益, 2 二级, 2 三级
  });
  it('moves among siblings and refuses to move past the ends', () => {
    const nodes = plan();
    const [out, benefit, sat] = nodes;
    expect(moveAmongSiblings(nodes, sat!.id, 1)).toEqual([]);
    expect(moveAmongSiblings(nodes, benefit!.id, -1)).toEqual([
      { id: benefit!.id, order: 1 },
      { id: out!.id, order: 2 },
      { id: sat!.id, order: 3 },
    ]);
  });
});

describe('names that every object has', () => {
  it('a 一级 named "constructor" keeps its own points; an unknown rule-set id like "toString" falls back to the default', async () => {
    const { ruleSetById } = await import('@/domain/scoring/rule-sets');
    expect(ruleSetById('toString').id).toBe('cn-2020-10');
    const { defaultWeights } = await import('@/domain/targets/weights');
    const stamp = { createdAt: '', updatedAt: '', rev: 1, planId: 'p', order: 1 };
    const root = { node: { ...stamp, id: 'g', parentId: null, level: 1 as const, name: 'constructor', weightCp: 700 }, children: [
      { node: { ...stamp, id: 'q', parentId: 'g', level: 2 as const, name: 'x', weightCp: null }, children: [
        { node: { ...stamp, id: 'a', parentId: 'q', level: 3 as const, name: 'a', weightCp: null, target: { op: 'GE' as const, value: 1, unit: '次' } }, children: [] },
      ] },
    ] };
    const w = defaultWeights([root]);
    expect(w.get('g')).toBe(700);
    expect(w.get('a')).toBe(700);
  });
});
