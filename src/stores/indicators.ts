import { defineStore, storeToRefs } from 'pinia';
import { computed, toRaw } from 'vue';
import type { Id, IndicatorNode, TargetAdjustment } from '@/domain/model';
import { buildTree } from '@/domain/targets/tree';
import { checkWeights } from '@/domain/targets/weights';
import { useLiveQuery } from '@/composables/useLiveQuery';
import * as repo from '@/db/repositories/indicators';
import { usePlansStore } from './plans';

/** The indicator tree of the current plan, with the edits a user can make to it. */
export const useIndicatorsStore = defineStore('indicators', () => {
  const { currentPlanId, currentPlan } = storeToRefs(usePlansStore());
  const { data: nodes, loading } = useLiveQuery(currentPlanId, (id) => (id ? repo.listIndicators(id) : []), [] as IndicatorNode[]);

  const tree = computed(() => buildTree(nodes.value));
  const weightCheck = computed(() => checkWeights(tree.value.roots, currentPlan.value?.budgetWeightCp ?? 0));


  async function add(parentId: Id | null, name: string, fields: Omit<repo.NewIndicator, 'planId' | 'parentId' | 'name'> = {}) {
    if (!currentPlanId.value) throw new Error('no plan selected');
    return repo.addIndicator({ planId: currentPlanId.value, parentId, name, ...fields });
  }

  /** `opened` is the row as its editor opened it, not the latest one a live query delivered. */
  function update(id: Id, patch: repo.IndicatorPatch, opened: IndicatorNode) {
    return repo.updateIndicator(id, toRaw(patch), toRaw(opened));
  }

  /** Deletes and returns what went, so the notice that offers undo can restore exactly that deletion. */
  const remove = (id: Id) => repo.deleteIndicator(id);
  const restore = (deleted: repo.DeletedIndicators) => repo.restoreIndicators(deleted);

  const move = (id: Id, delta: -1 | 1) => repo.moveIndicator(id, delta);
  const countEntries = (id: Id) => repo.countEntriesUnder(id);

  async function applyDefaultWeights() {
    if (currentPlanId.value) await repo.applyDefaultWeightsToPlan(currentPlanId.value);
  }

  const addTargetAdjustment = (id: Id, adj: Omit<TargetAdjustment, 'id' | 'recordedAt'>, expectedRev: number) => repo.addTargetAdjustment(id, toRaw(adj), expectedRev);
  const removeTargetAdjustment = (id: Id, adjustmentId: Id, expectedRev: number) => repo.removeTargetAdjustment(id, adjustmentId, expectedRev);
  const restoreTargetAdjustment = (id: Id, adj: TargetAdjustment) => repo.restoreTargetAdjustment(id, structuredClone(toRaw(adj)));

  return { nodes, loading, tree, weightCheck, add, update, remove, restore, move, countEntries, applyDefaultWeights, addTargetAdjustment, removeTargetAdjustment, restoreTargetAdjustment };
});
