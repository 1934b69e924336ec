import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOf, keyOf, openClashes, type MergeItem, type SyncedTable } from '@/domain/merge/plan';
import { isLocked, type Rec } from '@/domain/merge/merge-record';
import { canonical } from '@/domain/merge/versions';
import { Replica, deterministicChooser, snapshot, type MergeRun } from './replica';

/**
 * Issue #9: merging two browsers' edit histories, checked over generated pairs of histories. Each case starts from a
 * shared state (both browsers hold the same records after an exchange, or the same legacy records restored from one
 * backup), then each browser edits, deletes, undoes deletions and creates records on its own, and the bundles are
 * swapped. The ground truth (which fields each side changed, what it deleted) is written down by the replicas'
 * operations, not read from the versions under test. A fixed seed makes every run, and every failure, reproducible.
 */
const RUNS = { seed: Number(process.env.MERGE_SEED ?? 20261127), numRuns: Number(process.env.MERGE_RUNS ?? 200) };
const SLOW = { timeout: 60_000 };

const T: SyncedTable = 'entries';
const FIELDS = ['a', 'b', 'c', 'd'] as const;
// Few values, so the same value is often written on both sides (and written again where it already is);
// undefined removes the field.
const VALUES: unknown[] = [0, 1, 'x', 'y', null, undefined, { n: 1 }, [1, 2]];
const value = fc.constantFrom(...VALUES);
const fields = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 3 });
/** A record's first content: no undefined (a created record simply lacks the field). */
const initial = fc.dictionary(fc.constantFrom(...FIELDS), value.filter((v) => v !== undefined), { minKeys: 1, maxKeys: 4 });

type Op =
  | { kind: 'edit'; rec: number; fields: Record<string, unknown> }
  | { kind: 'delete'; rec: number }
  | { kind: 'undo'; rec: number }
  | { kind: 'create'; fields: Record<string, unknown> };

const rec = fc.nat({ max: 15 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), rec, fields }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), rec }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), rec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), fields: initial }) },
);

interface Scenario {
  start: Record<string, unknown>[];
  /** the shared records come from one pre-versions backup restored in both browsers */
  legacy: boolean;
  /** history on A before the first exchange (part of the shared state) */
  before: Op[];
  a: Op[];
  b: Op[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  start: fc.array(initial, { minLength: 1, maxLength: 4 }),
  legacy: fc.boolean(),
  before: fc.array(op, { maxLength: 4 }),
  a: fc.array(op, { maxLength: 10 }),
  b: fc.array(op, { maxLength: 10 }),
});

function clock(): () => string {
  let t = 0;
  return () => new Date(Date.UTC(2026, 0, 1) + 1000 * t++).toISOString();
}

function apply(r: Replica, o: Op, table: SyncedTable = T): void {
  if (o.kind === 'create') {
    r.create(table, { id: `${r.device}${r.nextDot()[1]}`, ...withoutUndefined(o.fields) });
    return;
  }
  const ids = r.ids(table);
  if (!ids.length) return;
  const id = ids[o.rec % ids.length]!;
  if (o.kind === 'edit') r.edit(table, id, o.fields);
  else if (o.kind === 'delete') r.delete(table, id);
  else r.undoDelete(table, id);
}

const withoutUndefined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Two browsers that share a state, then the independent histories; `common` lists the shared record ids. */
function build(s: Scenario) {
  const now = clock();
  const A = new Replica('A', now);
  const B = new Replica('B', now);
  s.start.forEach((f, i) => {
    const record = { id: `r${i}`, ...withoutUndefined(f) } as Rec;
    if (s.legacy) {
      const stored = { ...record, rev: 3, updatedAt: now() };
      A.restoreLegacy(T, stored);
      B.restoreLegacy(T, stored);
    } else A.create(T, record);
  });
  for (const o of s.before) apply(A, o);
  B.mergeBundle(A.exportBundle(), deterministicChooser);
  A.mergeBundle(B.exportBundle(), deterministicChooser);
  expect(snapshot(A, true)).toEqual(snapshot(B, true));
  A.markCommon();
  B.markCommon();
  const common = A.ids(T);
  for (const o of s.a) apply(A, o);
  for (const o of s.b) apply(B, o);
  return { A, B, common, now };
}

const itemOf = (run: MergeRun, id: string, table: SyncedTable = T): MergeItem => {
  const item = run.first.items.find((i) => i.table === table && i.id === id);
  if (!item) throw new Error(`no item for ${id}`);
  return item;
};

const differs = (x: unknown, y: unknown): boolean => canonical(x) !== canonical(y);

describe('merge properties over generated pairs of edit histories', () => {
  it('idempotence: merging the same bundle again changes nothing and asks nothing', SLOW, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B } = build(s);
        const fromA = A.exportBundle();
        const fromB = B.exportBundle();
        for (const [here, bundle] of [[A, fromB], [B, fromA]] as const) {
          here.mergeBundle(bundle, deterministicChooser);
          const once = snapshot(here, true);
          const again = here.mergeBundle(bundle, deterministicChooser);
          expect(openClashes(again.first).map((i) => i.id)).toEqual([]);
          expect(changesOf(again.first).map((i) => i.id)).toEqual([]);
          expect(changesOf(again.plan).map((i) => i.id)).toEqual([]);
          expect(snapshot(here, true)).toEqual(once);
        }
      }),
      RUNS,
    );
  });

  it('convergence: after swapping bundles both hold the same content; after a second swap the same versions', SLOW, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B } = build(s);
        const fromA = A.exportBundle();
        const fromB = B.exportBundle();
        A.mergeBundle(fromB, deterministicChooser);
        B.mergeBundle(fromA, deterministicChooser);
        expect(snapshot(A)).toEqual(snapshot(B));
        const again = [A.exportBundle(), B.exportBundle()] as const;
        const runA = A.mergeBundle(again[1], deterministicChooser);
        const runB = B.mergeBundle(again[0], deterministicChooser);
        // A clash decided the same way on both sides is not asked again.
        expect(openClashes(runA.first).map((i) => i.id)).toEqual([]);
        expect(openClashes(runB.first).map((i) => i.id)).toEqual([]);
        expect(snapshot(A, true)).toEqual(snapshot(B, true));
      }),
      RUNS,
    );
  });

  it('no resurrection: deleted on one side and not written on the other → deleted on both', SLOW, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B, common } = build(s);
        const fromA = A.exportBundle();
        const fromB = B.exportBundle();
        const expectDeleted = common.filter(
          (id) =>
            (A.alive(T, id) === null && A.historyOf(T, id).touched && !B.historyOf(T, id).touched) ||
            (B.alive(T, id) === null && B.historyOf(T, id).touched && !A.historyOf(T, id).touched),
        );
        const expectAlive = common.filter((id) => A.alive(T, id) && B.alive(T, id));
        A.mergeBundle(fromB, deterministicChooser);
        B.mergeBundle(fromA, deterministicChooser);
        for (const id of expectDeleted) {
          expect(A.alive(T, id), id).toBeNull();
          expect(B.alive(T, id), id).toBeNull();
        }
        // And the converse: nothing alive on both sides is deleted by the merge.
        for (const id of expectAlive) {
          expect(A.alive(T, id), id).not.toBeNull();
          expect(B.alive(T, id), id).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('clashes are reported exactly when both sides changed a field (or one deleted what the other changed)', SLOW, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B, common } = build(s);
        const fromA = A.exportBundle();
        const fromB = B.exportBundle();
        const truth = common.map((id) => ({ id, a: A.historyOf(T, id), b: B.historyOf(T, id), ra: A.alive(T, id), rb: B.alive(T, id) }));
        const runA = A.mergeBundle(fromB, deterministicChooser);
        const runB = B.mergeBundle(fromA, deterministicChooser);
        for (const { id, a, b, ra, rb } of truth) {
          const atA = itemOf(runA, id).outcome;
          const atB = itemOf(runB, id).outcome;
          const deleteClash = (!ra && a.touched && rb && b.touched) || (!rb && b.touched && ra && a.touched);
          expect(atA.kind === 'deleteClash', `${id} at A: ${atA.kind}`).toBe(!!deleteClash);
          expect(atB.kind === 'deleteClash', `${id} at B: ${atB.kind}`).toBe(!!deleteClash);
          if (deleteClash) {
            expect(atA.deletedOn).toBe(ra ? 'remote' : 'local');
            expect(atB.deletedOn).toBe(rb ? 'remote' : 'local');
          }
          const expected = ra && rb ? FIELDS.filter((k) => a.wrote.has(k) && b.wrote.has(k) && differs(ra[k], rb[k])) : [];
          expect(atA.clashes.map((c) => c.field), `${id} at A`).toEqual(expected);
          expect(atB.clashes.map((c) => c.field), `${id} at B`).toEqual(expected);
          expect(atA.kind === 'clash', `${id} at A: ${atA.kind}`).toBe(expected.length > 0);
          // Changed on one side only: taken without a question, the other side keeps it.
          if (!b.touched) expect(atA.kind, id).toBe(a.touched ? 'local' : 'identical');
          if (!a.touched && b.touched) expect(atA.kind, id).toBe('remote');
          if (a.touched && b.touched && !deleteClash && !expected.length && ra && rb) expect(['merged', 'local', 'remote', 'identical']).toContain(atA.kind);
        }
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Locked records: submitted rounds, and their superseded predecessors.

const R: SyncedTable = 'rounds';
const SUPERSEDE = new Set(['status', 'supersededBy', 'supersededAt']);

type LockOp =
  | { kind: 'edit'; rec: number; fields: Record<string, unknown> }
  | { kind: 'submit'; rec: number; fields: Record<string, unknown> }
  | { kind: 'supersede'; rec: number }
  | { kind: 'delete'; rec: number };

const lockOp: fc.Arbitrary<LockOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), rec, fields }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('submit' as const), rec, fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('supersede' as const), rec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), rec }) },
);

/** The app's rules on one side: drafts are edited, submitted or deleted; a locked version only gets superseded. */
function applyLock(r: Replica, o: LockOp, now: () => string): void {
  const ids = r.ids(R);
  const id = ids[o.rec % ids.length]!;
  const cur = r.alive(R, id);
  if (!cur) return;
  const locked = isLocked(cur);
  if (o.kind === 'edit' && !locked) r.edit(R, id, o.fields);
  if (o.kind === 'delete' && !locked) r.delete(R, id);
  if (o.kind === 'submit' && !locked) r.edit(R, id, { ...o.fields, status: 'submitted' });
  if (o.kind === 'supersede' && locked) r.edit(R, id, { status: 'superseded', supersededBy: `${r.device}-fix${r.nextDot()[1]}`, supersededAt: now() });
}

const lockScenario = fc.record({
  start: fc.array(fc.tuple(initial, fc.boolean()), { minLength: 1, maxLength: 4 }),
  a: fc.array(lockOp, { maxLength: 8 }),
  b: fc.array(lockOp, { maxLength: 8 }),
});

describe('merge properties with locked records', () => {
  it('a locked record is never changed by a merge but to superseded; the other side’s edit of it is reported as locked', SLOW, () => {
    fc.assert(
      fc.property(lockScenario, (s) => {
        const now = clock();
        const A = new Replica('A', now);
        const B = new Replica('B', now);
        s.start.forEach(([f, submitted], i) => A.create(R, { id: `q${i}`, ...withoutUndefined(f), status: submitted ? 'submitted' : 'draft' }));
        B.mergeBundle(A.exportBundle(), deterministicChooser);
        A.markCommon();
        B.markCommon();
        const common = A.ids(R);
        for (const o of s.a) applyLock(A, o, now);
        for (const o of s.b) applyLock(B, o, now);
        const fromA = A.exportBundle();
        const fromB = B.exportBundle();
        const before = { A: new Map(common.map((id) => [id, A.alive(R, id)])), B: new Map(common.map((id) => [id, B.alive(R, id)])) };
        const runs = { A: A.mergeBundle(fromB, deterministicChooser), B: B.mergeBundle(fromA, deterministicChooser) };
        for (const [name, here, there] of [['A', A, B], ['B', B, A]] as const) {
          for (const id of common) {
            const was = before[name].get(id);
            if (!isLocked(was)) continue;
            const is = here.alive(R, id);
            expect(is, `${id} deleted on ${name}`).not.toBeNull();
            const changed = Object.keys({ ...was, ...is }).filter((k) => k !== 'rev' && k !== 'updatedAt' && differs(was![k], is![k]));
            expect(changed.filter((k) => !SUPERSEDE.has(k)), `${id} on ${name}`).toEqual([]);
            if (changed.length) expect(is!.status).toBe('superseded');
            // The other side changed a field of it that this side did not: refused and reported.
            const other = before[name === 'A' ? 'B' : 'A'].get(id);
            const mine = here.historyOf(R, id);
            const theirs = there.historyOf(R, id);
            const edited = other ? [...theirs.wrote].some((k) => !SUPERSEDE.has(k) && !mine.wrote.has(k) && differs(other[k], was![k])) : theirs.touched;
            if (edited) expect(itemOf(runs[name], id, R).outcome.kind, `${id} on ${name}`).toBe('locked');
          }
        }
        // Both sides agree in the end, unless both submitted the same draft apart (see the next test).
        const twice = common.filter((id) => A.historyOf(R, id).wrote.has('status') && B.historyOf(R, id).wrote.has('status'));
        const [again, also] = [A.exportBundle(), B.exportBundle()];
        A.mergeBundle(also, deterministicChooser);
        B.mergeBundle(again, deterministicChooser);
        const agreed = (r: Replica) => Object.fromEntries(Object.entries(snapshot(r)).filter(([k]) => !twice.some((id) => k === keyOf(R, id))));
        expect(agreed(A)).toEqual(agreed(B));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Three browsers exchanging in any order.

type Step = { kind: 'op'; who: number; op: Op } | { kind: 'merge'; from: number; to: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('op' as const), who: fc.nat({ max: 2 }), op }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), from: fc.nat({ max: 2 }), to: fc.nat({ max: 2 }) }) },
);

/**
 * Merges `from`'s current bundle into `to` and checks every record's outcome against the event-set ground truth:
 * taken when only the bundle has new writes, kept when only this side has, and when both have, a clash on exactly
 * the fields both sides' new writes changed to different values (a delete clash when one side is a tombstone).
 */
function mergeChecked(to: Replica, from: Replica): void {
  const bundle = from.exportBundle();
  const truth = to.truthOf(bundle);
  const run = to.mergeBundle(bundle, deterministicChooser);
  for (const item of run.first.items) {
    const t = truth.get(keyOf(item.table, item.id))!;
    const where = `${item.id}: ${from.device} → ${to.device}`;
    const { kind, clashes } = item.outcome;
    const L = item.local?.record;
    const Rr = item.state.record;
    if (!item.local) expect(kind, where).toBe('new');
    else if (!t.onlyLocal && !t.onlyRemote) expect(kind, where).toBe('identical');
    else if (!t.onlyRemote) expect(kind, where).toBe('local');
    else if (!t.onlyLocal) expect(kind, where).toBe('remote');
    else if (!L && !Rr) expect(kind, where).toBe('identical');
    else if (!L || !Rr) expect(kind, where).toBe('deleteClash');
    else {
      const expected = [...t.localFields].filter((k) => t.remoteFields.has(k) && differs(L[k], Rr[k])).sort();
      const reported = clashes.map((c) => c.field);
      // Every clash is one of the expected; every expected one is reported unless an earlier merge collapsed two
      // equal writes of that field into one dot (Truth.ambiguous).
      expect(reported.filter((k) => !expected.includes(k)), where).toEqual([]);
      expect(expected.filter((k) => !reported.includes(k) && !t.ambiguous.has(k)), where).toEqual([]);
      expect(kind === 'clash', `${where}: ${kind}`).toBe(reported.length > 0);
    }
  }
}

describe('three browsers exchanging in random order', () => {
  it('report exactly the clashes of concurrent writes, never bring back a record only ever deleted, and end identical after everyone merged everyone twice', SLOW, () => {
    fc.assert(
      fc.property(fc.array(initial, { minLength: 1, maxLength: 2 }), fc.array(step, { maxLength: 40 }), (start, steps) => {
        const now = clock();
        const all = ['A', 'B', 'C'].map((d) => new Replica(d, now));
        const [A] = all as [Replica, Replica, Replica];
        start.forEach((f, i) => A.create(T, { id: `r${i}`, ...withoutUndefined(f) } as Rec));
        for (const r of all.slice(1)) mergeChecked(r, A);
        for (const r of all) r.markCommon();
        const common = A.ids(T);
        const writtenAnywhere = (id: string) => all.some((r) => r.historyOf(T, id).wrote.size > 0);
        const deletedSomewhere = new Set<string>();
        const tombstoneSeen = all.map(() => new Set<string>());
        const check = () => {
          all.forEach((r, i) => {
            for (const id of common) {
              if (r.alive(T, id) === null) tombstoneSeen[i]!.add(id);
              else if (tombstoneSeen[i]!.has(id) && !writtenAnywhere(id)) throw new Error(`${id} came back on ${r.device}`);
            }
          });
        };
        for (const st of steps) {
          if (st.kind === 'op') {
            const r = all[st.who]!;
            apply(r, st.op);
            for (const id of common) if (r.historyOf(T, id).deleted) deletedSomewhere.add(id);
          } else if (st.from !== st.to) mergeChecked(all[st.to]!, all[st.from]!);
          check();
        }
        for (let round = 0; round < 2; round++) {
          for (const to of all) for (const from of all) if (from !== to) mergeChecked(to, from);
          check();
        }
        for (const id of common) {
          if (deletedSomewhere.has(id) && !writtenAnywhere(id)) for (const r of all) expect(r.alive(T, id), `${id} on ${r.device}`).toBeNull();
          if (!deletedSomewhere.has(id)) for (const r of all) expect(r.alive(T, id), `${id} on ${r.device}`).not.toBeNull();
        }
        const [a, b, c] = all.map((r) => snapshot(r));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        const [va, vb, vc] = all.map((r) => snapshot(r, true));
        expect(vb).toEqual(va);
        expect(vc).toEqual(va);
      }),
      // Cheap runs, and the interesting interleavings (two browsers' writes meeting a third's) are rarer: more of them.
      { ...RUNS, numRuns: RUNS.numRuns * 5 },
    );
  });
});
