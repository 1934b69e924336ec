import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useDraftAutosave } from '@/composables/useDraftAutosave';
import { ConflictError } from '@/domain/errors';

interface Rec { id: string; rev: number; status: string; inputs: { text: string } }

/** A fake repository: saves take `ms`, refuse a stale revision like the real ones, and keep what they stored. */
function fakeRepo(ms = 30) {
  const stored = new Map<string, Rec>([
    ['a', { id: 'a', rev: 1, status: 'draft', inputs: { text: 'A' } }],
    ['b', { id: 'b', rev: 1, status: 'draft', inputs: { text: 'B' } }],
  ]);
  const save = async (id: string, inputs: { text: string }, rev: number): Promise<Rec> => {
    await new Promise((r) => setTimeout(r, ms));
    const cur = stored.get(id)!;
    if (cur.rev !== rev) throw new ConflictError(id);
    const next = { ...cur, inputs, rev: cur.rev + 1 };
    stored.set(id, next);
    return next;
  };
  return { stored, save };
}

describe('useDraftAutosave (the one way drafts are saved)', () => {
  it('typing during a save, then opening another record: the edit lands on the record it was made on, none on the other', async () => {
    const repo = fakeRepo();
    const current = ref<Rec | null>(repo.stored.get('a')!);
    const s = useDraftAutosave<{ text: string }, Rec>({ current, empty: () => ({ text: '' }), save: repo.save, ms: 5 });
    await nextTick();
    s.draft.value = { text: 'A1' };
    s.touch();
    await new Promise((r) => setTimeout(r, 15)); // the first save is now under way
    s.draft.value = { text: 'A2' }; // typed while it saves
    s.touch();
    current.value = repo.stored.get('b')!; // another record opened before the pause ends
    await nextTick();
    expect(s.draft.value).toEqual({ text: 'B' });
    await s.flush();
    await new Promise((r) => setTimeout(r, 120));
    expect(repo.stored.get('a')!.inputs).toEqual({ text: 'A2' });
    expect(repo.stored.get('b')!).toMatchObject({ rev: 1, inputs: { text: 'B' } });
  });

  it('after another tab saved first, what was typed stays and the retry replaces the stored version', async () => {
    const repo = fakeRepo(1);
    const current = ref<Rec | null>(repo.stored.get('a')!);
    const s = useDraftAutosave<{ text: string }, Rec>({ current, empty: () => ({ text: '' }), save: repo.save, ms: 5 });
    await nextTick();
    s.draft.value = { text: 'mine' };
    s.touch();
    const theirs = await repo.save('a', { text: 'theirs' }, 1); // the other tab
    current.value = theirs; // its save reaches this tab while ours waits: not taken over our edit
    await nextTick();
    await expect(s.flush()).rejects.toBeInstanceOf(ConflictError);
    expect(s.saving.value).toBe('failed');
    expect(s.draft.value).toEqual({ text: 'mine' });
    await s.flush(); // retry
    expect(repo.stored.get('a')!.inputs).toEqual({ text: 'mine' });
    expect(s.saving.value).toBe('saved');
  });
});
