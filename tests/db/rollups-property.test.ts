import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry, deleteEntries, restoreEntries, updateEntry } from '@/db/repositories/entries';
import { exportBackup, restoreBackup } from '@/db/transfer/backup';
import { rollupsVsRecomputed } from '../fixtures/rollups';
import type { ActivityEntry } from '@/domain/actuals/types';
import type { EntryInput } from '@/domain/actuals/measure';
import { JixiaoDb, useDb } from '@/db/database';
import { exportBundle, parseBundle } from '@/db/transfer/bundle';
import { applyMerge, previewMerge } from '@/db/repositories/merge';
import { keyOf, openClashes } from '@/domain/merge/plan';
import type { Choice } from '@/domain/merge/merge-record';

/**
 * Issue #10: "Rollups equal a full recomputation on generated data after random adds, edits, deletes, undos, merges
 * and restores, so speed never costs correctness." The per-day rollups kept on every write (entries.ts) must always be
 * exactly what bucketing all entries from scratch gives, whatever sequence of writes led there — including merges of
 * a colleague's bundle (their adds and edits, clashes with ours taken from their side).
 */

const COUNT = '开展职工权益保障和职工服务等活动（人次）';
const RATE = '宣传资料及时发放率';

const date = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10));
/** A few days only, so edits and deletes often land on a day that holds other entries. */
const busyDate = fc.constantFrom('2022-03-01', '2022-03-02', '2022-06-30', '2022-12-31');
const anyDate = fc.oneof(date, busyDate);
const payload = fc.oneof(
  fc.record({ kind: fc.constant(COUNT), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.integer({ min: 1, max: 60 }).chain((denominator) => fc.record({ kind: fc.constant(RATE), denominator: fc.constant(denominator), numerator: fc.integer({ min: 0, max: denominator }) })),
);
type Payload = { kind: typeof COUNT; amount: number } | { kind: typeof RATE; numerator: number; denominator: number };

const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('add' as const), date: anyDate, p: payload }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), date: anyDate, p: payload }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('merge' as const), pick: fc.nat(), date: anyDate, p: payload }) },
);

let colleagues = 0;

/** Merges `from`'s bundle of the plan into `into`, every clash taken from the bundle's side (kept over deleted). */
async function mergeInto(into: JixiaoDb, from: JixiaoDb, planId: string): Promise<void> {
  useDb(from);
  const parsed = await parseBundle(JSON.stringify(await exportBundle({ planIds: [planId], structure: true }, '同事')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  useDb(into);
  const preview = await previewMerge(parsed.bundle);
  const choices = new Map<string, Choice>(
    openClashes(preview.plan).map((i) => [keyOf(i.table, i.id), i.outcome.kind === 'deleteClash' ? { keep: true } : { fields: Object.fromEntries(i.outcome.clashes.map((c) => [c.field, 'remote' as const])) }]),
  );
  await applyMerge(parsed.bundle, choices);
}

describe('rollups under random writes (property)', () => {
  it('after any sequence of adds, edits, deletes, undos and restores, the rollups equal a full recomputation', async () => {
    // What the runs exercised, so a generator that stopped producing writes cannot pass silently.
    const seen = { rollupDays: 0, edits: 0, undos: 0, restores: 0, merges: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const d = await freshDb();
        await seedIfEmpty();
        const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
        const nodes = await listIndicators(plan.id);
        const idOf = (name: string) => nodes.find((n) => n.name === name)!.id;
        const input = (p: Payload, day: string): EntryInput =>
          p.kind === COUNT ? { date: day, recordedBy: '张敏', amount: p.amount } : { date: day, recordedBy: '张敏', numerator: p.numerator, denominator: p.denominator };
        let lastDeleted: ActivityEntry[] = [];
        let colleague: JixiaoDb | undefined;
        for (const o of ops) {
          const live = await d.entries.orderBy('id').toArray();
          if (o.op === 'add') await addEntry(idOf(o.p.kind), input(o.p, o.date));
          else if (o.op === 'edit' && live.length) {
            const e = live[o.pick % live.length]!;
            // Edits may move an entry to another indicator and another day: both days' buckets must follow.
            await updateEntry(e.id, idOf(o.p.kind), input(o.p, o.date), e.rev);
            seen.edits += 1;
          } else if (o.op === 'delete' && live.length) lastDeleted = await deleteEntries([...new Set(o.picks.map((i) => live[i % live.length]!.id))]);
          else if (o.op === 'undo' && lastDeleted.length) {
            await restoreEntries(lastDeleted);
            lastDeleted = [];
            seen.undos += 1;
          } else if (o.op === 'restore') {
            // A backup written and read back in: rollups are rebuilt from the restored entries.
            await restoreBackup(await exportBackup());
            seen.restores += 1;
          } else if (o.op === 'merge') {
            // A colleague who took our plan logs and edits on their side; we merge their bundle.
            if (!colleague) {
              colleague = new JixiaoDb(`rollups-colleague-${Date.now()}-${++colleagues}`);
              await colleague.open();
            }
            await mergeInto(colleague, d, plan.id);
            useDb(colleague);
            await addEntry(idOf(o.p.kind), input(o.p, o.date));
            const theirs = await colleague.entries.orderBy('id').toArray();
            const e = theirs[o.pick % theirs.length]!;
            await updateEntry(e.id, idOf(o.p.kind), input(o.p, o.date), e.rev);
            await mergeInto(d, colleague, plan.id);
            seen.merges += 1;
          }
          const { stored, recomputed } = await rollupsVsRecomputed(d);
          expect(stored).toEqual(recomputed);
          seen.rollupDays += Object.values(stored).reduce((n, r) => n + Object.keys(r.days).length, 0);
        }
        d.close();
        colleague?.close();
      }),
      { numRuns: 40 },
    );
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
  }, 240_000);
});
