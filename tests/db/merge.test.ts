import { beforeEach, describe, expect, it } from 'vitest';
import { JixiaoDb, useDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators, updateIndicator, deleteIndicator } from '@/db/repositories/indicators';
import { addEntry, deleteEntries, updateEntry } from '@/db/repositories/entries';
import { exportBundle, parseBundle, type Bundle } from '@/db/transfer/bundle';
import { applyMerge, previewMerge, MergeRefusedError } from '@/db/repositories/merge';
import { openClashes } from '@/domain/merge/plan';
import type { Choice } from '@/domain/merge/merge-record';
import type { IndicatorNode, Plan } from '@/domain/model';
import { installFaults, type FaultInjector } from '../fixtures/faults';
import { isQuotaError } from '@/domain/errors';
import { completeInputs } from '../fixtures/rounds';
import { createRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';

/**
 * Two browsers in one process: A (the manager, seeded) and B (a colleague who took A's bundle once), each its own
 * database. Bundles pass through their text, as they would through a USB stick.
 */
let n = 0;
let A: JixiaoDb;
let B: JixiaoDb;
let plan: Plan;
let faults: FaultInjector;

async function open(name: string, withFaults = false): Promise<JixiaoDb> {
  const d = new JixiaoDb(`merge-${name}-${Date.now()}-${++n}`);
  if (withFaults) faults = installFaults(d);
  await d.open();
  return d;
}
const on = <T>(d: JixiaoDb, f: () => Promise<T>): Promise<T> => {
  useDb(d);
  return f();
};

async function bundleFrom(d: JixiaoDb, name: string, scope: Partial<Bundle['scope']> = {}): Promise<Bundle> {
  const b = await on(d, () => exportBundle({ planIds: [plan.id], structure: true, ...scope }, name));
  const parsed = await parseBundle(JSON.stringify(b));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.bundle;
}

async function merge(d: JixiaoDb, b: Bundle, choices = new Map<string, Choice>()) {
  return on(d, () => applyMerge(b, choices));
}

async function dump(d: JixiaoDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'] as const) {
    // The plan the bundles carry (A holds the other seed plans too); rev is each browser's own edit counter.
    const rows = (await d.table(t).toArray()) as { id: string; rev: number; planId?: string }[];
    out[t] = rows
      .filter((r) => t === 'units' || (t === 'plans' ? r.id === plan.id : r.planId === plan.id))
      .map(({ rev: _r, ...rest }) => rest)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  return out;
}

let count: IndicatorNode;

beforeEach(async () => {
  A = await open('a');
  B = await open('b', true);
  await on(A, seedIfEmpty);
  plan = (await on(A, listPlans)).find((p) => p.seedKey === 'yantian-2022/unit')!;
  count = (await on(A, () => listIndicators(plan.id))).find((x) => x.name.includes('人次'))!;
  await on(A, () => addEntry(count.id, { date: '2022-03-01', amount: 40, recordedBy: '张敏' }));
  await merge(B, await bundleFrom(A, '王科长'));
});

describe('merging a colleague’s bundle', () => {
  it('an empty browser takes the whole plan; merging the same bundle again changes nothing', async () => {
    expect((await dump(B)).indicators).toEqual((await dump(A)).indicators);
    expect(await B.entries.count()).toBe(1);
    expect((await B.rollups.get(count.id))!.days['2022-03-01']!.amount).toBe(40);
    const again = await bundleFrom(A, '王科长');
    const before = await dump(B);
    const summary = await merge(B, again);
    expect(summary.taken).toBe(0);
    expect(await dump(B)).toEqual(before);
  });

  it('different fields edited on each side merge without asking, and both end identical', async () => {
    const node = (await on(A, () => listIndicators(plan.id))).find((x) => x.id === count.id)!;
    await on(A, () => updateIndicator(count.id, { name: '服务职工人次' }, node.rev));
    const nodeB = (await B.indicators.get(count.id))!;
    await on(B, () => updateIndicator(count.id, { targetText: '不少于900人次' }, nodeB.rev));
    const fromA = await bundleFrom(A, '王科长');
    const fromB = await bundleFrom(B, '张敏');
    const preview = await on(B, () => previewMerge(fromA));
    expect(openClashes(preview.plan)).toEqual([]);
    expect(preview.plan.counts.merged).toBe(1);
    await merge(B, fromA);
    await merge(A, fromB);
    const a = await dump(A);
    expect(a).toEqual(await dump(B));
    expect(a.indicators!.find((x) => (x as IndicatorNode).id === count.id)).toMatchObject({ name: '服务职工人次', targetText: '不少于900人次' });
  });

  it('the same field edited on both sides is a clash, shown with both values; nothing is written until it is chosen', async () => {
    const e = (await A.entries.toArray())[0]!;
    await on(A, () => updateEntry(e.id, count.id, { date: e.date, amount: 45, recordedBy: '张敏' }, e.rev));
    const eB = (await B.entries.get(e.id))!;
    await on(B, () => updateEntry(e.id, count.id, { date: e.date, amount: 50, recordedBy: '张敏' }, eB.rev));
    const fromA = await bundleFrom(A, '王科长');
    const preview = await on(B, () => previewMerge(fromA));
    const [clash] = openClashes(preview.plan);
    expect(clash!.outcome.clashes).toEqual([expect.objectContaining({ field: 'amount', local: 50, remote: 45 })]);
    expect(preview.names[clash!.outcome.clashes[0]!.remoteDot[0]]).toBe('王科长');
    await expect(merge(B, fromA)).rejects.toBeInstanceOf(MergeRefusedError);
    expect((await B.entries.get(e.id))!.amount).toBe(50);
    await merge(B, fromA, new Map([[`entries:${e.id}`, { fields: { amount: 'remote' } }]]));
    expect((await B.entries.get(e.id))!.amount).toBe(45);
    expect((await B.rollups.get(count.id))!.days[e.date]!.amount).toBe(45);
    // The choice is a newer write: A takes it back without asking.
    await merge(A, await bundleFrom(B, '张敏'));
    expect(await dump(A)).toEqual(await dump(B));
    const trail = await B.audit.where('entityId').equals(e.id).toArray();
    expect(trail.some((t) => t.action === 'merge')).toBe(true);
  });

  it('a deletion travels as a tombstone: an older copy does not bring the record back', async () => {
    const e = (await A.entries.toArray())[0]!;
    await on(A, () => deleteEntries([e.id]));
    await merge(A, await bundleFrom(B, '张敏'));
    expect(await A.entries.get(e.id)).toBeUndefined();
    await merge(B, await bundleFrom(A, '王科长'));
    expect(await B.entries.get(e.id)).toBeUndefined();
    expect(await B.rollups.get(count.id)).toBeUndefined();
  });

  it('deleted on one side and edited on the other is a clash to decide: keep or delete', async () => {
    const e = (await A.entries.toArray())[0]!;
    await on(A, () => deleteEntries([e.id]));
    const eB = (await B.entries.get(e.id))!;
    await on(B, () => updateEntry(e.id, count.id, { date: e.date, amount: 60, recordedBy: '张敏' }, eB.rev));
    const fromA = await bundleFrom(A, '王科长');
    const preview = await on(B, () => previewMerge(fromA));
    expect(openClashes(preview.plan).map((i) => i.outcome.kind)).toEqual(['deleteClash']);
    await merge(B, fromA, new Map([[`entries:${e.id}`, { keep: true }]]));
    expect((await B.entries.get(e.id))!.amount).toBe(60);
    await merge(A, await bundleFrom(B, '张敏'));
    expect((await A.entries.get(e.id))!.amount).toBe(60);
  });

  it('an entry of an indicator the other side deleted is refused with where and why, and nothing is written', async () => {
    const nodeA = (await on(A, () => listIndicators(plan.id))).find((x) => x.id === count.id)!;
    await on(A, () => deleteIndicator(nodeA.id));
    await on(B, () => addEntry(count.id, { date: '2022-04-01', amount: 5, recordedBy: '张敏' }));
    const fromB = await bundleFrom(B, '张敏', { structure: false });
    const before = await dump(A);
    const preview = await on(A, () => previewMerge(fromB));
    expect(preview.problems[0]).toMatchObject({ code: 'orphan', detail: count.id });
    await expect(merge(A, fromB)).rejects.toMatchObject({ reason: 'problems' });
    expect(await dump(A)).toEqual(before);
  });

  it('entries only, by date range and recorder: the bundle holds just those', async () => {
    await on(A, () => addEntry(count.id, { date: '2022-05-01', amount: 7, recordedBy: '李华' }));
    await on(A, () => addEntry(count.id, { date: '2022-07-01', amount: 8, recordedBy: '李华' }));
    const b = await bundleFrom(A, '王科长', { structure: false, from: '2022-04-01', to: '2022-06-30', recordedBy: '李华' });
    expect(b.data.entries.map((e) => e.amount)).toEqual([7]);
    expect(b.data.indicators).toEqual([]);
    await merge(B, b);
    expect(await B.entries.count()).toBe(2);
  });

  it('two browsers that each started from the sample merge as one plan: an edit on one side is taken, no copy, no clash', async () => {
    const C = await open('c');
    await on(C, seedIfEmpty);
    const node = (await on(A, () => listIndicators(plan.id))).find((x) => x.id === count.id)!;
    await on(A, () => updateIndicator(count.id, { targetText: '不少于1000人次' }, node.rev));
    const fromA = await bundleFrom(A, '王科长');
    const preview = await on(C, () => previewMerge(fromA));
    expect(openClashes(preview.plan)).toEqual([]);
    expect(preview.plan.counts.new).toBe(1); // A's entry; the plan, its lines and indicators are the same records
    expect(preview.plan.counts.remote).toBe(1);
    await merge(C, fromA);
    expect((await C.plans.toArray()).filter((p) => p.seedKey === plan.seedKey)).toHaveLength(1);
    expect((await C.indicators.get(count.id))!.targetText).toBe('不少于1000人次');
  });

  it('a submitted round is never changed by a merge: a colleague’s draft edit of it is reported, their submission taken over a draft', async () => {
    // A round both have as a draft.
    const draft = await on(A, () => createRound(plan.id, '2022-06-30', '王科长'));
    await merge(B, await bundleFrom(A, '王科长'));
    // A submits it; B, not knowing, edits the draft.
    const filled = await on(A, () => saveRoundInputs(draft.id, { ...draft.inputs, goalProgress: '上半年完成过半' }, draft.rev));
    const inputs = await on(A, () => completeInputs(filled));
    const saved = await on(A, () => saveRoundInputs(draft.id, inputs, filled.rev));
    await on(A, () => submitRound(draft.id, '王科长', saved.rev));
    const mine = (await B.rounds.get(draft.id))!;
    await on(B, () => saveRoundInputs(draft.id, { ...mine.inputs, goalProgress: '草稿：进度待核' }, mine.rev));
    const submitted = (await A.rounds.get(draft.id))!;

    // Into A (locked): B's draft edit is reported and changes nothing.
    const fromB = await bundleFrom(B, '张敏');
    const intoA = await on(A, () => previewMerge(fromB));
    expect(intoA.plan.items.find((i) => i.id === draft.id)!.outcome.kind).toBe('locked');
    await merge(A, fromB);
    expect(await A.rounds.get(draft.id)).toEqual(submitted);

    // Into B (draft): the submission wins; B's draft edits are replaced by the locked version.
    const fromA = await bundleFrom(A, '王科长');
    const intoB = await on(B, () => previewMerge(fromA));
    expect(intoB.plan.items.find((i) => i.id === draft.id)!.outcome.kind).toBe('lockedWins');
    await merge(B, fromA);
    const { rev: _a, ...lockedA } = submitted;
    const { rev: _b, ...lockedB } = (await B.rounds.get(draft.id))!;
    expect(lockedB).toEqual(lockedA);
  });

  it('a full disk during the merge: refused as storage full, every table as it was, and a retry merges', async () => {
    await on(A, () => addEntry(count.id, { date: '2022-05-01', amount: 7, recordedBy: '李华' }));
    const node = (await on(A, () => listIndicators(plan.id))).find((x) => x.id === count.id)!;
    await on(A, () => updateIndicator(count.id, { name: '服务职工人次' }, node.rev));
    const b = await bundleFrom(A, '王科长');
    const before = await dump(B);
    for (const nth of [1, 3, 6]) {
      faults.arm(nth, 'quota');
      const err = await merge(B, b).catch((e: unknown) => e);
      expect(isQuotaError(err)).toBe(true);
      expect(await dump(B)).toEqual(before);
    }
    faults.reset();
    await merge(B, b);
    expect(await B.entries.count()).toBe(2);
  });
});
