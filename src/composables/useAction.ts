import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useNotices } from './useNotices';
import { errorText } from './errorText';

/**
 * A button's long-running job: `busy` while it runs (to disable the button and say "working"), a success notice
 * when given, and any failure said in words instead of an unhandled rejection.
 */
export function useAction() {
  const { t } = useI18n();
  const { notify } = useNotices();
  const busy = ref(false);
  async function run<T>(work: () => Promise<T>, success?: (result: T) => string): Promise<T | undefined> {
    busy.value = true;
    try {
      const result = await work();
      if (success) notify(success(result), { kind: 'success' });
      return result;
    } catch (e) {
      notify(errorText(e, t), { kind: 'error' });
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  /** Deletes, then offers undo of exactly that deletion in the notice. */
  async function removeWithUndo<T>(remove: () => Promise<T>, text: string, restore: (removed: T) => Promise<unknown>) {
    const removed = await run(remove);
    if (removed !== undefined) notify(text, { action: { label: t('tree.undo'), run: () => restore(removed) } });
  }
  return { busy, run, removeWithUndo };
}
