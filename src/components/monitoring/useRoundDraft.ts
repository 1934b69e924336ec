import { useMonitoringStore } from '@/stores/monitoring';
import type { Id } from '@/domain/model';
import { emptyRowInput, type RoundInputs, type RoundRowInput } from '@/domain/monitoring/round-types';

/**
 * Edits of the open draft: each one changes the store's `draft` and schedules the autosave (store.touch()), so
 * the blocks of the form never save anything themselves.
 */
export function useRoundDraft() {
  const store = useMonitoringStore();

  function editRow(id: Id, patch: Partial<RoundRowInput>) {
    // A row added to the plan after the round started has no inputs yet.
    const row = store.draft.rows[id] ?? (store.draft.rows[id] = emptyRowInput());
    Object.assign(row, patch);
    store.touch();
  }

  function edit(patch: Partial<Omit<RoundInputs, 'rows' | 'rectify'>>) {
    Object.assign(store.draft, patch);
    store.touch();
  }

  function editRectify(patch: Partial<RoundInputs['rectify']>) {
    Object.assign(store.draft.rectify, patch);
    store.touch();
  }

  return { editRow, edit, editRectify };
}
