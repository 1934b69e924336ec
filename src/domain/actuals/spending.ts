import { FUND_SOURCES, type FundSource, type Id, type IsoDate } from '../model';
import { isIsoDate } from '../dates';

/** What a spending entry (预算执行数) holds before it is stored. Amounts are positive whole fen. */
export interface SpendingInput {
  budgetLineId?: Id;
  source?: FundSource;
  date: IsoDate;
  amountFen: number;
  note?: string;
  recordedBy: string;
}

export type SpendingErrorCode = 'required' | 'invalidDate' | 'outsideYear' | 'notNumber' | 'zero' | 'negative' | 'notInteger' | 'unknownLine' | 'unknownSource';

export interface SpendingError {
  field: 'date' | 'amount' | 'budgetLineId' | 'recordedBy' | 'source';
  code: SpendingErrorCode;
}

/** validateSpending({ date: '2022-13-45', amountFen: 0, recordedBy: '' }, 2022, []) → date, amount and recordedBy errors */
export function validateSpending(input: SpendingInput, year: number, budgetLineIds: readonly Id[]): SpendingError[] {
  const errors: SpendingError[] = [];
  if (!input.date) errors.push({ field: 'date', code: 'required' });
  else if (!isIsoDate(input.date)) errors.push({ field: 'date', code: 'invalidDate' });
  else if (!input.date.startsWith(`${year}-`)) errors.push({ field: 'date', code: 'outsideYear' });
  const a = input.amountFen;
  if (typeof a !== 'number' || !Number.isFinite(a)) errors.push({ field: 'amount', code: 'notNumber' });
  else if (a < 0) errors.push({ field: 'amount', code: 'negative' });
  else if (a === 0) errors.push({ field: 'amount', code: 'zero' });
  else if (!Number.isInteger(a)) errors.push({ field: 'amount', code: 'notInteger' });
  // A line of another plan would count this money against the wrong budget.
  if (input.budgetLineId && !budgetLineIds.includes(input.budgetLineId)) errors.push({ field: 'budgetLineId', code: 'unknownLine' });
  if (!input.recordedBy?.trim()) errors.push({ field: 'recordedBy', code: 'required' });
  if (input.source !== undefined && !FUND_SOURCES.includes(input.source)) errors.push({ field: 'source', code: 'unknownSource' });
  return errors;
}
