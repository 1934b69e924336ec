import { db } from '../database';

/** Nothing of ours is stored: no unit and no plan (a user who deleted every plan still has the unit). */
export async function isDatabaseEmpty(): Promise<boolean> {
  const d = db();
  return (await d.plans.count()) === 0 && (await d.units.count()) === 0;
}

/** What deleting a plan takes with it, for its confirmation. */
export async function planImpact(planId: string): Promise<{ indicators: number; entries: number; spending: number }> {
  const d = db();
  const [indicators, entries, spending] = await Promise.all([
    d.indicators.where('planId').equals(planId).filter((n) => n.level === 3).count(),
    d.entries.where('planId').equals(planId).count(),
    d.spending.where('planId').equals(planId).count(),
  ]);
  return { indicators, entries, spending };
}

/** What a restore would replace, for its confirmation. */
export async function countCurrent(): Promise<{ plans: number; entries: number; spending: number }> {
  const d = db();
  const [plans, entries, spending] = await Promise.all([d.plans.count(), d.entries.count(), d.spending.count()]);
  return { plans, entries, spending };
}
