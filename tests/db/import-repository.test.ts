import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import type { JixiaoDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addSpending } from '@/db/repositories/spending';
import { importPlans, listEmptyPlanIds } from '@/db/repositories/import';
import { exportBackup, parseBackup, serializeBackup } from '@/db/transfer/backup';
import { isQuotaError } from '@/db/errors';
import { ImportRefusedError } from '@/domain/import/errors';
import type { SheetChoice } from '@/domain/import/bundle';
import { mapSheet } from '@/domain/import/sheet';
import { buildTree } from '@/domain/targets/tree';
import { grid, unitTableGrid } from '../fixtures/xlsx/import-grids';

let d: JixiaoDb;
beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
});

const counts = async () => ({
  plans: await d.plans.count(),
  budgetLines: await d.budgetLines.count(),
  indicators: await d.indicators.count(),
  audit: await d.audit.count(),
});

const unitReading = () => mapSheet(unitTableGrid());
const projectReading = () =>
  mapSheet(grid('项目', [
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出', '数量', '培训场次', '≥10场'],
    ['满意度', '服务对象满意度', '满意度', '≥90%'],
  ]));
const create = (over: Partial<SheetChoice> = {}): SheetChoice => ({ include: true, mode: 'create', kind: 'project', name: '新项目', year: '2023', goal: '目标', replacePlanId: null, ...over });

describe('importPlans', () => {
  it('writes every sheet as a new plan in one go, audited, with the tree as read', async () => {
    const before = await counts();
    const ids = await importPlans(
      [
        { reading: unitReading(), choice: create({ kind: 'unit', name: '导入的整体表', year: '2024' }) },
        { reading: projectReading(), choice: create({ name: '培训项目', year: '2024' }) },
      ],
      '目标表.xlsx',
    );
    expect(ids).toHaveLength(2);
    const plans = await listPlans();
    expect(plans.find((p) => p.id === ids[0])).toMatchObject({ kind: 'unit', name: '导入的整体表', year: 2024 });
    const nodes = await listIndicators(ids[1]!);
    const { roots } = buildTree(nodes);
    expect(roots.map((r) => [r.node.name, r.children.map((c) => [c.node.name, c.children.map((l) => l.node.targetText)])])).toEqual([
      ['产出', [['数量', ['≥10场']]]],
      ['满意度', [['服务对象满意度', ['≥90%']]]],
    ]);
    expect(await counts()).toEqual({ ...before, plans: before.plans + 2, budgetLines: before.budgetLines + 2, indicators: before.indicators + 33 + 6, audit: before.audit + 2 });
    const audit = await d.audit.where('entityId').equals(ids[0]!).toArray();
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'plan', after: { name: '导入的整体表', year: 2024, importedFrom: '目标表.xlsx', sheet: '整体', indicators: 20 } });
  });

  it('replaces the tree of an empty plan, keeping the plan, its budget and its goal', async () => {
    const fees = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/fees')!;
    const lines = await d.budgetLines.where('planId').equals(fees.id).toArray();
    expect(await listEmptyPlanIds()).toContain(fees.id);
    const [id] = await importPlans([{ reading: projectReading(), choice: create({ mode: 'replace', replacePlanId: fees.id }) }], 'a.xlsx');
    expect(id).toBe(fees.id);
    const plan = await d.plans.get(fees.id);
    expect(plan).toMatchObject({ name: fees.name, goal: fees.goal, rev: fees.rev + 1 });
    expect(await d.budgetLines.where('planId').equals(fees.id).toArray()).toEqual(lines);
    const nodes = await listIndicators(fees.id);
    const { roots } = buildTree(nodes);
    expect(roots.map((r) => r.node.name)).toEqual(['产出', '满意度']); // the old frame is gone
    expect(nodes.filter((n) => n.level === 3).map((n) => n.name).sort()).toEqual(['培训场次', '满意度']);
    expect(await listEmptyPlanIds()).not.toContain(fees.id);
  });

  it('refuses to replace a plan with indicators or records, and writes nothing', async () => {
    const unitPlan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    const daily = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/daily')!;
    expect(await listEmptyPlanIds()).not.toContain(unitPlan.id);
    const before = await counts();
    const err = await importPlans([{ reading: projectReading(), choice: create({ mode: 'replace', replacePlanId: unitPlan.id }) }], 'a.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    expect(err).toMatchObject({ code: 'notEmpty', sheet: 0 });
    expect(await counts()).toEqual(before);
    expect(await listEmptyPlanIds()).toContain(daily.id);
  });

  it('a frame-only plan with spending booked is no longer empty, and is refused', async () => {
    const daily = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/daily')!;
    await addSpending(daily.id, { date: '2022-03-01', amountFen: 100, recordedBy: 'a' });
    expect(await listEmptyPlanIds()).not.toContain(daily.id);
    await expect(importPlans([{ reading: projectReading(), choice: create({ mode: 'replace', replacePlanId: daily.id }) }], 'a')).rejects.toMatchObject({ code: 'notEmpty' });
  });

  it('is all-or-nothing: one sheet clashing with an existing plan leaves the others unwritten too', async () => {
    const existing = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/daily')!;
    const before = await counts();
    const err = await importPlans(
      [
        { reading: projectReading(), choice: create({ name: '会写入吗' }) },
        { reading: projectReading(), choice: create({ name: existing.name, year: String(existing.year) }) },
      ],
      'a.xlsx',
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'exists', sheet: 1 });
    expect(await counts()).toEqual(before);
  });

  it('refuses two sheets making the same plan, a sheet that cannot be imported, and an empty choice', async () => {
    const before = await counts();
    await expect(importPlans([{ reading: projectReading(), choice: create() }, { reading: projectReading(), choice: create() }], 'a')).rejects.toMatchObject({ code: 'duplicate', sheet: 1 });
    await expect(importPlans([{ reading: mapSheet(grid('x', [['说明']])), choice: create() }], 'a')).rejects.toMatchObject({ code: 'notImportable' });
    await expect(importPlans([{ reading: projectReading(), choice: create({ include: false }) }], 'a')).rejects.toMatchObject({ code: 'nothing' });
    expect(await counts()).toEqual(before);
  });

  it('storage full on the last write: nothing of any sheet is kept', async () => {
    const before = await counts();
    let n = 0;
    const hook = () => {
      if (++n === 2) {
        const e = new Error('quota');
        e.name = 'QuotaExceededError';
        throw e;
      }
    };
    d.audit.hook('creating', hook);
    const err = await importPlans([{ reading: projectReading(), choice: create({ name: 'A' }) }, { reading: projectReading(), choice: create({ name: 'B' }) }], 'a').catch((e: unknown) => e);
    d.audit.hook('creating').unsubscribe(hook);
    expect(isQuotaError(err)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('imports plans a backup restores (the backup check accepts every row written)', async () => {
    await importPlans([{ reading: unitReading(), choice: create({ kind: 'unit', name: '整体', year: '2024' }) }], 'a');
    const parsed = await parseBackup(serializeBackup(await exportBackup()));
    expect(parsed.ok).toBe(true);
  });
});
