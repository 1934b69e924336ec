import type { RecordVersion } from '@/domain/merge/versions';
import type { SyncedTable } from '@/domain/merge/plan';
import type { RecordState } from '@/domain/merge/merge-record';

/**
 * The version of one synced record, kept beside it (table `versions`, key "<table>:<id>"), or its tombstone once
 * the record is deleted: a deletion remembers what it had seen, so a colleague's older copy cannot bring it back.
 */
export interface VersionRow extends RecordVersion {
  key: string;
  table: SyncedTable;
  id: string;
  /** the record's plan (a plan's own id), so a bundle of chosen plans finds its tombstones */
  planId?: string;
  /** set on tombstones */
  deletedAt?: string;
}

/** A record changed on this device and not yet in the sync replica (v6): key "<table>:<id>", at = when. */
export interface OutboxRow {
  key: string;
  at: number;
}

/** The CouchDB revision a record was last synced at on this device (v6). */
export interface SyncRevRow {
  key: string;
  rev: string;
}

/** A sync clash waiting for the user's choice (v6): this device's state and the server's, as the merge saw them. */
export interface SyncClashRow {
  key: string;
  table: SyncedTable;
  id: string;
  kind: 'clash' | 'deleteClash';
  local: RecordState;
  remote: RecordState;
  /** the server revision the remote state is, so a newer one replaces the clash */
  rev: string;
  at: string;
}

/** This browser's identity as a writer: a random id and a clock that only goes up. Never in a backup. */
export interface DeviceClock {
  id: string;
  clock: number;
}

export const DEVICE_KEY = 'device';
/** device id → the name its user gave when exporting a bundle, to show who changed a field */
export const DEVICE_NAMES_KEY = 'deviceNames';
