/**
 * The PouchDB 9 client of the contract tests (Node: memory replicas, HTTP remotes, the replicator), loaded with
 * require and typed here with just what the tests use: @types/pouchdb-* declare a global `Buffer` that breaks Node's
 * own typings elsewhere in the project, and PouchDB 9 ships no types of its own.
 */
import { createRequire } from 'node:module';

export interface Doc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
}

export interface ReplicationResult {
  ok: boolean;
  status: string;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

/** A refusal as the replicator reports it: check `name` ('forbidden' / 'unauthorized'), not the status. */
export interface Denied {
  id?: string;
  name?: string;
  reason?: string;
  message?: string;
}

export interface Replication extends PromiseLike<ReplicationResult> {
  on(event: 'denied', listener: (err: Denied) => void): Replication;
  on(event: string, listener: (arg: unknown) => void): Replication;
  cancel(): void;
}

export interface ReplicateOptions {
  doc_ids?: string[];
  live?: boolean;
  retry?: boolean;
}

export interface Database<D extends Doc = Doc> {
  get(id: string): Promise<D & { _rev: string }>;
  put(doc: D): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: D[]): Promise<({ ok: boolean; id: string; rev: string } | { error: boolean; id: string; name: string })[]>;
  destroy(): Promise<unknown>;
  close(): Promise<void>;
  replicate: {
    to(target: Database<Doc>, options?: ReplicateOptions): Replication;
    from(source: Database<Doc>, options?: ReplicateOptions): Replication;
  };
}

interface PouchDBStatic {
  new <D extends Doc = Doc>(name: string, options?: { adapter?: string; auth?: { username: string; password: string }; skip_setup?: boolean }): Database<D>;
  plugin(plugin: unknown): PouchDBStatic;
}

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core') as PouchDBStatic;
PouchDB.plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication'));

/** A replica in this process's memory (two with the same name share data). */
export const memoryDb = <D extends Doc>(name: string): Database<D> => new PouchDB<D>(name, { adapter: 'memory' });

/** A remote database over HTTP as a user. */
export const remoteDb = <D extends Doc>(url: string, user: { name: string; password: string }): Database<D> =>
  new PouchDB<D>(url, { auth: { username: user.name, password: user.password }, skip_setup: true });
