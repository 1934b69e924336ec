import { describe, expect, it } from 'vitest';
import { seededStores } from '../fixtures/stores';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry, listRollups } from '@/db/repositories/entries';
import { useActivityStore } from '@/stores/activity';
import type { DayBucket } from '@/domain/actuals/types';

/**
 * A save shows its indicator's new rollup as soon as it resolves, from the rollup the save itself committed, not after
 * the live query reads it back (issue #10: entry to gauge). The live query still carries every other change. Before
 * the live query's first result the store leaves its rows alone (they may still be another plan's).
 */

const COUNT = '开展职工权益保障和职工服务等活动（人次）';
const dayTotal = (rows: readonly { indicatorId: string; days: Record<string, DayBucket> }[], id: string, day: string) => rows.find((r) => r.indicatorId === id)?.days[day]?.amount;

describe('activity store', () => {
  it('has the saved rollup the moment the save resolves, equal to what the database holds', async () => {
    const plans = await seededStores();
    const store = useActivityStore();
    const node = (await listIndicators(plans.currentPlanId!)).find((n) => n.name === COUNT)!;
    // Another writer (a tab, a merge, sync) reaches the store through the live query; once it has, the query has run.
    await addEntry(node.id, { date: '2022-02-01', amount: 7, note: '', recordedBy: '李华' });
    await expect.poll(() => dayTotal(store.rollups, node.id, '2022-02-01')).toBe(7);

    await store.add(node.id, { date: '2022-03-01', amount: 5, note: '', recordedBy: '王芳' });
    // No poll: the value is there without waiting for the live query.
    expect(dayTotal(store.rollups, node.id, '2022-03-01')).toBe(5);
    expect(store.rollups.find((r) => r.indicatorId === node.id)).toEqual((await listRollups(plans.currentPlanId!)).find((r) => r.indicatorId === node.id));
  });
});
