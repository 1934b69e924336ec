import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, toRaw, watch } from 'vue';
import { useDraftAutosave } from '@/composables/useDraftAutosave';
import type { Id } from '@/domain/model';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { whatIfScore } from '@/domain/evaluation/what-if';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { emptyEvaluationInputs, type Evaluation, type EvaluationForm, type EvaluationInputs } from '@/domain/evaluation/types';
import { RULE_SETS, ruleSetById } from '@/domain/scoring/rule-sets';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/evaluations';
import { usePlansStore } from './plans';
import { useIndicatorsStore } from './indicators';
import { useActivityStore } from './activity';
import { useMonitoringStore } from './monitoring';
import { todayIso } from './dashboard';

/**
 * The self-evaluation of the current plan: its versions, the card (live from the log while a draft, frozen once
 * final), autosave of the evaluator's inputs, the rule set, finalise and correct; and the what-if score.
 */
export const useEvaluationStore = defineStore('evaluation', () => {
  const { currentPlan, currentPlanId, unit, budgetLines } = storeToRefs(usePlansStore());
  const { nodes } = storeToRefs(useIndicatorsStore());
  const { rollups, spendingRows, recorder } = storeToRefs(useActivityStore());
  const { rounds } = storeToRefs(useMonitoringStore());

  const { data: versions, loading } = useLiveQuery(currentPlanId, (id) => (id ? repo.listEvaluations(id) : []), [] as Evaluation[]);
  const selectedId = ref<Id | null>(null);
  /** The version shown: the chosen one, else the open draft, else the final one, else the newest. */
  const current = computed<Evaluation | null>(() => {
    const list = versions.value;
    return list.find((e) => e.id === selectedId.value) ?? list.find((e) => e.status === 'draft') ?? list.find((e) => e.status === 'final') ?? list.at(-1) ?? null;
  });
  watch(currentPlanId, () => (selectedId.value = null));

  /** The inputs being edited; saved after a short pause in typing, to the version they were made on. */
  const { draft, savedRev, saving, saveError, flush, touch } = useDraftAutosave<EvaluationInputs, Evaluation>({
    current,
    empty: emptyEvaluationInputs,
    save: repo.saveEvaluationInputs,
    // Known to be locked (submitted in another tab, say): its pending edits are not saved; unknown: the repository decides.
    isLocked: (id) => ['submitted', 'final', 'superseded'].includes(versions.value.find((x) => x.id === id)?.status ?? 'draft'),
  });

  // The same round finaliseEvaluation will take (one rule: latestSubmitted), so the draft card is the card that freezes.
  const lastRound = computed(() => latestSubmitted(rounds.value)?.snapshot ?? null);

  const form = computed<EvaluationForm | null>(() => {
    const e = current.value;
    if (!e) return null;
    if (e.status !== 'draft' && e.snapshot) return e.snapshot;
    const plan = currentPlan.value;
    if (!plan) return null;
    return buildEvaluationForm({
      plan, unit: unit.value, lines: budgetLines.value, nodes: nodes.value, rollups: rollups.value, spending: spendingRows.value,
      inputs: draft.value, ruleSet: ruleSetById(e.ruleSetId), asOf: yearEnd(plan.year), lastRound: lastRound.value, budgetWeightCp: plan.budgetWeightCp,
    });
  });

  /** "If the year ended at today's pace" (only while the plan year is running). */
  const whatIf = computed(() => {
    const plan = currentPlan.value;
    const today = todayIso();
    if (!plan || !today.startsWith(`${plan.year}-`)) return null;
    return { asOf: today, ...whatIfScore({ plan, unit: unit.value, lines: budgetLines.value, nodes: nodes.value, rollups: rollups.value, spending: spendingRows.value }, today, ruleSetById(current.value?.ruleSetId ?? plan.ruleSetId), plan.budgetWeightCp) };
  });

  async function start(): Promise<Evaluation> {
    if (!currentPlanId.value) throw new Error('no plan selected');
    const e = await repo.startEvaluation(currentPlanId.value, recorder.value);
    selectedId.value = e.id;
    return e;
  }

  async function setRuleSet(ruleSetId: string): Promise<void> {
    await flush();
    const e = current.value;
    if (!e) throw new Error('no evaluation');
    const saved = await repo.setEvaluationRuleSet(e.id, ruleSetId, savedRev.value);
    savedRev.value = saved.rev;
  }

  async function finalise(by: string): Promise<Evaluation> {
    await flush();
    const e = current.value;
    if (!e) throw new Error('no evaluation');
    return repo.finaliseEvaluation(e.id, by, savedRev.value);
  }

  async function correct(): Promise<Evaluation> {
    const e = current.value;
    if (!e) throw new Error('no evaluation');
    const next = await repo.correctEvaluation(e.id, recorder.value);
    selectedId.value = next.id;
    return next;
  }

  const removeDraft = (id: Id) => repo.deleteDraftEvaluation(id);
  const restoreDraft = (e: Evaluation) => repo.restoreDraftEvaluation(structuredClone(toRaw(e)));
  const ruleSets = Object.values(RULE_SETS);

  return { versions, loading, selectedId, current, draft, savedRev, saving, saveError, form, whatIf, ruleSets, touch, flush, start, setRuleSet, finalise, correct, removeDraft, restoreDraft };
});
