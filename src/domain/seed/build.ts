import {
  BUDGET_WEIGHT_CP_DEFAULT,
  DEFAULT_RULE_SET_ID,
  type BudgetLine,
  type Id,
  type IndicatorNode,
  type Plan,
  type Unit,
} from '../model';
import { wan } from '../money';
import { parseTarget } from '../targets/parse';
import { buildTree } from '../targets/tree';
import { defaultWeights } from '../targets/weights';
import * as seed from './yantian-2022';

/** Everything needed to create records: injected so the domain never reads the clock or a random source. */
export interface RecordFactory {
  newId: () => Id;
  now: string;
}

export interface PlanBundle {
  plan: Plan;
  budgetLines: BudgetLine[];
  indicators: IndicatorNode[];
}

export interface SeedBundle {
  unit: Unit;
  plans: PlanBundle[];
}

export const SEED_KEY_PREFIX = 'yantian-2022';

function stamp(f: RecordFactory) {
  return { id: f.newId(), createdAt: f.now, updatedAt: f.now, rev: 1 };
}

/** 一级/二级 frame rows plus the given 三级 rows, grouped in first-seen order. */
function indicatorRows(
  f: RecordFactory,
  planId: Id,
  year: number,
  frame: { level1: string; level2: string[] }[],
  rows: seed.SeedIndicator[],
): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const level1 = new Map<string, IndicatorNode>();
  const level2 = new Map<string, IndicatorNode>();
  const counts = new Map<Id | null, number>();
  const add = (parentId: Id | null, level: 1 | 2 | 3, name: string, extra: Partial<IndicatorNode> = {}) => {
    const order = (counts.get(parentId) ?? 0) + 1;
    counts.set(parentId, order);
    const node: IndicatorNode = { ...stamp(f), planId, parentId, level, name, order, weightCp: null, ...extra };
    out.push(node);
    return node;
  };
  const ensure = (l1: string, l2: string) => {
    let p1 = level1.get(l1);
    if (!p1) level1.set(l1, (p1 = add(null, 1, l1)));
    const k = `${l1}/${l2}`;
    let p2 = level2.get(k);
    if (!p2) level2.set(k, (p2 = add(p1.id, 2, l2)));
    return p2;
  };
  for (const g of frame) for (const l2 of g.level2) ensure(g.level1, l2);
  for (const r of rows) {
    const parent = ensure(r.level1, r.level2);
    const parsed = parseTarget(r.target, { year });
    add(parent.id, 3, r.name, { targetText: r.target, target: parsed.spec });
  }
  return applyDefaultWeights(out);
}

/** Sets the default 分值 (domain.md §9) on a plan's rows. */
export function applyDefaultWeights(nodes: IndicatorNode[]): IndicatorNode[] {
  const weights = defaultWeights(buildTree(nodes).roots);
  return nodes.map((n) => (weights.has(n.id) ? { ...n, weightCp: weights.get(n.id)! } : n));
}

function plan(f: RecordFactory, unitId: Id, fields: Pick<Plan, 'kind' | 'name' | 'goal' | 'key' | 'seedKey'>): Plan {
  return {
    ...stamp(f),
    unitId,
    year: seed.YEAR,
    ruleSetId: DEFAULT_RULE_SET_ID,
    budgetWeightCp: BUDGET_WEIGHT_CP_DEFAULT,
    ...fields,
  };
}

/** The sample: the unit, its 2022 整体支出 plan (20 indicator rows, 5 tasks) and its four project plans. */
export function buildSeed(f: RecordFactory): SeedBundle {
  const unit: Unit = { ...stamp(f), ...seed.yantianUnit };
  const unitPlan = plan(f, unit.id, {
    kind: 'unit',
    name: seed.unitPlanName,
    goal: seed.unitGoal,
    key: false,
    seedKey: `${SEED_KEY_PREFIX}/unit`,
  });
  const plans: PlanBundle[] = [
    {
      plan: unitPlan,
      budgetLines: seed.unitBudgetLines.map((b, i) => ({
        ...stamp(f),
        planId: unitPlan.id,
        name: b.name,
        content: b.content,
        fiscalFen: wan(b.fiscalWan),
        carryoverFen: 0,
        otherFen: wan(b.otherWan),
        adjustments: [],
        order: i + 1,
      })),
      indicators: indicatorRows(f, unitPlan.id, seed.YEAR, [], seed.unitIndicators),
    },
  ];
  for (const p of seed.projects) {
    const pp = plan(f, unit.id, {
      kind: 'project',
      name: p.name,
      goal: p.goal,
      key: p.keyProject,
      seedKey: `${SEED_KEY_PREFIX}/${p.key}`,
    });
    plans.push({
      plan: pp,
      budgetLines: [
        { ...stamp(f), planId: pp.id, name: p.name, content: '', fiscalFen: wan(p.budgetWan), carryoverFen: 0, otherFen: 0, adjustments: [], order: 1 },
      ],
      indicators: indicatorRows(f, pp.id, seed.YEAR, seed.standardFrame, []),
    });
  }
  return { unit, plans };
}

/** An empty target table with the standard 一级/二级 frame. */
export function frameRows(f: RecordFactory, planId: Id, year: number): IndicatorNode[] {
  return indicatorRows(f, planId, year, seed.standardFrame, []);
}
