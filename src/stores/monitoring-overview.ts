import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Id, IsoDate } from '@/domain/model';
import { buildRoundForm, defaultCutoff } from '@/domain/monitoring/round';
import { emptyInputs, type MonitoringRound } from '@/domain/monitoring/round-types';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/rounds';
import { loadUnitYearSources, type PlanSources } from '@/db/repositories/plan-sources';
import { usePlansStore } from './plans';

/**
 * The year's overview of the monitoring view: every plan of the current plan's unit and year at one cut-off (default
 * 30 June), live from the log, with their rounds. A manager monitors the unit's own plans; across units the district
 * view lists every plan (at 1,000 plans a year, reading and scoring them all here took seconds in one task). Its own
 * store so that only the overview tab reads them: the dashboard and the rounds tab use the monitoring store.
 */
export const useMonitoringOverviewStore = defineStore('monitoringOverview', () => {
  const { currentPlan } = storeToRefs(usePlansStore());
  const overviewYear = computed(() => currentPlan.value?.year ?? null);
  const overviewCutoff = ref<IsoDate>('');
  watch(overviewYear, (y) => (overviewCutoff.value = y ? defaultCutoff(y) : ''), { immediate: true });
  // A string, so that switching to another plan of the same unit and year does not read again.
  const scopeKey = computed(() => (currentPlan.value ? `${currentPlan.value.year} ${currentPlan.value.unitId}` : null));
  const { data: read } = useLiveQuery(scopeKey, async (key) => {
    if (key === null) return { sources: [] as PlanSources[], rounds: [] as MonitoringRound[] };
    const at = key.indexOf(' ');
    const sources = await loadUnitYearSources(key.slice(at + 1) as Id, Number(key.slice(0, at)));
    return { sources, rounds: await repo.listRoundsOfPlans(sources.map((s) => s.plan.id)) };
  }, { sources: [] as PlanSources[], rounds: [] as MonitoringRound[] });
  const yearSources = computed(() => read.value.sources);
  const yearRounds = computed(() => read.value.rounds);
  const overview = computed(() =>
    yearSources.value
      .filter((s) => overviewCutoff.value.startsWith(`${s.plan.year}-`))
      .map((s) => ({ plan: s.plan, sources: s, form: buildRoundForm({ ...s, cutoff: overviewCutoff.value, inputs: emptyInputs() }) })),
  );
  return { overviewYear, overviewCutoff, overview, yearRounds };
});
