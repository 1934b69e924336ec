import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { correctRound, createRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import { BACKUP_FORMAT_VERSION } from '@/db/transfer/schema';
import { LockedError } from '@/db/errors';
import { parseTarget } from '@/domain/targets/parse';
import type { JixiaoDb } from '@/db/database';
import type { MonitoringRound } from '@/domain/monitoring/round-types';

/**
 * Backup format 2 carries monitoring rounds (a submitted round's frozen form included) and the v3 budget fields;
 * format 1 files, written before either existed, stay importable and come in upgraded.
 */

let d: JixiaoDb;
let planId: string;
let v1: MonitoringRound;
let v2: MonitoringRound;
let other: MonitoringRound;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  const plans = await listPlans();
  planId = plans.find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  await loadSampleActivity(planId, '2026-11-25');
  v1 = await submittedRound(planId);
  v2 = await correctRound(v1.id, '李会计');
  other = await createRound(plans.find((p) => p.seedKey === 'yantian-2022/rights')!.id, '2022-07-31', '张科长');
  other = await saveRoundInputs(other.id, { ...other.inputs, goalProgress: '进展顺利', budgetForecastFen: 12_345_678 }, other.rev);
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** A file edited by hand and re-sealed (checksum and counts), so only the edit itself can make it fail. */
async function resealed(b: Record<string, unknown> & { data: Record<string, unknown[]>; counts: Record<string, number> }): Promise<string> {
  for (const t of Object.keys(b.data)) b.counts[t] = b.data[t]!.length;
  b.sha256 = await sha256(JSON.stringify(b.data));
  return JSON.stringify(b);
}
async function tampered(edit: (b: Backup) => void): Promise<string> {
  const b = structuredClone(await exportBackup());
  edit(b);
  return resealed(b as never);
}
const dump = async () => Promise.all([d.plans.toArray(), d.budgetLines.toArray(), d.indicators.toArray(), d.entries.toArray(), d.spending.toArray(), d.rounds.toArray()]);
const problemsOf = async (text: string) => {
  const outcome = await parseBackup(text);
  expect(outcome.ok).toBe(false);
  return (outcome as { problems: { code: string; where: string }[] }).problems;
};

describe('format 2 round trip', () => {
  it('a submitted round, its correction draft and another draft come back identical, and stay locked / editable as they were', async () => {
    const rounds = await d.rounds.toArray();
    expect(rounds.map((r) => r.status).sort()).toEqual(['draft', 'draft', 'submitted']);
    const first = await exportBackup();
    expect(first.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(first.counts.rounds).toBe(3);
    const text = serializeBackup(first);

    d = await freshDb();
    const parsed = await parseBackup(text);
    expect(parsed.ok).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    expect(await d.rounds.toArray()).toEqual(rounds);
    expect((await d.rounds.get(v1.id))!.snapshot).toEqual(v1.snapshot);
    expect((await exportBackup()).data.rounds).toEqual(first.data.rounds);

    // Restored state behaves as before: v1 is locked, the correction can be submitted and supersedes it.
    await expect(saveRoundInputs(v1.id, v1.inputs, v1.rev)).rejects.toBeInstanceOf(LockedError);
    await submitRound(v2.id, '李会计', v2.rev);
    expect((await d.rounds.get(v1.id))!.status).toBe('superseded');
    expect((await d.rounds.get(other.id))!.inputs.budgetForecastFen).toBe(12_345_678);
  });

  it('budget adjustments, 上年结转, target adjustments and spending sources survive the trip', async () => {
    const b = structuredClone(await exportBackup());
    const line = b.data.budgetLines.find((l) => l.planId === planId)!;
    line.carryoverFen = 4_000_000;
    line.adjustments = [{ id: 'adj-1', date: '2022-05-01', source: 'fiscal', amountFen: -1_000_000, reason: '调减' }];
    const node = b.data.indicators.find((n) => n.level === 3 && n.planId === planId)!;
    node.targetAdjustments = [{ id: 'ta-1', targetText: '不少于600人次', target: parseTarget('不少于600人次').spec, approvedOn: '2022-05-10', reason: '批复', recordedAt: '2022-05-11T00:00:00.000Z' }];
    b.data.spending[0]!.source = 'other';
    const parsed = await parseBackup(await resealed(b as never));
    expect(parsed.ok).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    expect(await d.budgetLines.get(line.id)).toEqual(line);
    expect(await d.indicators.get(node.id)).toEqual(node);
    expect((await d.spending.get(b.data.spending[0]!.id))!.source).toBe('other');
  });
});

describe('a format 1 backup (before rounds and the v3 budget fields)', () => {
  const T = '2022-03-01T08:00:00.000Z';
  const stamp = (id: string) => ({ id, createdAt: T, updatedAt: T, rev: 1 });
  const data = {
    units: [{ ...stamp('u1'), name: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', duties: '' }],
    plans: [{ ...stamp('p1'), unitId: 'u1', year: 2022, kind: 'project', name: '职工服务项目', goal: '服务职工', key: false, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 }],
    budgetLines: [{ ...stamp('b1'), planId: 'p1', name: '活动经费', content: '', fiscalFen: 20_000_000, otherFen: 1_500_000, order: 1 }],
    indicators: [
      { ...stamp('i1'), planId: 'p1', parentId: null, level: 1, name: '产出', order: 1, weightCp: 5000 },
      { ...stamp('i2'), planId: 'p1', parentId: 'i1', level: 2, name: '数量指标', order: 1, weightCp: null },
      { ...stamp('i3'), planId: 'p1', parentId: 'i2', level: 3, name: '服务人次', order: 1, targetText: '不少于800人次', target: { op: 'GE', value: 800, unit: '人次', phrase: '不少于' }, weightCp: 5000 },
    ],
    entries: [
      { ...stamp('e1'), planId: 'p1', indicatorId: 'i3', date: '2022-03-01', amount: 150, note: '', recordedBy: '张敏' },
      { ...stamp('e2'), planId: 'p1', indicatorId: 'i3', date: '2022-05-10', amount: 250, note: '', recordedBy: '李华' },
    ],
    spending: [{ ...stamp('s1'), planId: 'p1', budgetLineId: 'b1', date: '2022-04-01', amountFen: 9_000_000, note: '', recordedBy: '张敏' }],
    audit: [{ id: 'a1', at: T, entity: 'plan', entityId: 'p1', planId: 'p1', action: 'create' }],
  };
  const v1File = async (edit: (f: { data: typeof data } & Record<string, unknown>) => void = () => undefined, seal = true) => {
    const f = {
      format: 'jixiao-backup',
      formatVersion: 1,
      appVersion: '0.1.0',
      schemaVersion: 2,
      exportedAt: '2022-06-01T00:00:00.000Z',
      counts: Object.fromEntries(Object.entries(data).map(([k, rows]) => [k, rows.length])),
      sha256: '',
      data: structuredClone(data),
    };
    // Unsealed: the checksum of the file as written, then the edit (a change made by hand afterwards).
    if (!seal) f.sha256 = await sha256(JSON.stringify(f.data));
    edit(f);
    if (seal) f.sha256 = await sha256(JSON.stringify(f.data));
    return JSON.stringify(f);
  };

  it('parses, upgraded to today’s shape: lines with 上年结转 0 and no adjustments, no rounds', async () => {
    const outcome = await parseBackup(await v1File());
    expect(outcome.ok).toBe(true);
    const b = (outcome as { backup: Backup }).backup;
    expect(b.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(b.data.rounds).toEqual([]);
    expect(b.counts.rounds).toBe(0);
    expect(b.data.budgetLines).toEqual([{ ...data.budgetLines[0], carryoverFen: 0, adjustments: [] }]);
    expect(b.data.entries).toEqual(data.entries);
  });

  it('restores, replacing everything; the restored plan can be monitored', async () => {
    const outcome = await parseBackup(await v1File());
    await restoreBackup((outcome as { backup: Backup }).backup);
    expect(await d.plans.toArray()).toEqual(data.plans);
    expect(await d.rounds.count()).toBe(0);
    expect(await d.budgetLines.toArray()).toEqual([{ ...data.budgetLines[0], carryoverFen: 0, adjustments: [] }]);
    expect((await d.rollups.get('i3'))!.days['2022-05-10']).toMatchObject({ n: 1, amount: 250 });
    const r = await createRound('p1', '2022-06-30', '张科长');
    expect(r.inputs.rows.i3!.possibility).toBe('certain'); // 400 ÷ (800 × 6/12) = 100% → green
  });

  it('is still checked: a wrong checksum, a v2 field in a v1 line, or rounds in a v1 file are refused, nothing written', async () => {
    const before = await dump();
    expect((await problemsOf(await v1File((f) => void (f.data.budgetLines[0]!.fiscalFen = 1), false)))[0]).toMatchObject({ code: 'checksum' });
    expect((await problemsOf(await v1File((f) => void ((f.data.budgetLines[0] as Record<string, unknown>).carryoverFen = 5))))[0]).toMatchObject({ code: 'invalid', where: 'data.budgetLines[0].carryoverFen' });
    const withRounds = await v1File((f) => {
      (f.data as Record<string, unknown>).rounds = [];
    });
    expect((await problemsOf(withRounds))[0]).toMatchObject({ code: 'invalid' });
    expect(await dump()).toEqual(before);
  });
});

describe('a format 2 file with a tampered round is refused and the database is unchanged', () => {
  const sub = (b: Backup) => b.data.rounds.find((r) => r.status === 'submitted')!;
  const at = (b: Backup) => b.data.rounds.findIndex((r) => r.status === 'submitted');

  it.each<[string, (b: Backup) => void, string, (b: Backup) => string]>([
    ['an unknown key in a frozen row', (b) => void ((sub(b).snapshot!.rows[0] as Record<string, unknown>).hidden = 1), 'invalid', (b) => `data.rounds[${at(b)}].snapshot.rows[0].hidden`],
    ['an unknown key in the frozen header', (b) => void ((sub(b).snapshot!.header as Record<string, unknown>).signedBy = 'x'), 'invalid', (b) => `data.rounds[${at(b)}].snapshot.header.signedBy`],
    ['a light that does not exist', (b) => void ((sub(b).snapshot as Record<string, unknown>).planLight = 'purple'), 'invalid', (b) => `data.rounds[${at(b)}].snapshot.planLight`],
    ['a number written as text', (b) => void ((sub(b).snapshot!.funds[0] as Record<string, unknown>).executedFen = '611303400'), 'invalid', (b) => `data.rounds[${at(b)}].snapshot.funds[0].executedFen`],
    ['a wrong type in the inputs', (b) => void ((sub(b).inputs as Record<string, unknown>).budgetForecastFen = -5), 'invalid', (b) => `data.rounds[${at(b)}].inputs.budgetForecastFen`],
    ['a round of a plan that is not there', (b) => void (sub(b).planId = 'nowhere'), 'orphan', (b) => `data.rounds[${at(b)}].planId`],
    ['a correction of a round that is not there', (b) => void (b.data.rounds.find((r) => r.supersedes)!.supersedes = 'gone'), 'orphan', (b) => `data.rounds[${b.data.rounds.findIndex((r) => r.supersedes)}].supersedes`],
    ['a submitted round without its frozen form', (b) => void delete sub(b).snapshot, 'rule', (b) => `data.rounds[${at(b)}].snapshot`],
  ])('%s', async (_, edit, code, where) => {
    const before = await dump();
    const reference = structuredClone(await exportBackup());
    const problems = await problemsOf(await tampered(edit));
    expect(problems).toContainEqual(expect.objectContaining({ code, where: where(reference) }));
    expect(await dump()).toEqual(before);
  });

  it('an edited frozen figure without a new checksum is refused', async () => {
    const b = structuredClone(await exportBackup());
    sub(b).snapshot!.funds[0]!.executedFen += 1;
    expect((await problemsOf(serializeBackup(b)))[0]).toMatchObject({ code: 'checksum', where: 'sha256' });
  });
});

describe('a format 2 file as the first release of format 2 wrote it (rounds, no self-evaluations yet)', () => {
  it('still parses and restores, with no evaluations', async () => {
    const b = structuredClone(await exportBackup()) as unknown as { data: Record<string, unknown[]>; counts: Record<string, number> } & Record<string, unknown>;
    delete b.data.evaluations;
    delete b.counts.evaluations;
    const text = await resealed(b);
    const rounds = await d.rounds.toArray();
    d = await freshDb();
    const outcome = await parseBackup(text);
    expect(outcome.ok).toBe(true);
    await restoreBackup((outcome as { backup: Backup }).backup);
    expect(await d.rounds.toArray()).toEqual(rounds);
    expect(await d.evaluations.count()).toBe(0);
  });
});

describe('round rules beyond types', () => {
  it.each<[string, (b: Backup) => void, string]>([
    ['a cut-off outside its plan’s year', (b) => void (b.data.rounds.find((r) => r.status === 'draft' && !r.supersedes)!.cutoff = '2023-03-31'), 'cutoff'],
    ['a year other than its plan’s', (b) => void (b.data.rounds.find((r) => r.status === 'draft' && !r.supersedes)!.year = 2023), 'year'],
    ['a correction of a round of another series', (b) => void (b.data.rounds.find((r) => r.supersedes)!.seriesId = 'another-series'), 'supersedes'],
  ])('%s is refused', async (_, edit, where) => {
    const before = await dump();
    const problems = await problemsOf(await tampered(edit));
    expect(problems[0]!.code).toBe('rule');
    expect(problems[0]!.where).toMatch(new RegExp(`^data\\.rounds\\[\\d+\\]\\.${where}$`));
    expect(await dump()).toEqual(before);
  });
});
