import type { Id } from '@/domain/model';
import type { ActivityEntry, SpendingEntry } from '@/domain/actuals/types';
import { generateSampleActivity, SAMPLE_RECORDER } from '@/domain/seed/sample-activity';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { NotFoundError } from '../errors';
import { audit } from './audit';
import { rebuildRollups } from './rollups';

function tables() {
  const d = db();
  return [d.plans, d.indicators, d.budgetLines, d.entries, d.rollups, d.spending, d.audit] as const;
}

/**
 * How many sample rows the plan holds (the dashboard offers to remove them). Entries are found through the recorder
 * index, since the sample is recorded by SAMPLE_RECORDER: walking the plan's entries instead cost one cursor step per
 * entry and ran again after every save, which at district scale delayed the save's own gauge. A sample entry whose
 * recorder someone changed is not counted here (it is still removed with the sample).
 */
export async function countSampleActivity(planId: Id): Promise<number> {
  const d = db();
  const [e, s] = await Promise.all([
    d.entries.where('recordedBy').equals(SAMPLE_RECORDER).filter((x) => x.planId === planId && !!x.sample).count(),
    d.spending.where('planId').equals(planId).filter((x) => !!x.sample).count(),
  ]);
  return e + s;
}

/**
 * Fills a plan with a year of sample entries and spending, marked `sample` so they can be removed in one step.
 * Replaces an earlier sample of the same plan; real entries are never touched. All-or-nothing.
 */
export async function loadSampleActivity(planId: Id, asOf: string): Promise<number> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    await removeSampleRows(planId);
    const [nodes, lines] = await Promise.all([d.indicators.where('planId').equals(planId).toArray(), d.budgetLines.where('planId').equals(planId).toArray()]);
    const sample = generateSampleActivity(plan, nodes, lines, asOf);
    const now = nowIso();
    const stamp = () => ({ id: newId(), createdAt: now, updatedAt: now, rev: 1, planId, sample: true as const });
    const entries: ActivityEntry[] = sample.entries.map((e) => ({ ...stamp(), indicatorId: e.indicatorId, ...e.input, note: e.input.note ?? '' }));
    const spending: SpendingEntry[] = sample.spending.map((s) => ({ ...stamp(), ...s, recordedBy: SAMPLE_RECORDER }));
    await d.entries.bulkAdd(entries);
    await d.spending.bulkAdd(spending);
    await rebuildRollups(planId, entries.map((e) => e.indicatorId));
    await audit({ at: now, entity: 'sample', entityId: planId, planId, action: 'create', after: { entries: entries.length, spending: spending.length } });
    return entries.length + spending.length;
  });
}

async function removeSampleRows(planId: Id) {
  const d = db();
  const entries = await d.entries.where('planId').equals(planId).filter((x) => !!x.sample).toArray();
  await d.entries.bulkDelete(entries.map((e) => e.id));
  await d.spending.where('planId').equals(planId).filter((x) => !!x.sample).delete();
  await rebuildRollups(planId, entries.map((e) => e.indicatorId));
  return entries.length;
}

/** Removes the sample entries and spending of a plan in one step; the user's own entries stay. */
export async function removeSampleActivity(planId: Id): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    const n = await removeSampleRows(planId);
    await audit({ at: nowIso(), entity: 'sample', entityId: planId, planId, action: 'delete', before: { entries: n } });
  });
}
