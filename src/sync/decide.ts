import { mergeRecord, type RecordState } from '@/domain/merge/merge-record';
import type { SyncClashRow } from '@/db/versioning/rows';
import { docOf, sameState, stateOfDoc } from './docs';
import type { LocalInfo, LocalWrite } from './local';
import type { SyncDoc } from './pouch';

/** CouchDB's winning revision: a live one before deleted ones, then the longest history, then the larger rev id. */
export function winnerOf(leaves: readonly SyncDoc[]): SyncDoc | undefined {
  const pos = (r: string | undefined): number => Number.parseInt(String(r), 10) || 0;
  return [...leaves].sort((a, b) => Number(!!a._deleted) - Number(!!b._deleted) || pos(b._rev) - pos(a._rev) || (String(b._rev) > String(a._rev) ? 1 : -1))[0];
}

/**
 * A tombstone the bridge wrote to close a branch — a conflicting revision merged into the winner, or a change the
 * server refused: history, not a deletion anyone asked for, so no merge takes it for one.
 */
export const isClosedLeaf = (d: SyncDoc): boolean => !!d._deleted && typeof (d as { closed?: string }).closed === 'string';

export interface Decision {
  /** documents to write into the sync replica (the merged winner, the losing revisions deleted) */
  docs: SyncDoc[];
  local?: LocalWrite;
}

export interface Context {
  unitId: string;
  user: string;
  /** this device's id, written into the documents so other devices can name who changed a field */
  device?: string;
  now: string;
  inUnit: boolean;
}

/**
 * One record: this device's state against every revision the sync replica holds. Merged deterministically (leaves
 * in rev order, mergeRecord symmetric), so two devices resolving the same CouchDB conflict write the same document;
 * the merged winner replaces the winning revision and the others are deleted, so the conflict is gone everywhere.
 * A clash of values is kept for the user and nothing is written.
 */
export function decide(info: LocalInfo, allLeaves: readonly SyncDoc[], ctx: Context): Decision {
  const L = info.state;
  const leaves = allLeaves.filter((l) => !isClosedLeaf(l)).sort((a, b) => (String(a._rev) < String(b._rev) ? -1 : 1));
  if (!leaves.length) {
    if (!L || !L.record || !ctx.inUnit) return { docs: [], local: info.inOutbox ? { info, clearOutbox: true } : undefined };
    return { docs: [docOf(info.key, info.table, L, ctx.unitId, ctx.user, ctx.device)], local: { info, clearOutbox: true, clash: null } };
  }
  const W = winnerOf(leaves)!;
  if (leaves.length === 1 && W._rev === info.syncRev && !info.inOutbox) return { docs: [] };

  let M: RecordState | undefined = L;
  let kindSeen = '';
  for (const leaf of leaves) {
    const remote = stateOfDoc(leaf);
    const out = mergeRecord(M, remote);
    if (out.kind === 'clash' || out.kind === 'deleteClash') {
      if (out.result) {
        M = out.result;
        continue;
      }
      const clash: SyncClashRow = { key: info.key, table: info.table, id: info.id, kind: out.kind, local: M!, remote, rev: String(leaf._rev), at: ctx.now };
      return { docs: [], local: { info, clash } };
    }
    if (out.result) M = out.result;
    if (out.kind !== 'identical' && out.kind !== 'local') kindSeen = out.kind;
  }
  const merged = M!;
  const docs: SyncDoc[] = [];
  const winner = stateOfDoc(W);
  if (!sameState(merged, winner) && !(merged.record === null && W._deleted)) docs.push({ ...docOf(info.key, info.table, merged, ctx.unitId, ctx.user, ctx.device), _rev: W._rev });
  for (const l of leaves) if (l !== W && !l._deleted) docs.push({ ...l, _deleted: true, updatedBy: ctx.user, closed: 'merged' } as SyncDoc);
  const changedHere = !sameState(merged, L);
  return {
    docs,
    local: {
      info,
      ...(changedHere ? { state: merged } : {}),
      ...(docs.length ? {} : { rev: String(W._rev) }),
      clearOutbox: true,
      clash: null,
      ...(changedHere && kindSeen && kindSeen !== 'new' && kindSeen !== 'remote' ? { note: { outcome: kindSeen } } : {}),
    },
  };
}
