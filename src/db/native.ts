import { db } from './database';

/**
 * IndexedDB's own index of one of the app's tables, in a readonly transaction of its own, for what Dexie cannot do
 * fast at district scale: it has no getAllRecords (the entry list's first page in one request), and its cursor costs
 * about 1 ms a step in such a database. A live query does not see such a read: the caller also reads something
 * through Dexie that changes with it. Null while the database is not open.
 */
export function nativeIndex(table: string, index: string): IDBIndex | null {
  const d = db();
  return d.isOpen() ? d.backendDB().transaction(table, 'readonly').objectStore(table).index(index) : null;
}
