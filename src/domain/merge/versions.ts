/**
 * Per-field version vectors: what lets two browsers that edited the same record apart from each other tell, field
 * by field, who changed what since they last agreed, without a server and without keeping old copies.
 *
 * Every browser has a device id and a clock that only goes up (kept in meta, never restored from a backup, so a
 * dot is never reused for different content). A write by device d at clock c stamps every field it changed with the
 * dot [d, c] and raises the record's vector to vv[d] = c. A vector covers a dot when vv[d] ≥ c: the holder has seen
 * that write. Two values of a field: the one whose dot the other side has seen was overwritten later and loses;
 * when neither side has seen the other's dot, both changed the field since their common revision — a clash.
 * (Parker et al., "Detection of mutual inconsistency in distributed systems", 1983; dotted version vectors.)
 */

/** device id → highest clock of that device whose write this copy has seen */
export type VersionVector = Record<string, number>;
/** [device, clock] of the write that last set a field */
export type Dot = readonly [string, number];

export interface RecordVersion {
  vv: VersionVector;
  /** field → dot of its last write; a field without one was last set at `origin` */
  f: Record<string, Dot>;
  /** dot of the write that created the record (or the implicit legacy dot) */
  origin: Dot;
}

/** Records written before versions existed (or restored from an older backup) share this device: same rev, same history. */
export const LEGACY_DEVICE = '0';

/** Fields that are bookkeeping, not content: the id, the per-browser edit counter, and the time of the last write. */
export const META_FIELDS: ReadonlySet<string> = new Set(['id', 'rev', 'updatedAt']);

export function implicitVersion(rev: number): RecordVersion {
  const dot: Dot = [LEGACY_DEVICE, rev];
  return { vv: { [LEGACY_DEVICE]: rev }, f: {}, origin: dot };
}

export const covers = (vv: VersionVector, dot: Dot): boolean => (vv[dot[0]] ?? 0) >= dot[1];

/** True when every write b has seen, a has seen too. */
export function dominates(a: VersionVector, b: VersionVector): boolean {
  for (const [d, c] of Object.entries(b)) if ((a[d] ?? 0) < c) return false;
  return true;
}

export function join(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [d, c] of Object.entries(b)) if ((out[d] ?? 0) < c) out[d] = c;
  return sortKeys(out);
}

export const dotOf = (v: RecordVersion, field: string): Dot => v.f[field] ?? v.origin;
export const sameDot = (a: Dot, b: Dot): boolean => a[0] === b[0] && a[1] === b[1];
/** A total order on dots, for the few places a deterministic pick is needed (equal values on both sides). */
export const laterDot = (a: Dot, b: Dot): Dot => (a[1] !== b[1] ? (a[1] > b[1] ? a : b) : a[0] >= b[0] ? a : b);

/** JSON with object keys sorted: equal content gives equal text whatever order the fields were written in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v));
}

function sortKeys<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])) as T;
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Content fields of a record (everything but bookkeeping), present on either side. */
export function contentFields(...records: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!META_FIELDS.has(k)) keys.add(k);
  return [...keys].sort();
}

/**
 * The version after a local write: fields whose value changed get the new dot, the vector rises to it. A record
 * written for the first time (no `before`) gets the dot as its origin.
 */
export function bump(prev: RecordVersion | undefined, before: Record<string, unknown> | undefined, after: Record<string, unknown>, dot: Dot): RecordVersion {
  if (!prev || !before) return { vv: { [dot[0]]: dot[1] }, f: {}, origin: dot };
  const f: Record<string, Dot> = { ...prev.f };
  let changed = false;
  for (const k of contentFields(before, after)) {
    if (!sameValue(before[k], after[k])) {
      f[k] = dot;
      changed = true;
    }
  }
  // A write that changed no content (a rev bump, a touch) leaves the version as it was: nothing for others to merge.
  // Not so a put over a tombstone (`before` is {}, which no stored record is: it has at least its id): the record is
  // back, and its version must be newer than the deletion's even when it has no content field to stamp.
  if (!changed && Object.keys(before).length) return prev;
  return { vv: join(prev.vv, { [dot[0]]: dot[1] }), f: sortKeys(f), origin: prev.origin };
}
