import {
  META_FIELDS, contentFields, covers, dominates, dotOf, join, laterDot, sameDot, sameValue,
  type Dot, type RecordVersion,
} from './versions';

export type Rec = Record<string, unknown> & { id: string; updatedAt?: string; rev?: number };

/** A record as one side has it: its content, or a tombstone (record null) that remembers what the deletion had seen. */
export interface RecordState {
  record: Rec | null;
  version: RecordVersion;
  /** tombstones: when the record was deleted */
  deletedAt?: string;
}

export type Side = 'local' | 'remote';

export interface FieldClash {
  field: string;
  local: unknown;
  remote: unknown;
  localDot: Dot;
  remoteDot: Dot;
}

/**
 * What merging one incoming record does:
 * - new:        not here and never deleted here → taken
 * - identical:  same content (or both deleted) → skipped; `result` set when only the version needs recording
 * - local:      the bundle holds nothing this browser has not seen → kept as it is
 * - remote:     changed on the bundle's side only → taken
 * - merged:     both sides changed different fields → each field from the side that changed it
 * - clash:      both sides changed the same field since their common revision → the user chooses per field
 * - deleteClash: deleted on one side, edited on the other since → the user chooses keep or delete
 * - locked:     would change a submitted round or a finalised evaluation here → refused and reported
 * - lockedWins: the bundle's version is locked (submitted/final) and this browser's draft was edited meanwhile →
 *               the locked version is taken (a submission is final) and the draft's content is reported
 */
export type OutcomeKind = 'new' | 'identical' | 'local' | 'remote' | 'merged' | 'clash' | 'deleteClash' | 'locked' | 'lockedWins';

export interface RecordOutcome {
  kind: OutcomeKind;
  /** the state to store; absent when nothing is written (or a choice is still needed) */
  result?: RecordState;
  clashes: FieldClash[];
  /** deleteClash: the side that deleted it */
  deletedOn?: Side;
}

/** The user's answer to a clash: per field which side's value, or for a delete clash whether to keep the record. */
export interface Choice {
  fields?: Record<string, Side>;
  keep?: boolean;
}

// Superseded versions are as immutable as the locked ones they were: only the locked → superseded step is allowed.
const LOCKED = new Set(['submitted', 'final', 'superseded']);
const SUPERSEDE_FIELDS = new Set(['status', 'supersededBy', 'supersededAt']);

/** A submitted round or a finalised evaluation, or a version superseded since (the versioned lifecycle's locked states). */
export const isLocked = (r: Rec | null | undefined): boolean => !!r && typeof r.status === 'string' && LOCKED.has(r.status);

/** The one change a locked record may undergo: being marked superseded by its correction, nothing else. */
function allowedLockedChange(before: Rec, after: Rec | null): boolean {
  if (!after) return false;
  let changed = false;
  for (const k of contentFields(before, after)) {
    if (sameValue(before[k], after[k])) continue;
    if (!SUPERSEDE_FIELDS.has(k)) return false;
    changed = true;
  }
  // supersededBy/supersededAt only ever come with the superseded status (a clash answered "keep submitted" while
  // the other side's superseding fields come through would otherwise leave a submitted version with a successor).
  return !changed || after.status === 'superseded';
}

const laterTime = (a?: string, b?: string): string | undefined => (!a ? b : !b ? a : a > b ? a : b);

function sameContent(a: Rec | null, b: Rec | null): boolean {
  if (!a || !b) return a === b;
  return contentFields(a, b).every((k) => sameValue(a[k], b[k]));
}

/**
 * Merges one record of a bundle (remote) into this browser's copy (local). Pure and symmetric: merging A into B
 * and B into A gives the same content and version, so two colleagues who swap bundles end with the same data.
 * `resolveDot` is the merging device's next dot, stamped on every field a user's choice decided (a new write that
 * both earlier values are older than).
 */
export function mergeRecord(local: RecordState | undefined, remote: RecordState, choice?: Choice, resolveDot?: Dot): RecordOutcome {
  if (!local) return { kind: 'new', result: remote, clashes: [] };
  const vL = local.version.vv;
  const vR = remote.version.vv;
  const localSeenAll = dominates(vL, vR);
  const remoteSeenAll = dominates(vR, vL);
  const equal = sameContent(local.record, remote.record);

  if (localSeenAll && remoteSeenAll && equal) return sameHistory(local, remote);
  if (localSeenAll && !remoteSeenAll) return { kind: 'local', clashes: [] };
  if (remoteSeenAll && !localSeenAll) return guardLocked(local, { kind: 'remote', result: { ...remote, version: remote.version }, clashes: [] });
  // Concurrent (or equal vectors with different content: copies whose history cannot be told apart).
  const vv = join(vL, vR);
  if (!local.record && !remote.record) {
    // Deleted on both sides: the same tombstone whichever side merges (fields and origin picked as fieldMerge does).
    const f: Record<string, Dot> = {};
    for (const k of [...new Set([...Object.keys(local.version.f), ...Object.keys(remote.version.f)])].sort()) f[k] = newerDot(local.version, remote.version, k);
    const version: RecordVersion = { vv, f, origin: laterDot(local.version.origin, remote.version.origin) };
    return { kind: 'identical', result: { record: null, version, deletedAt: laterTime(local.deletedAt, remote.deletedAt) }, clashes: [] };
  }
  if (!local.record || !remote.record) return deleteClash(local, remote, vv, choice, resolveDot);
  if (isLocked(remote.record) && !isLocked(local.record) && !equal && remote.record.status !== local.record.status) {
    return { kind: 'lockedWins', result: { record: remote.record, version: { ...remote.version, vv } }, clashes: [] };
  }
  const merged = fieldMerge(local, remote, vv, choice, resolveDot);
  if (isLocked(local.record) && !merged.result && merged.kind === 'clash') {
    // A clash over a locked record: when taking the other side's values would be refused, so would every answer
    // that changes anything, so there is nothing to ask (and asking would come back at every exchange). A clash over
    // the superseding fields of two corrections is still asked.
    const fields = Object.fromEntries(merged.clashes.map((c): [string, Side] => [c.field, 'remote']));
    const taken = fieldMerge(local, remote, vv, { fields }, remote.version.origin).result!;
    if (!allowedLockedChange(local.record!, taken.record)) return { kind: 'locked', clashes: merged.clashes };
  }
  return guardLocked(local, merged);
}

/**
 * Same history on both sides. A write that changed no content (a touch) moves `updatedAt` without a new version, so
 * copies with one history can differ in it: the later one is taken, or the two browsers would never agree on it.
 */
function sameHistory(local: RecordState, remote: RecordState): RecordOutcome {
  const L = local.record;
  const at = laterTime(L?.updatedAt, remote.record?.updatedAt);
  if (!L || at === undefined || at === L.updatedAt) return { kind: 'identical', clashes: [] };
  return { kind: 'identical', result: { ...local, record: { ...L, updatedAt: at } }, clashes: [] };
}

/** Of two writes of a field, the one the other side has not seen; when both or neither were seen, the later dot. */
function newerDot(local: RecordVersion, remote: RecordVersion, k: string): Dot {
  const dL = dotOf(local, k);
  const dR = dotOf(remote, k);
  const seenR = covers(local.vv, dR);
  const seenL = covers(remote.vv, dL);
  return seenR && !seenL ? dL : seenL && !seenR ? dR : laterDot(dL, dR);
}

function guardLocked(local: RecordState, out: RecordOutcome): RecordOutcome {
  if (!isLocked(local.record) || !out.result) return out;
  return allowedLockedChange(local.record!, out.result.record) ? out : { kind: 'locked', clashes: out.clashes };
}

function deleteClash(local: RecordState, remote: RecordState, vv: RecordState['version']['vv'], choice?: Choice, resolveDot?: Dot): RecordOutcome {
  const deletedOn: Side = local.record ? 'remote' : 'local';
  const alive = (local.record ? local : remote) as RecordState & { record: Rec };
  // Deleting a locked record by merge is refused like editing it.
  if (deletedOn === 'remote' && isLocked(alive.record)) return { kind: 'locked', clashes: [], deletedOn };
  // Deleted here while the other side submitted it: a submission is final, so it comes back, locked — asking would
  // only offer a deletion the other side must refuse at every exchange.
  if (deletedOn === 'local' && isLocked(alive.record)) return { kind: 'lockedWins', clashes: [], deletedOn, result: { record: alive.record, version: { ...alive.version, vv } } };
  if (choice?.keep === undefined || !resolveDot) return { kind: 'deleteClash', clashes: [], deletedOn };
  const version = { vv: join(vv, { [resolveDot[0]]: resolveDot[1] }), f: alive.version.f, origin: alive.version.origin };
  if (choice.keep) {
    // Kept: every field is stamped by the decision, so the kept record is newer than the deletion everywhere —
    // fields it lacks too (removed on the keeping side, or set by the deleting side before it deleted), or a third
    // browser still holding such a field would see two writes it cannot order.
    const f = Object.fromEntries(writtenFields(local, remote).map((k) => [k, resolveDot]));
    return { kind: 'deleteClash', deletedOn, clashes: [], result: { record: alive.record, version: { ...version, f } } };
  }
  const deletedAt = (deletedOn === 'local' ? local : remote).deletedAt;
  return { kind: 'deleteClash', deletedOn, clashes: [], result: { record: null, version, deletedAt } };
}

function fieldMerge(local: RecordState, remote: RecordState, vv: RecordState['version']['vv'], choice?: Choice, resolveDot?: Dot): RecordOutcome {
  const L = local.record!;
  const R = remote.record!;
  const out: Rec = { id: L.id };
  const f: Record<string, Dot> = {};
  const clashes: FieldClash[] = [];
  let fromLocal = false;
  let fromRemote = false;
  let decided = false;
  for (const k of writtenFields(local, remote)) {
    const dL = dotOf(local.version, k);
    const dR = dotOf(remote.version, k);
    const seenR = covers(local.version.vv, dR);
    const seenL = covers(remote.version.vv, dL);
    let side: Side;
    if (sameValue(L[k], R[k])) {
      side = sameDot(dL, dR) || (seenR && !seenL) ? 'local' : seenL && !seenR ? 'remote' : sameDot(laterDot(dL, dR), dL) ? 'local' : 'remote';
    } else if (!sameDot(dL, dR) && seenR && !seenL) {
      side = 'local';
      fromLocal = true;
    } else if (!sameDot(dL, dR) && seenL && !seenR) {
      side = 'remote';
      fromRemote = true;
    } else {
      clashes.push({ field: k, local: L[k], remote: R[k], localDot: dL, remoteDot: dR });
      const chosen = choice?.fields?.[k];
      if (!chosen || !resolveDot) continue;
      setField(out, k, chosen === 'local' ? L[k] : R[k]);
      f[k] = resolveDot;
      decided = true;
      continue;
    }
    setField(out, k, side === 'local' ? L[k] : R[k]);
    f[k] = side === 'local' ? dL : dR;
  }
  const updatedAt = laterTime(L.updatedAt, R.updatedAt);
  if (updatedAt !== undefined) out.updatedAt = updatedAt;
  if (clashes.length && (!resolveDot || clashes.some((c) => !choice?.fields?.[c.field]))) return { kind: 'clash', clashes };
  const version: RecordVersion = { vv: decided && resolveDot ? join(vv, { [resolveDot[0]]: resolveDot[1] }) : vv, f, origin: laterDot(local.version.origin, remote.version.origin) };
  const kind: OutcomeKind = clashes.length ? 'clash' : fromLocal && fromRemote ? 'merged' : fromRemote ? 'remote' : fromLocal ? 'local' : 'identical';
  return { kind, clashes, result: { record: out, version } };
}

/**
 * The content fields either side holds or has a write of: a field removed on both sides is still merged, so its
 * removal keeps its dot (without one it would fall back to the origin and clash with a browser still holding it).
 */
function writtenFields(local: RecordState, remote: RecordState): string[] {
  const keys = new Set(contentFields(local.record ?? {}, remote.record ?? {}));
  for (const v of [local.version, remote.version]) for (const k of Object.keys(v.f)) if (!META_FIELDS.has(k)) keys.add(k);
  return [...keys].sort();
}

/** Absent stays absent: an optional field removed on the winning side is not stored as undefined. */
function setField(out: Rec, k: string, value: unknown): void {
  if (value !== undefined) out[k] = value;
}
