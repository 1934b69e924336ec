import { defineStore, storeToRefs } from 'pinia';
import { reactive, shallowRef, watch } from 'vue';
import type { ActivityEntry, EntryFilter } from '@/domain/actuals/types';
import { liveQueryFailure, useLiveQuery } from '@/composables/useLiveQuery';
import { onPageShown } from '@/composables/onPageShown';
import * as entries from '@/db/repositories/entries';
import { usePlansStore } from './plans';

/**
 * The entry list of the current plan (filtered, one page) and who has recorded entries. Apart from the activity
 * store, so only the activity view reads them: the dashboard and the other views start without these reads.
 */
export const useEntryListStore = defineStore('entryList', () => {
  const { currentPlanId } = storeToRefs(usePlansStore());
  const filter = reactive<EntryFilter>({ limit: 50 });
  const { data: list, loading } = useLiveQuery(
    () => [currentPlanId.value, { ...filter }] as const,
    ([id, f]) => (id ? entries.listEntries(id, f) : { rows: [], total: 0 }),
    { rows: [] as ActivityEntry[], total: 0 },
  );

  /**
   * Who has recorded entries, for the suggestions and the filter. Not a live query: any save would run its index
   * seeks again, and at district scale they held the next save's write behind them. It is read when the activity
   * view opens (refreshRecorders), when the page is shown again, and when the live list shows a name it lacks (typed
   * here, edited, merged or synced); a name whose last entry went stays suggested until then.
   */
  const recorders = shallowRef<string[]>([]);
  async function refreshRecorders() {
    try {
      recorders.value = await entries.listRecorders();
    } catch (e) {
      liveQueryFailure.value = e;
    }
  }
  watch(list, (l) => {
    const known = new Set(recorders.value);
    if (l.rows.some((r) => r.recordedBy && !known.has(r.recordedBy))) void refreshRecorders();
  });
  onPageShown(() => void refreshRecorders());

  return { filter, list, loading, recorders, refreshRecorders };
});
