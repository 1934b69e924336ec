import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { BudgetAdjustment, Id, Plan } from '@/domain/model';
import { planBudget } from '@/domain/budget';
import type { NewPlanInput } from '@/domain/plan-new';
import type { BudgetLineValues } from '@/domain/budget';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/plans';
import * as stats from '@/db/repositories/stats';
import { restoreSamplePlans, sampleRestoreImpact } from '@/db/repositories/seed';

const PLAN_KEY = 'jixiao.planId';

/** Units, plans and the plan the user is working on (remembered per browser, so a reload reopens it). */
export const usePlansStore = defineStore('plans', () => {
  const { data: units } = useLiveQuery(() => 0, () => repo.listUnits(), []);
  const { data: plans, loading } = useLiveQuery(() => 0, () => repo.listPlans(), [] as Plan[]);
  const selectedId = ref<Id | null>(localStorage.getItem(PLAN_KEY));

  // Fall back to the newest unit plan when nothing (or a deleted plan) is selected.
  const currentPlan = computed<Plan | null>(
    () => plans.value.find((p) => p.id === selectedId.value) ?? plans.value.find((p) => p.kind === 'unit') ?? plans.value[0] ?? null,
  );
  const currentPlanId = computed(() => currentPlan.value?.id ?? null);
  const unit = computed(() => units.value.find((u) => u.id === currentPlan.value?.unitId) ?? units.value[0] ?? null);
  const years = computed(() => [...new Set(plans.value.map((p) => p.year))].sort((a, b) => b - a));

  const { data: budgetLines } = useLiveQuery(currentPlanId, (id) => (id ? repo.listBudgetLines(id) : []), []);
  /** 全年预算数 with every adjustment (execution rates are measured against it, domain.md §4.5). */
  const budgetFen = computed(() => planBudget(budgetLines.value).full.total);

  watch(selectedId, (id) => (id ? localStorage.setItem(PLAN_KEY, id) : localStorage.removeItem(PLAN_KEY)));

  function select(id: Id) {
    selectedId.value = id;
  }

  /** Switching year opens that year's unit plan (or its first plan). */
  function selectYear(year: number) {
    const inYear = plans.value.filter((p) => p.year === year);
    const target = inYear.find((p) => p.kind === currentPlan.value?.kind && p.name === currentPlan.value?.name) ?? inYear.find((p) => p.kind === 'unit') ?? inYear[0];
    if (target) select(target.id);
  }

  async function copyToNextYear(): Promise<Plan> {
    if (!currentPlan.value) throw new Error('no plan selected');
    const created = await repo.copyPlanToNextYear(currentPlan.value.id);
    select(created.id);
    return created;
  }

  /** A new empty target table for the current unit; opened at once. */
  async function createPlan(input: Omit<NewPlanInput, 'unitId'>): Promise<Plan> {
    const unitId = unit.value?.id;
    if (!unitId) throw new Error('no unit');
    const created = await repo.createPlan({ ...input, unitId });
    select(created.id);
    return created;
  }

  /** `expectedRev`: the plan's revision when the editor opened (another tab's save in between is a conflict). */
  const saveBudget = (goal: string, lines: BudgetLineValues[], expectedRev: number) => {
    if (!currentPlan.value) throw new Error('no plan selected');
    return repo.saveBudget(currentPlan.value.id, goal, lines.map((l) => ({ ...l })), expectedRev);
  };

  const addBudgetAdjustment = (lineId: Id, adj: Omit<BudgetAdjustment, 'id'>, expectedRev: number) => repo.addBudgetAdjustment(lineId, { ...adj }, expectedRev);
  const removeBudgetAdjustment = (lineId: Id, adjustmentId: Id, expectedRev: number) => repo.removeBudgetAdjustment(lineId, adjustmentId, expectedRev);

  const planImpact = (id: Id) => stats.planImpact(id);
  const updateUnit = (id: Id, patch: { name: string; supervisor: string }, expectedRev: number) => repo.updateUnit(id, patch, expectedRev);

  /** Deletes a plan with everything in it; the view falls back to another plan. Not undoable: the view asks first. */
  async function deletePlan(id: Id): Promise<void> {
    await repo.deletePlanCascade(id);
    if (selectedId.value === id) selectedId.value = null;
  }

  async function restoreSample(): Promise<void> {
    await restoreSamplePlans();
    selectedId.value = null;
  }

  return {
    units,
    plans,
    loading,
    selectedId,
    currentPlan,
    currentPlanId,
    unit,
    years,
    budgetLines,
    budgetFen,
    select,
    selectYear,
    copyToNextYear,
    createPlan,
    saveBudget,
    addBudgetAdjustment,
    removeBudgetAdjustment,
    planImpact,
    updateUnit,
    deletePlan,
    restoreSample,
    sampleRestoreImpact,
  };
});
