import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openWithCurrent, releasedFixture } from '../fixtures/released-schemas';
import { filedEvaluations, filedRounds } from '@/db/repositories/filed';
import { loadDistrictFiled } from '@/db/repositories/district';

/**
 * A fixture database of the released version 7, filled with rounds and evaluations in every status, closed, then
 * opened by today's JixiaoDb. v8 fills the filed table from the records and drops v7's indexes: every round and
 * evaluation stays exactly as it was, and each filed version (never a draft) has its row, in its own year.
 */

const T = '2022-07-05T08:00:00.000Z';
const stamp = (id: string, rev = 1) => ({ id, createdAt: T, updatedAt: T, rev });
const round = (id: string, planId: string, status: string, extra: Record<string, unknown> = {}) => ({
  ...stamp(id), planId, year: 2022, cutoff: '2022-06-30', seriesId: `s-${planId}`, version: 1, status, inputs: {}, createdBy: '张敏', ...extra,
});
const filed = (light: string, submittedAt: string) => ({ submittedAt, submittedBy: '张敏', snapshot: { planLight: light, rows: [] } });
const rounds = [
  round('r1', 'p1', 'superseded', { ...filed('red', '2022-07-01T09:00:00.000Z'), supersededBy: 'r2' }),
  round('r2', 'p1', 'submitted', { ...filed('yellow', '2022-07-03T09:00:00.000Z'), version: 2 }),
  round('r3', 'p2', 'draft'),
  round('r4', 'p3', 'submitted', { ...filed('green', '2023-07-03T09:00:00.000Z'), year: 2023, cutoff: '2023-06-30' }),
];
const evaluation = (id: string, planId: string, status: string, card?: { totalCp: number; grade: string }) => ({
  ...stamp(id), planId, year: 2022, seriesId: `v-${planId}`, version: 1, status, ruleSetId: 'cn-2020-10', inputs: {}, createdBy: '李审核',
  ...(card ? { finalisedAt: T, finalisedBy: '李审核', snapshot: { scorecard: card, rows: [] } } : {}),
});
const evaluations = [evaluation('v1', 'p1', 'final', { totalCp: 9150, grade: 'excellent' }), evaluation('v2', 'p2', 'draft')];

const opened: Dexie[] = [];
afterEach(() => opened.splice(0).forEach((x) => x.close()));

function fixture(): Promise<string> {
  return releasedFixture('upgrade-v8', 7, async (old) => {
    await old.table('units').add({ ...stamp('u1'), name: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', duties: '' });
    for (const id of ['p1', 'p2']) await old.table('plans').add({ ...stamp(id), unitId: 'u1', year: 2022, kind: 'project', name: id, goal: '', key: false, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 });
    await old.table('plans').add({ ...stamp('p3'), unitId: 'u1', year: 2023, kind: 'project', name: 'p3', goal: '', key: false, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 });
    await old.table('rounds').bulkAdd(rounds);
    await old.table('evaluations').bulkAdd(evaluations);
  });
}

describe('a v7 database opened by the current version', () => {
  it('keeps every round and evaluation exactly', async () => {
    const d = await openWithCurrent(await fixture(), opened);
    expect(d.verno).toBeGreaterThanOrEqual(8);
    // v7's index-key digests are gone: the filed table answers instead.
    expect(d.rounds.schema.indexes.map((i) => i.name)).toEqual(['planId', 'seriesId', 'year']);
    expect(await d.rounds.orderBy('id').toArray()).toEqual(rounds);
    expect(await d.evaluations.orderBy('id').toArray()).toEqual(evaluations);
  });

  it('files one row per filed version from the records: no drafts, no other year', async () => {
    const d = await openWithCurrent(await fixture(), opened);
    const r = await filedRounds(2022);
    expect(r.map((x) => [x.id, x.planId, x.status, x.cutoff, x.submittedAt, x.planLight]).sort()).toEqual([
      ['r1', 'p1', 'superseded', '2022-06-30', '2022-07-01T09:00:00.000Z', 'red'],
      ['r2', 'p1', 'submitted', '2022-06-30', '2022-07-03T09:00:00.000Z', 'yellow'],
    ]);
    expect(await filedEvaluations(2022)).toEqual([{ key: 'evaluations:v1', kind: 'evaluation', id: 'v1', planId: 'p1', year: 2022, status: 'final', totalCp: 9150, grade: 'excellent' }]);
    expect((await filedRounds(2023)).map((x) => x.planId)).toEqual(['p3']);
    expect(await d.filed.count()).toBe(4);
  });

  it('gives the district the last submitted round and the final total of each plan', async () => {
    await openWithCurrent(await fixture(), opened);
    const heads = await loadDistrictFiled(2022);
    expect(heads.rounds).toEqual([{ planId: 'p1', cutoff: '2022-06-30', planLight: 'yellow' }]);
    expect(heads.evaluations).toEqual([{ planId: 'p1', totalCp: 9150, grade: 'excellent' }]);
  });
});
