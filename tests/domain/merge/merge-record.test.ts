import { describe, expect, it } from 'vitest';
import { mergeRecord, type RecordState } from '@/domain/merge/merge-record';
import { changesOf, contentChanges, openClashes, planMerge, type SyncedTable } from '@/domain/merge/plan';
import { bump, implicitVersion, type Dot } from '@/domain/merge/versions';
import { Replica, deterministicChooser, snapshot } from './replica';

/**
 * Each outcome of merging one record, on a story a user would recognise: two browsers (A and B) that exchanged
 * bundles, then each did something to the same activity entry or monitoring round.
 */
const E: SyncedTable = 'entries';
const R: SyncedTable = 'rounds';
const RESOLVE: Dot = ['A', 100];

function clock(): () => string {
  let t = 0;
  return () => new Date(Date.UTC(2026, 5, 1) + 60_000 * t++).toISOString();
}

/** Two browsers holding the same record after an exchange. */
function pair(table: SyncedTable, record: Record<string, unknown> & { id: string }) {
  const now = clock();
  const A = new Replica('A', now);
  const B = new Replica('B', now);
  A.create(table, record);
  B.mergeBundle(A.exportBundle(), deterministicChooser);
  const state = (r: Replica): RecordState => structuredClone(r.get(table, record.id)!);
  return { A, B, now, state };
}

const entry = { id: 'e1', indicatorId: 'i1', amount: 30, note: '疗休养', date: '2026-05-01' };
const round = { id: 'q1', planId: 'p1', status: 'draft', inputs: { i1: 10 } };

describe('mergeRecord, outcome by outcome', () => {
  it('new: a record this browser never had is taken, and so is a tombstone (the deletion is remembered)', () => {
    const { A, state } = pair(E, entry);
    const out = mergeRecord(undefined, state(A));
    expect(out.kind).toBe('new');
    expect(out.result).toEqual(state(A));
    A.delete(E, 'e1');
    const tomb = mergeRecord(undefined, state(A));
    expect(tomb.kind).toBe('new');
    expect(tomb.result?.record).toBeNull();
  });

  it('identical: same history, nothing to write', () => {
    const { A, B, state } = pair(E, entry);
    expect(mergeRecord(state(A), state(B))).toEqual({ kind: 'identical', clashes: [] });
  });

  it('identical with a touch: a write that changed nothing moves only updatedAt, and the later one is kept on both sides', () => {
    const { A, B, state } = pair(E, entry);
    B.edit(E, 'e1', { amount: 30 }); // saved again unchanged
    expect(state(B).version).toEqual(state(A).version);
    const atA = mergeRecord(state(A), state(B));
    expect(atA.kind).toBe('identical');
    expect(atA.result?.record?.updatedAt).toBe(state(B).record?.updatedAt);
    expect(atA.result?.version).toEqual(state(A).version);
    expect(mergeRecord(state(B), state(A))).toEqual({ kind: 'identical', clashes: [] });
  });

  it('local: the bundle holds nothing this browser has not seen', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40 });
    expect(mergeRecord(state(A), state(B))).toEqual({ kind: 'local', clashes: [] });
  });

  it('remote: changed on the bundle’s side only, taken as it is', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40 });
    const out = mergeRecord(state(B), state(A));
    expect(out.kind).toBe('remote');
    expect(out.result).toEqual(state(A));
    expect(out.clashes).toEqual([]);
  });

  it('merged: different fields changed on each side, each taken from the side that changed it, the same both ways', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40 });
    B.edit(E, 'e1', { note: '疗休养（第二批）' });
    const atA = mergeRecord(state(A), state(B));
    const atB = mergeRecord(state(B), state(A));
    expect(atA.kind).toBe('merged');
    expect(atA.result?.record).toMatchObject({ amount: 40, note: '疗休养（第二批）', date: '2026-05-01' });
    expect(atA.result).toEqual(atB.result);
    expect(atA.result?.version.vv).toEqual({ A: 2, B: 2 });
  });

  it('clash: the same field changed on both sides to different values waits for a choice, then takes it', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40 });
    B.edit(E, 'e1', { amount: 50, note: '改' });
    const open = mergeRecord(state(A), state(B));
    expect(open.kind).toBe('clash');
    expect(open.result).toBeUndefined();
    expect(open.clashes).toEqual([{ field: 'amount', local: 40, remote: 50, localDot: ['A', 2], remoteDot: ['B', 2] }]);
    const chosen = mergeRecord(state(A), state(B), { fields: { amount: 'remote' } }, RESOLVE);
    expect(chosen.kind).toBe('clash');
    expect(chosen.result?.record).toMatchObject({ amount: 50, note: '改' });
    // The choice is a new write: newer than both values, so neither side asks again.
    expect(chosen.result?.version.f.amount).toEqual(RESOLVE);
    expect(chosen.result?.version.vv).toMatchObject({ A: 100, B: 2 });
    expect(mergeRecord(chosen.result, state(B)).kind).toBe('local');
    expect(mergeRecord(state(B), chosen.result!).kind).toBe('remote');
  });

  it('clash: a choice for only some of the clashing fields is not enough', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40, note: 'a' });
    B.edit(E, 'e1', { amount: 50, note: 'b' });
    const out = mergeRecord(state(A), state(B), { fields: { amount: 'local' } }, RESOLVE);
    expect(out.kind).toBe('clash');
    expect(out.result).toBeUndefined();
  });

  it('no clash when both sides wrote the same value', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 40 });
    B.edit(E, 'e1', { amount: 40 });
    const atA = mergeRecord(state(A), state(B));
    expect(atA.kind).toBe('identical');
    expect(atA.result?.record?.amount).toBe(40);
    expect(atA.result?.version).toEqual(mergeRecord(state(B), state(A)).result?.version);
  });

  it('deleteClash: deleted here, edited there → asked; keep takes the edited record, newer than the deletion', () => {
    const { A, B, state } = pair(E, entry);
    A.delete(E, 'e1');
    B.edit(E, 'e1', { amount: 45 });
    const open = mergeRecord(state(A), state(B));
    expect(open).toEqual({ kind: 'deleteClash', clashes: [], deletedOn: 'local' });
    const kept = mergeRecord(state(A), state(B), { keep: true }, RESOLVE);
    expect(kept.result?.record).toMatchObject({ amount: 45 });
    expect(kept.result!.version.f).toEqual({ amount: RESOLVE, date: RESOLVE, indicatorId: RESOLVE, note: RESOLVE });
    expect(mergeRecord(state(A), kept.result!).kind).toBe('remote');
  });

  it('deleteClash: edited here, deleted there → asked; delete leaves a tombstone with the deletion’s time', () => {
    const { A, B, state } = pair(E, entry);
    A.delete(E, 'e1');
    B.edit(E, 'e1', { amount: 45 });
    expect(mergeRecord(state(B), state(A)).deletedOn).toBe('remote');
    const gone = mergeRecord(state(B), state(A), { keep: false }, ['B', 100]);
    expect(gone.kind).toBe('deleteClash');
    expect(gone.result?.record).toBeNull();
    expect(gone.result?.deletedAt).toBe(state(A).deletedAt);
    // Newer than the edit: B's older copy does not bring it back.
    expect(mergeRecord(state(B), gone.result!).kind).toBe('remote');
  });

  it('deleted on both sides: one tombstone, the same whichever side merges', () => {
    const { A, B, state } = pair(E, entry);
    A.edit(E, 'e1', { amount: 1 });
    A.delete(E, 'e1');
    B.delete(E, 'e1');
    const atA = mergeRecord(state(A), state(B));
    expect(atA.kind).toBe('identical');
    expect(atA.result?.record).toBeNull();
    expect(atA.result).toEqual(mergeRecord(state(B), state(A)).result);
  });

  it('locked: a submitted round here is not changed by the other side’s edit of its draft, nor deleted', () => {
    const { A, B, state } = pair(R, round);
    A.edit(R, 'q1', { status: 'submitted' });
    B.edit(R, 'q1', { inputs: { i1: 12 } });
    expect(mergeRecord(state(A), state(B))).toEqual({ kind: 'locked', clashes: [] });
    const C = pair(R, round);
    C.A.edit(R, 'q1', { status: 'submitted' });
    C.B.delete(R, 'q1');
    expect(mergeRecord(C.state(C.A), C.state(C.B)).kind).toBe('locked');
  });

  it('locked: a clash over a submitted round’s content is reported as locked, not asked', () => {
    const { A, B, state } = pair(R, round);
    A.edit(R, 'q1', { inputs: { i1: 11 }, status: 'submitted' });
    B.edit(R, 'q1', { inputs: { i1: 12 } });
    const out = mergeRecord(state(A), state(B));
    expect(out.kind).toBe('locked');
    expect(out.clashes.map((c) => c.field)).toEqual(['inputs']);
  });

  it('lockedWins: the bundle’s submitted round replaces this browser’s edited draft', () => {
    const { A, B, state } = pair(R, round);
    A.edit(R, 'q1', { status: 'submitted' });
    B.edit(R, 'q1', { inputs: { i1: 12 } });
    const out = mergeRecord(state(B), state(A));
    expect(out.kind).toBe('lockedWins');
    expect(out.result?.record).toEqual(state(A).record);
    expect(out.result?.version.vv).toEqual({ A: 2, B: 2 });
  });

  it('a submitted round may be marked superseded by the other side’s correction', () => {
    const { A, B, state } = pair(R, { ...round, status: 'submitted' });
    B.edit(R, 'q1', { status: 'superseded', supersededBy: 'q2', supersededAt: '2026-07-01T00:00:00.000Z' });
    const out = mergeRecord(state(A), state(B));
    expect(out.kind).toBe('remote');
    expect(out.result?.record).toMatchObject({ status: 'superseded', supersededBy: 'q2' });
  });

  it('two corrections of one submitted round: which successor is asked; keeping "submitted" with a successor is refused', () => {
    const { A, B, state } = pair(R, { ...round, status: 'submitted' });
    A.edit(R, 'q1', { status: 'superseded', supersededBy: 'qa', supersededAt: '2026-07-01T00:00:00.000Z' });
    B.edit(R, 'q1', { status: 'superseded', supersededBy: 'qb', supersededAt: '2026-07-02T00:00:00.000Z' });
    const open = mergeRecord(state(A), state(B));
    expect(open.kind).toBe('clash');
    expect(open.clashes.map((c) => c.field)).toEqual(['supersededAt', 'supersededBy']);
    const chosen = mergeRecord(state(A), state(B), { fields: { supersededAt: 'remote', supersededBy: 'remote' } }, RESOLVE);
    expect(chosen.result?.record).toMatchObject({ status: 'superseded', supersededBy: 'qb' });

    const S = pair(R, round);
    S.A.edit(R, 'q1', { status: 'submitted' });
    S.B.edit(R, 'q1', { status: 'submitted' });
    S.B.edit(R, 'q1', { status: 'superseded', supersededBy: 'qb', supersededAt: '2026-07-02T00:00:00.000Z' });
    const kept = mergeRecord(S.state(S.A), S.state(S.B), { fields: { status: 'local' } }, RESOLVE);
    expect(kept.kind).toBe('locked');
    expect(kept.result).toBeUndefined();
  });
});

describe('known limits (design, not yet decided)', () => {
  it('one draft submitted apart in two browsers with different figures: each keeps its own, both told "locked"', () => {
    const { A, B, state } = pair(R, round);
    A.edit(R, 'q1', { inputs: { i1: 11 }, status: 'submitted' });
    B.edit(R, 'q1', { inputs: { i1: 12 }, status: 'submitted' });
    expect(mergeRecord(state(A), state(B)).kind).toBe('locked');
    expect(mergeRecord(state(B), state(A)).kind).toBe('locked');
  });

  it('a draft deleted here while the other side submitted it: the submission comes back, locked, and both agree', () => {
    const { A, B, state } = pair(R, round);
    A.delete(R, 'q1');
    B.edit(R, 'q1', { status: 'submitted' });
    const back = mergeRecord(state(A), state(B));
    expect(back).toMatchObject({ kind: 'lockedWins', deletedOn: 'local' });
    expect(back.result!.record).toEqual(state(B).record);
    // The other side, merging the result, has nothing to change: its submitted round stays as it is.
    const other = mergeRecord(state(B), back.result!);
    expect(['identical', 'remote', 'local']).toContain(other.kind);
    expect(other.result?.record ?? state(B).record).toEqual(state(B).record);
  });
});

describe('legacy records (written before versions existed)', () => {
  const legacy = { ...entry, rev: 3, updatedAt: '2026-01-01T00:00:00.000Z' };

  it('both restored from one backup, then edited on one side → remote, not a clash', () => {
    const now = clock();
    const A = new Replica('A', now);
    const B = new Replica('B', now);
    A.restoreLegacy(E, legacy);
    B.restoreLegacy(E, legacy);
    expect(B.get(E, 'e1')!.version).toEqual(implicitVersion(3));
    B.edit(E, 'e1', { amount: 35 });
    const out = mergeRecord(A.get(E, 'e1'), B.get(E, 'e1')!);
    expect(out.kind).toBe('remote');
    expect(out.result?.record?.amount).toBe(35);
    expect(mergeRecord(B.get(E, 'e1'), A.get(E, 'e1')!).kind).toBe('local');
  });

  it('both edited after the same backup: different fields merge, the same field clashes', () => {
    const now = clock();
    const A = new Replica('A', now);
    const B = new Replica('B', now);
    A.restoreLegacy(E, legacy);
    B.restoreLegacy(E, legacy);
    A.edit(E, 'e1', { note: 'a' });
    B.edit(E, 'e1', { amount: 35 });
    expect(mergeRecord(A.get(E, 'e1'), B.get(E, 'e1')!).kind).toBe('merged');
    B.edit(E, 'e1', { note: 'b' });
    expect(mergeRecord(A.get(E, 'e1'), B.get(E, 'e1')!).clashes.map((c) => c.field)).toEqual(['note']);
  });

  it('the same legacy rev with different content (edited in two browsers before versions existed) is a clash', () => {
    const a: RecordState = { record: { ...legacy, amount: 31 }, version: implicitVersion(4) };
    const b: RecordState = { record: { ...legacy, amount: 32 }, version: implicitVersion(4) };
    expect(mergeRecord(a, b).clashes.map((c) => c.field)).toEqual(['amount']);
  });
});

describe('removed fields travel as writes', () => {
  /** Three browsers with the entry; `optional` set at creation, so its dot is the record's origin. */
  function three() {
    const now = clock();
    const [A, B, C] = ['A', 'B', 'C'].map((d) => new Replica(d, now)) as [Replica, Replica, Replica];
    A.create(E, { ...entry, optional: '备注' });
    B.mergeBundle(A.exportBundle(), deterministicChooser);
    C.mergeBundle(A.exportBundle(), deterministicChooser);
    return { A, B, C };
  }

  it('a field removed on two sides stays removed against a third that changed something else (no clash)', () => {
    const { A, B, C } = three();
    A.edit(E, 'e1', { optional: undefined });
    B.edit(E, 'e1', { optional: undefined });
    A.mergeBundle(B.exportBundle(), deterministicChooser);
    C.edit(E, 'e1', { amount: 99 });
    const out = mergeRecord(C.get(E, 'e1'), A.get(E, 'e1')!);
    expect(out.clashes).toEqual([]);
    expect(out.kind).toBe('merged');
    expect(out.result?.record).not.toHaveProperty('optional');
    expect(out.result?.record?.amount).toBe(99);
  });

  it('a record kept over a deletion keeps its removed field removed against a third side', () => {
    const { A, B, C } = three();
    A.delete(E, 'e1');
    B.edit(E, 'e1', { optional: undefined });
    const kept = mergeRecord(A.get(E, 'e1'), B.get(E, 'e1')!, { keep: true }, RESOLVE).result!;
    C.edit(E, 'e1', { amount: 99 });
    // The decision to keep stamped every field, so C's concurrent edit of amount clashes with it; optional must not.
    const out = mergeRecord(C.get(E, 'e1'), kept, { fields: { amount: 'local' } }, ['C', 100]);
    expect(out.clashes.map((c) => c.field)).toEqual(['amount']);
    expect(out.result?.record).not.toHaveProperty('optional');
    expect(out.result?.record?.amount).toBe(99);
  });
});

describe('bump', () => {
  it('a record put back over its tombstone gets a version newer than the deletion, even with no content field', () => {
    const tomb = { vv: { A: 2 }, f: {}, origin: ['A', 1] as Dot };
    const back = bump(tomb, {}, { id: 'e1', rev: 3 }, ['A', 3]);
    expect(back.vv).toEqual({ A: 3 });
    // while saving a record unchanged leaves its version as it was
    expect(bump(tomb, { id: 'e1', rev: 2 }, { id: 'e1', rev: 3 }, ['A', 3])).toBe(tomb);
  });
});

describe('planMerge over a bundle', () => {
  it('counts outcomes, lists open clashes, and writes only what changes', () => {
    const now = clock();
    const A = new Replica('A', now);
    const B = new Replica('B', now);
    A.create(E, { id: 'e1', amount: 1 });
    A.create(E, { id: 'e2', amount: 2 });
    A.create(E, { id: 'e3', amount: 3 });
    B.mergeBundle(A.exportBundle(), deterministicChooser);
    A.edit(E, 'e1', { amount: 10 });
    B.edit(E, 'e1', { amount: 11 });
    B.edit(E, 'e2', { amount: 22 });
    B.create(E, { id: 'e4', amount: 4 });
    const plan = planMerge(B.exportBundle(), (t, id) => A.get(t, id));
    expect(plan.counts).toMatchObject({ clash: 1, remote: 1, identical: 1, new: 1 });
    expect(openClashes(plan).map((i) => i.id)).toEqual(['e1']);
    expect(changesOf(plan).map((i) => i.id)).toEqual(['e2', 'e4']);
    expect(plan.items.filter(contentChanges).map((i) => i.id)).toEqual(['e2', 'e4']);
  });

  it('a whole exchange converges: both browsers end with the same records and versions', () => {
    const now = clock();
    const A = new Replica('A', now);
    const B = new Replica('B', now);
    A.create(E, { id: 'e1', amount: 1, note: 'n' });
    B.mergeBundle(A.exportBundle(), deterministicChooser);
    A.edit(E, 'e1', { amount: 10 });
    B.edit(E, 'e1', { amount: 11, note: 'm' });
    const [fromA, fromB] = [A.exportBundle(), B.exportBundle()];
    A.mergeBundle(fromB, deterministicChooser);
    B.mergeBundle(fromA, deterministicChooser);
    expect(snapshot(A)).toEqual(snapshot(B));
    expect(A.alive(E, 'e1')).toMatchObject({ amount: 10, note: 'm' });
    const [againA, againB] = [A.exportBundle(), B.exportBundle()];
    A.mergeBundle(againB, deterministicChooser);
    B.mergeBundle(againA, deterministicChooser);
    expect(snapshot(A, true)).toEqual(snapshot(B, true));
  });
});

describe('what the user is told was taken', () => {
  it('a record the other side only saved again unchanged is written (its later updatedAt) but not counted as taken', () => {
    const now = clock();
    const A = new Replica('A', now);
    const B = new Replica('B', now);
    A.create(E, { id: 'e1', amount: 1 });
    B.mergeBundle(A.exportBundle(), deterministicChooser);
    B.edit(E, 'e1', { amount: 1 });
    const plan = planMerge(B.exportBundle(), (t, id) => A.get(t, id));
    expect(changesOf(plan).map((i) => i.id)).toEqual(['e1']);
    expect(plan.items.filter(contentChanges)).toEqual([]);
  });
});
