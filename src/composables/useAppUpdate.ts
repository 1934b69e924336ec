import { ref } from 'vue';

/** A new deployment is waiting: the shell offers "reload to update" instead of swapping code under the user. */
export const updateReady = ref(false);
let apply: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker of the built app (precached shell, so the app opens with the intranet server down).
 * Dev and tests have none: the plugin only emits it in a production build.
 */
export async function registerAppUpdates(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  apply = registerSW({
    // Registered after a dynamic import, so the page's load event may be over: without `immediate` the plugin would
    // wait for that event and never register.
    immediate: true,
    onNeedRefresh: () => (updateReady.value = true),
    onRegisterError: (e: unknown) => console.warn('service worker not registered', e),
  });
}

/** Activates the waiting version and reloads: only when the user asks. */
export async function applyUpdate(): Promise<void> {
  if (apply) await apply(true);
  else location.reload();
}
