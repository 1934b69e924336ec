import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import { planProgress, defaultAsOf, progressFromRows } from '@/domain/monitoring/plan-progress';
import { planBudget } from '@/domain/budget';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { withTargetInForce } from '@/domain/targets/adjustment';
import { budgetExecution } from '@/domain/monitoring/progress';
import { isIsoDate } from '@/domain/dates';
import { usePlansStore } from './plans';
import { useIndicatorsStore } from './indicators';
import { useActivityStore } from './activity';
import { useMonitoringStore } from './monitoring';

/** Local calendar date: staff think in their own day, not UTC. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Progress of the current plan at a cut-off date, from the rollups (never a scan of entries). */
export const useDashboardStore = defineStore('dashboard', () => {
  const { currentPlan, budgetLines } = storeToRefs(usePlansStore());
  const { rounds } = storeToRefs(useMonitoringStore());
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

  /**
   * 'live': from the log at the chosen cut-off; 'round': exactly as the last submitted monitoring round filed it.
   * The targets in force at the cut-off are used either way (绩效目标调整).
   */
  const mode = ref<'live' | 'round'>('live');
  const lastRound = computed(() => latestSubmitted(rounds.value) ?? null);
  watch(() => currentPlan.value?.id, () => (mode.value = 'live'));
  const fromRound = computed(() => (mode.value === 'round' ? (lastRound.value?.snapshot ?? null) : null));

  const liveNodes = computed(() => nodes.value.map((n) => (n.level === 3 ? withTargetInForce(n, cutoff.value) : n)));
  const progress = computed(() => {
    const snap = fromRound.value;
    return snap ? progressFromRows(snap.rows, snap.header.timeProgress) : planProgress(liveNodes.value, rollups.value, cutoff.value, year.value);
  });
  const executedFen = computed(() => fromRound.value?.funds[0]?.executedFen ?? spendingRows.value.filter((s) => s.date <= cutoff.value).reduce((a, s) => a + s.amountFen, 0));
  /** 全年预算数 in force at the cut-off (adjustments approved later are not yet the budget). */
  const budgetFen = computed(() => fromRound.value?.funds[0]?.fullFen ?? planBudget(budgetLines.value, cutoff.value).full.total);
  const budget = computed(() => {
    const snap = fromRound.value;
    return snap ? { rate: snap.budget.rate, q: snap.budget.q, light: snap.budget.light } : budgetExecution(executedFen.value, budgetFen.value, cutoff.value, year.value);
  });
  const hasSpending = computed(() => (fromRound.value ? (fromRound.value.funds[0]?.executedFen ?? 0) > 0 : spendingRows.value.length > 0));

  return { asOf, cutoff, year, mode, lastRound, progress, executedFen, budgetFen, budget, hasSpending };
});
