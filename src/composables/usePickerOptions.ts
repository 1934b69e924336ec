import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useIndicatorsStore } from '@/stores/indicators';
import { isApplicable, leaves, pathOf } from '@/domain/targets/tree';
import { initials } from '@/domain/pinyin';
import type { Id } from '@/domain/model';

export interface PickerOption {
  id: Id;
  name: string;
  /** 产出 › 数量 */
  path: string;
  targetText: string;
  /** What a search matches: name, path, target and the name's pinyin initials (宣传资料 → xczl). */
  search: string;
}

/** The current plan's applicable 三级 indicators as picker options (不适用 rows take no entries). */
export function usePickerOptions() {
  const { tree, nodes } = storeToRefs(useIndicatorsStore());
  const loggable = computed(() => leaves(tree.value.roots).filter(isApplicable));
  const options = computed<PickerOption[]>(() =>
    loggable.value.map((n) => {
      const path = pathOf(nodes.value, n.id).slice(0, 2).map((p) => p.name).join(' › ');
      const targetText = n.targetText ?? '';
      return { id: n.id, name: n.name, path, targetText, search: `${n.name} ${initials(n.name)} ${path} ${targetText}`.toLowerCase() };
    }),
  );
  return { loggable, options };
}
