import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { submittedRound } from '../fixtures/rounds';
import { finalisedEvaluation } from '../fixtures/evaluation-db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { deletePlanCascade, listPlans } from '@/db/repositories/plans';
import { correctRound, createRound, submitRound } from '@/db/repositories/rounds';
import { filedEvaluations, filedRounds } from '@/db/repositories/filed';
import { exportBackup, restoreBackup } from '@/db/transfer/backup';
import { filedRowOf, type FiledRow } from '@/domain/district/filed';
import type { JixiaoDb } from '@/db/database';

/**
 * The filed table (schema v8) is derived from the rounds and evaluations; the filed middleware keeps it in the
 * writer's transaction. After every kind of write — create a draft, submit, correct (supersede), finalise, delete a
 * plan, restore a backup — it must equal a recomputation from the records, and a live query of it must see a filing.
 */

let d: JixiaoDb;
let planId: string;
beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
});

async function recomputed(): Promise<FiledRow[]> {
  const rows = [...(await d.rounds.toArray()).map((r) => filedRowOf('rounds', r)), ...(await d.evaluations.toArray()).map((e) => filedRowOf('evaluations', e))];
  return rows.filter((r) => r !== null).sort((a, b) => a.key.localeCompare(b.key));
}
const stored = () => d.filed.orderBy('key').toArray();

describe('the filed table', () => {
  it('lists submitted and superseded rounds and final evaluations, never drafts, equal to the records after every write', async () => {
    await createRound(planId, '2022-06-30', '张敏');
    expect(await filedRounds(2022)).toEqual([]);
    const first = await submittedRound(planId);
    expect((await filedRounds(2022)).map((r) => [r.planId, r.status, r.cutoff, r.planLight])).toEqual([[planId, 'submitted', first.cutoff, first.snapshot!.planLight]]);
    expect(await stored()).toEqual(await recomputed());

    // A correction is a draft (files nothing) until it is submitted; then the old version is superseded.
    const fix = await correctRound(first.id, '张科长');
    expect((await filedRounds(2022)).map((r) => r.status)).toEqual(['submitted']);
    await submitRound(fix.id, '张科长', fix.rev);
    expect((await filedRounds(2022)).map((r) => r.status).sort()).toEqual(['submitted', 'superseded']);
    expect(await stored()).toEqual(await recomputed());

    await loadSampleActivity(planId, '2023-01-10');
    const ev = await finalisedEvaluation(planId);
    expect(await filedEvaluations(2022)).toEqual([expect.objectContaining({ planId, status: 'final', totalCp: ev.snapshot!.scorecard.totalCp, grade: ev.snapshot!.scorecard.grade })]);
    expect(await stored()).toEqual(await recomputed());

    // A restore replaces everything: the file's records, and the rows derived from them.
    const backup = await exportBackup();
    await deletePlanCascade(planId);
    expect(await stored()).toEqual([]);
    await restoreBackup(backup);
    expect(await filedEvaluations(2022)).toHaveLength(1);
    expect(await stored()).toEqual(await recomputed());
    expect((await stored()).length).toBe(3);
  });

  it('a live query of it sees a round submitted after it first ran', async () => {
    const seen: number[] = [];
    const sub = liveQuery(() => filedRounds(2022)).subscribe({ next: (rows) => seen.push(rows.length) });
    await expect.poll(() => seen.at(-1)).toBe(0);
    await submittedRound(planId);
    await expect.poll(() => seen.at(-1)).toBe(1);
    sub.unsubscribe();
  });
});
