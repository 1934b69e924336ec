import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { firstReadStarted } from './firstScreen';

/** The last failed read of any live query: the shell shows it, so stale or empty data is never shown silently. */
export const liveQueryFailure = shallowRef<unknown>(null);

/**
 * A Dexie liveQuery as a shallow ref. Re-runs when any table it read changes — in this tab or another one
 * (Dexie broadcasts changes between tabs) — and re-subscribes when `source` changes.
 * Errors land in `error` instead of being swallowed.
 */
export function useLiveQuery<S, T>(
  source: WatchSource<S>,
  query: (s: S) => Promise<T> | T,
  initial: T,
): { data: Ref<T>; error: Ref<unknown>; loading: Ref<boolean> } {
  const data = shallowRef(initial) as Ref<T>;
  const error = shallowRef<unknown>(null);
  const loading = shallowRef(true);
  let sub: Subscription | null = null;
  // Each subscription's first answer counts towards the first screen (firstScreen.ts); one left unanswered when the
  // source changes or the scope ends counts as answered.
  let answered = () => {};
  const stop = watch(
    source,
    (s) => {
      sub?.unsubscribe();
      answered();
      loading.value = true;
      const answer = (answered = firstReadStarted());
      sub = liveQuery(() => query(s)).subscribe({
        next: (v) => {
          data.value = v;
          error.value = null;
          loading.value = false;
          answer();
        },
        error: (e) => {
          error.value = e;
          liveQueryFailure.value = e;
          loading.value = false;
          answer();
        },
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    stop();
    sub?.unsubscribe();
    answered();
  });
  return { data, error, loading };
}
