import Dexie from 'dexie';
import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty, sampleRestoreImpact } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators, deleteIndicator, restoreIndicators } from '@/db/repositories/indicators';
import * as entries from '@/db/repositories/entries';
import { SAMPLE_RECORDER } from '@/domain/seed/sample-activity';
import { loadSampleActivity, removeSampleActivity, countSampleActivity } from '@/db/repositories/sample-activity';
import { addSpending, listSpending } from '@/db/repositories/spending';
import { EntryInvalidError, SpendingInvalidError } from '@/domain/errors';
import { actualAsOf, bucketize } from '@/domain/actuals/aggregate';
import { measureOf, type EntryInput } from '@/domain/actuals/measure';
import { wan } from '@/domain/money';
import { JixiaoDb, useDb } from '@/db/database';
import type { IndicatorNode, Plan } from '@/domain/model';

let d: JixiaoDb;
let plan: Plan;
let nodes: IndicatorNode[];
const byName = (name: string) => nodes.find((n) => n.name === name)!;
const PERSON_TIMES = '开展职工权益保障和职工服务等活动（人次）';
const ON_TIME = '宣传资料及时发放率';

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  nodes = await listIndicators(plan.id);
});

const log = (name: string, input: Partial<EntryInput> & { date: string }) =>
  entries.addEntry(byName(name).id, { recordedBy: '张敏', ...input });

describe('logging entries', () => {
  it('sums counts into the rollup as they are written, by day', async () => {
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 40 });
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 25 });
    await log(PERSON_TIMES, { date: '2022-05-10', amount: 60 });
    const rollup = await d.rollups.get(byName(PERSON_TIMES).id);
    expect(rollup!.days['2022-03-01']).toMatchObject({ n: 2, amount: 65 });
    expect(actualAsOf('count', rollup!.days, '2022-04-30').value).toBe(65);
    expect(actualAsOf('count', rollup!.days, '2022-12-31').value).toBe(125);
  });

  it('rates add numerators and denominators, not percentages', async () => {
    await log(ON_TIME, { date: '2022-02-01', numerator: 9, denominator: 10 });
    await log(ON_TIME, { date: '2022-03-01', numerator: 80, denominator: 100 });
    const rollup = await d.rollups.get(byName(ON_TIME).id);
    const a = actualAsOf(measureOf(byName(ON_TIME)), rollup!.days, '2022-12-31');
    expect(a.numerator).toBe(89);
    expect(a.denominator).toBe(110);
    expect(a.value).toBeCloseTo((89 / 110) * 100, 10);
  });

  it.each([
    [{ date: '2022-03-01', amount: -5 }, 'amount', 'negative'],
    [{ date: '2022-03-01', amount: 2.5 }, 'amount', 'notInteger'],
    [{ date: '2023-01-02', amount: 5 }, 'date', 'outsideYear'],
    [{ date: '2022-03-01', amount: 5, recordedBy: ' ' }, 'recordedBy', 'required'],
  ])('refuses an invalid count entry %j and writes nothing', async (input, field, code) => {
    const before = await d.entries.count();
    await expect(log(PERSON_TIMES, input)).rejects.toMatchObject({ errors: [{ field, code }] });
    expect(await d.entries.count()).toBe(before);
    expect(await d.rollups.count()).toBe(0);
  });

  it('refuses a numerator above its denominator', async () => {
    await expect(log(ON_TIME, { date: '2022-03-01', numerator: 11, denominator: 10 })).rejects.toBeInstanceOf(EntryInvalidError);
    expect(await d.entries.count()).toBe(0);
  });

  it('moving an entry to another day and indicator moves it in both rollups', async () => {
    const e = await log(PERSON_TIMES, { date: '2022-03-01', amount: 40 });
    const other = '开展职工趣味运动会、登山等文体活动参与人次';
    await entries.updateEntry(e.id, byName(other).id, { date: '2022-04-01', amount: 30, recordedBy: '张敏' }, e.rev);
    expect((await d.rollups.get(byName(PERSON_TIMES).id))?.days ?? {}).toEqual({});
    expect((await d.rollups.get(byName(other).id))!.days['2022-04-01']).toMatchObject({ amount: 30 });
    await expect(entries.updateEntry(e.id, byName(other).id, { date: '2022-04-01', amount: 31, recordedBy: '张敏' }, e.rev)).rejects.toThrow(/changed elsewhere/);
  });

  it('delete and undo keep the rollup equal to a recount of the entries', async () => {
    const a = await log(PERSON_TIMES, { date: '2022-03-01', amount: 40 });
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 20 });
    const removed = await entries.deleteEntries([a.id]);
    expect((await d.rollups.get(byName(PERSON_TIMES).id))!.days['2022-03-01']!.amount).toBe(20);
    await entries.restoreEntries(removed);
    const all = await d.entries.where('indicatorId').equals(byName(PERSON_TIMES).id).toArray();
    expect((await d.rollups.get(byName(PERSON_TIMES).id))!.days).toEqual(bucketize(all));
  });

  it('the total without a person or text filter (from the rollups) equals a count of the entries, for any dates and indicator', async () => {
    const days = ['2022-01-03', '2022-02-14', '2022-02-15', '2022-06-30', '2022-07-01', '2022-12-31'];
    for (let i = 0; i < 18; i++) {
      const date = days[i % days.length]!;
      if (i % 3 === 0) await log(ON_TIME, { date, numerator: 1, denominator: 2 });
      else await log(PERSON_TIMES, { date, amount: i });
    }
    const all = await d.entries.where('planId').equals(plan.id).toArray();
    for (const [from, to] of [[undefined, undefined], ['2022-02-15', '2022-07-01'], ['2022-07-02', undefined], [undefined, '2022-01-03']] as const) {
      for (const indicatorId of [undefined, byName(ON_TIME).id, byName(PERSON_TIMES).id]) {
        const want = all.filter((e) => (!from || e.date >= from) && (!to || e.date <= to) && (!indicatorId || e.indicatorId === indicatorId));
        const got = await entries.listEntries(plan.id, { from, to, indicatorId, limit: 100 });
        expect(got.total).toBe(want.length);
        expect(got.rows.map((r) => r.id).sort()).toEqual(want.map((e) => e.id).sort());
      }
    }
  });

  it('a live list shows an edit that changes only the note (the list observes the rollups)', async () => {
    const e = await log(PERSON_TIMES, { date: '2022-03-01', amount: 4, note: '旧' });
    const notes: string[] = [];
    const sub = liveQuery(() => entries.listEntries(plan.id)).subscribe({ next: (l) => notes.push(l.rows[0]?.note ?? '') });
    await expect.poll(() => notes.at(-1)).toBe('旧');
    await entries.updateEntry(e.id, e.indicatorId, { date: e.date, amount: 4, note: '新', recordedBy: e.recordedBy }, e.rev);
    await expect.poll(() => notes.at(-1)).toBe('新');
    sub.unsubscribe();
  });

  it('filters by date range, indicator, person and text', async () => {
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 40, note: '法律讲座' });
    await log(PERSON_TIMES, { date: '2022-06-01', amount: 20, recordedBy: '李强' });
    await log(ON_TIME, { date: '2022-06-02', numerator: 1, denominator: 1 });
    expect((await entries.listEntries(plan.id)).total).toBe(3);
    expect((await entries.listEntries(plan.id, { from: '2022-05-01' })).rows.map((r) => r.date)).toEqual(['2022-06-02', '2022-06-01']);
    expect((await entries.listEntries(plan.id, { indicatorId: byName(ON_TIME).id })).total).toBe(1);
    expect((await entries.listEntries(plan.id, { recordedBy: '李强' })).total).toBe(1);
    expect((await entries.listEntries(plan.id, { text: '讲座' })).rows[0]!.amount).toBe(40);
  });

  it('deleting an indicator takes its entries along; undo brings both back', async () => {
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 40 });
    const deleted = await deleteIndicator(byName(PERSON_TIMES).id);
    expect(deleted.entries).toHaveLength(1);
    expect(await d.entries.count()).toBe(0);
    await restoreIndicators(deleted);
    expect((await d.rollups.get(byName(PERSON_TIMES).id))!.days['2022-03-01']!.amount).toBe(40);
  });
});

describe('sample activity', () => {
  it('fills a year, is marked, and is removed in one step without touching real entries', async () => {
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 7 });
    const n = await loadSampleActivity(plan.id, '2026-11-25');
    expect(n).toBeGreaterThan(50);
    expect(await countSampleActivity(plan.id)).toBe(n);
    const spending = await listSpending(plan.id);
    expect(spending.length).toBeGreaterThan(0);
    const rollup = await d.rollups.get(byName(PERSON_TIMES).id);
    const total = actualAsOf('count', rollup!.days, '2022-12-31').value!;
    expect(total).toBeGreaterThan(800 * 0.8);
    // Loading again replaces the sample instead of doubling it.
    expect(await loadSampleActivity(plan.id, '2026-11-25')).toBe(n);
    await removeSampleActivity(plan.id);
    expect(await countSampleActivity(plan.id)).toBe(0);
    expect(await d.entries.count()).toBe(1);
    expect(actualAsOf('count', (await d.rollups.get(byName(PERSON_TIMES).id))!.days, '2022-12-31').value).toBe(7);
  });

  it('counts only its own plan’s sample, and not entries someone merely named after the sample', async () => {
    const other = (await listPlans()).find((p) => p.id !== plan.id)!;
    const n = await loadSampleActivity(other.id, '2026-11-25');
    expect(await countSampleActivity(other.id)).toBe(n);
    expect(await countSampleActivity(plan.id)).toBe(0);
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 1, recordedBy: SAMPLE_RECORDER });
    expect(await countSampleActivity(plan.id)).toBe(0);
  });
});

describe('spending', () => {
  it('is stored in fen and refused when outside the plan year or not positive', async () => {
    await addSpending(plan.id, { date: '2022-05-01', amountFen: wan('1.25'), recordedBy: '张敏' });
    await expect(addSpending(plan.id, { date: '2021-12-31', amountFen: 100, recordedBy: '张敏' })).rejects.toBeInstanceOf(SpendingInvalidError);
    await expect(addSpending(plan.id, { date: '2022-05-01', amountFen: 0, recordedBy: '张敏' })).rejects.toBeInstanceOf(SpendingInvalidError);
    expect((await listSpending(plan.id)).map((s) => s.amountFen)).toEqual([1_250_000]);
  });
});

describe('schema upgrade', () => {
  it('a version-1 database with data opens under the current version with nothing lost', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ units: 'id', plans: 'id, unitId, year, seedKey', budgetLines: 'id, planId', indicators: 'id, planId, parentId', audit: 'id, at, entityId, planId', meta: 'key' });
    await v1.open();
    await v1.table('plans').bulkAdd(await d.plans.toArray());
    await v1.table('indicators').bulkAdd(await d.indicators.toArray());
    v1.close();
    const current = new JixiaoDb(name);
    useDb(current);
    await current.open();
    expect(current.verno).toBeGreaterThanOrEqual(2);
    expect(await current.plans.count()).toBe(await d.plans.count());
    expect(await current.indicators.toArray()).toEqual(await d.indicators.toArray());
    await entries.addEntry(byName(PERSON_TIMES).id, { date: '2022-03-01', amount: 1, recordedBy: '张敏' });
    expect(await current.entries.count()).toBe(1);
  });
});

describe('guards found in review', () => {
  it('undo of an entry whose indicator is gone is refused and writes nothing', async () => {
    const leaf = byName(PERSON_TIMES);
    const e = await log(PERSON_TIMES, { date: '2022-03-01', amount: 4 });
    const removed = await entries.deleteEntries([e.id]);
    await d.indicators.delete(leaf.id);
    await expect(entries.restoreEntries(removed)).rejects.toThrow(/not found/);
    expect(await d.entries.count()).toBe(0);
    expect(await d.rollups.count()).toBe(0);
  });

  it('fields of another measure are not stored (a rate entry keeps no stray amount)', async () => {
    const e = await log(ON_TIME, { date: '2022-03-01', numerator: 9, denominator: 10, amount: 500, value: 3 });
    expect(e.amount).toBeUndefined();
    expect(e.value).toBeUndefined();
    expect((await d.rollups.get(byName(ON_TIME).id))!.days['2022-03-01']!.amount).toBe(0);
  });

  it('a save told the wrong plan validates against the indicator’s own plan (its year), and keeps the rollup exact', async () => {
    const other = (await listPlans()).find((p) => p.id !== plan.id)!;
    const leaf = byName(PERSON_TIMES);
    await d.plans.update(other.id, { year: 2030 });
    const saved = await entries.saveNewEntry(leaf.id, { date: '2022-03-01', amount: 4, recordedBy: '张敏' }, { planId: other.id });
    expect(saved.entry.planId).toBe(plan.id);
    await expect(entries.saveNewEntry(leaf.id, { date: '2030-03-01', amount: 4, recordedBy: '张敏' }, { planId: other.id })).rejects.toThrow(EntryInvalidError);
    const again = await entries.saveNewEntry(leaf.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' }, { planId: plan.id });
    expect(again.rollup).toEqual(await d.rollups.get(leaf.id));
    expect(again.rollup!.days).toEqual(bucketize(await d.entries.toArray()));
  });

  it('an indicator whose last entry is deleted has no rollup left', async () => {
    const e = await log(PERSON_TIMES, { date: '2022-03-01', amount: 4 });
    await entries.deleteEntries([e.id]);
    expect(await d.rollups.get(byName(PERSON_TIMES).id)).toBeUndefined();
  });

  it('spending refuses impossible dates and lines of another plan', async () => {
    await expect(addSpending(plan.id, { date: '2022-13-45', amountFen: 100, recordedBy: 'a' })).rejects.toMatchObject({ errors: [{ field: 'date', code: 'invalidDate' }] });
    await expect(addSpending(plan.id, { date: '2022-03-01', amountFen: 100, recordedBy: 'a', budgetLineId: 'elsewhere' })).rejects.toMatchObject({ errors: [{ field: 'budgetLineId', code: 'unknownLine' }] });
    await expect(addSpending(plan.id, { date: '2022-03-01', amountFen: 100, recordedBy: ' ' })).rejects.toMatchObject({ errors: [{ field: 'recordedBy', code: 'required' }] });
    expect(await d.spending.count()).toBe(0);
  });

  it('restoring the sample says how much of the user’s own activity it would take', async () => {
    await log(PERSON_TIMES, { date: '2022-03-01', amount: 4 });
    await addSpending(plan.id, { date: '2022-03-01', amountFen: 100, recordedBy: 'a' });
    await loadSampleActivity(plan.id, '2026-11-25');
    expect(await sampleRestoreImpact()).toEqual({ plans: 5, entries: 1, spending: 1 });
  });
});

describe('who has recorded entries', () => {
  it('lists each recorder once, in index order, however many entries each has', async () => {
    for (const [who, day] of [['张敏', '01'], ['李华', '02'], ['张敏', '03'], ['王芳', '04'], ['李华', '05']] as const) {
      await log(PERSON_TIMES, { date: `2022-03-${day}`, amount: 1, recordedBy: who });
    }
    expect(await entries.listRecorders()).toEqual(['张敏', '李华', '王芳'].sort());
  });

  it('keeps names that extend another name (the seek past a name must not skip them)', async () => {
    for (const who of ['王', '王芳', '王', 'A', 'A B', 'AB']) await log(PERSON_TIMES, { date: '2022-03-01', amount: 1, recordedBy: who });
    expect(await entries.listRecorders()).toEqual(['A', 'A B', 'AB', '王', '王芳']);
  });

  it('is empty with no entries', async () => {
    expect(await entries.listRecorders()).toEqual([]);
  });
});
