/**
 * The page's side of the sync worker (worker.ts): a SyncHandle whose bridge runs in the worker. The clash list is read
 * and a choice written here (Dexie only, a few rows when the user asks); the bridge sees the choice in the outbox.
 */
import type { BridgeStatus } from './bridge';
import { clashList, failedStatus, resolveHere, type SyncConfig, type SyncHandle } from './handle';
import type { FromSyncWorker, ToSyncWorker } from './worker-protocol';

const STOP_WAIT_MS = 5000;

type Request = ToSyncWorker extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function startSyncWorker(config: SyncConfig, onStatus: (s: BridgeStatus | 'otherTab') => void): SyncHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'jixiao-sync' });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** The worker failed or was stopped: nothing more is asked of it. */
  let dead = false;
  const failAll = (why: string) => {
    for (const w of waiting.values()) w.reject(new Error(why));
    waiting.clear();
  };
  worker.onmessage = (e: MessageEvent<FromSyncWorker>) => {
    const m = e.data;
    if (m.type === 'status') return onStatus(m.status);
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(new Error(m.message));
  };
  // The worker failed outside its own handling (its script did not load, or it ran out of memory): said in the status.
  worker.onerror = (e) => {
    e.preventDefault();
    console.error('sync worker:', e.message, e.filename, e.lineno);
    dead = true;
    const why = e.message || 'sync worker stopped';
    onStatus(failedStatus(new Error(why)));
    failAll(why);
  };
  const ask = <T>(r: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(new Error('sync worker stopped'));
      const id = ++next;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const m = { ...r, id } as ToSyncWorker;
      try {
        worker.postMessage(m);
      } catch (e) {
        waiting.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  // A plain copy: the store's config is a reactive proxy, which postMessage cannot clone (the start was lost that way
  // on a resumed sync).
  const plain: SyncConfig = { ...config };
  void ask({ op: 'start', config: plain }).catch((e: unknown) => onStatus(failedStatus(e)));
  return {
    async stop() {
      // The bridge stops its replications and feed in the worker; a worker that does not answer is ended anyway, and
      // nothing it still sends reaches the status (a new connection may already be starting).
      try {
        if (!dead) await Promise.race([ask({ op: 'stop' }).catch(() => undefined), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
      } finally {
        dead = true;
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
        failAll('sync stopped');
      }
    },
    clashes: clashList,
    resolve: resolveHere,
    dismissRefusal: (key) => ask<void>({ op: 'dismissRefusal', key }),
  };
}
