import type { Id } from './model';
import { parseWanToFen } from './money';

/** One row of the budget-lines editor as typed: amounts are 万元 text until validated. */
export interface BudgetLineDraft {
  id?: Id;
  name: string;
  content: string;
  fiscalWan: string;
  otherWan: string;
}

export interface BudgetLineValues {
  id?: Id;
  name: string;
  content: string;
  fiscalFen: number;
  otherFen: number;
}

export type BudgetDraftError = { row: number; field: 'name' | 'fiscalWan' | 'otherWan'; code: 'required' | 'badAmount' };

/**
 * Validates every row before anything is saved (all or nothing): a name, and amounts in 万元 (exact to the fen by
 * construction, six decimals of 万元) that are not negative; an empty amount is 0.
 */
export function validateBudgetDrafts(drafts: readonly BudgetLineDraft[]): { values: BudgetLineValues[]; errors: BudgetDraftError[] } {
  const errors: BudgetDraftError[] = [];
  const amount = (text: string, row: number, field: 'fiscalWan' | 'otherWan') => {
    const fen = text.trim() === '' ? 0 : parseWanToFen(text);
    if (fen === null || fen < 0) {
      errors.push({ row, field, code: 'badAmount' });
      return 0;
    }
    return fen;
  };
  const values = drafts.map((d, row) => {
    if (!d.name.trim()) errors.push({ row, field: 'name', code: 'required' });
    return { ...(d.id ? { id: d.id } : {}), name: d.name.trim(), content: d.content.trim(), fiscalFen: amount(d.fiscalWan, row, 'fiscalWan'), otherFen: amount(d.otherWan, row, 'otherWan') };
  });
  return { values, errors };
}
