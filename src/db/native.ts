import { db } from './database';

/**
 * IndexedDB's own index of one of the app's tables, in a readonly transaction of its own, for the few reads Dexie
 * makes slow at district scale: its cursor costs about 1 ms a step in such a database (Chromium's prefetching key
 * cursor does 1,000 keys in about 50 ms), and it has no getAllRecords. A live query does not see such a read: the
 * caller also reads the same range through Dexie, first. Null while the database is not open.
 */
export function nativeIndex(table: string, index: string): IDBIndex | null {
  const d = db();
  return d.isOpen() ? d.backendDB().transaction(table, 'readonly').objectStore(table).index(index) : null;
}
