/**
 * The sync module's one door (loaded with a dynamic import, only when sync is configured or being set up): sign in,
 * start and stop the bridge for the app's database, and the clashes it keeps. The status store is its only user.
 */
import type { SyncConfig, SyncHandle } from './handle';
import { signIn, signOut, unitOf } from './session';
import { startSyncWorker } from './worker-handle';

export type { BridgeStatus, Refusal } from './bridge';
export type { SyncConfig, SyncHandle } from './handle';

export type ConnectResult = { ok: true; config: SyncConfig } | { ok: false; reason: string };

/** Signs in and finds the database's unit; nothing is stored here (the store keeps the config, never the password). */
export async function signInTo(server: string, dbName: string, user: string, password: string): Promise<ConnectResult> {
  const s = await signIn(server, user, password);
  if (!s.ok) return s;
  const u = await unitOf(server, dbName);
  if (!u.ok) return u;
  return { ok: true, config: { server, db: dbName, user, unitId: u.unitId } };
}

/** Starts the bridge in the sync worker: PouchDB and the merges stay off the page's thread (issue #11). */
export const startSync = startSyncWorker;

/** Disconnect: the bridge stops and the session ends; every record stays in this browser. */
export async function disconnect(handle: SyncHandle | undefined, config: SyncConfig): Promise<void> {
  await handle?.stop();
  await signOut(config.server);
}
