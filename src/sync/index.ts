/**
 * The sync module's one door (loaded with a dynamic import, only when sync is configured or being set up): sign in,
 * start and stop the bridge for the app's database, and the clashes it keeps. The status store is its only user.
 */
import { db } from '@/db/database';
import type { Choice } from '@/domain/merge/merge-record';
import type { MergeItem } from '@/domain/merge/plan';
import { DEVICE_KEY, DEVICE_NAMES_KEY, type DeviceClock } from '@/db/versioning/rows';
import { Bridge, type BridgeStatus } from './bridge';
import { listClashes, resolveClash } from './clashes';
import { localReplica, remoteReplica } from './browser';
import { databaseUrl, signIn, signOut, unitOf } from './session';

export type { BridgeStatus, Refusal } from './bridge';

export interface SyncConfig {
  server: string;
  db: string;
  user: string;
  unitId: string;
}

export type ConnectResult = { ok: true; config: SyncConfig } | { ok: false; reason: string };

/** Signs in and finds the database's unit; nothing is stored here (the store keeps the config, never the password). */
export async function signInTo(server: string, dbName: string, user: string, password: string): Promise<ConnectResult> {
  const s = await signIn(server, user, password);
  if (!s.ok) return s;
  const u = await unitOf(server, dbName);
  if (!u.ok) return u;
  return { ok: true, config: { server, db: dbName, user, unitId: u.unitId } };
}

export interface SyncHandle {
  stop(): Promise<void>;
  clashes(): Promise<{ items: MergeItem[]; names: Record<string, string>; self: string }>;
  resolve(key: string, choice: Choice): Promise<boolean>;
  dismissRefusal(key: string): Promise<void>;
}

/**
 * Starts the bridge. One tab of a browser runs it (a Web Lock): two bridges on one replica would race; the other
 * tabs see the data arrive through Dexie like any change and report 'otherTab'.
 */
export function startSync(config: SyncConfig, onStatus: (s: BridgeStatus | 'otherTab') => void): SyncHandle {
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
    async clashes() {
      const d = db();
      const device = ((await d.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined)?.id ?? '';
      const names = ((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) ?? {};
      return { items: await listClashes(d), names, self: device };
    },
    resolve: (key, choice) => resolveClash(db(), key, choice),
    dismissRefusal: async (key) => bridge?.dismissRefusal(key),
  };
}

/** Disconnect: the bridge stops and the session ends; every record stays in this browser. */
export async function disconnect(handle: SyncHandle | undefined, config: SyncConfig): Promise<void> {
  await handle?.stop();
  await signOut(config.server);
}
