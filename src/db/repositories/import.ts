import type { Id, Plan } from '@/domain/model';
import { bundleFromReading, checkChoices, checkIndicators, indicatorsFromReading, type ChoiceProblem, type SheetChoice } from '@/domain/import/bundle';
import { ImportRefusedError, type ImportRefusal } from '@/domain/import/errors';
import type { SheetReading } from '@/domain/import/types';
import { db } from '../database';
import { factory } from '../clock';
import { audit } from './audit';

export interface ImportRequest {
  reading: SheetReading;
  choice: SheetChoice;
}

/** Plans a sheet may replace: no 三级 indicator and nothing recorded against them (entries, spending, rounds, evaluations). */
export async function listEmptyPlanIds(): Promise<Id[]> {
  const d = db();
  return d.transaction('r', [d.plans, d.indicators, d.entries, d.spending, d.rounds, d.evaluations], async () => {
    const plans = await d.plans.toArray();
    const empty = await Promise.all(plans.map((p) => isEmpty(p.id)));
    return plans.filter((_, i) => empty[i]).map((p) => p.id);
  });
}

async function isEmpty(planId: Id): Promise<boolean> {
  const d = db();
  const counts = await Promise.all([
    d.indicators.where('planId').equals(planId).filter((n) => n.level === 3).count(),
    d.entries.where('planId').equals(planId).count(),
    d.spending.where('planId').equals(planId).count(),
    d.rounds.where('planId').equals(planId).count(),
    d.evaluations.where('planId').equals(planId).count(),
  ]);
  return counts.every((n) => n === 0);
}

const REFUSAL: Record<ChoiceProblem, ImportRefusal> = {
  nameRequired: 'invalid',
  badYear: 'invalid',
  exists: 'exists',
  duplicate: 'duplicate',
  pickPlan: 'notFound',
  notEmpty: 'notEmpty',
  pickedTwice: 'pickedTwice',
  notImportable: 'notImportable',
};

/**
 * Writes every chosen sheet in one transaction: a new plan per sheet, or the tree of an empty plan replaced (its
 * 一级/二级 frame removed, the plan itself, its budget and goal kept). Everything is checked again inside the
 * transaction — the unit, clashes with plans another tab may have added, emptiness, every row's references — and any
 * refusal or failure (storage full) leaves the database exactly as it was. Returns the plan ids, sheet by sheet.
 * Audited as a plan created (or updated, for a replaced tree) naming the file and sheet: the audit action 'import' is
 * the one the trail words as 从备份恢复.
 */
export async function importPlans(requests: readonly ImportRequest[], fileName: string): Promise<Id[]> {
  const d = db();
  return d.transaction('rw', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.spending, d.rounds, d.evaluations, d.audit], async () => {
    const chosen = requests.filter((r) => r.choice.include);
    if (!chosen.length) throw new ImportRefusedError('nothing');
    const unit = (await d.units.toArray())[0];
    if (!unit) throw new ImportRefusedError('noUnit');
    const plans = await d.plans.toArray();
    const emptyIds = new Set<Id>();
    for (const r of chosen) if (r.choice.mode === 'replace' && r.choice.replacePlanId && (await isEmpty(r.choice.replacePlanId))) emptyIds.add(r.choice.replacePlanId);
    const problems = checkChoices(chosen.map((r) => r.reading), chosen.map((r) => r.choice), { unitId: unit.id, plans, emptyPlanIds: emptyIds });
    const bad = problems.findIndex((p) => p.length > 0);
    if (bad >= 0) throw new ImportRefusedError(REFUSAL[problems[bad]![0]!], requests.indexOf(chosen[bad]!));

    const f = factory();
    const ids: Id[] = [];
    for (const [i, { reading, choice }] of chosen.entries()) {
      const sheet = requests.indexOf(chosen[i]!);
      if (choice.mode === 'create') {
        const bundle = bundleFromReading(reading, choice, unit.id, f);
        assertRows(bundle.plan.id, bundle.indicators, sheet);
        await d.plans.add(bundle.plan);
        await d.budgetLines.bulkAdd(bundle.budgetLines);
        await d.indicators.bulkAdd(bundle.indicators);
        await audit({ at: f.now, entity: 'plan', entityId: bundle.plan.id, planId: bundle.plan.id, action: 'create', after: { name: bundle.plan.name, year: bundle.plan.year, importedFrom: fileName, sheet: reading.name, indicators: reading.leafCount } });
        ids.push(bundle.plan.id);
      } else {
        const plan = plans.find((p) => p.id === choice.replacePlanId) as Plan;
        const indicators = indicatorsFromReading(reading, plan.id, f);
        assertRows(plan.id, indicators, sheet);
        await d.indicators.where('planId').equals(plan.id).delete();
        await d.indicators.bulkAdd(indicators);
        await d.plans.put({ ...plan, rev: plan.rev + 1, updatedAt: f.now });
        await audit({ at: f.now, entity: 'plan', entityId: plan.id, planId: plan.id, action: 'update', before: { name: plan.name, year: plan.year }, after: { importedFrom: fileName, sheet: reading.name, indicators: reading.leafCount } });
        ids.push(plan.id);
      }
    }
    return ids;
  });
}

function assertRows(planId: Id, rows: Parameters<typeof checkIndicators>[1], sheet: number): void {
  const problems = checkIndicators(planId, rows);
  if (problems.length) throw new ImportRefusedError('invalid', sheet, problems.join(', '));
}
