import type { Id, IsoDate } from '@/domain/model';
import type { IndicatorRollup } from '@/domain/actuals/types';
import { bucketize, withDays } from '@/domain/actuals/aggregate';
import { db, type JixiaoDb } from '../database';
import { nowIso } from '../clock';

/**
 * Rebuilds whole rollups of the given indicators from their entries (after bulk writes, deletes and restores).
 * Call inside a transaction that has entries and rollups in scope.
 */
export async function rebuildRollups(planId: Id, indicatorIds: Iterable<Id>): Promise<void> {
  const d = db();
  const now = nowIso();
  for (const indicatorId of new Set(indicatorIds)) {
    const entries = await d.entries.where('indicatorId').equals(indicatorId).toArray();
    if (entries.length) await d.rollups.put({ indicatorId, planId, days: bucketize(entries), updatedAt: now });
    else await d.rollups.delete(indicatorId);
  }
}

/** Days of indicators whose entries changed, to recompute from those days' entries. */
export type TouchedDays = ReadonlyMap<Id, { planId: Id; dates: Iterable<IsoDate> }>;

/**
 * Recomputes the touched days of each indicator's rollup from those days' entries, inside the caller's transaction on
 * the given database (entries and rollups in scope). Returns each rollup as written, null where no entries are left.
 *
 * The cost follows the changed days, not the indicators' history: a first sync that brings 1,000,000 entries in
 * batches reads each batch's days once, where re-reading every entry of each touched indicator per batch made it
 * quadratic (issue #11). All reads go out at once, and the writes are one bulk request (see Gathered in
 * src/sync/local.ts for why bulk matters to live queries).
 */
export async function refreshRollups(d: JixiaoDb, touched: TouchedDays, now: string): Promise<Map<Id, IndicatorRollup | null>> {
  const ids = [...touched.keys()];
  const wanted = ids.map((id) => [...new Set(touched.get(id)!.dates)]);
  const [stored, perDay] = await Promise.all([
    d.rollups.bulkGet(ids),
    Promise.all(ids.map((id, i) => Promise.all(wanted[i]!.map((date) => d.entries.where('[indicatorId+date]').equals([id, date]).toArray())))),
  ]);
  const out = new Map<Id, IndicatorRollup | null>();
  const puts: IndicatorRollup[] = [];
  const gone: Id[] = [];
  ids.forEach((id, i) => {
    const next = withDays(stored[i], id, touched.get(id)!.planId, new Map(wanted[i]!.map((date, j) => [date, perDay[i]![j]!])), now);
    out.set(id, next);
    if (next) puts.push(next);
    else if (stored[i]) gone.push(id);
  });
  await Promise.all([puts.length ? d.rollups.bulkPut(puts) : undefined, gone.length ? d.rollups.bulkDelete(gone) : undefined]);
  return out;
}

/** One indicator's days (refreshRollups for one). */
export async function refreshRollupDays(d: JixiaoDb, indicatorId: Id, planId: Id, dates: Iterable<IsoDate>, now: string): Promise<IndicatorRollup | null> {
  return (await refreshRollups(d, new Map([[indicatorId, { planId, dates }]]), now)).get(indicatorId) ?? null;
}

/** Stores a recomputed rollup, or removes the stored one when none is left. */
export async function writeRollup(d: JixiaoDb, indicatorId: Id, stored: IndicatorRollup | undefined, next: IndicatorRollup | null): Promise<void> {
  if (next) await d.rollups.put(next);
  else if (stored) await d.rollups.delete(indicatorId);
}
