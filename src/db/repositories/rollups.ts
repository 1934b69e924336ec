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

/**
 * Recomputes the given days of one indicator's rollup from those days' entries, inside the caller's transaction on
 * the given database (entries and rollups in scope). Returns the rollup as written, null when no entries are left.
 *
 * The cost follows the changed days, not the indicator's history: a first sync that brings 1,000,000 entries in
 * batches reads each batch's days once instead of every entry of every touched indicator again per batch (issue
 * #11). The rollup and the days are read at once, in one round trip.
 */
export async function refreshRollupDays(d: JixiaoDb, indicatorId: Id, planId: Id, dates: Iterable<IsoDate>, now: string): Promise<IndicatorRollup | null> {
  const wanted = [...new Set(dates)];
  const [stored, ...perDay] = await Promise.all([d.rollups.get(indicatorId), ...wanted.map((date) => d.entries.where('[indicatorId+date]').equals([indicatorId, date]).toArray())]);
  const next = withDays(stored, indicatorId, planId, new Map(wanted.map((date, i) => [date, perDay[i]!])), now);
  await writeRollup(d, indicatorId, stored, next);
  return next;
}

/** Stores a recomputed rollup, or removes the stored one when none is left. */
export async function writeRollup(d: JixiaoDb, indicatorId: Id, stored: IndicatorRollup | undefined, next: IndicatorRollup | null): Promise<void> {
  if (next) await d.rollups.put(next);
  else if (stored) await d.rollups.delete(indicatorId);
}
