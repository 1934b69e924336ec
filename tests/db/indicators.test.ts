import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { copyPlanToNextYear, createPlan, deletePlanCascade, getPlanBundle, listPlans, saveBudget, updateUnit } from '@/db/repositories/plans';
import { addSpending } from '@/db/repositories/spending';
import { validateNewPlan } from '@/domain/plan-new';
import { wan } from '@/domain/money';
import { PlanExistsError } from '@/domain/errors';
import * as repo from '@/db/repositories/indicators';
import { ConflictError, InvalidInputError } from '@/db/errors';
import { buildTree, leaves } from '@/domain/targets/tree';
import { parseTarget } from '@/domain/targets/parse';
import type { JixiaoDb } from '@/db/database';
import type { Plan } from '@/domain/model';

let d: JixiaoDb;
let plan: Plan;
beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
});

const tree = async (planId = plan.id) => buildTree(await repo.listIndicators(planId));
const rows = async (planId = plan.id) => leaves((await tree(planId)).roots);

describe('editing the indicator tree', () => {
  it('adds a 三级 under a 二级 as its last child, with a parsed target', async () => {
    const quantity = (await tree()).roots[0]!.children[0]!;
    const target = parseTarget('不少于12场', { year: 2022 }).spec;
    const node = await repo.addIndicator({ planId: plan.id, parentId: quantity.node.id, name: '法律讲座场次', targetText: '不少于12场', target });
    expect(node.level).toBe(3);
    const after = (await tree()).roots[0]!.children[0]!.children;
    expect(after.at(-1)!.node.name).toBe('法律讲座场次');
    expect(after).toHaveLength(quantity.children.length + 1);
  });

  it('refuses a child under a 三级', async () => {
    const leaf = (await rows())[0]!;
    await expect(repo.addIndicator({ planId: plan.id, parentId: leaf.id, name: 'x' })).rejects.toThrow();
    expect(await rows()).toHaveLength(20);
  });

  it('updates with a revision check: a stale writer is told and nothing is overwritten', async () => {
    const leaf = (await rows())[0]!;
    const saved = await repo.updateIndicator(leaf.id, { targetText: '不少于900人次' }, leaf.rev);
    expect(saved.rev).toBe(leaf.rev + 1);
    await expect(repo.updateIndicator(leaf.id, { targetText: '不少于100人次' }, leaf.rev)).rejects.toBeInstanceOf(ConflictError);
    expect((await d.indicators.get(leaf.id))!.targetText).toBe('不少于900人次');
  });

  it('deleting a 二级 removes its 三级 rows; undo puts back the same rows', async () => {
    const quality = (await tree()).roots[0]!.children[1]!;
    const removed = await repo.deleteIndicator(quality.node.id);
    expect(removed.nodes).toHaveLength(7);
    expect(await rows()).toHaveLength(14);
    const { orphans } = await tree();
    expect(orphans).toEqual([]);
    await repo.restoreIndicators(removed);
    const back = await rows();
    expect(back).toHaveLength(20);
    expect(back.slice(6, 12).map((n) => n.id)).toEqual(quality.children.map((c) => c.node.id));
  });

  it('moves a row among its siblings only, keeping orders dense', async () => {
    const quantity = (await tree()).roots[0]!.children[0]!;
    const second = quantity.children[1]!.node;
    await repo.moveIndicator(second.id, -1);
    const after = (await tree()).roots[0]!.children[0]!.children.map((c) => c.node);
    expect(after[0]!.id).toBe(second.id);
    expect(after.map((n) => n.order)).toEqual([1, 2, 3, 4, 5, 6]);
    // Moving the first one up is a no-op, not an error.
    await repo.moveIndicator(second.id, -1);
    expect((await tree()).roots[0]!.children[0]!.children[0]!.node.id).toBe(second.id);
  });

  it('every write leaves an audit row', async () => {
    const before = await d.audit.count();
    const leaf = (await rows())[0]!;
    await repo.updateIndicator(leaf.id, { name: '新名称' }, leaf.rev);
    const audit = await d.audit.orderBy('at').last();
    expect(await d.audit.count()).toBe(before + 1);
    expect(audit).toMatchObject({ entity: 'indicator', entityId: leaf.id, action: 'update', before: { name: leaf.name }, after: { name: '新名称' } });
  });

  it('default points fill a new indicator into its group and keep every group summing', async () => {
    const satisfaction = (await tree()).roots[2]!.children[0]!;
    await repo.addIndicator({ planId: plan.id, parentId: satisfaction.node.id, name: '会员满意度', targetText: '≥85%', target: parseTarget('≥85%').spec });
    await repo.applyDefaultWeightsToPlan(plan.id);
    const sat = leaves([(await tree()).roots[2]!]).filter((n) => n.target?.op !== 'NA');
    expect(sat.map((n) => n.weightCp)).toEqual([500, 500]);
  });
});

describe('plans', () => {
  it('copies a plan to next year with new ids, the same tree, and deadlines moved one year on', async () => {
    const copy = await copyPlanToNextYear(plan.id);
    expect(copy.year).toBe(2023);
    expect(copy.sourcePlanId).toBe(plan.id);
    const src = await getPlanBundle(plan.id);
    const dst = await getPlanBundle(copy.id);
    expect(dst.indicators).toHaveLength(src.indicators.length);
    expect(dst.budgetLines.map((b) => b.fiscalFen)).toEqual(src.budgetLines.map((b) => b.fiscalFen));
    const ids = new Set(src.indicators.map((n) => n.id));
    expect(dst.indicators.some((n) => ids.has(n.id))).toBe(false);
    expect(buildTree(dst.indicators).orphans).toEqual([]);
    const deadline = leaves(buildTree(dst.indicators).roots).find((n) => n.target?.op === 'DATE_BY')!;
    expect(deadline.target!.date).toBe('2023-12-31');
    expect(deadline.targetText).toBe('2023年12月31日前');
    expect(leaves(buildTree(dst.indicators).roots)[0]!.targetText).toBe('不少于800人次');
  });

  it('refuses a second copy into the same year', async () => {
    await copyPlanToNextYear(plan.id);
    await expect(copyPlanToNextYear(plan.id)).rejects.toBeInstanceOf(PlanExistsError);
    expect((await listPlans()).filter((p) => p.year === 2023)).toHaveLength(1);
  });

  it('deleting a plan removes its rows and nobody else’s', async () => {
    const others = (await d.indicators.count()) - (await repo.listIndicators(plan.id)).length;
    await deletePlanCascade(plan.id);
    expect(await d.indicators.count()).toBe(others);
    expect(await d.budgetLines.where('planId').equals(plan.id).count()).toBe(0);
  });
});

describe('undo out of order', () => {
  it('undoing a row whose parent was deleted since is refused and leaves no orphan', async () => {
    const quantity = (await tree()).roots[0]!.children[0]!;
    const leafRemoved = await repo.deleteIndicator(quantity.children[0]!.node.id);
    await repo.deleteIndicator(quantity.node.id);
    await expect(repo.restoreIndicators(leafRemoved)).rejects.toThrow(/not found/);
    expect((await tree()).orphans).toEqual([]);
  });
});

describe('new plans', () => {
  it('start with the standard frame, default group points, one budget line, and refuse a duplicate name', async () => {
    const created = await createPlan({ unitId: plan.unitId, year: 2023, kind: 'project', name: '职工法律援助', goal: '为职工提供法律援助', budgetFen: wan('12.5') });
    const bundle = await getPlanBundle(created.id);
    const roots = buildTree(bundle.indicators).roots;
    expect(roots.map((r) => [r.node.name, r.node.weightCp])).toEqual([['产出', 5000], ['效益', 3000], ['满意度', 1000]]);
    expect(leaves(roots)).toEqual([]);
    expect(bundle.budgetLines.map((b) => b.fiscalFen)).toEqual([12_500_000]);
    await expect(createPlan({ unitId: plan.unitId, year: 2023, kind: 'project', name: '职工法律援助', goal: '', budgetFen: 0 })).rejects.toBeInstanceOf(PlanExistsError);
  });

  it('validation names each bad field', () => {
    expect(validateNewPlan({ unitId: 'u', year: 1800, kind: 'project', name: ' ', goal: '', budgetFen: Number.NaN }).map((e) => e.field)).toEqual(['name', 'year', 'budget']);
  });
});

describe('budget lines', () => {
  it('are saved together with the goal: edited, added, removed; spending on a removed line stays in the plan', async () => {
    const bundle = await getPlanBundle(plan.id);
    const [first, second, ...rest] = bundle.budgetLines;
    await addSpending(plan.id, { date: '2022-03-01', amountFen: 5_000, recordedBy: 'a', budgetLineId: second!.id });
    await saveBudget(plan.id, '新的年度总体目标', [
      { id: first!.id, name: first!.name, content: first!.content, fiscalFen: wan('450'), carryoverFen: 0, otherFen: 0 },
      ...rest.map((l) => ({ id: l.id, name: l.name, content: l.content, fiscalFen: l.fiscalFen, carryoverFen: 0, otherFen: l.otherFen })),
      { name: '新增项目', content: '', fiscalFen: wan('3.5'), carryoverFen: 0, otherFen: wan('1') },
    ], bundle.plan.rev);
    const after = await getPlanBundle(plan.id);
    expect(after.plan.goal).toBe('新的年度总体目标');
    expect(after.budgetLines.map((l) => l.name)).toEqual([first!.name, ...rest.map((l) => l.name), '新增项目']);
    expect(after.budgetLines.map((l) => l.order)).toEqual(after.budgetLines.map((_, i) => i + 1));
    const spending = await d.spending.toArray();
    expect(spending).toHaveLength(1);
    expect(spending[0]!.budgetLineId).toBeUndefined();
    await expect(saveBudget(plan.id, 'x', [], bundle.plan.rev)).rejects.toBeInstanceOf(ConflictError);
    expect((await getPlanBundle(plan.id)).budgetLines).toHaveLength(after.budgetLines.length);
  });
});

describe('the unit', () => {
  it('is renamed with a revision check and an audit row', async () => {
    const [unit] = await d.units.toArray();
    await updateUnit(unit!.id, { name: '深圳市盐田区总工会（测试）', supervisor: '盐田区' }, unit!.rev);
    expect(await d.units.get(unit!.id)).toMatchObject({ name: '深圳市盐田区总工会（测试）', supervisor: '盐田区', rev: unit!.rev + 1 });
    await expect(updateUnit(unit!.id, { name: 'x' }, unit!.rev)).rejects.toBeInstanceOf(ConflictError);
    expect((await d.audit.orderBy('at').last())?.entity).toBe('unit');
  });
});

describe('weights are checked where they are stored', () => {
  it('a negative, fractional or over-100 weight is refused and the row stays as it was', async () => {
    const leaf = (await repo.listIndicators(plan.id)).find((n) => n.level === 3 && n.weightCp !== null)!;
    for (const weightCp of [-42, 12.5, 10_001]) {
      await expect(repo.updateIndicator(leaf.id, { weightCp }, leaf)).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(await d.indicators.get(leaf.id)).toEqual(leaf);
    await expect(repo.updateIndicator(leaf.id, { weightCp: 0 }, leaf)).resolves.toMatchObject({ weightCp: 0 });
  });
});

describe('target adjustments are checked where they are stored', () => {
  it('a date outside the plan year, a missing reason or an unreadable target is refused; a good one is parsed from its text', async () => {
    const leaf = (await repo.listIndicators(plan.id)).find((n) => n.targetText === '不少于800人次')!;
    const good = { targetText: '不少于600人次', target: parseTarget('不少于600人次', { year: 2022 }).spec, approvedOn: '2022-05-10', reason: '经费压减' };
    await expect(repo.addTargetAdjustment(leaf.id, { ...good, approvedOn: '2023-05-10' }, leaf.rev)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(repo.addTargetAdjustment(leaf.id, { ...good, reason: ' ' }, leaf.rev)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(repo.addTargetAdjustment(leaf.id, { ...good, targetText: '9..0人次' }, leaf.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await d.indicators.get(leaf.id)).toEqual(leaf);
    // A target that disagrees with its text is stored as the text says.
    const saved = await repo.addTargetAdjustment(leaf.id, { ...good, target: parseTarget('≥1人', { year: 2022 }).spec }, leaf.rev);
    expect(saved.targetAdjustments?.[0]).toMatchObject({ targetText: '不少于600人次', target: { op: 'GE', value: 600, unit: '人次' } });
  });
});
