import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { IsoDate } from '@/domain/model';
import { buildRoundForm, defaultCutoff } from '@/domain/monitoring/round';
import { emptyInputs, type MonitoringRound } from '@/domain/monitoring/round-types';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/rounds';
import { loadYearSources, type PlanSources } from '@/db/repositories/plan-sources';
import { usePlansStore } from './plans';

/**
 * The year's overview of the monitoring view: every plan of the current plan's year at one cut-off (default 30 June),
 * live from the log. Its own store so that only the overview tab reads every plan of the year: the dashboard and the
 * rounds tab use the monitoring store, and with a district of 1,000 plans that read took seconds after every reload.
 */
export const useMonitoringOverviewStore = defineStore('monitoringOverview', () => {
  const { currentPlan } = storeToRefs(usePlansStore());
  const overviewYear = computed(() => currentPlan.value?.year ?? null);
  const overviewCutoff = ref<IsoDate>('');
  watch(overviewYear, (y) => (overviewCutoff.value = y ? defaultCutoff(y) : ''), { immediate: true });
  const { data: yearSources } = useLiveQuery(overviewYear, (y) => (y ? loadYearSources(y) : []), [] as PlanSources[]);
  const { data: yearRounds } = useLiveQuery(overviewYear, (y) => (y ? repo.listRoundsOfYear(y) : []), [] as MonitoringRound[]);
  const overview = computed(() =>
    yearSources.value
      .filter((s) => overviewCutoff.value.startsWith(`${s.plan.year}-`))
      .map((s) => ({ plan: s.plan, sources: s, form: buildRoundForm({ ...s, cutoff: overviewCutoff.value, inputs: emptyInputs() }) })),
  );
  return { overviewYear, overviewCutoff, overview, yearRounds };
});
