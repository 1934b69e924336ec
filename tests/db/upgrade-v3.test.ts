import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { JixiaoDb, useDb } from '@/db/database';
import { createRound } from '@/db/repositories/rounds';
import { loadPlanSources } from '@/db/repositories/plan-sources';
import { buildRoundForm } from '@/domain/monitoring/round';
import { fullFunds, initialFunds } from '@/domain/budget';
import { parseTarget } from '@/domain/targets/parse';

/**
 * Fixture databases of the released versions 1 and 2, declared exactly as src/db/database.ts declares them, filled
 * with rows of their shape, closed, then opened by today's JixiaoDb under the same name (reliability.md: a fixture
 * database of every released version opened by the newest code). Nothing may be lost; budget lines gain 上年结转 0
 * and no adjustments, so 年初 = 全年 = the amounts they had.
 */

const V1_STORES = {
  units: 'id',
  plans: 'id, unitId, year, seedKey',
  budgetLines: 'id, planId',
  indicators: 'id, planId, parentId',
  audit: 'id, at, entityId, planId',
  meta: 'key',
};
const V2_STORES = {
  entries: 'id, planId, indicatorId, [indicatorId+date], [planId+date], recordedBy',
  rollups: 'indicatorId, planId',
  spending: 'id, planId, [planId+date]',
};

let n = 0;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const x of opened.splice(0)) x.close();
});

const T = '2022-03-01T08:00:00.000Z';
const stamp = (id: string) => ({ id, createdAt: T, updatedAt: T, rev: 1 });
const unit = { ...stamp('u1'), name: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', duties: '工会工作' };
const plan = { ...stamp('p1'), unitId: 'u1', year: 2022, kind: 'project', name: '职工服务项目', goal: '服务职工', key: false, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 };
// v1/v2 budget lines: no carryoverFen, no adjustments.
const lines = [
  { ...stamp('b1'), planId: 'p1', name: '活动经费', content: '', fiscalFen: 20_000_000, otherFen: 1_500_000, order: 1 },
  { ...stamp('b2'), planId: 'p1', name: '宣传经费', content: '印制', fiscalFen: 3_000_000, otherFen: 0, order: 2 },
];
const indicators = [
  { ...stamp('i1'), planId: 'p1', parentId: null, level: 1, name: '产出', order: 1, weightCp: 5000 },
  { ...stamp('i2'), planId: 'p1', parentId: 'i1', level: 2, name: '数量指标', order: 1, weightCp: null },
  { ...stamp('i3'), planId: 'p1', parentId: 'i2', level: 3, name: '服务人次', order: 1, targetText: '不少于800人次', target: parseTarget('不少于800人次').spec, weightCp: 5000 },
];
const audit = [{ id: 'a1', at: T, entity: 'plan', entityId: 'p1', planId: 'p1', action: 'create', after: { name: '职工服务项目' } }];
const meta = [{ key: 'seed', value: { version: 1, at: T } }];
const entries = [
  { ...stamp('e1'), planId: 'p1', indicatorId: 'i3', date: '2022-03-01', amount: 150, note: '', recordedBy: '张敏' },
  { ...stamp('e2'), planId: 'p1', indicatorId: 'i3', date: '2022-05-10', amount: 250, note: '讲座', recordedBy: '李华' },
];
const rollups = [
  {
    indicatorId: 'i3',
    planId: 'p1',
    days: { '2022-03-01': { n: 1, amount: 150, amountFen: 0, numerator: 0, denominator: 0 }, '2022-05-10': { n: 1, amount: 250, amountFen: 0, numerator: 0, denominator: 0 } },
    updatedAt: T,
  },
];
// v2 spending: no fund source.
const spending = [{ ...stamp('s1'), planId: 'p1', budgetLineId: 'b1', date: '2022-04-01', amountFen: 9_000_000, note: '', recordedBy: '张敏' }];

async function fixture(version: 1 | 2, extra: (old: Dexie) => Promise<void> = async () => undefined): Promise<string> {
  const name = `upgrade-fixture-${Date.now()}-${++n}`;
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  if (version === 2) old.version(2).stores(V2_STORES);
  await old.open();
  await old.table('units').bulkAdd([unit]);
  await old.table('plans').bulkAdd([plan]);
  await old.table('budgetLines').bulkAdd(lines);
  await old.table('indicators').bulkAdd(indicators);
  await old.table('audit').bulkAdd(audit);
  await old.table('meta').bulkAdd(meta);
  if (version === 2) {
    await old.table('entries').bulkAdd(entries);
    await old.table('rollups').bulkAdd(rollups);
    await old.table('spending').bulkAdd(spending);
  }
  await extra(old);
  expect(old.verno).toBe(version);
  old.close();
  return name;
}

async function openCurrent(name: string): Promise<JixiaoDb> {
  const d = new JixiaoDb(name);
  opened.push(d);
  await d.open();
  return d;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('a v2 database opened by the current version', () => {
  it('keeps every row; budget lines gain 上年结转 0 and no adjustments (年初 = 全年); the rounds table exists', async () => {
    const d = await openCurrent(await fixture(2));
    expect(d.verno).toBeGreaterThanOrEqual(3);
    expect(await d.units.toArray()).toEqual([unit]);
    expect(await d.plans.toArray()).toEqual([plan]);
    expect(byId(await d.indicators.toArray())).toEqual(indicators);
    expect(await d.audit.toArray()).toEqual(audit);
    expect(await d.meta.toArray()).toEqual(meta);
    expect(byId(await d.entries.toArray())).toEqual(entries);
    expect(await d.rollups.toArray()).toEqual(rollups);
    expect(await d.spending.toArray()).toEqual(spending);
    const upgraded = byId(await d.budgetLines.toArray());
    expect(upgraded).toEqual(lines.map((l) => ({ ...l, carryoverFen: 0, adjustments: [] })));
    for (const l of upgraded) expect(fullFunds(l)).toEqual(initialFunds(l));
    expect(fullFunds(upgraded[0]!)).toEqual({ fiscal: 20_000_000, carryover: 0, other: 1_500_000, total: 21_500_000 });
    // The v3 table with its indexes.
    expect(await d.rounds.count()).toBe(0);
    expect(d.rounds.schema.indexes.map((i) => i.name).sort()).toEqual(expect.arrayContaining(['planId', 'seriesId', 'year']));
    // Indexes of the older tables still answer.
    expect(await d.entries.where('[indicatorId+date]').between(['i3', '2022-01-01'], ['i3', '2022-04-30']).count()).toBe(1);
  });

  it('upgraded data can be monitored: a round at 30 June reads the old spending (no source) as 财政拨款', async () => {
    const d = await openCurrent(await fixture(2));
    useDb(d);
    const r = await createRound('p1', '2022-06-30', '张科长');
    expect(await d.rounds.where('planId').equals('p1').count()).toBe(1);
    const f = buildRoundForm({ ...(await loadPlanSources('p1')), cutoff: r.cutoff, inputs: r.inputs });
    expect(f.funds.map((x) => [x.source, x.fullFen, x.executedFen])).toEqual([
      ['total', 24_500_000, 9_000_000],
      ['fiscal', 23_000_000, 9_000_000],
      ['carryover', 0, 0],
      ['other', 1_500_000, 0],
    ]);
    expect(f.rows[0]!.lightFormula).toBe('400 ÷ (800 × 6/12) = 100.0%');
  });

  it('is idempotent: a line that already has the v3 fields keeps them', async () => {
    const adjusted = { ...stamp('b3'), planId: 'p1', name: '结转', content: '', fiscalFen: 1, otherFen: 2, order: 3, carryoverFen: 4_000_000, adjustments: [{ id: 'x', date: '2022-05-01', source: 'carryover', amountFen: -1_000_000, reason: '调减' }] };
    const d = await openCurrent(await fixture(2, (old) => old.table('budgetLines').add(adjusted).then(() => undefined)));
    expect(await d.budgetLines.get('b3')).toEqual(adjusted);
    expect(await d.budgetLines.get('b1')).toEqual({ ...lines[0], carryoverFen: 0, adjustments: [] });
  });

  it('opening the upgraded database again changes nothing', async () => {
    const name = await fixture(2);
    const first = await openCurrent(name);
    const dump = async (x: JixiaoDb) => ({ lines: byId(await x.budgetLines.toArray()), entries: byId(await x.entries.toArray()), spending: await x.spending.toArray() });
    const before = await dump(first);
    first.close();
    const second = await openCurrent(name);
    expect(await dump(second)).toEqual(before);
  });
});

describe('a v1 database opened by the current version', () => {
  it('keeps every row, gains the activity and rounds tables empty, and upgrades its budget lines', async () => {
    const d = await openCurrent(await fixture(1));
    expect(await d.plans.toArray()).toEqual([plan]);
    expect(byId(await d.indicators.toArray())).toEqual(indicators);
    expect(byId(await d.budgetLines.toArray())).toEqual(lines.map((l) => ({ ...l, carryoverFen: 0, adjustments: [] })));
    expect(await d.audit.toArray()).toEqual(audit);
    expect([await d.entries.count(), await d.rollups.count(), await d.spending.count(), await d.rounds.count()]).toEqual([0, 0, 0, 0]);
  });
});
