/**
 * When the first screen has its data: every live query started so far has delivered its first result, and none has
 * started for a short quiet spell. Work that can wait (loading the other views' scripts, keeping the filed digests)
 * starts then, so it never queues in IndexedDB (which serves one request at a time) ahead of the first screen's own
 * reads, and yet is done long before a user's next navigation. A fixed delay did neither: at district scale the first
 * screen is drawn after about 0.7 s, and a district opened at 3.7 s still found its digests unread (issue #10).
 */

/** Live queries waiting for their first result. */
let waiting = 0;
const quietListeners = new Set<() => void>();

/** Marks a live query's first read as under way; the returned function marks it answered (once, however often called). */
export function firstReadStarted(): () => void {
  waiting++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    waiting--;
    if (waiting === 0) for (const l of [...quietListeners]) l();
  };
}

/**
 * Resolves once `ready` has (the router's first navigation, so the first view's queries have started) and no live
 * query has waited for its first result for `quietMs` on end; or at `capMs` after `ready` whatever the reads do, so a
 * screen that keeps one query waiting never holds the rest back.
 */
export function firstScreenRead(ready: Promise<unknown>, { quietMs = 100, capMs = 3000 } = {}): Promise<void> {
  return new Promise((resolve) => {
    ready.then(
      () => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          clearTimeout(timer);
          clearTimeout(cap);
          quietListeners.delete(onQuiet);
          resolve();
        };
        // Each time the last waiting read is answered the quiet spell starts again: a view's reads often come in
        // waves (the plan first, then its rows), and a wave still waiting at the spell's end is answered later.
        const onQuiet = () => {
          clearTimeout(timer);
          timer = setTimeout(() => (waiting === 0 ? finish() : undefined), quietMs);
        };
        const cap = setTimeout(finish, capMs);
        quietListeners.add(onQuiet);
        if (waiting === 0) onQuiet();
      },
      () => resolve(),
    );
  });
}
