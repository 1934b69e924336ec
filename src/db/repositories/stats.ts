import { db } from '../database';

/** Nothing of ours is stored: no unit and no plan (a user who deleted every plan still has the unit). */
export async function isDatabaseEmpty(): Promise<boolean> {
  const d = db();
  return (await d.plans.count()) === 0 && (await d.units.count()) === 0;
}

/** What deleting a plan takes with it, for its confirmation. */
export async function planImpact(planId: string): Promise<{ indicators: number; entries: number; spending: number; rounds: number; evaluations: number }> {
  const d = db();
  const [indicators, entries, spending, rounds, evaluations] = await Promise.all([
    d.indicators.where('planId').equals(planId).filter((n) => n.level === 3).count(),
    d.entries.where('planId').equals(planId).count(),
    d.spending.where('planId').equals(planId).count(),
    // Filed work (a submitted 监控表, a final 自评表) goes too: the confirmation must name it.
    d.rounds.where('planId').equals(planId).filter((r) => r.status !== 'draft').count(),
    d.evaluations.where('planId').equals(planId).filter((e) => e.status !== 'draft').count(),
  ]);
  return { indicators, entries, spending, rounds, evaluations };
}

/** What a restore would replace, for its confirmation. */
export async function countCurrent(): Promise<{ plans: number; entries: number; spending: number; rounds: number; evaluations: number }> {
  const d = db();
  const [plans, entries, spending, rounds, evaluations] = await Promise.all([d.plans.count(), d.entries.count(), d.spending.count(), d.rounds.count(), d.evaluations.count()]);
  return { plans, entries, spending, rounds, evaluations };
}
