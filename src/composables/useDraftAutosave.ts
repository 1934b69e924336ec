import { ref, toRaw, watch, type Ref } from 'vue';
import type { Id } from '@/domain/model';

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
 * - edits are saved to the record they were made on, even when another record (or plan) is opened before the pause
 *   ends — they are flushed on the way out, never dropped or written to the newly opened one;
 * - a save already under way finishes first, so the next one (or a submit right after typing) carries its revision;
 * - something typed while a save was under way stays 'pending' and is saved by the next one;
 * - another tab's save is taken in only when nothing of ours is waiting.
 * The inputs are stored as plain data (structuredClone of toRaw): Vue proxies cannot be put into IndexedDB.
 */
export function useDraftAutosave<I, R extends DraftRecord<I>>(opts: {
  current: Ref<R | null>;
  empty: () => I;
  save: (id: Id, inputs: I, expectedRev: number) => Promise<R>;
  /** Whether a record (by id) is known to be locked now; a locked record's pending edits are not saved. */
  isLocked?: (id: Id) => boolean;
  ms?: number;
}) {
  const draft = ref(opts.empty()) as Ref<I>;
  const savedRev = ref(0);
  const saving = ref<SaveState>('idle');
  const saveError = ref<unknown>(null);
  let loadedId: Id | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<unknown> | null = null;

  watch(opts.current, (r) => {
    if (saving.value === 'pending' && r?.id !== loadedId) void flush().catch(() => undefined);
    if (!r) return;
    if (r.id !== loadedId || (r.rev !== savedRev.value && saving.value !== 'pending' && saving.value !== 'saving')) {
      loadedId = r.id;
      draft.value = structuredClone(toRaw(r.inputs));
      savedRev.value = r.rev;
    }
  });

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    while (inflight) await inflight.catch(() => undefined);
    // The record the draft was loaded from, not `current`, which may already be another one or none.
    const id = loadedId;
    if (!id || saving.value !== 'pending' || opts.isLocked?.(id)) return;
    // Taken before the first await: the draft may be replaced by the next record's inputs meanwhile.
    const inputs = structuredClone(toRaw(draft.value));
    saving.value = 'saving';
    const job = opts.save(id, inputs, savedRev.value);
    inflight = job;
    try {
      const saved = await job;
      if (loadedId === id) savedRev.value = saved.rev;
      // Typed while it was saving: still pending, and the save already scheduled carries it.
      if (saving.value === 'saving') saving.value = 'saved';
      saveError.value = null;
    } catch (e) {
      saving.value = 'failed';
      saveError.value = e;
      throw e;
    } finally {
      inflight = null;
    }
  }

  /** Call after each edit of `draft`: schedules the autosave. */
  function touch() {
    saving.value = 'pending';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush().catch(() => undefined), opts.ms ?? 600);
  }

  return { draft, savedRev, saving, saveError, flush, touch };
}
