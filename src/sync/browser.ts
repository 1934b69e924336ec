import PouchDBCore from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import type { Pouch } from './pouch';

interface PouchStatic {
  new (name: string, opts?: Record<string, unknown>): Pouch;
  plugin(p: unknown): PouchStatic;
}

const PouchDB = (PouchDBCore as PouchStatic).plugin(idb).plugin(http).plugin(replication);

/** This device's replica of a unit database (IndexedDB, beside the app's own database). */
export const localReplica = (dbName: string): Pouch => new PouchDB(`jixiao-sync-${dbName}`, { adapter: 'idb' });

/** The unit database over HTTP, signed in with the CouchDB session cookie (the password is never kept). */
export const remoteReplica = (dbUrl: string): Pouch =>
  new PouchDB(dbUrl, { skip_setup: true, fetch: (url: string, opts: RequestInit) => fetch(url, { ...opts, credentials: 'include' }) });
