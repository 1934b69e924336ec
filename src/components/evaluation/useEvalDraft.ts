import { useEvaluationStore } from '@/stores/evaluation';
import type { Id } from '@/domain/model';
import { emptyEvalRowInput, type EvalRowInput, type EvaluationInputs } from '@/domain/evaluation/types';

/**
 * A patch as plain data. Patches are often built from what the form shows (`{ ...row.input.override, note }`), whose
 * nested objects are reactive proxies of the draft; a proxy stored inside the draft cannot be structured-cloned
 * for IndexedDB (DataCloneError in the browser), so the autosave would fail.
 */
const plain = <T>(patch: T): T => JSON.parse(JSON.stringify(patch)) as T;

/**
 * Edits of the open self-evaluation draft: each changes the store's `draft` (which rescores the card at once) and
 * schedules the autosave with store.touch(); no block of the form saves anything itself.
 */
export function useEvalDraft() {
  const store = useEvaluationStore();

  function editRow(id: Id, patch: Partial<EvalRowInput>) {
    // A row added to the plan after the evaluation started has no inputs yet.
    const row = store.draft.rows[id] ?? (store.draft.rows[id] = emptyEvalRowInput());
    Object.assign(row, plain(patch));
    store.touch();
  }

  function edit(patch: Partial<Pick<EvaluationInputs, 'goalActual' | 'budgetNote'>>) {
    Object.assign(store.draft, patch);
    store.touch();
  }

  return { editRow, edit };
}
