/**
 * The sync worker: PouchDB, its replicator and the bridge run here, off the page's thread. A first sync of a big unit
 * writes a million documents into the replica and merges each into Dexie; on the page that work came in tasks of up
 * to a second (issue #11). Dexie tells the page's live queries about this worker's commits (a BroadcastChannel), so
 * the page only re-reads what it shows.
 */
import { runSync, type BridgeRun } from './run';
import type { FromSyncWorker, ToSyncWorker } from './worker-protocol';

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<ToSyncWorker>) => void) | null;
  postMessage: (m: FromSyncWorker) => void;
};
const post = (m: FromSyncWorker) => scope.postMessage(m);

let handle: BridgeRun | undefined;

async function answer(m: ToSyncWorker): Promise<unknown> {
  switch (m.op) {
    case 'start':
      handle ??= runSync(m.config, (status) => post({ type: 'status', status }));
      return undefined;
    case 'stop':
      await handle?.stop();
      handle = undefined;
      return undefined;
    case 'dismissRefusal':
      return handle?.dismissRefusal(m.key);
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  answer(m).then(
    (value) => post({ type: 'answer', id: m.id, ok: true, value }),
    (err: unknown) => post({ type: 'answer', id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
};
