import type { Id } from '@/domain/model';
import type { RoundSources } from '@/domain/monitoring/round';
import { db } from '../database';
import { NotFoundError } from '../errors';

export type PlanSources = Omit<RoundSources, 'cutoff' | 'inputs'> & { plan: import('@/domain/model').Plan };

/**
 * Everything a monitoring form or a self-evaluation is computed from, read in one transaction so the figures are
 * consistent with each other. Call inside a transaction that includes these tables when the result is written back.
 */
export async function loadPlanSources(planId: Id): Promise<PlanSources> {
  const d = db();
  return d.transaction('r', [d.plans, d.units, d.budgetLines, d.indicators, d.rollups, d.spending], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    const [unit, lines, nodes, rollups, spending] = await Promise.all([
      d.units.get(plan.unitId),
      d.budgetLines.where('planId').equals(planId).sortBy('order'),
      d.indicators.where('planId').equals(planId).toArray(),
      d.rollups.where('planId').equals(planId).toArray(),
      d.spending.where('planId').equals(planId).toArray(),
    ]);
    return { plan, unit: unit ?? null, lines, nodes, rollups, spending };
  });
}

/** The tables loadPlanSources reads, for a caller's enclosing transaction. */
export function sourceTables() {
  const d = db();
  return [d.plans, d.units, d.budgetLines, d.indicators, d.rollups, d.spending];
}

/**
 * Sources of every plan of one unit and year (the monitoring overview: a manager's own unit), in one read. The unit's
 * plans only: at district scale (1,000 plans a year) every plan's sources took seconds to read and score, and the
 * district view covers all units from the filed table and per-plan slices.
 */
export async function loadUnitYearSources(unitId: Id, year: number): Promise<PlanSources[]> {
  const d = db();
  return d.transaction('r', sourceTables(), async () => {
    const plans = (await d.plans.where('unitId').equals(unitId).toArray()).filter((p) => p.year === year);
    return Promise.all(plans.map((p) => loadPlanSources(p.id)));
  });
}
