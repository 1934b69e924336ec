import type { Id, Plan } from '@/domain/model';
import type { MonitoringRound, RoundForm, RoundRow } from '@/domain/monitoring/round-types';
import type { SpendingEntry } from '@/domain/actuals/types';
import { latestRound } from './text';
import { compareZh } from '@/domain/collate';

/** One plan of the year's overview, as the monitoring store gives it. */
export interface OverviewEntry {
  plan: Plan;
  sources: { spending: readonly Pick<SpendingEntry, 'date' | 'amountFen'>[] };
  form: RoundForm;
}

export interface RiskRow {
  planId: Id;
  planName: string;
  row: RoundRow;
}

/** Red rows of every plan first, then yellow ones; form order inside each (plans as listed). */
export function risksOf(entries: readonly OverviewEntry[]): RiskRow[] {
  const all = entries.flatMap((e) => e.form.rows.filter((r) => r.applicable).map((row) => ({ planId: e.plan.id, planName: e.plan.name, row })));
  return [...all.filter((x) => x.row.assessment.light === 'red'), ...all.filter((x) => x.row.assessment.light === 'yellow')];
}

/** The plan's newest round of the year, if any. */
export function lastRoundOf(planId: Id, rounds: readonly MonitoringRound[]): MonitoringRound | undefined {
  return latestRound(rounds.filter((r) => r.planId === planId));
}

/** The unit's 整体 plan first, then projects by name (as the plan switcher lists them). */
export function byKind(entries: readonly OverviewEntry[]): OverviewEntry[] {
  return [...entries].sort((a, b) => (a.plan.kind === b.plan.kind ? compareZh(a.plan.name, b.plan.name) : a.plan.kind === 'unit' ? -1 : 1));
}
