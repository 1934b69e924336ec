/**
 * Runs `fn` each time the page is shown again (its tab chosen, its window restored): what a store reads on demand
 * instead of live is fresh when the user looks again. For app-lifetime stores: the listener is never removed.
 */
export function onPageShown(fn: () => void): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') fn();
  });
}
