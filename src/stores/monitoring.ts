import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, toRaw, watch } from 'vue';
import { useDraftAutosave } from '@/composables/useDraftAutosave';
import type { Id, IsoDate } from '@/domain/model';
import { buildRoundForm } from '@/domain/monitoring/round';
import { roundProblems } from '@/domain/monitoring/round-validate';
import { emptyInputs, type MonitoringRound, type RoundForm, type RoundInputs } from '@/domain/monitoring/round-types';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/rounds';
import { usePlansStore } from './plans';
import { useIndicatorsStore } from './indicators';
import { useActivityStore } from './activity';

/**
 * Monitoring rounds of the current plan: the list, the round being worked on, its form (live from the log while a
 * draft, frozen once submitted), autosave of the manager's inputs, submit, correct. The year's overview is its own store (monitoring-overview.ts).
 */
export const useMonitoringStore = defineStore('monitoring', () => {
  const plans = usePlansStore();
  const { currentPlan, currentPlanId, unit, budgetLines } = storeToRefs(plans);
  const { nodes } = storeToRefs(useIndicatorsStore());
  const { rollups, spendingRows, recorder } = storeToRefs(useActivityStore());

  const { data: rounds, loading } = useLiveQuery(currentPlanId, (id) => (id ? repo.listRounds(id) : []), [] as MonitoringRound[]);
  const selectedId = ref<Id | null>(null);
  const current = computed(() => rounds.value.find((r) => r.id === selectedId.value) ?? null);
  watch(currentPlanId, () => (selectedId.value = null));

  /** The inputs being edited; saved after a short pause in typing, to the round they were made on. */
  const { draft, savedRev, saving, saveError, flush, touch } = useDraftAutosave<RoundInputs, MonitoringRound>({
    current,
    empty: emptyInputs,
    save: repo.saveRoundInputs,
    // Known to be locked (submitted in another tab, say): its pending edits are not saved; unknown: the repository decides.
    isLocked: (id) => ['submitted', 'final', 'superseded'].includes(rounds.value.find((x) => x.id === id)?.status ?? 'draft'),
  });

  const form = computed<RoundForm | null>(() => {
    const r = current.value;
    if (!r) return null;
    if (r.status !== 'draft' && r.snapshot) return r.snapshot;
    const plan = currentPlan.value;
    if (!plan) return null;
    return buildRoundForm({ plan, unit: unit.value, lines: budgetLines.value, nodes: nodes.value, rollups: rollups.value, spending: spendingRows.value, cutoff: r.cutoff, inputs: draft.value });
  });
  const problems = computed(() => (form.value && current.value?.status === 'draft' ? roundProblems(form.value) : []));

  async function create(cutoff: IsoDate): Promise<MonitoringRound> {
    if (!currentPlanId.value) throw new Error('no plan selected');
    const r = await repo.createRound(currentPlanId.value, cutoff, recorder.value);
    selectedId.value = r.id;
    return r;
  }

  async function submit(by: string): Promise<MonitoringRound> {
    await flush();
    const r = current.value;
    if (!r) throw new Error('no round selected');
    return repo.submitRound(r.id, by, savedRev.value);
  }

  async function correct(): Promise<MonitoringRound> {
    const r = current.value;
    if (!r) throw new Error('no round selected');
    const next = await repo.correctRound(r.id, recorder.value);
    selectedId.value = next.id;
    return next;
  }

  const removeDraft = (id: Id) => repo.deleteDraftRound(id);
  const restoreDraft = (r: MonitoringRound) => repo.restoreDraftRound(structuredClone(toRaw(r)));

  return {
    rounds, loading, selectedId, current, draft, savedRev, saving, saveError, form, problems,
    touch, flush, create, submit, correct, removeDraft, restoreDraft,
  };
});
