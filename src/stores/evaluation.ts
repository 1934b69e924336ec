import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, toRaw, watch } from 'vue';
import type { Id } from '@/domain/model';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { whatIfScore } from '@/domain/evaluation/what-if';
import { emptyEvaluationInputs, type Evaluation, type EvaluationForm, type EvaluationInputs } from '@/domain/evaluation/types';
import { RULE_SETS, ruleSetById } from '@/domain/scoring/rule-sets';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/evaluations';
import { usePlansStore } from './plans';
import { useIndicatorsStore } from './indicators';
import { useActivityStore } from './activity';
import { useMonitoringStore } from './monitoring';
import { todayIso } from './dashboard';

const AUTOSAVE_MS = 600;

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

  const draft = ref<EvaluationInputs>(emptyEvaluationInputs());
  const savedRev = ref(0);
  const saving = ref<'idle' | 'pending' | 'saving' | 'saved' | 'failed'>('idle');
  const saveError = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loadedId: Id | null = null;

  // Another version opened, or another tab saved this one: take the stored inputs (never over own unsaved edits).
  watch(current, (e) => {
    if (!e) return;
    if (e.id !== loadedId || (e.rev !== savedRev.value && saving.value !== 'pending' && saving.value !== 'saving')) {
      loadedId = e.id;
      draft.value = structuredClone(toRaw(e.inputs));
      savedRev.value = e.rev;
    }
  });

  const lastRound = computed(() => [...rounds.value].filter((r) => r.status === 'submitted').sort((a, b) => a.cutoff.localeCompare(b.cutoff)).at(-1)?.snapshot ?? null);

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

  let inflight: Promise<unknown> | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    // A save under way finishes first, so this one carries its revision (finalise right after typing, say).
    while (inflight) await inflight.catch(() => undefined);
    const e = current.value;
    if (!e || e.status !== 'draft' || saving.value !== 'pending') return;
    saving.value = 'saving';
    const job = repo.saveEvaluationInputs(e.id, structuredClone(toRaw(draft.value)), savedRev.value);
    inflight = job;
    try {
      const saved = await job;
      savedRev.value = saved.rev;
      // Typed while it was saving: still pending, and the save already scheduled carries it.
      if (saving.value === 'saving') saving.value = 'saved';
      saveError.value = null;
    } catch (err) {
      saving.value = 'failed';
      saveError.value = err;
      throw err;
    } finally {
      inflight = null;
    }
  }

  /** Call after each edit of `draft`: schedules the autosave. */
  function touch() {
    saving.value = 'pending';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_MS);
  }

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
