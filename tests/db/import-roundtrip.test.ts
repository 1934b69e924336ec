// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { getPlanBundle, insertPlanBundle, listPlans, listUnits } from '@/db/repositories/plans';
import { importPlans } from '@/db/repositories/import';
import { readWorkbook } from '@/db/transfer/xlsx-import/workbook';
import { buildTargetTable } from '@/documents/targetTable';
import { toXlsx } from '@/documents/render/xlsx';
import { mapSheet } from '@/domain/import/sheet';
import type { SheetChoice } from '@/domain/import/bundle';
import type { IndicatorNode } from '@/domain/model';
import { newPlanBundle } from '@/domain/plan-new';
import { applyDefaultWeights } from '@/domain/seed/build';
import { parseTarget } from '@/domain/targets/parse';
import { buildTree, type TreeNode } from '@/domain/targets/tree';

/**
 * Export → import gives the same tree: the 绩效目标表 as the app's own xlsx renderer writes it (documents/render/xlsx.ts:
 * title, header line, 年度主要任务 / 项目资金 and goal above, 一级/二级 merged down, every column spread over the
 * form's shared column grid, formula-like text made inert) reads back to identical names, targets, points and order.
 */

/** The tree as the user sees it: per node its level, name, target text, parsed target and points, in sibling order. */
const shape = (roots: readonly TreeNode[]): unknown[] =>
  roots.map((t) => ({ level: t.node.level, name: t.node.name, targetText: t.node.targetText, target: t.node.target, weightCp: t.node.weightCp, children: shape(t.children) }));

async function exported(planId: string, date = '2022-12-31'): Promise<Uint8Array> {
  const bundle = await getPlanBundle(planId);
  const [unit] = await listUnits();
  return toXlsx(buildTargetTable({ unit: unit!, plan: bundle.plan, lines: bundle.budgetLines, nodes: bundle.indicators, date }));
}

async function readBack(bytes: Uint8Array) {
  const out = await readWorkbook(bytes);
  if (!out.ok) throw new Error(`refused: ${out.code}`);
  return mapSheet(out.sheets[0]!);
}

beforeEach(async () => {
  await freshDb();
  await seedIfEmpty();
});

describe('export → import round trip', () => {
  it('every sample plan comes back with the same tree, name, kind, year and goal', async () => {
    for (const plan of await listPlans()) {
      const reading = await readBack(await exported(plan.id));
      expect(reading.status).toBe('ok');
      expect(reading.meta).toMatchObject({ kind: plan.kind, name: plan.name, year: plan.year, goal: plan.goal });
      const choice: SheetChoice = { include: true, mode: 'create', kind: plan.kind, name: `${plan.name}（导入）`, year: String(plan.year), goal: plan.goal, replacePlanId: null };
      const [id] = await importPlans([{ reading, choice }], 'x.xlsx');
      const before = buildTree((await getPlanBundle(plan.id)).indicators).roots;
      const after = buildTree((await getPlanBundle(id!)).indicators).roots;
      expect(shape(after)).toEqual(shape(before));
      // Row after row in the sheet's order: 1..n among siblings.
      const orders = (await getPlanBundle(id!)).indicators.filter((n) => n.parentId === null).map((n) => n.order).sort();
      expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
  }, 60_000);

  it('targets a spreadsheet could take for formulas, full-width text, periods and notes come back as written', async () => {
    const [unit] = await listUnits();
    const f = { newId: () => crypto.randomUUID(), now: '2023-01-01T00:00:00.000Z' };
    const base = newPlanBundle({ unitId: unit!.id, year: 2023, kind: 'project', name: '=特殊项目', goal: '+目标\n第二行', budgetFen: 123_456 }, f);
    const l1 = base.indicators.find((n) => n.level === 1 && n.name === '产出')!;
    const l2 = base.indicators.find((n) => n.parentId === l1.id && n.name === '数量')!;
    const texts = ['=100%', '+5%', '-3次', '@10人', '≥９０％', '2023年3月-10月', '各2次', '100%覆盖', '不适用', '有效提升', '＝5份'];
    const leaves: IndicatorNode[] = texts.map((text, i) => ({
      id: f.newId(), createdAt: f.now, updatedAt: f.now, rev: 1, planId: base.plan.id, parentId: l2.id, level: 3,
      name: i === 0 ? '=以等号开头的名称' : `指标${i}`, order: i + 1, targetText: text, target: parseTarget(text, { year: 2023 }).spec, weightCp: null,
    }));
    const bundle = { ...base, indicators: applyDefaultWeights([...base.indicators, ...leaves]) };
    await insertPlanBundle(bundle);

    const reading = await readBack(await exported(bundle.plan.id, '2023-06-30'));
    expect(reading.meta).toMatchObject({ kind: 'project', name: '=特殊项目', year: 2023, goal: '+目标\n第二行' });
    const [id] = await importPlans([{ reading, choice: { include: true, mode: 'create', kind: 'project', name: '导入', year: '2023', goal: '', replacePlanId: null } }], 'x.xlsx');
    const after = buildTree((await getPlanBundle(id!)).indicators).roots;
    expect(shape(after)).toEqual(shape(buildTree(bundle.indicators).roots));
  }, 30_000);

  it('a target adjusted during the year exports both columns; the approved one is imported', async () => {
    const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    const { indicators } = await getPlanBundle(plan.id);
    const first = indicators.find((n) => n.targetText === '不少于800人次')!;
    const adjusted = indicators.map((n) =>
      n.id === first.id ? { ...n, targetAdjustments: [{ id: 'a', targetText: '不少于1000人次', target: parseTarget('不少于1000人次').spec, approvedOn: '2022-06-01', reason: '追加', recordedAt: '2022-06-02T00:00:00Z' }] } : n,
    );
    const [unit] = await listUnits();
    const bytes = await toXlsx(buildTargetTable({ unit: unit!, plan, lines: [], nodes: adjusted, date: '2022-12-31' }));
    const reading = await readBack(bytes);
    expect(reading.columns.some((c) => c.label === '调整后指标值')).toBe(true);
    const leaf = reading.tree[0]!.groups[0]!.leaves[0]!;
    expect(leaf.targetText).toBe('不少于800人次');
    // The notes under the table (说明：…调整为…) are read as notes, not indicators.
    expect(reading.skipped.every((s) => s.reason === 'note')).toBe(true);
    expect(reading.leafCount).toBe(20);
  }, 30_000);
});
