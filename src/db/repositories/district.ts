import type { DistrictSources, EvaluationDigest, RoundDigest } from '@/domain/district/summary';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { db } from '../database';

/**
 * Everything the district summary of a year is computed from, in one read transaction with one query per table
 * (not one per plan): 1,000 plans cost a handful of IndexedDB requests. Rounds and evaluations are cut down to the
 * few figures the summary shows, so their frozen forms are not kept in memory.
 */
export async function loadDistrictSources(year: number): Promise<DistrictSources> {
  const d = db();
  return d.transaction('r', [d.plans, d.units, d.budgetLines, d.indicators, d.rollups, d.spending, d.rounds, d.evaluations], async () => {
    const plans = await d.plans.where('year').equals(year).toArray();
    const ids = plans.map((p) => p.id);
    const [units, lines, nodes, rollups, spending, rounds, evaluations] = await Promise.all([
      d.units.toArray(),
      d.budgetLines.where('planId').anyOf(ids).toArray(),
      d.indicators.where('planId').anyOf(ids).toArray(),
      d.rollups.where('planId').anyOf(ids).toArray(),
      d.spending.where('planId').anyOf(ids).toArray(),
      d.rounds.where('year').equals(year).toArray(),
      d.evaluations.where('year').equals(year).toArray(),
    ]);
    const byPlan = new Map<string, typeof rounds>();
    for (const r of rounds) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r]);
    const roundDigests: RoundDigest[] = [];
    for (const [planId, list] of byPlan) {
      const last = latestSubmitted(list);
      if (last?.snapshot) roundDigests.push({ planId, cutoff: last.cutoff, planLight: last.snapshot.planLight });
    }
    const evalDigests: EvaluationDigest[] = evaluations
      .filter((e) => e.status === 'final' && e.snapshot)
      .map((e) => ({ planId: e.planId, totalCp: e.snapshot!.scorecard.totalCp, grade: e.snapshot!.scorecard.grade }));
    return {
      plans,
      units: units.map((u) => ({ id: u.id, name: u.name, supervisor: u.supervisor })),
      lines,
      nodes,
      rollups,
      spending: spending.map((s) => ({ planId: s.planId, date: s.date, amountFen: s.amountFen, ...(s.source ? { source: s.source } : {}) })),
      rounds: roundDigests,
      evaluations: evalDigests,
    };
  });
}
