/** Runs `fn` when the browser is idle (requestIdleCallback), or soon where it has none. */
export function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(fn);
  else setTimeout(fn, 50);
}
