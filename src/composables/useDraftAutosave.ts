import { ref, toRaw, watch, type Ref } from 'vue';
import type { Id } from '@/domain/model';
import { ConflictError, LockedError } from '@/domain/errors';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

interface DraftRecord<I> {
  id: Id;
  rev: number;
  status: string;
  inputs: I;
}

/**
 * The editable inputs of a draft record (a monitoring round, a self-evaluation) saved a short pause after each edit.
 * One mechanism for both, because the ways to lose an edit are the same:
 * - edits are saved to the record they were made on: leaving a record with edits waiting takes a copy of them at that
 *   moment and saves that copy to that record, even while another save is under way or another record is shown;
 * - saves run one after another, each with the revision the previous one returned for its record;
 * - something typed while a save was under way stays 'pending' and is saved by the next one;
 * - another tab's save is taken in only when nothing of ours is waiting; if ours then conflicts, what the user typed
 *   stays on screen and the next save (the retry) knowingly replaces the other tab's;
 * - a tab being closed or hidden saves what is waiting at once.
 * The inputs are stored as plain data (structuredClone of toRaw): Vue proxies cannot be put into IndexedDB.
 */
export function useDraftAutosave<I, R extends DraftRecord<I>>(opts: {
  current: Ref<R | null>;
  empty: () => I;
  save: (id: Id, inputs: I, expectedRev: number) => Promise<R>;
  /** Whether a record (by id) is known to be locked now; its pending edits are refused and said so. */
  isLocked?: (id: Id) => boolean;
  ms?: number;
}) {
  const draft = ref(opts.empty()) as Ref<I>;
  const savedRev = ref(0);
  const saving = ref<SaveState>('idle');
  const saveError = ref<unknown>(null);
  let loadedId: Id | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The revision each record had after our last save of it (a save queued for a record left behind needs it). */
  const revById = new Map<Id, number>();
  let queue: Promise<unknown> = Promise.resolve();

  watch(opts.current, (r) => {
    if (saving.value === 'pending' && r?.id !== loadedId && loadedId) {
      // Leaving a record with edits waiting: save a copy of them, taken now, to that record.
      void enqueue(loadedId, structuredClone(toRaw(draft.value))).catch(() => undefined);
      // What waits is that record's, now queued: the record opened next has nothing of its own to save.
      saving.value = 'saving';
    }
    if (!r) return;
    if (r.id !== loadedId || (r.rev !== savedRev.value && saving.value !== 'pending' && saving.value !== 'saving')) {
      loadedId = r.id;
      draft.value = structuredClone(toRaw(r.inputs));
      savedRev.value = r.rev;
      revById.set(r.id, r.rev);
    }
  }, { immediate: true });

  function enqueue(id: Id, inputs: I): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const job = queue.catch(() => undefined).then(() => saveNow(id, inputs));
    queue = job;
    return job;
  }

  async function saveNow(id: Id, inputs: I): Promise<void> {
    if (opts.isLocked?.(id)) {
      saving.value = 'failed';
      saveError.value = new LockedError(id);
      throw saveError.value;
    }
    saving.value = 'saving';
    try {
      const saved = await opts.save(id, inputs, revById.get(id) ?? savedRev.value);
      revById.set(id, saved.rev);
      if (loadedId === id) savedRev.value = saved.rev;
      // Typed while it was saving: still pending, and the save already scheduled carries it.
      if (saving.value === 'saving') saving.value = 'saved';
      saveError.value = null;
    } catch (e) {
      // Another tab saved first: keep what was typed, and let the next save (the retry) replace the stored version.
      if (e instanceof ConflictError) {
        const stored = opts.current.value;
        if (stored?.id === id) revById.set(id, stored.rev);
        if (loadedId === id && stored?.id === id) savedRev.value = stored.rev;
      }
      saving.value = 'failed';
      saveError.value = e;
      throw e;
    }
  }

  /** Saves what is waiting now (before a submit, on leaving the page); resolves when every queued save is done. */
  async function flush(): Promise<void> {
    if (saving.value === 'pending' || saving.value === 'failed') {
      if (loadedId) await enqueue(loadedId, structuredClone(toRaw(draft.value)));
      return;
    }
    await queue;
  }

  /** Call after each edit of `draft`: schedules the autosave. */
  function touch() {
    saving.value = 'pending';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush().catch(() => undefined), opts.ms ?? 600);
  }

  // A tab closed, reloaded for an update or hidden within the pause would lose the last edit: save it at once.
  if (typeof window !== 'undefined') {
    const now = () => {
      if (saving.value === 'pending') void flush().catch(() => undefined);
    };
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && now());
  }

  return { draft, savedRev, saving, saveError, flush, touch };
}
