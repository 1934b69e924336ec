/**
 * What the page holds of a running sync (the bridge runs in the sync worker). Dexie only: this module stays out of
 * PouchDB's chunk.
 */
import { db } from '@/db/database';
import type { Choice } from '@/domain/merge/merge-record';
import type { MergeItem } from '@/domain/merge/plan';
import { DEVICE_KEY, DEVICE_NAMES_KEY, type DeviceClock } from '@/db/versioning/rows';
import type { BridgeStatus } from './bridge';
import { listClashes, resolveClash } from './clashes';

export interface SyncConfig {
  server: string;
  db: string;
  user: string;
  unitId: string;
}

export interface ClashList {
  items: MergeItem[];
  names: Record<string, string>;
  self: string;
}

export interface SyncHandle {
  stop(): Promise<void>;
  clashes(): Promise<ClashList>;
  resolve(key: string, choice: Choice): Promise<boolean>;
  dismissRefusal(key: string): Promise<void>;
}

/** The status of a bridge that could not start or whose worker failed: the reason in words, nothing counted. */
export const failedStatus = (e: unknown): BridgeStatus => ({ phase: 'error', toPush: 0, toPull: 0, received: 0, clashes: 0, refusals: [], error: e instanceof Error ? e.message : String(e) });

/** The clashes waiting, with who wrote the other value and which device is this one. */
export async function clashList(): Promise<ClashList> {
  const d = db();
  const device = ((await d.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined)?.id ?? '';
  const names = ((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) ?? {};
  return { items: await listClashes(d), names, self: device };
}

/** A choice is a local change like any edit (it enters the outbox and the bridge sends it on): written here. */
export const resolveHere = (key: string, choice: Choice): Promise<boolean> => resolveClash(db(), key, choice);
