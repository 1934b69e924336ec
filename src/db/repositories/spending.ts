import type { Id } from '@/domain/model';
import type { SpendingEntry } from '@/domain/actuals/types';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { NotFoundError } from '../errors';
import { audit } from './audit';

export interface SpendingInput {
  budgetLineId?: Id;
  date: string;
  amountFen: number;
  note?: string;
  recordedBy: string;
}

export type SpendingErrorCode = 'required' | 'outsideYear' | 'notPositive' | 'notInteger';

/** Checks a spending entry against its plan year; amounts are positive whole fen. */
export function validateSpending(input: SpendingInput, year: number): { field: 'date' | 'amount' | 'recordedBy'; code: SpendingErrorCode }[] {
  const errors: { field: 'date' | 'amount' | 'recordedBy'; code: SpendingErrorCode }[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) errors.push({ field: 'date', code: 'required' });
  else if (!input.date.startsWith(`${year}-`)) errors.push({ field: 'date', code: 'outsideYear' });
  if (!Number.isFinite(input.amountFen) || input.amountFen <= 0) errors.push({ field: 'amount', code: 'notPositive' });
  else if (!Number.isInteger(input.amountFen)) errors.push({ field: 'amount', code: 'notInteger' });
  if (!input.recordedBy.trim()) errors.push({ field: 'recordedBy', code: 'required' });
  return errors;
}

export class SpendingInvalidError extends Error {
  constructor(readonly errors: ReturnType<typeof validateSpending>) {
    super('invalid spending');
    this.name = 'SpendingInvalidError';
  }
}

export async function addSpending(planId: Id, input: SpendingInput): Promise<SpendingEntry> {
  const d = db();
  return d.transaction('rw', [d.plans, d.spending, d.audit], async () => {
    const plan = await d.plans.get(planId);
    if (!plan) throw new NotFoundError(planId);
    const errors = validateSpending(input, plan.year);
    if (errors.length) throw new SpendingInvalidError(errors);
    const now = nowIso();
    const row: SpendingEntry = { id: newId(), createdAt: now, updatedAt: now, rev: 1, planId, date: input.date, amountFen: input.amountFen, note: (input.note ?? '').trim(), recordedBy: input.recordedBy.trim(), ...(input.budgetLineId ? { budgetLineId: input.budgetLineId } : {}) };
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
  await d.transaction('rw', [d.spending, d.audit], async () => {
    await d.spending.put(row);
    await audit({ at: nowIso(), entity: 'spending', entityId: row.id, planId: row.planId, action: 'restore' });
  });
}

export function listSpending(planId: Id): Promise<SpendingEntry[]> {
  return db().spending.where('[planId+date]').between([planId, ''], [planId, '\uffff']).reverse().toArray();
}
