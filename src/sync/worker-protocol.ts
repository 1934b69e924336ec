import type { BridgeStatus } from './bridge';
import type { SyncConfig } from './handle';

/** The page's requests to the sync worker; each is answered once with its id. */
export type ToSyncWorker =
  | { id: number; op: 'start'; config: SyncConfig }
  | { id: number; op: 'stop' }
  | { id: number; op: 'dismissRefusal'; key: string };

export type FromSyncWorker =
  | { type: 'status'; status: BridgeStatus | 'otherTab' }
  | { type: 'answer'; id: number; ok: true; value?: unknown }
  | { type: 'answer'; id: number; ok: false; message: string };
