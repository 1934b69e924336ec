import type { DistrictSources, EvaluationDigest, RoundDigest } from '@/domain/district/summary';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { db } from '../database';

/**
 * Everything the district summary of a year is computed from, in one read transaction. Rows are read with one
 * key-range read per plan and table (IndexedDB getAll), never anyOf(), which walks a cursor row by row and took
 * seconds in Chromium for a district's 100,000 indicator, rollup and spending rows. Rounds and evaluations are cut
 * down to the few figures the summary shows, so their frozen forms are not kept in memory.
 */
export async function loadDistrictSources(year: number): Promise<DistrictSources> {
  const d = db();
  return d.transaction('r', [d.plans, d.units, d.budgetLines, d.indicators, d.rollups, d.spending, d.rounds, d.evaluations], async () => {
    const plans = await d.plans.where('year').equals(year).toArray();
    const ids = plans.map((p) => p.id);
    // One key-range read per plan (IndexedDB getAll), not anyOf(): anyOf walks a cursor row by row, which for a
    // district's 100,000 indicator, rollup and spending rows took seconds in Chromium.
    const flat = <T>(lists: T[][]) => lists.flat();
    const [units, lines, nodes, rollups, spending, rounds, evaluations] = await Promise.all([
      d.units.toArray(),
      Promise.all(ids.map((id) => d.budgetLines.where('planId').equals(id).toArray())).then(flat),
      Promise.all(ids.map((id) => d.indicators.where('planId').equals(id).toArray())).then(flat),
      Promise.all(ids.map((id) => d.rollups.where('planId').equals(id).toArray())).then(flat),
      Promise.all(ids.map((id) => d.spending.where('planId').equals(id).toArray())).then(flat),
      d.rounds.where('year').equals(year).toArray(),
      d.evaluations.where('year').equals(year).toArray(),
    ]);
    const roundsOf = new Map<string, typeof rounds>();
    for (const r of rounds) roundsOf.set(r.planId, [...(roundsOf.get(r.planId) ?? []), r]);
    const roundDigests: RoundDigest[] = [];
    for (const [planId, list] of roundsOf) {
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
