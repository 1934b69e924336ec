/**
 * The bridge, run by the sync worker (worker.ts). One worker of a browser runs it (a Web Lock): two bridges on one
 * replica would race; the other tabs' workers wait, report 'otherTab', and their pages see the data arrive through
 * Dexie like any change.
 */
import { db } from '@/db/database';
import { Bridge, type BridgeStatus } from './bridge';
import { localReplica, remoteReplica } from './browser';
import { databaseUrl } from './session';
import { failedStatus, type SyncConfig, type SyncHandle } from './handle';

/** What the worker asks of the bridge it runs; the clashes are the page's own (handle.ts). */
export type BridgeRun = Pick<SyncHandle, 'stop' | 'dismissRefusal'>;

export function runSync(config: SyncConfig, onStatus: (s: BridgeStatus | 'otherTab') => void): BridgeRun {
  let bridge: Bridge | undefined;
  let stopped = false;
  let release: (() => void) | undefined;
  const run = async (): Promise<void> => {
    if (stopped) return;
    const local = localReplica(config.db);
    bridge = new Bridge({ db: db(), local, remote: remoteReplica(databaseUrl(config.server, config.db)), unitId: config.unitId, user: config.user, onStatus });
    await bridge.start();
    await new Promise<void>((r) => (release = r));
  };
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  // A bridge that cannot start (the replica does not open, the database is closed) says so in the status.
  const failed = (e: unknown) => {
    console.error(e);
    onStatus(failedStatus(e));
  };
  if (locks) {
    locks
      .request('jixiao-sync', { ifAvailable: true }, async (lock) => {
        if (lock) return run();
        onStatus('otherTab');
        return locks.request('jixiao-sync', run);
      })
      .catch(failed);
  } else {
    run().catch(failed);
  }
  return {
    async stop() {
      stopped = true;
      await bridge?.stop();
      release?.();
    },
    dismissRefusal: async (key) => bridge?.dismissRefusal(key),
  };
}
