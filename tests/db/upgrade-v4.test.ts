import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { JixiaoDb, useDb } from '@/db/database';
import { finaliseEvaluation, saveEvaluationInputs, startEvaluation } from '@/db/repositories/evaluations';
import { bucketize } from '@/domain/actuals/aggregate';
import type { ActivityEntry } from '@/domain/actuals/types';
import type { BudgetLine, IndicatorNode } from '@/domain/model';
import { buildRoundForm } from '@/domain/monitoring/round';
import { emptyInputs, emptyRowInput, type MonitoringRound } from '@/domain/monitoring/round-types';
import { roundProblems } from '@/domain/monitoring/round-validate';
import { emptyEvaluationInputs } from '@/domain/evaluation/types';
import { parseTarget } from '@/domain/targets/parse';

/**
 * A fixture database of the released version 3, declared exactly as src/db/database.ts declares versions 1–3 (v3's
 * upgrade included), filled with rows of the v3 shape — budget lines with 上年结转 and adjustments, a target
 * adjustment, spending by fund source, a submitted monitoring round with its frozen form and a draft one — closed,
 * then opened by today's JixiaoDb (reliability.md: a fixture database of every released version opened by the newest
 * code). Nothing may be lost; the v4 evaluations table appears, empty.
 */

function declareV3(db: Dexie): void {
  db.version(1).stores({
    units: 'id',
    plans: 'id, unitId, year, seedKey',
    budgetLines: 'id, planId',
    indicators: 'id, planId, parentId',
    audit: 'id, at, entityId, planId',
    meta: 'key',
  });
  db.version(2).stores({
    entries: 'id, planId, indicatorId, [indicatorId+date], [planId+date], recordedBy',
    rollups: 'indicatorId, planId',
    spending: 'id, planId, [planId+date]',
  });
  db.version(3)
    .stores({ rounds: 'id, planId, seriesId, year' })
    .upgrade((tx) =>
      tx
        .table('budgetLines')
        .toCollection()
        .modify((line: Partial<BudgetLine>) => {
          if (typeof line.carryoverFen !== 'number') line.carryoverFen = 0;
          if (!Array.isArray(line.adjustments)) line.adjustments = [];
        }),
    );
}

let n = 0;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const x of opened.splice(0)) x.close();
});

const T = '2022-03-01T08:00:00.000Z';
const stamp = (id: string) => ({ id, createdAt: T, updatedAt: T, rev: 1 });
const unit = { ...stamp('u1'), name: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', duties: '工会工作' };
const plan = { ...stamp('p1'), unitId: 'u1', year: 2022, kind: 'project' as const, name: '职工服务项目', goal: '全年服务职工不少于800人次', key: true, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 };
const lines: BudgetLine[] = [
  { ...stamp('b1'), planId: 'p1', name: '活动经费', content: '', fiscalFen: 20_000_000, carryoverFen: 0, otherFen: 1_500_000, order: 1, adjustments: [{ id: 'ba1', date: '2022-05-01', source: 'carryover', amountFen: 5_000_000, reason: '上年结转资金调入' }] },
  { ...stamp('b2'), planId: 'p1', name: '宣传经费', content: '印制', fiscalFen: 3_000_000, carryoverFen: 0, otherFen: 0, order: 2, adjustments: [] },
];
const target = (text: string) => parseTarget(text, { year: 2022 }).spec;
const indicators: IndicatorNode[] = [
  { ...stamp('i1'), planId: 'p1', parentId: null, level: 1, name: '产出', order: 1, weightCp: 5000 },
  { ...stamp('i2'), planId: 'p1', parentId: 'i1', level: 2, name: '数量指标', order: 1, weightCp: null },
  {
    ...stamp('i3'), planId: 'p1', parentId: 'i2', level: 3, name: '服务人次', order: 1, targetText: '不少于800人次', target: target('不少于800人次'), weightCp: 5000,
    targetAdjustments: [{ id: 'ta1', targetText: '不少于600人次', target: target('不少于600人次'), approvedOn: '2022-05-01', reason: '疫情影响，活动调减', recordedAt: '2022-05-02T08:00:00.000Z' }],
  },
  { ...stamp('i4'), planId: 'p1', parentId: null, level: 1, name: '满意度', order: 2, weightCp: 1000 },
  { ...stamp('i5'), planId: 'p1', parentId: 'i4', level: 2, name: '服务对象满意度指标', order: 1, weightCp: null },
  { ...stamp('i6'), planId: 'p1', parentId: 'i5', level: 3, name: '服务职工满意度', order: 1, targetText: '≥90%', target: target('≥90%'), weightCp: 4000 },
];
const audit = [{ id: 'a1', at: T, entity: 'plan', entityId: 'p1', planId: 'p1', action: 'create', after: { name: '职工服务项目' } }];
const meta = [{ key: 'seed', value: { version: 1, at: T } }];
const entries: ActivityEntry[] = [
  { ...stamp('e1'), planId: 'p1', indicatorId: 'i3', date: '2022-03-01', amount: 150, note: '', recordedBy: '张敏' },
  { ...stamp('e2'), planId: 'p1', indicatorId: 'i3', date: '2022-05-10', amount: 250, note: '讲座', recordedBy: '李华' },
  { ...stamp('e3'), planId: 'p1', indicatorId: 'i3', date: '2022-09-01', amount: 200, note: '', recordedBy: '张敏' },
];
const rollups = [{ indicatorId: 'i3', planId: 'p1', days: bucketize(entries), updatedAt: T }];
// v3 spending: the fund source is optional (absent = 财政拨款).
const spending = [
  { ...stamp('s1'), planId: 'p1', budgetLineId: 'b1', date: '2022-04-01', amountFen: 9_000_000, note: '', recordedBy: '张敏' },
  { ...stamp('s2'), planId: 'p1', budgetLineId: 'b1', source: 'carryover' as const, date: '2022-08-01', amountFen: 5_000_000, note: '结转资金支出', recordedBy: '张敏' },
  { ...stamp('s3'), planId: 'p1', date: '2022-12-10', amountFen: 14_500_000, note: '', recordedBy: '张敏' },
];

/** The mid-year round as v3 submitted it: the 满意度 survey not yet run, its 全年预计完成值 typed as 92%. */
function roundsOf(): MonitoringRound[] {
  const inputs = {
    ...emptyInputs(),
    goalProgress: '上半年服务职工400人次',
    goalForecast: '全年可完成调整后目标',
    rows: {
      i3: { ...emptyRowInput(), possibility: 'certain' as const },
      i6: { ...emptyRowInput(), forecast: 92, possibility: 'possible' as const, reasons: ['other' as const], reasonText: '满意度调查安排在年底', measures: '12月开展问卷调查' },
    },
  };
  const cutoff = '2022-06-30';
  const snapshot = buildRoundForm({ plan, unit, lines, nodes: indicators, rollups, spending, cutoff, inputs });
  expect(roundProblems(snapshot)).toEqual([]);
  const submittedAt = '2022-07-05T08:00:00.000Z';
  return [
    { ...stamp('r1'), updatedAt: submittedAt, rev: 3, planId: 'p1', year: 2022, cutoff, seriesId: 'rs1', version: 1, status: 'submitted', inputs, createdBy: '张科长', submittedAt, submittedBy: '张科长', snapshot },
    { ...stamp('r2'), planId: 'p1', year: 2022, cutoff: '2022-09-30', seriesId: 'rs2', version: 1, status: 'draft', inputs: emptyInputs(), createdBy: '张科长' },
  ];
}

async function fixture(): Promise<{ name: string; rounds: MonitoringRound[] }> {
  const name = `upgrade-v4-fixture-${Date.now()}-${++n}`;
  const old = new Dexie(name);
  declareV3(old);
  await old.open();
  const rounds = roundsOf();
  await old.table('units').bulkAdd([unit]);
  await old.table('plans').bulkAdd([plan]);
  await old.table('budgetLines').bulkAdd(lines);
  await old.table('indicators').bulkAdd(indicators);
  await old.table('audit').bulkAdd(audit);
  await old.table('meta').bulkAdd(meta);
  await old.table('entries').bulkAdd(entries);
  await old.table('rollups').bulkAdd(rollups);
  await old.table('spending').bulkAdd(spending);
  await old.table('rounds').bulkAdd(rounds);
  expect(old.verno).toBe(3);
  expect(old.tables.map((t) => t.name)).not.toContain('evaluations');
  old.close();
  return { name, rounds };
}

async function openCurrent(name: string): Promise<JixiaoDb> {
  const d = new JixiaoDb(name);
  opened.push(d);
  await d.open();
  return d;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

async function dump(d: Dexie) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['units', 'plans', 'budgetLines', 'indicators', 'audit', 'meta', 'entries', 'rollups', 'spending', 'rounds']) out[t] = await d.table(t).toArray();
  return out;
}

describe('a v3 database opened by the current version', () => {
  it('keeps every row of every table exactly; the evaluations table exists, empty, with its indexes', async () => {
    const { name, rounds } = await fixture();
    const d = await openCurrent(name);
    expect(d.verno).toBeGreaterThanOrEqual(4);
    expect(await d.units.toArray()).toEqual([unit]);
    expect(await d.plans.toArray()).toEqual([plan]);
    expect(byId(await d.budgetLines.toArray())).toEqual(lines);
    expect(byId(await d.indicators.toArray())).toEqual(indicators);
    expect(await d.audit.toArray()).toEqual(audit);
    expect(await d.meta.toArray()).toEqual(meta);
    expect(byId(await d.entries.toArray())).toEqual(entries);
    expect(await d.rollups.toArray()).toEqual(rollups);
    expect(byId(await d.spending.toArray())).toEqual(spending);
    expect(byId(await d.rounds.toArray())).toEqual(rounds);
    expect((await d.rounds.get('r1'))!.snapshot).toEqual(rounds[0]!.snapshot);
    expect(await d.evaluations.count()).toBe(0);
    expect(d.evaluations.schema.primKey.name).toBe('id');
    expect(d.evaluations.schema.indexes.map((i) => i.name).sort()).toEqual(expect.arrayContaining(['planId', 'seriesId', 'year']));
    // Indexes of the older tables still answer.
    expect(await d.rounds.where('seriesId').equals('rs1').count()).toBe(1);
    expect(await d.entries.where('[indicatorId+date]').between(['i3', '2022-01-01'], ['i3', '2022-06-30']).count()).toBe(2);
  });

  it('opening it again changes nothing', async () => {
    const { name } = await fixture();
    const first = await openCurrent(name);
    const before = await dump(first);
    first.close();
    const second = await openCurrent(name);
    expect(await dump(second)).toEqual(before);
    expect(await second.evaluations.count()).toBe(0);
  });

  it('upgraded data can be evaluated: the adjusted target, the round’s forecast for the unrun survey, 年初 vs 全年 budget', async () => {
    const d = await openCurrent((await fixture()).name);
    useDb(d);
    const e = await startEvaluation('p1', '李审核');
    const saved = await saveEvaluationInputs(e.id, { ...emptyEvaluationInputs(), goalActual: '全年服务职工600人次，完成调整后目标' }, e.rev);
    const final = await finaliseEvaluation(e.id, '李审核', saved.rev);
    const snap = final.snapshot!;
    const [count, survey] = snap.rows;
    // 150 + 250 + 200 = 600 against the 600 in force since 1 May (800 as approved, kept beside it).
    expect(count).toMatchObject({ targetText: '不少于600人次', adjusted: { originalText: '不少于800人次', approvedOn: '2022-05-01' }, actualText: '600人次', source: 'log' });
    expect(count!.score.scoreCp).toBe(5000);
    // Nothing logged for the survey: the submitted round's 92% (the draft round is not used).
    expect(survey).toMatchObject({ source: 'round', actualText: '92%', computed: { detail: 'manual' } });
    expect(survey!.score.scoreCp).toBe(4000);
    // 年初 24.50 万元; 全年 29.50 with the 5.00 carried over; executed 28.50 → 28.50/29.50×10 = 9.66.
    expect(snap.funds[0]).toMatchObject({ initialFen: 24_500_000, fullFen: 29_500_000, executedFen: 28_500_000 });
    expect(snap.funds[2]).toMatchObject({ source: 'carryover', initialFen: 0, fullFen: 5_000_000, executedFen: 5_000_000 });
    expect(snap.budget.scoreCp).toBe(966);
    expect(snap.scorecard.totalCp).toBe(9966);
    expect(await d.evaluations.where('planId').equals('p1').count()).toBe(1);
  });
});
