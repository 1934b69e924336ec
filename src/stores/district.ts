import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Id } from '@/domain/model';
import { districtSummary, type DistrictRow } from '@/domain/district/summary';
import { districtSearchText, filterDistrict, sortDistrict, type DistrictColumn, type SortDir } from '@/domain/district/table';
import { defaultAsOf } from '@/domain/monitoring/plan-progress';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { loadDistrictSources } from '@/db/repositories/district';
import { usePlansStore } from './plans';
import { todayIso } from './dashboard';

/**
 * The district (全区) summary of a year: every plan's execution, light and score from one bulk read (live, so a
 * second tab's edits show), filtered and sorted here so the view only renders what is on screen.
 */
export const useDistrictStore = defineStore('district', () => {
  const plans = usePlansStore();
  const { years, currentPlan } = storeToRefs(plans);

  const year = ref<number | null>(currentPlan.value?.year ?? years.value[0] ?? null);
  // Until the plans have loaded there is no year; then the current plan's (the user's own year) is the default.
  watch([currentPlan, years], () => {
    if (year.value === null || !years.value.includes(year.value)) year.value = currentPlan.value?.year ?? years.value[0] ?? null;
  });

  const { data: sources, loading } = useLiveQuery(year, (y) => (y === null ? null : loadDistrictSources(y)), null);
  const today = todayIso();
  const asOf = computed(() => (year.value === null ? null : defaultAsOf(today, year.value)));
  const rows = computed<DistrictRow[]>(() => (sources.value ? districtSummary(sources.value, today) : []));
  const texts = computed(() => rows.value.map(districtSearchText));

  const query = ref('');
  const sortCol = ref<DistrictColumn>('unit');
  const sortDir = ref<SortDir>('asc');
  const visible = computed(() => sortDistrict(filterDistrict(rows.value, texts.value, query.value), sortCol.value, sortDir.value));

  /** A click on a heading: that column ascending, or the other direction when it is already sorted by it. */
  function sortBy(col: DistrictColumn) {
    if (sortCol.value === col) sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc';
    else {
      sortCol.value = col;
      sortDir.value = col === 'score' || col === 'execution' ? 'desc' : 'asc';
    }
  }

  const open = (planId: Id) => plans.select(planId);

  return { year, years, asOf, loading, rows, visible, query, sortCol, sortDir, sortBy, open };
});
