import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openWithCurrent, releasedFixture } from '../fixtures/released-schemas';
import { updateEntry } from '@/db/repositories/entries';
import { deletePlanCascade } from '@/db/repositories/plans';
import type { ActivityEntry } from '@/domain/actuals/types';
import { bucketize } from '@/domain/actuals/aggregate';
import type { IndicatorNode } from '@/domain/model';
import { parseTarget } from '@/domain/targets/parse';
import { LEGACY_DEVICE } from '@/domain/merge/versions';

/**
 * A fixture database of the released version 4 (declared as src/db/database.ts declares versions 1–4), filled with
 * v4 rows — no versions — closed, then opened by today's JixiaoDb. Nothing may be lost or rewritten; the v5
 * versions table appears empty; rows written before v5 count as the legacy device's at their rev, so the first edit
 * after the upgrade records what it changed on top of that shared history.
 */

const T = '2022-03-01T08:00:00.000Z';
const stamp = (id: string, rev = 1) => ({ id, createdAt: T, updatedAt: T, rev });
const unit = { ...stamp('u1'), name: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', duties: '工会工作' };
const plan = { ...stamp('p1', 4), unitId: 'u1', year: 2022, kind: 'project' as const, name: '职工服务项目', goal: '全年服务职工不少于800人次', key: true, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 };
const indicators: IndicatorNode[] = [
  { ...stamp('i1'), planId: 'p1', parentId: null, level: 1, name: '产出', order: 1, weightCp: 5000 },
  { ...stamp('i2'), planId: 'p1', parentId: 'i1', level: 2, name: '数量指标', order: 1, weightCp: null },
  { ...stamp('i3'), planId: 'p1', parentId: 'i2', level: 3, name: '服务人次', order: 1, targetText: '不少于800人次', target: parseTarget('不少于800人次', { year: 2022 }).spec, weightCp: 5000 },
];
const entries: ActivityEntry[] = [
  { ...stamp('e1', 3), planId: 'p1', indicatorId: 'i3', date: '2022-03-01', amount: 150, note: '', recordedBy: '张敏' },
  { ...stamp('e2'), planId: 'p1', indicatorId: 'i3', date: '2022-05-10', amount: 250, note: '讲座', recordedBy: '李华' },
];
const evaluation = { ...stamp('v1'), planId: 'p1', year: 2022, seriesId: 'vs1', version: 1, status: 'draft', inputs: {}, createdBy: '李审核' };

const opened: Dexie[] = [];
afterEach(() => opened.splice(0).forEach((x) => x.close()));

function fixture(): Promise<string> {
  return releasedFixture('upgrade-v5', 4, async (old) => {
    await old.table('units').add(unit);
    await old.table('plans').add(plan);
    await old.table('indicators').bulkAdd(indicators);
    await old.table('entries').bulkAdd(entries);
    await old.table('rollups').add({ indicatorId: 'i3', planId: 'p1', days: bucketize(entries), updatedAt: T });
    await old.table('evaluations').add(evaluation);
    await old.table('meta').add({ key: 'seed', value: { version: 1, at: T } });
  });
}


describe('a v4 database opened by the current version', () => {
  it('keeps every row exactly; the versions table exists, empty, indexed by plan', async () => {
    const d = await openWithCurrent(await fixture(), opened);
    expect(d.verno).toBeGreaterThanOrEqual(5);
    expect(await d.units.toArray()).toEqual([unit]);
    expect(await d.plans.toArray()).toEqual([plan]);
    expect(await d.indicators.orderBy('id').toArray()).toEqual(indicators);
    expect(await d.entries.orderBy('id').toArray()).toEqual(entries);
    expect(await d.evaluations.toArray()).toEqual([evaluation]);
    expect(await d.meta.toArray()).toEqual([{ key: 'seed', value: { version: 1, at: T } }]);
    expect(await d.versions.count()).toBe(0);
    expect(d.versions.schema.indexes.map((i) => i.name)).toEqual(['planId']);
  });

  it('the first edit after the upgrade records the legacy history at the row’s rev plus what it changed', async () => {
    const d = await openWithCurrent(await fixture(), opened);
    await updateEntry('e1', 'i3', { date: '2022-03-01', amount: 175, note: '', recordedBy: '张敏' }, 3);
    const v = (await d.versions.get('entries:e1'))!;
    expect(v.vv[LEGACY_DEVICE]).toBe(3);
    expect(Object.keys(v.vv)).toHaveLength(2);
    expect(Object.keys(v.f)).toEqual(['amount']);
    expect(v.origin).toEqual([LEGACY_DEVICE, 3]);
  });

  it('deleting an upgraded plan leaves tombstones for each of its rows', async () => {
    const d = await openWithCurrent(await fixture(), opened);
    await deletePlanCascade('p1');
    const tombs = await d.versions.where('planId').equals('p1').toArray();
    expect(tombs.map((t) => t.key).sort()).toEqual(['entries:e1', 'entries:e2', 'evaluations:v1', 'indicators:i1', 'indicators:i2', 'indicators:i3', 'plans:p1']);
    expect(tombs.every((t) => !!t.deletedAt && t.vv[LEGACY_DEVICE] !== undefined)).toBe(true);
  });
});
