/**
 * The bridge run where this code runs: in the sync worker in the browser (worker.ts), in the page where there are no
 * workers (the tests under Node). One context of a browser runs it (a Web Lock): two bridges on one replica would
 * race; the other tabs see the data arrive through Dexie like any change and report 'otherTab'.
 */
import { db } from '@/db/database';
import { Bridge, type BridgeStatus } from './bridge';
import { localReplica, remoteReplica } from './browser';
import { databaseUrl } from './session';
import { clashList, resolveHere, type SyncConfig, type SyncHandle } from './handle';

export function runSync(config: SyncConfig, onStatus: (s: BridgeStatus | 'otherTab') => void): SyncHandle {
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
  if (locks) {
    void locks.request('jixiao-sync', { ifAvailable: true }, async (lock) => {
      if (lock) return run();
      onStatus('otherTab');
      return locks.request('jixiao-sync', run);
    });
  } else {
    void run();
  }
  return {
    async stop() {
      stopped = true;
      await bridge?.stop();
      release?.();
    },
    clashes: clashList,
    resolve: resolveHere,
    dismissRefusal: async (key) => bridge?.dismissRefusal(key),
  };
}
