import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty, restoreSamplePlans } from '@/db/repositories/seed';
import { listPlans, getPlanBundle, listBudgetLines } from '@/db/repositories/plans';
import { listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { buildTree, leaves } from '@/domain/targets/tree';
import { checkWeights } from '@/domain/targets/weights';
import { formatWan, sumFen } from '@/domain/money';
import { formatPoints } from '@/domain/points';
import type { JixiaoDb } from '@/db/database';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The seed document itself (a verbatim copy of shared/seeds/000_1f48a53bf90eca7c.txt kept in the repository, so a
// clone with nothing beside it still checks the figures against the source, not against our own transcription).
const seedDoc = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed/yantian-2022-budget.txt'), 'utf8');
const compact = seedDoc.replace(/\s+/g, '');

let d: JixiaoDb;
beforeEach(async () => {
  d = await freshDb();
});

async function unitPlan() {
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  return getPlanBundle(plan.id);
}

describe('first-run seed', () => {
  it('loads once: a second call on a non-empty database writes nothing', async () => {
    expect(await seedIfEmpty()).toBe('seeded');
    const plans = await d.plans.count();
    const rows = await d.indicators.count();
    expect(await seedIfEmpty()).toBe('not-empty');
    expect(await d.plans.count()).toBe(plans);
    expect(await d.indicators.count()).toBe(rows);
  });

  it('two tabs seeding at once still seed once (check and write share a transaction)', async () => {
    const outcomes = await Promise.all([seedIfEmpty(), seedIfEmpty()]);
    expect(outcomes.sort()).toEqual(['not-empty', 'seeded']);
    expect(await d.units.count()).toBe(1);
  });

  it('never seeds over user data', async () => {
    await seedIfEmpty();
    await d.plans.clear();
    await d.units.add({ id: 'u', name: '我的单位', supervisor: '', duties: '', createdAt: '', updatedAt: '', rev: 1 });
    expect(await seedIfEmpty()).toBe('not-empty');
    expect(await d.plans.count()).toBe(0);
  });

  it('the unit plan holds all 20 indicator rows of the seed table, 不适用 included, with the seed wording', async () => {
    await seedIfEmpty();
    const { indicators } = await unitPlan();
    const rows = leaves(buildTree(indicators).roots);
    expect(rows).toHaveLength(20);
    for (const r of rows) {
      // Every name and target text occurs in the seed document (line breaks and spaces of the PDF aside).
      expect(compact).toContain(r.name);
      expect(compact).toContain(r.targetText!);
    }
    expect(rows.filter((r) => r.target?.op === 'NA')).toHaveLength(4);
    const first = rows[0]!;
    expect(first.targetText).toBe('不少于800人次');
    expect(first.target).toMatchObject({ op: 'GE', value: 800, unit: '人次' });
    const tree = buildTree(indicators).roots;
    expect(tree.map((t) => t.node.name)).toEqual(['产出', '效益', '满意度']);
    expect(tree[0]!.children.map((c) => c.node.name)).toEqual(['数量', '质量', '时效', '成本']);
  });

  it('budget lines equal the seed figures: five tasks, 1,273.52 万元 in total', async () => {
    await seedIfEmpty();
    const { budgetLines } = await unitPlan();
    expect(budgetLines.map((b) => [b.name, formatWan(b.fiscalFen + b.otherFen)])).toEqual([
      ['基本支出', '445.96'],
      ['工会组织建设及维权关爱', '20.00'],
      ['劳模、先进生产者管理服务及工会慰问、活动', '22.00'],
      ['日常业务经费', '15.00'],
      ['全区行政事业单位缴纳工会经费', '770.56'],
    ]);
    const total = sumFen(budgetLines.map((b) => b.fiscalFen + b.otherFen));
    expect(formatWan(total)).toBe('1,273.52');
    expect(compact).toContain('金额合计1,273.521,273.520.00');
  });

  it('four project plans with their budgets (827.56 万元 together) and goals; three are key projects', async () => {
    await seedIfEmpty();
    const projects = (await listPlans()).filter((p) => p.kind === 'project');
    expect(projects).toHaveLength(4);
    let total = 0;
    for (const p of projects) {
      const lines = await listBudgetLines(p.id);
      total += sumFen(lines.map((l) => l.fiscalFen));
      expect(compact).toContain(p.goal.replace(/\s+/g, ''));
    }
    expect(formatWan(total)).toBe('827.56');
    expect(projects.filter((p) => p.key)).toHaveLength(3);
    const unit = (await listPlans()).find((p) => p.kind === 'unit')!;
    expect(compact).toContain(unit.goal.replace(/\s+/g, ''));
  });

  it('default points sum as required (产出 50 over 14 → 3.58 × 2 + 3.57 × 12, 效益 30, 满意度 10, budget 10)', async () => {
    await seedIfEmpty();
    const { plan, indicators } = await unitPlan();
    const roots = buildTree(indicators).roots;
    const check = checkWeights(roots, plan.budgetWeightCp);
    expect(check.ok).toBe(true);
    const output = leaves([roots[0]!]).map((n) => formatPoints(n.weightCp!));
    expect(output.filter((w) => w === '3.58')).toHaveLength(2);
    expect(output.filter((w) => w === '3.57')).toHaveLength(12);
  });

  it('restore sample replaces only the sample plans and brings back the original wording', async () => {
    await seedIfEmpty();
    const { indicators } = await unitPlan();
    const first = leaves(buildTree(indicators).roots)[0]!;
    await updateIndicator(first.id, { targetText: '不少于900人次' }, first.rev);
    await d.plans.add({ ...(await unitPlan()).plan, id: 'mine', seedKey: undefined, name: '我的计划' });
    await restoreSamplePlans();
    const plans = await listPlans();
    expect(plans.filter((p) => p.id === 'mine')).toHaveLength(1);
    expect(plans).toHaveLength(6);
    const again = leaves(buildTree((await unitPlan()).indicators).roots)[0]!;
    expect(again.targetText).toBe('不少于800人次');
    expect(await d.units.count()).toBe(1);
    // No orphaned rows of the replaced plans stay behind.
    const planIds = new Set(plans.map((p) => p.id));
    expect((await d.indicators.toArray()).every((n) => planIds.has(n.planId))).toBe(true);
    expect(await listIndicators('mine')).toEqual([]);
  });
});

describe('restore sample after the unit was renamed', () => {
  it('keeps the one unit, renamed, and hangs the sample plans on it', async () => {
    await seedIfEmpty();
    const [unit] = await d.units.toArray();
    await d.units.update(unit!.id, { name: '改名后的单位' });
    await restoreSamplePlans();
    const units = await d.units.toArray();
    expect(units.map((u) => u.name)).toEqual(['改名后的单位']);
    expect((await listPlans()).every((p) => p.unitId === unit!.id)).toBe(true);
  });
});
