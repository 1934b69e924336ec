import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadDistrictFiled } from '@/db/repositories/district';

/**
 * What the district reads of the filed table is a live query that must run again on any write to the bulky tables it does not
 * return (it reads one row of each only to observe them) and on a round filed, so the district view re-scores.
 */

let planId: string;
beforeEach(async () => {
  await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
});

describe('district heads as a live query', () => {
  it('runs again after an entry, a spending row and a submitted round', async () => {
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
    await expect.poll(() => runs).toBe(2);
    await addSpending(planId, { date: '2022-03-01', amountFen: 100, recordedBy: '李会计' });
    await expect.poll(() => runs).toBe(3);
    await submittedRound(planId);
    await expect.poll(() => lights).toBe(1);
    sub.unsubscribe();
  });
});
