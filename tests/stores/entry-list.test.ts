import { describe, expect, it } from 'vitest';
import { seededStores } from '../fixtures/stores';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { useEntryListStore } from '@/stores/entry-list';

/**
 * The recorders are not a live query (a save would run their index seeks again); they follow the live entry list
 * instead: a name the list shows that the suggestions lack makes them read again, from whichever tab it was written.
 */

const COUNT = '开展职工权益保障和职工服务等活动（人次）';

describe('entry list store', () => {
  it('reads the recorders on request, then learns a new name from the live list', async () => {
    const plans = await seededStores();
    const store = useEntryListStore();
    await store.refreshRecorders();
    expect(store.recorders).toEqual([]);
    const node = (await listIndicators(plans.currentPlanId!)).find((n) => n.name === COUNT)!;
    // Written straight to the database, as another tab, a merge or a sync would.
    await addEntry(node.id, { date: '2022-03-01', amount: 5, note: '', recordedBy: '王芳' });
    await expect.poll(() => store.list.total).toBe(1);
    await expect.poll(() => store.recorders).toEqual(['王芳']);
  });
});
