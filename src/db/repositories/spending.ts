import type { Id } from '@/domain/model';
import type { SpendingEntry } from '@/domain/actuals/types';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { NotFoundError, SpendingInvalidError } from '../errors';
import { validateSpending, type SpendingInput } from '@/domain/actuals/spending';

export type { SpendingInput };
import { audit } from './audit';

export async function addSpending(planId: Id, input: SpendingInput): Promise<SpendingEntry> {
  const d = db();
  return d.transaction('rw', [d.plans, d.budgetLines, d.spending, d.audit], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    const lineIds = (await d.budgetLines.where('planId').equals(planId).primaryKeys()) as string[];
    const errors = validateSpending(input, plan.year, lineIds);
    if (errors.length) throw new SpendingInvalidError(errors);
    const now = nowIso();
    const row: SpendingEntry = { id: newId(), createdAt: now, updatedAt: now, rev: 1, planId, date: input.date, amountFen: input.amountFen, note: (input.note ?? '').trim(), recordedBy: input.recordedBy.trim(), ...(input.budgetLineId ? { budgetLineId: input.budgetLineId } : {}), ...(input.source ? { source: input.source } : {}) };
    await d.spending.add(row);
    await audit({ at: now, entity: 'spending', entityId: row.id, planId, action: 'create', after: { date: row.date, amountFen: row.amountFen } });
    return row;
  });
}

export async function deleteSpending(id: Id): Promise<SpendingEntry | undefined> {
  const d = db();
  return d.transaction('rw', [d.spending, d.audit], async () => {
    const row = await d.spending.get(id);
    if (!row) return undefined;
    await d.spending.delete(id);
    await audit({ at: nowIso(), entity: 'spending', entityId: id, planId: row.planId, action: 'delete', before: { date: row.date, amountFen: row.amountFen } });
    return row;
  });
}

export async function restoreSpending(row: SpendingEntry): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.spending, d.audit], async () => {
    // Undo after the plan itself was deleted would leave money pointing at nothing.
    if (!(await d.plans.get(row.planId))) throw new NotFoundError(row.planId);
    await d.spending.put(row);
    await audit({ at: nowIso(), entity: 'spending', entityId: row.id, planId: row.planId, action: 'restore' });
  });
}

export function listSpending(planId: Id): Promise<SpendingEntry[]> {
  return db().spending.where('[planId+date]').between([planId, ''], [planId, '\uffff']).reverse().toArray();
}
