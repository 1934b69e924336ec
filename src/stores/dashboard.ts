import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import { planProgress, defaultAsOf } from '@/domain/monitoring/plan-progress';
import { budgetExecution } from '@/domain/monitoring/progress';
import { isIsoDate } from '@/domain/dates';
import { usePlansStore } from './plans';
import { useIndicatorsStore } from './indicators';
import { useActivityStore } from './activity';

/** Local calendar date: staff think in their own day, not UTC. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Progress of the current plan at a cut-off date, from the rollups (never a scan of entries). */
export const useDashboardStore = defineStore('dashboard', () => {
  const { currentPlan, budgetFen } = storeToRefs(usePlansStore());
  const { nodes } = storeToRefs(useIndicatorsStore());
  const activity = useActivityStore();
  const { rollups, spendingRows } = storeToRefs(activity);

  const year = computed(() => currentPlan.value?.year ?? new Date().getFullYear());
  /** What the date field holds; may be '' while the user clears it, or a day of another year. */
  const asOf = ref(defaultAsOf(todayIso(), year.value));
  // A new plan (or year) starts at its own sensible cut-off.
  watch(() => currentPlan.value?.id, () => (asOf.value = defaultAsOf(todayIso(), year.value)));
  /** The cut-off actually used: a real date inside the plan year, else the default. */
  const cutoff = computed(() => (isIsoDate(asOf.value) && asOf.value.startsWith(`${year.value}-`) ? asOf.value : defaultAsOf(todayIso(), year.value)));

  const progress = computed(() => planProgress(nodes.value, rollups.value, cutoff.value, year.value));
  const executedFen = computed(() => spendingRows.value.filter((s) => s.date <= cutoff.value).reduce((a, s) => a + s.amountFen, 0));
  const budget = computed(() => budgetExecution(executedFen.value, budgetFen.value, cutoff.value, year.value));
  const hasSpending = computed(() => spendingRows.value.length > 0);

  return { asOf, cutoff, year, progress, executedFen, budget, hasSpending };
});
