import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { createRound } from '@/db/repositories/rounds';
import { filedRounds } from '@/db/repositories/filed';

/**
 * What each plan filed, read from index keys with IndexedDB's own cursor: the same answer as the records say, and a
 * live query of it runs again when a round of that year is submitted (the native read is seen through a Dexie count).
 */

let planId: string;
beforeEach(async () => {
  await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
});

describe('filed rounds', () => {
  it('lists submitted and superseded versions, never drafts', async () => {
    await createRound(planId, '2022-06-30', '张敏');
    expect(await filedRounds(2022)).toEqual([]);
    const first = await submittedRound(planId);
    expect((await filedRounds(2022)).map((r) => [r.planId, r.status, r.cutoff])).toEqual([[planId, 'submitted', first.cutoff]]);
    expect((await filedRounds(2022))[0]!.planLight).toBe(first.snapshot!.planLight);
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
