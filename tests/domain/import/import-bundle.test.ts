import { describe, expect, it } from 'vitest';
import { bundleFromReading, checkChoices, checkIndicators, indicatorsFromReading, type SheetChoice } from '@/domain/import/bundle';
import { mapSheet } from '@/domain/import/sheet';
import type { Plan } from '@/domain/model';
import type { RecordFactory } from '@/domain/seed/build';
import { grid, unitTableGrid } from '../../fixtures/xlsx/import-grids';

function counter(): RecordFactory {
  let n = 0;
  return { newId: () => `id-${++n}`, now: '2024-01-02T03:04:05.000Z' };
}

const choice = (over: Partial<SheetChoice> = {}): SheetChoice => ({ include: true, mode: 'create', kind: 'project', name: '项目', year: '2023', goal: '', replacePlanId: null, ...over });

describe('indicatorsFromReading', () => {
  it('keeps the sheet order at every level and gives the default points when the sheet has none', () => {
    const nodes = indicatorsFromReading(mapSheet(unitTableGrid()), 'plan-1', counter());
    const l1 = nodes.filter((n) => n.level === 1);
    expect(l1.map((n) => [n.name, n.order, n.weightCp])).toEqual([['产出', 1, 5000], ['效益', 2, 3000], ['满意度', 3, 1000]]);
    const out = nodes.filter((n) => n.level === 2 && n.parentId === l1[0]!.id);
    expect(out.map((n) => [n.name, n.order])).toEqual([['数量', 1], ['质量', 2], ['时效', 3], ['成本', 4]]);
    const leaves = nodes.filter((n) => n.level === 3);
    expect(leaves).toHaveLength(20);
    // 产出 50 over its 14 rows: 3.58 × 2 + 3.57 × 12; 不适用 rows carry none.
    expect(leaves.slice(0, 3).map((n) => n.weightCp)).toEqual([358, 358, 357]);
    expect(leaves.filter((n) => n.target?.op === 'NA').every((n) => n.weightCp === null)).toBe(true);
    expect(checkIndicators('plan-1', nodes)).toEqual([]);
  });

  it('uses the sheet\'s own points when it has them, a 一级 carrying the sum of its 三级', () => {
    const reading = mapSheet(grid('w', [
      ['一级指标', '二级指标', '三级指标', '指标值', '分值'],
      ['产出', '数量', 'a', '1次', '30'],
      ['产出', '质量', 'b', '100%', '20.5'],
      ['效益', '社会效益', 'c', '有效提升', ''],
    ]));
    const nodes = indicatorsFromReading(reading, 'p', counter());
    expect(nodes.filter((n) => n.level !== 2).map((n) => [n.name, n.weightCp])).toEqual([['产出', 5050], ['a', 3000], ['b', 2050], ['效益', 0], ['c', null]]);
    expect(nodes.find((n) => n.name === 'a')).toMatchObject({ targetText: '1次', target: { op: 'EQ', value: 1, unit: '次' } });
  });
});

describe('bundleFromReading', () => {
  it('makes a new plan with the chosen name, year, kind and goal, budget 0, and the sheet\'s tree', () => {
    const reading = mapSheet(unitTableGrid());
    const b = bundleFromReading(reading, choice({ kind: 'unit', name: ' 总工会 ', year: '2022', goal: '目标' }), 'unit-1', counter());
    expect(b.plan).toMatchObject({ unitId: 'unit-1', kind: 'unit', name: '总工会', year: 2022, goal: '目标' });
    expect(b.budgetLines).toHaveLength(1);
    expect(b.budgetLines[0]!.fiscalFen).toBe(0);
    expect(b.indicators.every((n) => n.planId === b.plan.id)).toBe(true);
    expect(b.indicators.filter((n) => n.level === 3)).toHaveLength(20);
  });
});

describe('checkChoices', () => {
  const ok = mapSheet(unitTableGrid());
  const notes = mapSheet(grid('说明', [['只有说明']]));
  const existing = { id: 'p1', unitId: 'u', year: 2023, kind: 'project', name: '已有' } as Plan;
  const ctx = { unitId: 'u', plans: [existing], emptyPlanIds: new Set(['empty']) };

  it('accepts distinct new plans and an empty plan to replace', () => {
    expect(checkChoices([ok, ok], [choice({ name: 'A' }), choice({ mode: 'replace', replacePlanId: 'empty' })], ctx)).toEqual([[], []]);
  });

  it('names each problem beside its sheet', () => {
    const problems = checkChoices(
      [ok, ok, ok, ok, ok, ok, notes],
      [
        choice({ name: ' ' }),
        choice({ year: '20x' }),
        choice({ name: '已有' }),
        choice({ name: 'B' }),
        choice({ name: 'B' }),
        choice({ mode: 'replace', replacePlanId: 'p1' }),
        choice({ name: 'C' }),
      ],
      ctx,
    );
    expect(problems).toEqual([['nameRequired'], ['badYear'], ['exists'], [], ['duplicate'], ['notEmpty'], ['notImportable']]);
  });

  it('ignores sheets left out and asks for a plan to replace', () => {
    expect(checkChoices([notes, ok], [choice({ include: false }), choice({ mode: 'replace' })], ctx)).toEqual([[], ['pickPlan']]);
    expect(checkChoices([ok, ok], [choice({ mode: 'replace', replacePlanId: 'empty' }), choice({ mode: 'replace', replacePlanId: 'empty' })], ctx)).toEqual([[], ['pickedTwice']]);
  });
});

describe('checkIndicators', () => {
  it('refuses rows that would break the tree or the backup rules', () => {
    const nodes = indicatorsFromReading(mapSheet(unitTableGrid()), 'p', counter());
    const leaf = nodes.find((n) => n.level === 3)!;
    const l2 = nodes.find((n) => n.level === 2)!;
    expect(checkIndicators('p', [...nodes, { ...leaf }])).toContain('duplicateId');
    expect(checkIndicators('other', nodes)).toContain('wrongPlan');
    expect(checkIndicators('p', nodes.filter((n) => n.id !== l2.id))).toContain('badParent');
    expect(checkIndicators('p', nodes.map((n) => (n.id === leaf.id ? { ...n, name: ' ' } : n)))).toEqual(['badName']);
    expect(checkIndicators('p', nodes.map((n) => (n.id === leaf.id ? { ...n, target: undefined } : n)))).toEqual(['badTarget']);
    expect(checkIndicators('p', nodes.map((n) => (n.id === leaf.id ? { ...n, weightCp: 10_001 } : n)))).toEqual(['badWeight']);
    expect(checkIndicators('p', nodes.map((n) => (n.id === l2.id ? { ...n, level: 3 as const } : n)))).toContain('badParent');
  });
});
