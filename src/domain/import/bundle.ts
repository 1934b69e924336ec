import type { Id, IndicatorNode, Level, Plan, PlanKind } from '../model';
import { newPlanBundle, validateNewPlan } from '../plan-new';
import { applyDefaultWeights, type PlanBundle, type RecordFactory } from '../seed/build';
import { groupPoints } from './sheet';
import type { SheetReading } from './types';

/** What the user chose for one sheet in the preview. */
export interface SheetChoice {
  include: boolean;
  mode: 'create' | 'replace';
  kind: PlanKind;
  name: string;
  /** As typed; checked by checkChoices. */
  year: string;
  goal: string;
  /** mode 'replace': the empty plan whose tree the sheet becomes. */
  replacePlanId: Id | null;
}

export type ChoiceProblem =
  | 'nameRequired'
  | 'badYear'
  | 'exists' // a plan of that unit, year, kind and name exists
  | 'duplicate' // two sheets would create the same plan
  | 'pickPlan'
  | 'notEmpty' // the plan to replace has 三级 indicators or records
  | 'pickedTwice'
  | 'notImportable';

export interface ChoiceContext {
  unitId: Id;
  plans: readonly Plan[];
  /** Plans with no 三级 indicator and nothing recorded against them: the only ones a sheet may replace. */
  emptyPlanIds: ReadonlySet<Id>;
}

/** The year a new plan would get, when what was typed is a valid plan year (validateNewPlan's rule). */
export function choiceYear(choice: Pick<SheetChoice, 'year'>): number | undefined {
  const year = Number(choice.year);
  const bad = validateNewPlan({ unitId: '', year, kind: 'project', name: 'x', goal: '', budgetFen: 0 }).some((e) => e.field === 'year');
  return bad ? undefined : year;
}

const planKey = (year: number, kind: PlanKind, name: string) => `${year}\u0000${kind}\u0000${name.trim()}`;

/**
 * Problems of each sheet's choice, index by index ([] = fine); refused as a whole when any included sheet has one.
 * The repository checks the same again inside its transaction (another tab may have added a plan meanwhile).
 */
export function checkChoices(readings: readonly SheetReading[], choices: readonly SheetChoice[], ctx: ChoiceContext): ChoiceProblem[][] {
  const existing = new Set(ctx.plans.filter((p) => p.unitId === ctx.unitId).map((p) => planKey(p.year, p.kind, p.name)));
  const seen = new Map<string, number>();
  const picked = new Map<Id, number>();
  return choices.map((c, i) => {
    if (!c.include) return [];
    if (readings[i]?.status !== 'ok') return ['notImportable'];
    if (c.mode === 'replace') {
      if (!c.replacePlanId) return ['pickPlan'];
      const out: ChoiceProblem[] = [];
      if (!ctx.emptyPlanIds.has(c.replacePlanId)) out.push('notEmpty');
      if (picked.has(c.replacePlanId)) out.push('pickedTwice');
      picked.set(c.replacePlanId, i);
      return out;
    }
    const year = Number(c.year);
    const out: ChoiceProblem[] = validateNewPlan({ unitId: ctx.unitId, year, kind: c.kind, name: c.name, goal: c.goal, budgetFen: 0 }).map((e) =>
      e.code === 'nameRequired' ? 'nameRequired' : 'badYear',
    );
    if (out.length) return out;
    const key = planKey(year, c.kind, c.name);
    if (existing.has(key)) out.push('exists');
    if (seen.has(key)) out.push('duplicate');
    seen.set(key, i);
    return out;
  });
}

/**
 * The sheet's tree as indicator rows of `planId`: siblings ordered 1..n as in the sheet, each 三级 with the target as
 * written and as parsed. Points: the sheet's own when it gave any (a 一级 then carries the sum of its 三级, unset when
 * that passes 100), otherwise the defaults every new plan gets (产出 50 / 效益 30 / 满意度 10, split evenly).
 */
export function indicatorsFromReading(reading: SheetReading, planId: Id, f: RecordFactory): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const add = (parentId: Id | null, level: Level, name: string, order: number, extra: Partial<IndicatorNode> = {}) => {
    const node: IndicatorNode = { id: f.newId(), createdAt: f.now, updatedAt: f.now, rev: 1, planId, parentId, level, name, order, weightCp: null, ...extra };
    out.push(node);
    return node;
  };
  const over = new Set(reading.overweight);
  reading.tree.forEach((g, i) => {
    const l1 = add(null, 1, g.name, i + 1, reading.hasWeights && !over.has(g.name) ? { weightCp: groupPoints(g) } : {});
    g.groups.forEach((sub, j) => {
      const l2 = add(l1.id, 2, sub.name, j + 1);
      sub.leaves.forEach((leaf, k) => {
        add(l2.id, 3, leaf.name, k + 1, { targetText: leaf.targetText, target: leaf.result.spec, weightCp: reading.hasWeights ? leaf.weightCp : null });
      });
    });
  });
  return reading.hasWeights ? out : applyDefaultWeights(out);
}

/** A new plan (as a new target table would be, budget 0) holding the sheet's tree. */
export function bundleFromReading(reading: SheetReading, choice: SheetChoice, unitId: Id, f: RecordFactory): PlanBundle {
  const bundle = newPlanBundle({ unitId, year: Number(choice.year), kind: choice.kind, name: choice.name, goal: choice.goal, budgetFen: 0 }, f);
  return { ...bundle, indicators: indicatorsFromReading(reading, bundle.plan.id, f) };
}

export type IndicatorProblem = 'duplicateId' | 'wrongPlan' | 'badParent' | 'badName' | 'badTarget' | 'badWeight' | 'badOrder';

/**
 * What the repository refuses to write, whatever built the rows: the references the backup check demands (every
 * parent one level up in the same plan), a name on every node, a target on every 三级, points within 0–100.
 */
export function checkIndicators(planId: Id, nodes: readonly IndicatorNode[]): IndicatorProblem[] {
  const byId = new Map<Id, IndicatorNode>();
  const out = new Set<IndicatorProblem>();
  for (const n of nodes) {
    if (byId.has(n.id)) out.add('duplicateId');
    byId.set(n.id, n);
  }
  for (const n of nodes) {
    if (n.planId !== planId) out.add('wrongPlan');
    const parent = n.parentId === null ? null : byId.get(n.parentId);
    if (n.parentId === null ? n.level !== 1 : !parent || parent.level !== n.level - 1) out.add('badParent');
    if (typeof n.name !== 'string' || n.name.trim() === '' || n.name.length > 1000) out.add('badName');
    if (n.level === 3 && (typeof n.targetText !== 'string' || !n.target)) out.add('badTarget');
    if (n.weightCp !== null && !(Number.isInteger(n.weightCp) && n.weightCp >= 0 && n.weightCp <= 10_000)) out.add('badWeight');
    if (!Number.isFinite(n.order)) out.add('badOrder');
  }
  return [...out];
}
