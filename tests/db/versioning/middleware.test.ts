import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { deletePlanCascade, listPlans, updateUnit } from '@/db/repositories/plans';
import { listIndicators, updateIndicator } from '@/db/repositories/indicators';
import * as entries from '@/db/repositories/entries';
import type { JixiaoDb } from '@/db/database';
import type { IndicatorNode, Plan } from '@/domain/model';
import { DEVICE_KEY, type DeviceClock } from '@/db/versioning/rows';
import { LEGACY_DEVICE, dominates } from '@/domain/merge/versions';
import { markRaw } from '@/db/versioning/middleware';
import Dexie from 'dexie';

let d: JixiaoDb;
let plan: Plan;
let count: IndicatorNode;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  count = (await listIndicators(plan.id)).find((n) => n.name.includes('人次'))!;
});

const device = async () => ((await d.meta.get(DEVICE_KEY))?.value as DeviceClock);
const version = (table: string, id: string) => d.versions.get(`${table}:${id}`);

describe('every write keeps its record’s version (the versioning middleware)', () => {
  it('a new entry gets the device’s next dot as its origin, in the same transaction', async () => {
    // The sample is shared history, written without a device: the first write of this browser creates it.
    expect(await device()).toBeUndefined();
    expect(await d.versions.count()).toBe(0);
    const e = await entries.addEntry(count.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' });
    const v = await version('entries', e.id);
    const after = await device();
    expect(after.clock).toBe(1);
    await entries.addEntry(count.id, { date: '2022-03-02', amount: 5, recordedBy: '张敏' });
    expect(await device()).toEqual({ id: after.id, clock: 2 });
    expect(v).toMatchObject({ table: 'entries', id: e.id, planId: plan.id, origin: [after.id, after.clock], vv: { [after.id]: after.clock }, f: {} });
  });

  it('writes pipelined in one transaction each draw their own tick, and the stored clock ends at the last one', async () => {
    // The middleware asks for the clock beside the record's old value; two writes in flight must not share a dot,
    // or a colleague's merge would take one change for the other.
    await entries.addEntry(count.id, { date: '2022-03-01', amount: 1, recordedBy: '张敏' });
    const start = (await device()).clock;
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `pipelined-${i}`, planId: plan.id, indicatorId: count.id, date: '2022-03-02', amount: i + 1, note: '', recordedBy: '张敏', createdAt: '', updatedAt: '', rev: 1 }));
    await d.transaction('rw', [d.entries, d.spending], () => Promise.all([...rows.map((r) => d.entries.add(r)), d.spending.add({ id: 'pipelined-s', planId: plan.id, date: '2022-03-02', amountFen: 100, note: '', createdAt: '', updatedAt: '', rev: 1 } as never)]));
    const dots = await Promise.all([...rows.map((r) => version('entries', r.id)), version('spending', 'pipelined-s')]);
    const clocks = dots.map((v) => v!.origin[1]).sort((a, b) => a - b);
    expect(clocks).toEqual([1, 2, 3, 4, 5, 6].map((k) => start + k));
    expect((await device()).clock).toBe(start + 6);
  });

  it('an edit stamps only the fields it changed; the rest keep their earlier dots', async () => {
    const e = await entries.addEntry(count.id, { date: '2022-03-01', amount: 5, note: 'a', recordedBy: '张敏' });
    const origin = (await version('entries', e.id))!.origin;
    await entries.updateEntry(e.id, count.id, { date: '2022-03-01', amount: 7, note: 'a', recordedBy: '张敏' }, e.rev);
    const v = (await version('entries', e.id))!;
    const dev = await device();
    expect(v.f).toEqual({ amount: [dev.id, dev.clock] });
    expect(v.origin).toEqual(origin);
    expect(v.vv[dev.id]).toBe(dev.clock);
  });

  it('a seeded record edited later counts its history from the legacy device when it had no version', async () => {
    const unit = (await d.units.toArray())[0]!;
    await d.versions.delete(`units:${unit.id}`); // as written before versions existed
    await updateUnit(unit.id, { name: '新名称' }, unit.rev);
    const v = (await version('units', unit.id))!;
    expect(v.vv[LEGACY_DEVICE]).toBe(unit.rev);
    expect(Object.keys(v.f)).toEqual(['name']);
  });

  it('a delete leaves a tombstone that has seen the record; undo writes a version newer than the tombstone', async () => {
    const e = await entries.addEntry(count.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' });
    const [gone] = await entries.deleteEntries([e.id]);
    const tomb = (await version('entries', e.id))!;
    expect(tomb.deletedAt).toBeTruthy();
    const live = (await version('entries', e.id))!;
    await entries.restoreEntries([gone!]);
    const back = (await version('entries', e.id))!;
    expect(back.deletedAt).toBeUndefined();
    expect(dominates(back.vv, live.vv) && !dominates(live.vv, back.vv)).toBe(true);
    expect(Object.keys(back.f).sort()).toEqual(Object.keys(gone!).filter((k) => !['id', 'rev', 'updatedAt'].includes(k)).sort());
  });

  it('deleting a plan leaves tombstones for the plan and everything under it, findable by plan', async () => {
    await entries.addEntry(count.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' });
    const nodes = await d.indicators.where('planId').equals(plan.id).count();
    await deletePlanCascade(plan.id);
    const tombs = await d.versions.where('planId').equals(plan.id).toArray();
    expect(tombs.every((t) => t.deletedAt)).toBe(true);
    expect(tombs.filter((t) => t.table === 'indicators')).toHaveLength(nodes);
    expect(tombs.filter((t) => t.table === 'entries')).toHaveLength(1);
    expect(tombs.filter((t) => t.table === 'plans')).toHaveLength(1);
  });

  it('a write that changes no content (a touch) leaves the version alone', async () => {
    const node = (await listIndicators(plan.id)).find((n) => n.level === 3)!;
    await updateIndicator(node.id, { name: node.name }, node.rev);
    expect((await version('indicators', node.id))?.f ?? {}).toEqual({});
  });

  it('a transaction marked raw writes no versions (restore and merge write their own)', async () => {
    const unit = (await d.units.toArray())[0]!;
    await d.versions.clear();
    await d.transaction('rw', d.units, async () => {
      markRaw(Dexie.currentTransaction.idbtrans);
      await d.units.put({ ...unit, name: 'x', rev: unit.rev + 1 });
    });
    expect(await d.versions.count()).toBe(0);
  });

  it('a failed write leaves neither the record nor a version', async () => {
    const e = await entries.addEntry(count.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' });
    const versions = await d.versions.count();
    await expect(d.entries.add({ ...e })).rejects.toThrow();
    expect(await d.versions.count()).toBe(versions);
  });
});
