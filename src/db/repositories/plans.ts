import type { BudgetAdjustment, BudgetLine, Id, Plan, Unit } from '@/domain/model';
import { lineAdjustmentProblem, type BudgetLineValues } from '@/domain/budget';
import type { PlanBundle } from '@/domain/seed/build';
import { copyPlanToYear } from '@/domain/plan-copy';
import { newPlanBundle, type NewPlanInput } from '@/domain/plan-new';
import { db } from '../database';
import { factory, newId, nowIso } from '../clock';
import { ConflictError, InvalidInputError, NotFoundError, PlanExistsError } from '../errors';
import { audit } from './audit';
import { compareZh } from '@/domain/collate';

export function listUnits(): Promise<Unit[]> {
  return db().units.toArray();
}

/** Renames the unit or its 主管部门; refused when another tab saved it first. */
export async function updateUnit(id: Id, patch: Partial<Pick<Unit, 'name' | 'supervisor'>>, expectedRev: number): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.units, d.audit], async () => {
    const cur = await d.units.get(id);
    if (!cur) throw new NotFoundError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    const now = new Date().toISOString();
    await d.units.put({ ...cur, ...patch, rev: cur.rev + 1, updatedAt: now });
    await audit({ at: now, entity: 'unit', entityId: id, action: 'update', before: { name: cur.name }, after: { ...patch } });
  });
}

/** All plans, newest year first, unit plan before its projects. */
export async function listPlans(): Promise<Plan[]> {
  const plans = await db().plans.toArray();
  return plans.sort(
    (a, b) => b.year - a.year || (a.kind === b.kind ? 0 : a.kind === 'unit' ? -1 : 1) || a.createdAt.localeCompare(b.createdAt) || compareZh(a.name, b.name),
  );
}

export async function getPlanBundle(planId: Id): Promise<PlanBundle> {
  const d = db();
  return d.transaction('r', [d.plans, d.budgetLines, d.indicators], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    const [budgetLines, indicators] = await Promise.all([
      d.budgetLines.where('planId').equals(planId).sortBy('order'),
      d.indicators.where('planId').equals(planId).toArray(),
    ]);
    return { plan, budgetLines, indicators };
  });
}

export function listBudgetLines(planId: Id) {
  return db().budgetLines.where('planId').equals(planId).sortBy('order');
}

/** Writes a whole new plan (plan, budget lines, indicators) all-or-nothing. */
export async function insertPlanBundle(bundle: PlanBundle, action: 'create' | 'seed' = 'create'): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.budgetLines, d.indicators, d.audit], async () => {
    await d.plans.add(bundle.plan);
    await d.budgetLines.bulkAdd(bundle.budgetLines);
    await d.indicators.bulkAdd(bundle.indicators);
    await audit({ at: nowIso(), entity: 'plan', entityId: bundle.plan.id, planId: bundle.plan.id, action, after: { name: bundle.plan.name, year: bundle.plan.year } });
  });
}

/** Creates next year's plan as a copy; refuses when that year already has a plan of the same unit, kind and name. */
export async function copyPlanToNextYear(planId: Id): Promise<Plan> {
  const d = db();
  return d.transaction('rw', [d.plans, d.budgetLines, d.indicators, d.audit], async () => {
    const src = await getPlanBundle(planId);
    const year = src.plan.year + 1;
    const clash = (await d.plans.where('year').equals(year).toArray()).find(
      (p) => p.unitId === src.plan.unitId && p.kind === src.plan.kind && p.name === src.plan.name,
    );
    if (clash) throw new PlanExistsError(clash);
    const copy = copyPlanToYear(src, year, factory());
    await insertPlanBundle(copy);
    return copy.plan;
  });
}

/** Creates a new, empty target table; refuses a second plan of the same unit, year, kind and name. */
export async function createPlan(input: NewPlanInput): Promise<Plan> {
  const d = db();
  return d.transaction('rw', [d.plans, d.budgetLines, d.indicators, d.audit], async () => {
    const clash = (await d.plans.where('year').equals(input.year).toArray()).find(
      (p) => p.unitId === input.unitId && p.kind === input.kind && p.name === input.name.trim(),
    );
    if (clash) throw new PlanExistsError(clash);
    const bundle = newPlanBundle(input, factory());
    await insertPlanBundle(bundle);
    return bundle.plan;
  });
}

/**
 * Saves a plan's goal and its whole list of budget lines at once (edited, added, removed, in the given order),
 * all-or-nothing. Spending booked on a removed line stays in the plan's execution, without a line.
 */
export async function saveBudget(planId: Id, goal: string, lines: BudgetLineValues[], expectedRev: number): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.budgetLines, d.spending, d.audit], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    if (plan.rev !== expectedRev) throw new ConflictError(planId);
    const now = new Date().toISOString();
    const current = await d.budgetLines.where('planId').equals(planId).toArray();
    const kept = new Set(lines.flatMap((l) => (l.id ? [l.id] : [])));
    const removed = current.filter((c) => !kept.has(c.id)).map((c) => c.id);
    if (removed.length) {
      await d.spending.where('planId').equals(planId).filter((s) => !!s.budgetLineId && removed.includes(s.budgetLineId)).modify((s) => void delete s.budgetLineId);
      await d.budgetLines.bulkDelete(removed);
    }
    const byId = new Map(current.map((c) => [c.id, c]));
    const next = lines.map((l, i): BudgetLine => {
      const old = l.id ? byId.get(l.id) : undefined;
      const base = old ?? { id: newId(), createdAt: now, rev: 0, planId, adjustments: [] };
      // Adjustments are edited on their own (each with date and reason); saving the 年初 amounts keeps them.
      return { ...base, name: l.name, content: l.content, fiscalFen: l.fiscalFen, carryoverFen: l.carryoverFen, otherFen: l.otherFen, order: i + 1, updatedAt: now, rev: base.rev + 1 };
    });
    // A lower 年初 amount can leave an earlier cut uncovered: the same check as adding that cut.
    for (const line of next) {
      const problem = lineAdjustmentProblem(line, plan.year);
      if (problem) throw new InvalidInputError(`budgetLines.${line.name}`, problem);
    }
    await d.budgetLines.bulkPut(next);
    await d.plans.put({ ...plan, goal, rev: plan.rev + 1, updatedAt: now });
    await audit({ at: now, entity: 'plan', entityId: planId, planId, action: 'update', before: { name: plan.name, lines: current.length, removedLines: current.filter((c) => removed.includes(c.id)).map((c) => ({ name: c.name, adjustments: c.adjustments })) }, after: { lines: lines.length } });
  });
}

/** Deletes a plan and everything that belongs to it, in one transaction. */
export async function deletePlanCascade(planId: Id): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.rounds, d.evaluations, d.audit], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) return;
    await d.rounds.where('planId').equals(planId).delete();
    await d.evaluations.where('planId').equals(planId).delete();
    await d.entries.where('planId').equals(planId).delete();
    await d.rollups.where('planId').equals(planId).delete();
    await d.spending.where('planId').equals(planId).delete();
    await d.indicators.where('planId').equals(planId).delete();
    await d.budgetLines.where('planId').equals(planId).delete();
    await d.plans.delete(planId);
    await audit({ at: new Date().toISOString(), entity: 'plan', entityId: planId, planId, action: 'delete', before: { name: plan.name, year: plan.year } });
  });
}

/** Records an approved budget adjustment (追加/调减) on a line; the 年初 amounts stay as they were. */
export async function addBudgetAdjustment(lineId: Id, adj: Omit<BudgetAdjustment, 'id'>, expectedRev: number): Promise<BudgetLine> {
  const d = db();
  return d.transaction('rw', [d.plans, d.budgetLines, d.audit], async () => {
    const line = await d.budgetLines.get(lineId);
    if (!line) throw new NotFoundError(lineId);
    if (line.rev !== expectedRev) throw new ConflictError(lineId);
    const now = new Date().toISOString();
    const adjustments = [...(line.adjustments ?? []), { id: newId(), ...adj }].sort((a, b) => a.date.localeCompare(b.date));
    const next = { ...line, adjustments, rev: line.rev + 1, updatedAt: now };
    await assertAdjustable(next);
    await d.budgetLines.put(next);
    await audit({ at: now, entity: 'budgetLine', entityId: lineId, planId: line.planId, action: 'update', after: { adjustment: adj.amountFen, date: adj.date, reason: adj.reason } });
    return next;
  });
}

/** Removes one adjustment (entered by mistake); returns it so the notice can offer undo. */
export async function removeBudgetAdjustment(lineId: Id, adjustmentId: Id, expectedRev: number): Promise<BudgetAdjustment> {
  const d = db();
  return d.transaction('rw', [d.plans, d.budgetLines, d.audit], async () => {
    const line = await d.budgetLines.get(lineId);
    if (!line) throw new NotFoundError(lineId);
    if (line.rev !== expectedRev) throw new ConflictError(lineId);
    const gone = line.adjustments.find((a) => a.id === adjustmentId);
    if (!gone) throw new NotFoundError(adjustmentId);
    const now = new Date().toISOString();
    const next = { ...line, adjustments: line.adjustments.filter((a) => a.id !== adjustmentId), rev: line.rev + 1, updatedAt: now };
    // Removing a top-up can leave a later cut uncovered: refused like adding that cut would be.
    await assertAdjustable(next);
    await d.budgetLines.put(next);
    await audit({ at: now, entity: 'budgetLine', entityId: lineId, planId: line.planId, action: 'update', before: { adjustment: gone.amountFen, date: gone.date, reason: gone.reason } });
    return gone;
  });
}

/** Refuses a line whose adjustments break the rules of lineAdjustmentProblem; nothing is written then. */
async function assertAdjustable(line: BudgetLine): Promise<void> {
  const plan = await db().plans.get(line.planId);
  if (!plan) throw new NotFoundError(line.planId);
  const problem = lineAdjustmentProblem(line, plan.year);
  if (problem) throw new InvalidInputError('adjustments', problem);
}
