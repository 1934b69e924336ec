import type { Table } from 'dexie';
import type { Id } from '@/domain/model';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { emptyEvaluationInputs, type EvalProblem, type Evaluation, type EvaluationInputs } from '@/domain/evaluation/types';
import { RULE_SETS, ruleSetById } from '@/domain/scoring/rule-sets';
import { evaluationInputsProblem } from '@/domain/evaluation/validate';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { IncompleteError, InvalidInputError } from '../errors';
import { audit } from './audit';
import { loadPlanSources, sourceTables } from './plan-sources';
import { lastSubmittedRound } from './rounds';
import { versionedRepo } from './versioned';

/**
 * Year-end self-evaluations (绩效自评). A draft holds the evaluator's inputs, saved as they type; finalising scores
 * the plan by its rule set from the data as it is then and freezes the whole card, rule set included.
 */
const v = versionedRepo<EvaluationInputs, Evaluation>({
  table: () => db().evaluations as unknown as Table<Evaluation, Id>,
  entity: 'evaluation',
  locked: 'final',
  checkInputs: evaluationInputsProblem,
});

export const saveEvaluationInputs = v.saveInputs;
export const correctEvaluation = v.correct;
export const deleteDraftEvaluation = v.deleteDraft;
export const restoreDraftEvaluation = v.restoreDraft;

/** Every evaluation of a plan, all versions, oldest first. */
export async function listEvaluations(planId: Id): Promise<Evaluation[]> {
  const rows = await db().evaluations.where('planId').equals(planId).toArray();
  return rows.sort((a, b) => a.version - b.version || a.createdAt.localeCompare(b.createdAt));
}

export function listEvaluationsOfYear(year: number): Promise<Evaluation[]> {
  return db().evaluations.where('year').equals(year).toArray();
}

/** Starts the plan's evaluation, scored by the plan's rule set; a plan has one series, so an existing one is reopened. */
export async function startEvaluation(planId: Id, createdBy: string): Promise<Evaluation> {
  const d = db();
  return d.transaction('rw', [d.plans, d.evaluations, d.audit], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new InvalidInputError('planId', 'notFound');
    const existing = await listEvaluations(planId);
    const open = existing.find((e) => e.status === 'draft') ?? existing.find((e) => e.status === 'final');
    if (open) return open;
    const now = nowIso();
    const ev: Evaluation = {
      id: newId(), createdAt: now, updatedAt: now, rev: 1,
      planId, year: plan.year, seriesId: newId(), version: 1, status: 'draft', ruleSetId: ruleSetById(plan.ruleSetId).id,
      inputs: emptyEvaluationInputs(), createdBy: createdBy.trim(),
    };
    await d.evaluations.add(ev);
    await audit({ at: now, entity: 'evaluation', entityId: ev.id, planId, action: 'create', after: { version: 1, ruleSetId: ev.ruleSetId } });
    return ev;
  });
}

/** Chooses the rule set a draft is scored with (the default, the R2/D2 alternative, or the 一体化 profile). */
export async function setEvaluationRuleSet(id: Id, ruleSetId: string, expectedRev: number): Promise<Evaluation> {
  if (!Object.hasOwn(RULE_SETS, ruleSetId)) throw new InvalidInputError('ruleSetId', 'unknown');
  const d = db();
  return d.transaction('rw', [d.evaluations, d.audit], async () => {
    const cur = await v.draftAt(id, expectedRev);
    const now = nowIso();
    const next = { ...cur, ruleSetId, rev: cur.rev + 1, updatedAt: now };
    await d.evaluations.put(next);
    await audit({ at: now, entity: 'evaluation', entityId: id, planId: cur.planId, action: 'update', before: { ruleSetId: cur.ruleSetId }, after: { ruleSetId } });
    return next;
  });
}

/**
 * Finalises a draft: scores it from the data as it is now, refuses (naming every row and what it lacks) unless the
 * card is complete, and stores the card frozen with who and when; the plan records the rule set that scored it.
 */
export async function finaliseEvaluation(id: Id, finalisedBy: string, expectedRev: number): Promise<Evaluation> {
  const d = db();
  return d.transaction('rw', [d.evaluations, d.rounds, d.audit, ...sourceTables()], async () => {
    const cur = await v.draftAt(id, expectedRev);
    if (!finalisedBy.trim()) throw new InvalidInputError('finalisedBy', 'required');
    const src = await loadPlanSources(cur.planId);
    const round = await lastSubmittedRound(cur.planId);
    const ruleSet = ruleSetById(cur.ruleSetId);
    const snapshot = buildEvaluationForm({ ...src, inputs: cur.inputs, ruleSet, asOf: yearEnd(src.plan.year), lastRound: round?.snapshot ?? null, budgetWeightCp: src.plan.budgetWeightCp });
    if (snapshot.problems.length) throw new IncompleteError<EvalProblem>(snapshot.problems);
    const now = nowIso();
    const next = await v.lockDraft(cur, { snapshot, finalisedAt: now, finalisedBy: finalisedBy.trim() }, now);
    if (src.plan.ruleSetId !== ruleSet.id) await d.plans.put({ ...src.plan, ruleSetId: ruleSet.id, rev: src.plan.rev + 1, updatedAt: now });
    await audit({ at: now, entity: 'evaluation', entityId: id, planId: cur.planId, action: 'finalise', after: { by: next.finalisedBy, totalCp: snapshot.scorecard.totalCp, grade: snapshot.scorecard.grade, ruleSetId: ruleSet.id } });
    return next;
  });
}
