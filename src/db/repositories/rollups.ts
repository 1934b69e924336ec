import type { Id } from '@/domain/model';
import { bucketize } from '@/domain/actuals/aggregate';
import { db } from '../database';
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
