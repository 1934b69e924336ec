import type { BudgetLine, Id, IndicatorNode, Plan } from './model';
import type { PlanBundle, RecordFactory } from './seed/build';
import type { TargetSpec } from './targets/types';
import { formatTarget } from './targets/format';
import { daysInMonth } from './dates';

/**
 * Next year's plan as a copy of this one: same tree, budget lines and weights, new ids, year + 1.
 * Deadline targets move one year on (2022年12月31日前 → 2023年12月31日前) because a copied deadline in the past
 * would be scored as missed from day one; every other target is kept as approved, for the user to revise.
 * This year's budget and target adjustments stay with this year: the copy starts from the 年初 amounts and targets as written.
 */
export function copyPlanToYear(src: PlanBundle, year: number, f: RecordFactory): PlanBundle {
  const shift = year - src.plan.year;
  const stamp = () => ({ id: f.newId(), createdAt: f.now, updatedAt: f.now, rev: 1 });
  const plan: Plan = { ...src.plan, ...stamp(), year, sourcePlanId: src.plan.id };
  delete plan.seedKey;
  const idMap = new Map<Id, Id>();
  for (const n of src.indicators) idMap.set(n.id, f.newId());
  const indicators: IndicatorNode[] = src.indicators.map((n) => {
    const copy: IndicatorNode = {
      ...n,
      id: idMap.get(n.id)!,
      createdAt: f.now,
      updatedAt: f.now,
      rev: 1,
      planId: plan.id,
      parentId: n.parentId === null ? null : (idMap.get(n.parentId) ?? null),
    };
    // A target adjustment was approved for its own year; next year starts from the targets as written.
    delete copy.targetAdjustments;
    if (n.target?.op === 'DATE_BY' && n.target.date) {
      const target = shiftDate(n.target, shift);
      copy.target = target;
      copy.targetText = formatTarget(target);
    }
    return copy;
  });
  const budgetLines: BudgetLine[] = src.budgetLines.map((b) => ({ ...b, ...stamp(), planId: plan.id, adjustments: [] }));
  return { plan, budgetLines, indicators };
}

function shiftDate(t: TargetSpec, years: number): TargetSpec {
  const [y, m, d] = t.date!.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  // 2月29日 does not exist in every year: fall back to the last day of February.
  const last = daysInMonth(ny, m);
  const date = `${ny}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return { ...t, date };
}
