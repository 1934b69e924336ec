import { LEVEL1_DEFAULT_WEIGHT_CP, TOTAL_POINTS_CP, type Id, type IndicatorNode } from '../model';
import { splitEvenly, type CentiPoints } from '../points';
import { isApplicable, leaves, type TreeNode } from './tree';

/**
 * Default 分值 (domain.md §2.5 and §9, 财预〔2020〕10号 practice): 产出 50, 效益 30, 满意度 10 and 预算执行率 10;
 * inside a 一级 the points are split evenly over its applicable 三级 indicators in 0.01 steps, the remainder going
 * to the first ones; 不适用 rows carry no weight. A 一级 with an unknown name keeps the points it already has.
 * Returns the new weight of every 一级 and 三级 node.
 */
export function defaultWeights(roots: readonly TreeNode[]): Map<Id, CentiPoints | null> {
  const out = new Map<Id, CentiPoints | null>();
  for (const root of roots) {
    // Own keys only: a 一级 named 'constructor' must not take Object's function as its points.
    const groupCp = (Object.hasOwn(LEVEL1_DEFAULT_WEIGHT_CP, root.node.name) ? LEVEL1_DEFAULT_WEIGHT_CP[root.node.name] : undefined) ?? root.node.weightCp ?? 0;
    out.set(root.node.id, groupCp);
    const all = leaves([root]);
    const applicable = all.filter(isApplicable);
    const split = splitEvenly(groupCp, applicable.length);
    applicable.forEach((n, i) => out.set(n.id, split[i]!));
    all.filter((n) => !isApplicable(n)).forEach((n) => out.set(n.id, null));
  }
  return out;
}

export interface GroupWeightCheck {
  id: Id;
  name: string;
  /** Points the 一级 should carry. */
  groupCp: CentiPoints;
  /** Sum of its applicable 三级 weights. */
  assignedCp: CentiPoints;
  /** Applicable 三级 rows without a weight, or with 0 (every applicable weight must be > 0: FASP2 isCheckWeightGtZero). */
  missing: number;
  /** 不适用 rows that still carry points. */
  weightedNa: number;
  ok: boolean;
}

export interface WeightCheck {
  groups: GroupWeightCheck[];
  budgetCp: CentiPoints;
  /** Σ 一级 points + 预算执行率 points; must be 100 分. */
  totalCp: CentiPoints;
  totalOk: boolean;
  ok: boolean;
}

/** Whether the plan's 分值 add up as the rules require: each 一级 = Σ its 三级, and Σ 一级 + budget = 100. */
export function checkWeights(roots: readonly TreeNode[], budgetCp: CentiPoints): WeightCheck {
  const groups = roots.map((root): GroupWeightCheck => {
    const all = leaves([root]);
    const applicable = all.filter(isApplicable);
    const assignedCp = applicable.reduce((s, n) => s + (n.weightCp ?? 0), 0);
    const missing = applicable.filter((n) => !n.weightCp || n.weightCp <= 0).length;
    const weightedNa = all.filter((n) => !isApplicable(n) && (n.weightCp ?? 0) > 0).length;
    const groupCp = root.node.weightCp ?? 0;
    return {
      id: root.node.id,
      name: root.node.name,
      groupCp,
      assignedCp,
      missing,
      weightedNa,
      ok: assignedCp === groupCp && missing === 0 && weightedNa === 0,
    };
  });
  const totalCp = groups.reduce((s, g) => s + g.groupCp, 0) + budgetCp;
  const totalOk = totalCp === TOTAL_POINTS_CP;
  return { groups, budgetCp, totalCp, totalOk, ok: totalOk && groups.every((g) => g.ok) };
}

/** Convenience for callers holding flat rows. */
export function applicableLeaves(roots: readonly TreeNode[]): IndicatorNode[] {
  return leaves(roots).filter(isApplicable);
}
