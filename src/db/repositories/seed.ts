import { buildSeed, SEED_KEY_PREFIX } from '@/domain/seed/build';
import { SEED_VERSION, yantianUnit } from '@/domain/seed/yantian-2022';
import { db } from '../database';
import Dexie from 'dexie';
import type { RecordFactory } from '@/domain/seed/build';
import { nowIso } from '../clock';
import { markRaw } from '../versioning/middleware';
import { audit } from './audit';
import { insertPlanBundle } from './plans';

export type SeedOutcome = 'seeded' | 'not-empty';

function seedTables() {
  const d = db();
  return [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.audit, d.meta] as const;
}

/**
 * First run: loads the sample 2022 plans only when the database holds no plan at all. The emptiness check and the
 * writes share one transaction, so two tabs opening at once cannot both seed.
 */
export async function seedIfEmpty(): Promise<SeedOutcome> {
  const d = db();
  return d.transaction('rw', seedTables(), async () => {
    if ((await d.plans.count()) > 0 || (await d.units.count()) > 0) return 'not-empty';
    // The sample is the same in every browser — same ids, same stamps, written as shared history (no device's
    // version) — so colleagues who both started from it merge their bundles as edits of one plan, not two copies.
    markRaw(Dexie.currentTransaction.idbtrans);
    await writeSeed();
    return 'seeded';
  });
}

/** When the sample's records say they were made: the start of the plan year, identical in every browser. */
export const SAMPLE_STAMP = '2022-01-01T00:00:00.000Z';

/** Ids of the sample's records, the same in every browser and every restore of the sample. */
function sampleFactory(): RecordFactory {
  let n = 0;
  return { newId: () => `sample-${SEED_VERSION}-${String(++n).padStart(4, '0')}`, now: SAMPLE_STAMP };
}

async function writeSeed(unitId?: string) {
  const d = db();
  const f = sampleFactory();
  const now = nowIso();
  const bundle = buildSeed(f);
  if (unitId) {
    // Restoring: keep the existing unit record (other plans may point at it) and hang the sample plans on it.
    for (const p of bundle.plans) p.plan.unitId = unitId;
  } else {
    await d.units.add(bundle.unit);
  }
  for (const p of bundle.plans) await insertPlanBundle(p, 'seed');
  await d.meta.put({ key: 'seed', value: { version: SEED_VERSION, at: now } });
  await audit({ at: now, entity: 'sample', entityId: SEED_KEY_PREFIX, action: 'seed' });
}

/** What "restore sample plans" would replace: the sample plans, and any activity the user logged on them. */
export async function sampleRestoreImpact(): Promise<{ plans: number; entries: number; spending: number }> {
  const d = db();
  const ids = (await d.plans.toArray()).filter((p) => p.seedKey?.startsWith(SEED_KEY_PREFIX)).map((p) => p.id);
  const [entries, spending] = await Promise.all([
    d.entries.where('planId').anyOf(ids).filter((e) => !e.sample).count(),
    d.spending.where('planId').anyOf(ids).filter((s) => !s.sample).count(),
  ]);
  return { plans: ids.length, entries, spending };
}

/**
 * "Restore sample plan": replaces the sample plans (and only them) with fresh copies of the seed, all-or-nothing.
 * Plans the user created, including next-year copies of the sample, are left untouched.
 */
export async function restoreSamplePlans(): Promise<void> {
  const d = db();
  await d.transaction('rw', seedTables(), async () => {
    const samples = (await d.plans.toArray()).filter((p) => p.seedKey?.startsWith(SEED_KEY_PREFIX));
    const ids = samples.map((p) => p.id);
    // The sample plans' activity goes with them: it pointed at indicators that are replaced.
    await d.entries.where('planId').anyOf(ids).delete();
    await d.rollups.where('planId').anyOf(ids).delete();
    await d.spending.where('planId').anyOf(ids).delete();
    await d.indicators.where('planId').anyOf(ids).delete();
    await d.budgetLines.where('planId').anyOf(ids).delete();
    await d.plans.bulkDelete(ids);
    // The unit the sample plans hang on, even if the user renamed it; else one with the sample's name.
    const unitId = samples[0]?.unitId ?? (await d.units.toArray()).find((u) => u.name === yantianUnit.name)?.id;
    await writeSeed(unitId && (await d.units.get(unitId)) ? unitId : undefined);
  });
}
