import { defineStore, storeToRefs } from 'pinia';
import { computed, ref } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { whenIdle } from '@/composables/whenIdle';
import { loadDistrictFiled, type DistrictFiled } from '@/db/repositories/district';
import { usePlansStore } from './plans';

/** What one year's plans filed, tagged with the year so a reader never takes another year's digests for its own. */
export type FiledOfYear = DistrictFiled & { year: number };

/**
 * What each plan of one year has filed (its last submitted round's light, its final evaluation's total), kept in
 * memory and live once asked for: two small rows a plan, and the filed table changes only when a round is submitted or
 * an evaluation finalised. Kept outside the district store (which its view disposes) so that opening the district
 * view shows every plan's filed light and final score at once, without waiting for a read (issue #10: right after a
 * bulk load that read waited behind IndexedDB's compaction).
 */
export const useFiledStore = defineStore('filed', () => {
  const { currentPlan } = storeToRefs(usePlansStore());
  const asked = ref<number | null>(null);
  const kept = ref(false);
  // The year last asked for, else the current plan's (the user's own year).
  const year = computed(() => (kept.value ? (asked.value ?? currentPlan.value?.year ?? null) : null));
  const { data: filed, error } = useLiveQuery<number | null, FiledOfYear | null>(year, async (y) => (y === null ? null : { year: y, ...(await loadDistrictFiled(y)) }), null);

  /** Keeps `y`'s digests (or, without a year, the current plan's year's) from now on. */
  function keep(y: number | null = asked.value) {
    asked.value = y;
    kept.value = true;
  }

  return { filed, error, keep };
});

/** Starts keeping the current year's digests once the first screen has its data (`firstScreen`) and the browser is idle. */
export function keepFiledAfterStartup(firstScreen: Promise<unknown>): void {
  void firstScreen.then(() => whenIdle(() => useFiledStore().keep()));
}
