import { BUDGET_WEIGHT_CP_DEFAULT, DEFAULT_RULE_SET_ID, type Id, type PlanKind } from './model';
import { frameRows, type PlanBundle, type RecordFactory } from './seed/build';

export interface NewPlanInput {
  unitId: Id;
  year: number;
  kind: PlanKind;
  name: string;
  goal: string;
  budgetFen: number;
}

export type NewPlanErrorCode = 'nameRequired' | 'badYear' | 'badBudget';

/** validateNewPlan({ name: '', year: 2023, budgetFen: -1, … }) → [{ field: 'name', … }, { field: 'budget', … }] */
export function validateNewPlan(input: NewPlanInput): { field: 'name' | 'year' | 'budget'; code: NewPlanErrorCode }[] {
  const errors: { field: 'name' | 'year' | 'budget'; code: NewPlanErrorCode }[] = [];
  if (!input.name.trim()) errors.push({ field: 'name', code: 'nameRequired' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) errors.push({ field: 'year', code: 'badYear' });
  if (!Number.isSafeInteger(input.budgetFen) || input.budgetFen < 0) errors.push({ field: 'budget', code: 'badBudget' });
  return errors;
}

/**
 * A new target table: the standard 一级/二级 frame (产出/效益/满意度, domain.md §2.1) with the default 分值 of each
 * 一级, no 三级 rows yet, and one budget line carrying the plan's budget (the 项目资金 of a project table).
 */
export function newPlanBundle(input: NewPlanInput, f: RecordFactory): PlanBundle {
  const stamp = () => ({ id: f.newId(), createdAt: f.now, updatedAt: f.now, rev: 1 });
  const plan = {
    ...stamp(),
    unitId: input.unitId,
    year: input.year,
    kind: input.kind,
    name: input.name.trim(),
    goal: input.goal.trim(),
    key: false,
    ruleSetId: DEFAULT_RULE_SET_ID,
    budgetWeightCp: BUDGET_WEIGHT_CP_DEFAULT,
  };
  return {
    plan,
    budgetLines: [{ ...stamp(), planId: plan.id, name: plan.name, content: '', fiscalFen: input.budgetFen, carryoverFen: 0, otherFen: 0, adjustments: [], order: 1 }],
    indicators: frameRows(f, plan.id, input.year),
  };
}
