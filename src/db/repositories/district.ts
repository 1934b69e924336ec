import type { Id } from '@/domain/model';
import type { DistrictHeads, DistrictParts, EvaluationDigest, RoundDigest } from '@/domain/district/summary';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { db } from '../database';
import { filedEvaluations, filedRounds, type FiledRound } from './filed';

/** What the district needs of a year's filed rounds and evaluations: each plan's last submitted light, final total. */
export type DistrictFiled = Pick<DistrictHeads, 'rounds' | 'evaluations'>;

/**
 * The filed part of a year's district heads, from the filed table (the frozen forms are never decoded); the plans
 * and units come from the plans store, which holds them already. It also reads one row of each bulky table, so a live
 * query of it re-runs on any write to them: the caller then re-reads those in slices with loadDistrictParts.
 */
export async function loadDistrictFiled(year: number): Promise<DistrictFiled> {
  const d = db();
  const [rounds, evaluations] = await d.transaction('r', [d.filed, d.budgetLines, d.indicators, d.rollups, d.spending], () =>
    Promise.all([
      filedRounds(year),
      filedEvaluations(year),
      // Read only to be observed (see above): one row of each, over the whole table's key range, is enough for a live
      // query to see any write to it. (A count walked every row: 0.1–0.3 s for a district's tables in Chromium.)
      d.budgetLines.limit(1).toArray(),
      d.indicators.limit(1).toArray(),
      d.rollups.limit(1).toArray(),
      d.spending.limit(1).toArray(),
    ]),
  );
  const roundsOf = new Map<string, FiledRound[]>();
  for (const r of rounds) roundsOf.set(r.planId, [...(roundsOf.get(r.planId) ?? []), r]);
  const roundDigests: RoundDigest[] = [];
  for (const [planId, list] of roundsOf) {
    const last = latestSubmitted(list);
    if (last) roundDigests.push({ planId, cutoff: last.cutoff, planLight: last.planLight });
  }
  const evalDigests: EvaluationDigest[] = evaluations.filter((e) => e.status === 'final').map((e) => ({ planId: e.planId, totalCp: e.totalCp, grade: e.grade }));
  return { rounds: roundDigests, evaluations: evalDigests };
}

/**
 * Every budget line, indicator, rollup and spending row of `planIds` in one read transaction, with one key-range read
 * per table over the planId index (from the least id to the greatest), never one read per plan or anyOf(): 4,000
 * per-plan reads took 2–9 s in Chromium, anyOf walks a cursor row by row. Rows of other plans whose ids fall inside the
 * range are dropped. Callers pass a slice of a year's plans, so that decoding the rows (IndexedDB hands them to the
 * page's thread) never makes one long task.
 */
export async function loadDistrictParts(planIds: readonly Id[]): Promise<DistrictParts> {
  const empty: DistrictParts = { lines: [], nodes: [], rollups: [], spending: [] };
  if (!planIds.length) return empty;
  const d = db();
  const ids = new Set(planIds);
  let lo = planIds[0]!;
  let hi = lo;
  for (const id of planIds) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return d.transaction('r', [d.budgetLines, d.indicators, d.rollups, d.spending], async () => {
    const mine = <T extends { planId: Id }>(rows: T[]) => (rows.every((r) => ids.has(r.planId)) ? rows : rows.filter((r) => ids.has(r.planId)));
    const [lines, nodes, rollups, spending] = await Promise.all([
      d.budgetLines.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.indicators.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.rollups.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.spending.where('planId').between(lo, hi, true, true).toArray().then(mine),
    ]);
    return {
      lines,
      nodes,
      rollups,
      spending: spending.map((s) => ({ planId: s.planId, date: s.date, amountFen: s.amountFen, updatedAt: s.updatedAt, ...(s.source ? { source: s.source } : {}) })),
    };
  });
}
