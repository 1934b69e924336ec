import { canonical, implicitVersion } from '@/domain/merge/versions';
import { SYNCED_TABLES, type SyncedTable } from '@/domain/merge/plan';
import type { Rec, RecordState } from '@/domain/merge/merge-record';
import type { SyncDoc } from './pouch';

/** "plans:abc" → ['plans', 'abc']; undefined for ids that are no app record (design docs, audit). */
export function splitKey(key: string): { table: SyncedTable; id: string } | undefined {
  const at = key.indexOf(':');
  const table = key.slice(0, at) as SyncedTable;
  if (at <= 0 || !(SYNCED_TABLES as readonly string[]).includes(table)) return undefined;
  return { table, id: key.slice(at + 1) };
}

/** Without this device's edit counter: two devices merging the same states then write the same document. */
export function withoutRev(r: Rec): Rec {
  const { rev: _rev, ...rest } = r;
  return rest as Rec;
}

/** A document's record state: a tombstone when deleted; a doc without versions counts as legacy history. */
export function stateOfDoc(doc: SyncDoc): RecordState {
  const v = doc.versions as SyncDoc['versions'] | undefined;
  const version = v && v.vv && v.origin ? { vv: v.vv, f: v.f ?? {}, origin: v.origin } : implicitVersion(0);
  if (doc._deleted || !doc.record) return { record: null, version, deletedAt: v?.deletedAt ?? '' };
  return { record: withoutRev(doc.record), version };
}

/** The document of a record state (no _id/_rev bookkeeping beyond the id). */
export function docOf(key: string, table: SyncedTable, state: RecordState, unitId: string, user: string, device?: string): SyncDoc {
  const versions = { vv: state.version.vv, f: state.version.f, origin: state.version.origin, ...(state.record ? {} : { deletedAt: state.deletedAt ?? '' }) };
  const doc: SyncDoc = { _id: key, table, unitId, versions, updatedBy: user, ...(device ? { device } : {}) };
  if (state.record) doc.record = withoutRev(state.record);
  else doc._deleted = true;
  return doc;
}

/** Same content and version (this device's `rev` aside): nothing to write. */
export function sameState(a: RecordState | undefined, b: RecordState | undefined): boolean {
  if (!a || !b) return a === b;
  return canonical([a.record && withoutRev(a.record), a.version]) === canonical([b.record && withoutRev(b.record), b.version]);
}
