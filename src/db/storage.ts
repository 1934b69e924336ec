import { db } from './database';

export interface StorageState {
  /** true: the browser promised not to evict; false: best-effort; null: unknown (API missing). */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Asks once for persistent storage (granted on localhost/https when the site is used a lot or bookmarked). */
export async function requestPersistence(): Promise<StorageState> {
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  let persisted: boolean | null = null;
  try {
    if (s?.persisted) persisted = await s.persisted();
    if (s?.persist && persisted === false) persisted = await s.persist();
  } catch {
    persisted = null; // some managed browsers throw instead of answering; show "unknown"
  }
  const est = s?.estimate ? await s.estimate().catch(() => null) : null;
  return { persisted, usageBytes: est?.usage ?? null, quotaBytes: est?.quota ?? null };
}

const HAD_DATA_KEY = 'jixiao.hadData';

/**
 * Detects "this browser had our data and now has none" (site data cleared on exit by a managed PC, eviction):
 * localStorage survives some of those clean-ups, IndexedDB did not, so the app must not silently start fresh.
 */
export function hadDataBefore(): boolean {
  try {
    return localStorage.getItem(HAD_DATA_KEY) !== null;
  } catch {
    return false;
  }
}

export function markHasData(): void {
  try {
    localStorage.setItem(HAD_DATA_KEY, new Date().toISOString());
  } catch {
    /* storage disabled: nothing to remember */
  }
}

/** An old tab must let a newer version upgrade the schema: close, and tell the user to reload. */
export function onVersionChange(handler: () => void): void {
  db().on('versionchange', () => {
    db().close();
    handler();
    return false;
  });
}
