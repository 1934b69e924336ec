import { defineStore, storeToRefs } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Id, IndicatorNode } from '@/domain/model';
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

  /** The last deletion, kept so it can be undone. */
  const lastDeleted = shallowRef<repo.DeletedIndicators | null>(null);

  async function add(parentId: Id | null, name: string, fields: Omit<repo.NewIndicator, 'planId' | 'parentId' | 'name'> = {}) {
    if (!currentPlanId.value) throw new Error('no plan selected');
    return repo.addIndicator({ planId: currentPlanId.value, parentId, name, ...fields });
  }

  function update(node: IndicatorNode, patch: repo.IndicatorPatch) {
    return repo.updateIndicator(node.id, patch, node.rev);
  }

  async function remove(id: Id) {
    lastDeleted.value = await repo.deleteIndicator(id);
    return lastDeleted.value;
  }

  async function undoRemove() {
    const rows = lastDeleted.value;
    if (!rows) return;
    await repo.restoreIndicators(rows);
    lastDeleted.value = null;
  }

  const move = (id: Id, delta: -1 | 1) => repo.moveIndicator(id, delta);
  const countEntries = (id: Id) => repo.countEntriesUnder(id);

  async function applyDefaultWeights() {
    if (currentPlanId.value) await repo.applyDefaultWeightsToPlan(currentPlanId.value);
  }

  return { nodes, loading, tree, weightCheck, lastDeleted, add, update, remove, undoRemove, move, countEntries, applyDefaultWeights };
});
