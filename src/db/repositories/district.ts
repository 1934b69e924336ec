import type { Id } from '@/domain/model';
import type { DistrictHeads, DistrictParts, EvaluationDigest, RoundDigest } from '@/domain/district/summary';
import { latestSubmitted } from '@/domain/monitoring/round-types';
import { db } from '../database';
import { filedEvaluations, filedRounds, type FiledRound } from './filed';

/** What the district needs of a year's filed rounds and evaluations: each plan's last submitted light, final total. */
export type DistrictFiled = Pick<DistrictHeads, 'rounds' | 'evaluations'>;

/**
 * The filed part of a year's district heads, from the filed table only (the frozen forms are never decoded); the
 * plans and units come from the plans store, which holds them already. A live query of it runs again when a round or
 * an evaluation is filed, and on nothing else: it is small enough to keep in memory from start-up (stores/filed.ts).
 */
export async function loadDistrictFiled(year: number): Promise<DistrictFiled> {
  const d = db();
  const [rounds, evaluations] = await d.transaction('r', [d.filed], () => Promise.all([filedRounds(year), filedEvaluations(year)]));
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
 *
 * `observeAll` also reads one row of each table over its whole key range, in the same transaction: a live query of
 * the read then runs again on any write to them (a count walked every row: 0.1–0.3 s for a district's tables in
 * Chromium). The district's first slice is read so, and each of its runs starts a new pass over the other slices.
 */
export async function loadDistrictParts(planIds: readonly Id[], { observeAll = false } = {}): Promise<DistrictParts> {
  const empty: DistrictParts = { lines: [], nodes: [], rollups: [], spending: [] };
  const d = db();
  if (!planIds.length && !observeAll) return empty;
  const ids = new Set(planIds);
  let lo = planIds[0]!;
  let hi = lo;
  for (const id of planIds) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return d.transaction('r', [d.budgetLines, d.indicators, d.rollups, d.spending], async () => {
    const mine = <T extends { planId: Id }>(rows: T[]) => (rows.every((r) => ids.has(r.planId)) ? rows : rows.filter((r) => ids.has(r.planId)));
    // Issued beside the slice's reads, not before them: one round trip either way.
    const observed = observeAll ? Promise.all([d.budgetLines, d.indicators, d.rollups, d.spending].map((t) => t.limit(1).toArray())) : null;
    if (!planIds.length) return observed!.then(() => empty);
    const [lines, nodes, rollups, spending] = await Promise.all([
      d.budgetLines.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.indicators.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.rollups.where('planId').between(lo, hi, true, true).toArray().then(mine),
      d.spending.where('planId').between(lo, hi, true, true).toArray().then(mine),
      observed,
    ]);
    return {
      lines,
      nodes,
      rollups,
      spending: spending.map((s) => ({ planId: s.planId, date: s.date, amountFen: s.amountFen, updatedAt: s.updatedAt, ...(s.source ? { source: s.source } : {}) })),
    };
  });
}
