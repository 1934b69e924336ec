import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadDistrictFiled, loadDistrictParts } from '@/db/repositories/district';

/**
 * The district view's live reads: its first slice, read with one row of each bulky table, must run again on any write to
 * those tables, also to a plan outside the slice, so the view re-scores. What the plans filed must run again when a
 * round is filed and not on a save: the app keeps it live from start-up, so a save must cost it nothing.
 */

let planId: string;
let otherPlanId: string;
beforeEach(async () => {
  await freshDb();
  await seedIfEmpty();
  const plans = await listPlans();
  planId = plans.find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  otherPlanId = plans.find((p) => p.id !== planId)!.id;
});

describe('district reads as live queries', () => {
  it('the first slice runs again after an entry and a spending row of a plan outside it', async () => {
    let runs = 0;
    let rollups = -1;
    const sub = liveQuery(() => loadDistrictParts([otherPlanId], { observeAll: true })).subscribe({
      next: (p) => {
        runs++;
        rollups = p.rollups.length;
        expect(p.nodes.every((n) => n.planId === otherPlanId)).toBe(true);
      },
    });
    await expect.poll(() => runs).toBe(1);
    const before = rollups;
    const node = (await listIndicators(planId)).find((n) => n.level === 3 && n.target?.unit === '人次')!;
    await addEntry(node.id, { date: '2022-03-01', amount: 5, note: '', recordedBy: '王芳' });
    await expect.poll(() => runs).toBe(2);
    await addSpending(planId, { date: '2022-03-01', amountFen: 100, recordedBy: '李会计' });
    await expect.poll(() => runs).toBe(3);
    expect(rollups).toBe(before);
    sub.unsubscribe();
  });

  it('the filed digests run again on a submitted round, not on a save', async () => {
    let runs = 0;
    let lights = 0;
    const sub = liveQuery(() => loadDistrictFiled(2022)).subscribe({
      next: (h) => {
        runs++;
        lights = h.rounds.length;
      },
    });
    await expect.poll(() => runs).toBe(1);
    const node = (await listIndicators(planId)).find((n) => n.level === 3 && n.target?.unit === '人次')!;
    await addEntry(node.id, { date: '2022-03-01', amount: 5, note: '', recordedBy: '王芳' });
    await submittedRound(planId);
    await expect.poll(() => lights).toBe(1);
    // The entry came first: had it woken the query, there would be a run between the first and the round's.
    expect(runs).toBe(2);
    sub.unsubscribe();
  });
});
