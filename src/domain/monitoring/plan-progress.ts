import type { Id, IndicatorNode, IsoDate } from '../model';
import type { Actual, IndicatorRollup } from '../actuals/types';
import { actualAsOf } from '../actuals/aggregate';
import { measureOf } from '../actuals/measure';
import { buildTree, isApplicable, leaves, type TreeNode } from '../targets/tree';
import { achievementOf, assess, timeProgress, worstLight, type Assessment, type Light } from './progress';

export interface IndicatorProgress {
  node: IndicatorNode;
  level1: string;
  level2: string;
  actual: Actual;
  assessment: Assessment;
}

export interface GroupProgress {
  id: Id;
  name: string;
  weightCp: number | null;
  achievement: number | null;
  /**
   * Where the achievement should be by now, over the rows that have one: time progress for cumulative ones, 100% for
   * rates and dates. The gauge light compares achievement with it (like with like).
   */
  expected: number;
  /** 序时进度 of the cut-off (N/12), the marker drawn on every gauge: the same for every group. */
  timeProgress: number;
  /** achievement against `expected`, by the FASP2 thresholds (red < 60%, yellow < 80%, else green) */
  gaugeLight: Light;
  /** worst indicator light (domain.md §3.3 project light) */
  light: Light;
  counts: Record<Light, number>;
}

export interface PlanProgress {
  rows: IndicatorProgress[];
  groups: GroupProgress[];
  /** all applicable indicators together (Σ achievement × 分值 / Σ 分值) */
  overall: Omit<GroupProgress, 'id' | 'name' | 'weightCp'>;
}

/** Achievement, expected progress, gauge light and light counts of a set of indicator rows. */
function summarize(rows: readonly IndicatorProgress[], tp: number): PlanProgress['overall'] {
  const applicable = rows.filter((r) => isApplicable(r.node));
  const scored = applicable.map((r) => ({ weightCp: r.node.weightCp, achievement: r.assessment.achievement }));
  const achievement = achievementOf(scored);
  // Over the same rows as the achievement (a pending deadline or an unread rate is in neither), so q compares like with
  // like; with nothing decided yet it is the cut-off's time progress, never 0.
  const expected = achievementOf(applicable.map((r) => ({ weightCp: r.node.weightCp, achievement: r.assessment.achievement === null ? null : r.assessment.expected }))) ?? tp;
  const q = achievement === null || expected === 0 ? null : achievement / expected;
  const gaugeLight: Light = q === null ? 'none' : q < 0.6 ? 'red' : q < 0.8 ? 'yellow' : 'green';
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, blue: 0, none: 0 };
  for (const r of applicable) counts[r.assessment.light] += 1;
  return { achievement, expected, timeProgress: tp, gaugeLight, light: worstLight(applicable.map((r) => r.assessment.light)), counts };
}

const EMPTY_DAYS = {};

/**
 * Every 三级 indicator's actual and assessment at `asOf`, and the weighted achievement per 一级 and overall
 * (the same weighting the self-evaluation uses, so the dashboard previews the score). 不适用 rows are listed but
 * never enter a total.
 */
export function planProgress(nodes: readonly IndicatorNode[], rollups: readonly IndicatorRollup[], asOf: IsoDate, year: number): PlanProgress {
  const { roots, byRoot } = progressRows(nodes, rollups, asOf, year);
  const tp = timeProgress(asOf, year);
  const rows: IndicatorProgress[] = [];
  const groups: GroupProgress[] = roots.map((root: TreeNode, i) => {
    const groupRows = byRoot[i]!;
    for (const r of groupRows) rows.push(r);
    return { id: root.node.id, name: root.node.name, weightCp: root.node.weightCp, ...summarize(groupRows, tp) };
  });
  return { rows, groups, overall: summarize(rows, tp) };
}

/**
 * Every 三级 row's actual and assessment at `asOf`, by 一级 (byRoot[i] are the rows under roots[i], in display order):
 * planProgress without the gauges, which the district summary of 1,000 plans reads row by row.
 */
export function progressRows(nodes: readonly IndicatorNode[], rollups: readonly IndicatorRollup[], asOf: IsoDate, year: number): { roots: TreeNode[]; byRoot: IndicatorProgress[][] } {
  const days = new Map<Id, IndicatorRollup['days']>();
  for (const r of rollups) days.set(r.indicatorId, r.days);
  const { roots } = buildTree(nodes);
  const byRoot = roots.map((root: TreeNode) => {
    const groupRows: IndicatorProgress[] = [];
    for (const l2 of root.children) {
      for (const leaf of leaves([l2])) {
        const actual = actualAsOf(measureOf(leaf), days.get(leaf.id) ?? EMPTY_DAYS, asOf);
        const assessment = assess(leaf.target ?? NO_TARGET, actual, asOf, year);
        groupRows.push({ node: leaf, level1: root.node.name, level2: l2.node.name, actual, assessment });
      }
    }
    return groupRows;
  });
  return { roots, byRoot };
}

const NO_TARGET = Object.freeze({ op: 'QUAL' as const, unit: '', text: '' });

/** The dashboard's default cut-off: today inside the plan year, else the year's last (or first) day. */
export function defaultAsOf(today: IsoDate, year: number): IsoDate {
  if (today < `${year}-01-01`) return `${year}-01-01`;
  if (today > `${year}-12-31`) return `${year}-12-31`;
  return today;
}

/**
 * The same progress read from a submitted monitoring round instead of the live log: the dashboard "as of the last
 * submitted round" shows exactly the figures that were filed. 一级 groups come from the rows' 一级 names in order;
 * a group's weight is the sum of its rows' weights, as the round froze them.
 */
export function progressFromRows(frozen: readonly Pick<IndicatorProgress, 'node' | 'level1' | 'level2' | 'actual' | 'assessment'>[], tp: number): PlanProgress {
  const rows: IndicatorProgress[] = frozen.map((r) => ({ node: r.node, level1: r.level1, level2: r.level2, actual: r.actual, assessment: r.assessment }));
  const names = [...new Set(rows.map((r) => r.level1))];
  const groups = names.map((name) => {
    const groupRows = rows.filter((r) => r.level1 === name);
    const weights = groupRows.filter((r) => isApplicable(r.node)).map((r) => r.node.weightCp ?? 0);
    const weightCp = weights.length ? weights.reduce((a, b) => a + b, 0) : null;
    return { id: name, name, weightCp, ...summarize(groupRows, tp) };
  });
  return { rows, groups, overall: summarize(rows, tp) };
}
