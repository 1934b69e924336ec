import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { until } from '../fixtures/mount';
import type { JixiaoDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { useImportStore } from '@/stores/import';
import { usePlansStore } from '@/stores/plans';
import { makeI18n } from '@/i18n';
import { emptyXlsx, hiddenSheetXlsx, oversizedXlsx, projectsXlsx, truncatedXlsx } from '../fixtures/xlsx/make-fixtures';

let d: JixiaoDb;
const TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'rollups', 'spending', 'rounds', 'evaluations', 'audit', 'meta'] as const;
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await d[t].count()] as const)));
const file = (bytes: Uint8Array<ArrayBuffer>, name = 'a.xlsx') => new File([bytes], name);
const { t } = makeI18n('zh-CN').global;

beforeEach(async () => {
  localStorage.clear();
  setActivePinia(createPinia());
  d = await freshDb();
  await seedIfEmpty();
  const plans = usePlansStore();
  await until(() => plans.plans.length === 5);
});

describe('import store: refused files', () => {
  it('broken, empty, oversized and non-xlsx files are refused with their message, and nothing is written', async () => {
    const store = useImportStore();
    const before = await counts();
    const cases: [Uint8Array<ArrayBuffer>, string, string][] = [
      [await truncatedXlsx(), 'broken', '文件已损坏或不完整'],
      [await emptyXlsx(), 'empty', '工作簿是空的'],
      [new Uint8Array(), 'empty', '工作簿是空的'],
      [new TextEncoder().encode('一级指标,二级指标'), 'notXlsx', '文件不是有效的 Excel 工作簿'],
      [new Uint8Array(10 * 1024 * 1024 + 1), 'tooLarge', '文件超过 10 MB'],
    ];
    for (const [bytes, code, words] of cases) {
      await store.read(file(bytes));
      expect(store.phase).toBe('idle');
      expect(store.problem?.code).toBe(code);
      expect(t(`import.problem.${code}`, { mb: 10, ...store.problem?.params })).toContain(words);
    }
    // A sheet over 5,000 rows: listed as refused with its count, nothing importable.
    await store.read(file(await oversizedXlsx()));
    expect(store.phase).toBe('preview');
    expect(store.readings[0]).toMatchObject({ status: 'refused', refused: { rows: 5001 } });
    expect(store.canImport).toBe(false);
    await expect(store.commit()).rejects.toThrow();
    expect(await counts()).toEqual(before);
  }, 60_000);
});

describe('import store: preview and write', () => {
  it('guesses plan fields per sheet, re-reads on a column fix, and writes both sheets at once', async () => {
    const store = useImportStore();
    const plans = usePlansStore();
    await store.read(file(await projectsXlsx(), '项目.xlsx'));
    expect(store.phase).toBe('preview');
    expect(store.choices.map((c) => [c.include, c.kind, c.name, c.year])).toEqual([
      [true, 'project', '职工服务项目', '2023'],
      [true, 'project', '劳模疗休养', '2023'],
    ]);
    expect(store.readings[1]!.status).toBe('missingColumns');
    expect(store.canImport).toBe(false);
    store.setColumn(1, 'target', 3);
    expect(store.readings[1]!.status).toBe('ok');
    expect(store.included).toBe(2);
    expect(store.canImport).toBe(true);

    // A year typed re-reads the targets in it (２０２３年１２月底前 has its own year; the plan fields follow the choice).
    store.choices[0]!.year = '20x';
    expect(store.problems[0]).toEqual(['badYear']);
    expect(store.canImport).toBe(false);
    store.choices[0]!.year = '2023';

    const before = await counts();
    const ids = await store.commit();
    expect(ids).toHaveLength(2);
    expect(store.phase).toBe('idle');
    expect(plans.selectedId).toBe(ids[0]);
    const after = await counts();
    expect(after.plans).toBe(before.plans! + 2);
    expect(await d.indicators.where('planId').equals(ids[1]!).filter((n) => n.level === 3).count()).toBe(2);
  }, 30_000);

  it('a hidden sheet is left out unless included; replacing offers only empty plans', async () => {
    const store = useImportStore();
    const plans = usePlansStore();
    await store.read(file(await hiddenSheetXlsx()));
    expect(store.readings.map((r) => [r.name, r.hidden, r.status])).toEqual([['项目', false, 'ok'], ['旧版', true, 'ok'], ['说明', false, 'noHeader']]);
    expect(store.choices.map((c) => c.include)).toEqual([true, false, false]);
    expect(store.replaceable.map((p) => p.seedKey).sort()).toEqual(['yantian-2022/daily', 'yantian-2022/fees', 'yantian-2022/models', 'yantian-2022/rights']);

    const daily = plans.plans.find((p) => p.seedKey === 'yantian-2022/daily')!;
    store.choices[0]!.mode = 'replace';
    expect(store.problems[0]).toEqual(['pickPlan']);
    store.choices[0]!.replacePlanId = daily.id;
    store.choices[1]!.include = true;
    store.choices[1]!.mode = 'replace';
    store.choices[1]!.replacePlanId = daily.id;
    expect(store.problems[1]).toEqual(['pickedTwice']);
    store.choices[1]!.include = false;
    // Targets are read in the replaced plan's year.
    expect(store.readings[0]!.tree[0]!.groups[0]!.leaves[0]!.result.ok).toBe(true);
    const [id] = await store.commit();
    expect(id).toBe(daily.id);
    expect((await d.indicators.where('planId').equals(daily.id).toArray()).filter((n) => n.level === 3).map((n) => n.name)).toEqual(['场次']);
  }, 30_000);

  it('cancel while reading stops it and keeps nothing', async () => {
    const store = useImportStore();
    const reading = store.read(file(await projectsXlsx()));
    expect(store.phase).toBe('reading');
    store.cancel();
    await reading;
    expect(store.phase).toBe('idle');
    expect(store.readings).toEqual([]);
    expect(store.problem).toBeNull();
  }, 30_000);
});
