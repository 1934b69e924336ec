import { buildSeed, SEED_KEY_PREFIX } from '@/domain/seed/build';
import { SEED_VERSION, yantianUnit } from '@/domain/seed/yantian-2022';
import { db } from '../database';
import { factory } from '../clock';
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
    await writeSeed();
    return 'seeded';
  });
}

async function writeSeed(unitId?: string) {
  const d = db();
  const f = factory();
  const bundle = buildSeed(f);
  if (unitId) {
    // Restoring: keep the existing unit record (other plans may point at it) and hang the sample plans on it.
    for (const p of bundle.plans) p.plan.unitId = unitId;
  } else {
    await d.units.add(bundle.unit);
  }
  for (const p of bundle.plans) await insertPlanBundle(p, 'seed');
  await d.meta.put({ key: 'seed', value: { version: SEED_VERSION, at: f.now } });
  await audit({ at: f.now, entity: 'sample', entityId: SEED_KEY_PREFIX, action: 'seed' });
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
