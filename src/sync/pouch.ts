/**
 * The slice of PouchDB 9 the bridge uses, typed here: PouchDB ships no types, and @types/pouchdb-* declare a global
 * `Buffer` that breaks Node's own typings elsewhere in the project. The browser builds its PouchDB in ./browser.ts;
 * the contract tests hand in memory replicas and HTTP remotes of their own.
 */
import type { RecordVersion } from '@/domain/merge/versions';
import type { Rec } from '@/domain/merge/merge-record';

/** One app record as a CouchDB document (server/couchdb/design/validate.js). */
export interface SyncDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  table: string;
  unitId: string;
  /** the record as stored, without this device's edit counter `rev`; absent on a tombstone */
  record?: Rec;
  versions: RecordVersion & { deletedAt?: string };
  updatedBy: string;
  /** the writing device's id (its dots in `versions`), so others can name who changed a field */
  device?: string;
}

export type WriteResult = { ok: true; id: string; rev: string } | { error: true; id: string; name: string; status?: number; message?: string; reason?: string };

export interface ChangeRow {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
}

export interface ChangesFeed {
  on(event: 'change', listener: (c: ChangeRow) => void): ChangesFeed;
  on(event: 'error', listener: (e: unknown) => void): ChangesFeed;
  on(event: string, listener: (arg: never) => void): ChangesFeed;
  cancel(): void;
}

export interface ReplicationInfo {
  docs_read?: number;
  docs_written?: number;
  pending?: number;
  /** the source's feed position the replication has reached (CouchDB 3: "N-…", N about the changes before it) */
  last_seq?: number | string;
  direction?: string;
}

export interface Replication {
  on(event: 'change', listener: (info: ReplicationInfo) => void): Replication;
  on(event: 'denied', listener: (err: unknown) => void): Replication;
  on(event: 'error' | 'paused', listener: (err: unknown) => void): Replication;
  on(event: 'active' | 'complete', listener: (info: unknown) => void): Replication;
  cancel(): void;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  batch_size?: number;
  back_off_function?: (delay: number) => number;
  checkpoint?: 'source' | 'target' | false;
}

export interface Pouch {
  name: string;
  get(id: string, opts: { open_revs: 'all'; revs?: boolean }): Promise<({ ok: SyncDoc } | { missing: string })[]>;
  allDocs(opts: { keys: string[]; include_docs: true; conflicts?: boolean }): Promise<{ rows: ({ key: string; id?: string; value?: { rev: string; deleted?: boolean }; doc?: SyncDoc | null; error?: string })[] }>;
  bulkDocs(docs: SyncDoc[], opts?: { new_edits?: boolean }): Promise<WriteResult[]>;
  changes(opts: { since: number | string; live: true; style: 'all_docs'; batch_size?: number; return_docs?: false }): ChangesFeed;
  info(): Promise<{ update_seq: number | string; doc_count: number }>;
  replicate: {
    to(target: Pouch, opts?: ReplicateOptions): Replication;
    from(source: Pouch, opts?: ReplicateOptions): Replication;
  };
  close(): Promise<void>;
  destroy(): Promise<unknown>;
}
