import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, toRaw, watch } from 'vue';
import type { Id } from '@/domain/model';
import type { ActivityEntry, IndicatorRollup, SpendingEntry } from '@/domain/actuals/types';
import type { EntryInput } from '@/domain/actuals/measure';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as entries from '@/db/repositories/entries';
import * as spending from '@/db/repositories/spending';
import * as sample from '@/db/repositories/sample-activity';
import { usePlansStore } from './plans';

const RECORDER_KEY = 'jixiao.recorder';
const RECENT_KEY = 'jixiao.recentIndicators';

function readJson<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T) ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * The activity log of the current plan as every view needs it: rollups, spending, saving, and the quick-entry
 * memory. The entry list and the recorders live in the entry-list store, read only where they are shown.
 */
export const useActivityStore = defineStore('activity', () => {
  const { currentPlanId } = storeToRefs(usePlansStore());

  const { data: rollups, loading: rollupsLoading } = useLiveQuery(currentPlanId, (id) => (id ? entries.listRollups(id) : []), [] as IndicatorRollup[]);
  const { data: spendingRows } = useLiveQuery(currentPlanId, (id) => (id ? spending.listSpending(id) : []), [] as SpendingEntry[]);
  const { data: sampleCount } = useLiveQuery(currentPlanId, (id) => (id ? sample.countSampleActivity(id) : 0), 0);

  /** Who is typing: asked once, remembered on this PC. */
  const recorder = ref<string>(localStorage.getItem(RECORDER_KEY) ?? '');
  watch(recorder, (v) => localStorage.setItem(RECORDER_KEY, v.trim()));
  /** Recently used indicators first in the picker. */
  const recent = ref<Id[]>(readJson<Id[]>(RECENT_KEY, []));

  function touchRecent(id: Id) {
    recent.value = [id, ...recent.value.filter((x) => x !== id)].slice(0, 8);
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent.value));
  }

  async function add(indicatorId: Id, input: EntryInput) {
    const { entry, rollup } = await entries.saveNewEntry(indicatorId, { ...input }, { planId: currentPlanId.value ?? undefined });
    showSavedRollup(entry, rollup);
    recorder.value = input.recordedBy.trim();
    touchRecent(indicatorId);
    return entry;
  }

  /**
   * The rollup a save committed, shown at once instead of after the live query reads it back (a second transaction,
   * 5-10 ms at district scale, on the path from Enter to the gauge: issue #10). The live query still runs and brings
   * the same row, and anything another tab changed; Dexie drops a result that a newer change has outdated.
   */
  function showSavedRollup(entry: ActivityEntry, rollup: IndicatorRollup | null) {
    // Before the plan's first read (or just after a switch) the ref holds nothing or another plan's rows: leave it.
    if (entry.planId !== currentPlanId.value || rollupsLoading.value) return;
    const at = rollups.value.findIndex((r) => r.indicatorId === entry.indicatorId);
    if (!rollup) rollups.value = rollups.value.filter((r) => r.indicatorId !== entry.indicatorId);
    else if (at < 0) rollups.value = [...rollups.value, rollup];
    else rollups.value = rollups.value.map((r, i) => (i === at ? rollup : r));
  }

  /** `expectedRev` is the revision the editor opened with: a save from another tab in between is a conflict. */
  const update = (id: Id, indicatorId: Id, input: EntryInput, expectedRev: number) => entries.updateEntry(id, indicatorId, { ...input }, expectedRev);

  /** Deletes and returns what went, so each undo notice restores exactly its own deletion. */
  const remove = (ids: Id[]) => entries.deleteEntries(ids);
  const restore = (rows: ActivityEntry[]) => entries.restoreEntries(rows.map((e) => toRaw(e)));

  const executedFen = computed(() => spendingRows.value.reduce((s, r) => s + r.amountFen, 0));

  function requirePlan(): Id {
    if (!currentPlanId.value) throw new Error('no plan selected');
    return currentPlanId.value;
  }
  const addSpending = (input: spending.SpendingInput) => spending.addSpending(requirePlan(), input);
  const removeSpending = (id: Id) => spending.deleteSpending(id);
  const restoreSpending = (row: SpendingEntry) => spending.restoreSpending(toRaw(row));
  const loadSample = (asOf: string) => sample.loadSampleActivity(requirePlan(), asOf);
  const removeSample = () => sample.removeSampleActivity(requirePlan());

  return {
    rollups,
    spendingRows,
    executedFen,
    sampleCount,
    recorder,
    recent,
    add,
    update,
    remove,
    restore,
    addSpending,
    removeSpending,
    restoreSpending,
    loadSample,
    removeSample,
  };
});
