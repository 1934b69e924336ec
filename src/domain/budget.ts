import { FUND_SOURCES, type BudgetAdjustment, type BudgetLine, type FundSource, type Id, type IsoDate } from './model';
import { parseWanToFen, type Fen } from './money';
import { isIsoDate } from './dates';

/** One row of the budget-lines editor as typed: amounts are 万元 text until validated. */
export interface BudgetLineDraft {
  id?: Id;
  name: string;
  content: string;
  fiscalWan: string;
  carryoverWan: string;
  otherWan: string;
}

export interface BudgetLineValues {
  id?: Id;
  name: string;
  content: string;
  fiscalFen: number;
  carryoverFen: number;
  otherFen: number;
}

type AmountField = 'fiscalWan' | 'carryoverWan' | 'otherWan';
export type BudgetDraftError = { row: number; field: 'name' | AmountField; code: 'required' | 'badAmount' };

/** '12.5' → 12,500,000 fen; '' → 0; null for anything that is not a non-negative 万元 amount. */
function amountFen(text: string): Fen | null {
  const fen = text.trim() === '' ? 0 : parseWanToFen(text);
  return fen === null || fen < 0 ? null : fen;
}

/**
 * Validates every row before anything is saved (all or nothing): a name, and amounts in 万元 (exact to the fen by
 * construction, six decimals of 万元) that are not negative; an empty amount is 0.
 */
export function validateBudgetDrafts(drafts: readonly BudgetLineDraft[]): { values: BudgetLineValues[]; errors: BudgetDraftError[] } {
  const errors: BudgetDraftError[] = [];
  const amount = (text: string, row: number, field: AmountField) => {
    const fen = amountFen(text);
    if (fen === null) errors.push({ row, field, code: 'badAmount' });
    return fen ?? 0;
  };
  const values = drafts.map((d, row) => {
    if (!d.name.trim()) errors.push({ row, field: 'name', code: 'required' });
    return {
      ...(d.id ? { id: d.id } : {}),
      name: d.name.trim(),
      content: d.content.trim(),
      fiscalFen: amount(d.fiscalWan, row, 'fiscalWan'),
      carryoverFen: amount(d.carryoverWan, row, 'carryoverWan'),
      otherFen: amount(d.otherWan, row, 'otherWan'),
    };
  });
  return { values, errors };
}

/** Amounts per fund source with their sum: the rows 年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金. */
export type FundAmounts = Record<FundSource | 'total', Fen>;

export const zeroFunds = (): FundAmounts => ({ fiscal: 0, carryover: 0, other: 0, total: 0 });

/** 年初预算数 of one line: { fiscal, carryover, other, total }. */
export function initialFunds(line: Pick<BudgetLine, 'fiscalFen' | 'carryoverFen' | 'otherFen'>): FundAmounts {
  const fiscal = line.fiscalFen;
  const carryover = line.carryoverFen ?? 0;
  const other = line.otherFen;
  return { fiscal, carryover, other, total: fiscal + carryover + other };
}

/**
 * 全年预算数 of one line: 年初 plus every adjustment approved on or before `asOf` (all of them when omitted). An
 * adjustment approved after a monitoring cut-off was not yet the budget then (财预〔2019〕136号 compares execution
 * with the budget in force).
 */
export function fullFunds(line: Pick<BudgetLine, 'fiscalFen' | 'carryoverFen' | 'otherFen' | 'adjustments'>, asOf?: IsoDate): FundAmounts {
  const out = initialFunds(line);
  for (const a of line.adjustments ?? []) {
    if (asOf !== undefined && a.date > asOf) continue;
    out[a.source] += a.amountFen;
    out.total += a.amountFen;
  }
  return out;
}

/** Sums fund amounts over lines. */
export function sumFunds(list: readonly FundAmounts[]): FundAmounts {
  const out = zeroFunds();
  for (const f of list) for (const k of [...FUND_SOURCES, 'total'] as const) out[k] += f[k];
  return out;
}

/** A plan's budget: 年初 and 全年 (at `asOf`) summed over its lines. */
export function planBudget(lines: readonly BudgetLine[], asOf?: IsoDate): { initial: FundAmounts; full: FundAmounts } {
  return { initial: sumFunds(lines.map(initialFunds)), full: sumFunds(lines.map((l) => fullFunds(l, asOf))) };
}

export interface AdjustmentDraft {
  date: string;
  source: FundSource;
  /** Signed 万元 text: "+20", "-5.5", "20". */
  amountWan: string;
  reason: string;
}

export type AdjustmentError = { field: 'date' | 'amountWan' | 'reason'; code: 'badDate' | 'outsideYear' | 'badAmount' | 'zero' | 'required' | 'negativeResult' };

/**
 * Whether adding the adjustment leaves its source below zero on any day: 全年预算数 at a monitoring cut-off counts only
 * the adjustments approved by then, so a cut dated before the top-up that covers it would be negative in between.
 */
function drivesBelowZero(line: BudgetLine, d: AdjustmentDraft, amountFen: number): boolean {
  if (!isIsoDate(d.date)) return fullFunds(line)[d.source] + amountFen < 0;
  const next = { ...line, adjustments: [...(line.adjustments ?? []), { id: '', date: d.date, source: d.source, amountFen, reason: '' }] };
  return next.adjustments.some((a) => fullFunds(next, a.date)[d.source] < 0);
}

/**
 * Checks one budget adjustment before it is saved: a real date in the plan year, a signed non-zero 万元 amount,
 * a reason (an adjustment without one could not be defended in the 自评报告), and no source driven below zero on any day.
 */
export function validateAdjustment(d: AdjustmentDraft, year: number, line: BudgetLine): { value?: Omit<BudgetAdjustment, 'id'>; errors: AdjustmentError[] } {
  const errors: AdjustmentError[] = [];
  if (!isIsoDate(d.date)) errors.push({ field: 'date', code: 'badDate' });
  else if (!d.date.startsWith(`${year}-`)) errors.push({ field: 'date', code: 'outsideYear' });
  const text = d.amountWan.trim().replace(/^\+/, '');
  const neg = text.startsWith('-') || text.startsWith('－');
  const fen = parseWanToFen(text.replace(/^[-－]/, ''));
  if (fen === null || text === '') errors.push({ field: 'amountWan', code: 'badAmount' });
  else if (fen === 0) errors.push({ field: 'amountWan', code: 'zero' });
  if (!d.reason.trim()) errors.push({ field: 'reason', code: 'required' });
  const amount = fen === null ? 0 : neg ? -fen : fen;
  if (!errors.some((e) => e.field === 'amountWan') && drivesBelowZero(line, d, amount)) errors.push({ field: 'amountWan', code: 'negativeResult' });
  if (errors.length) return { errors };
  return { value: { date: d.date, source: d.source, amountFen: amount, reason: d.reason.trim() }, errors };
}

/** Execution by fund source up to `asOf`; rows logged without a source were paid from 财政拨款. */
export function executedBySource(spending: readonly { date: IsoDate; amountFen: number; source?: FundSource }[], asOf: IsoDate): FundAmounts {
  const out = zeroFunds();
  for (const s of spending) {
    if (s.date > asOf) continue;
    out[s.source ?? 'fiscal'] += s.amountFen;
    out.total += s.amountFen;
  }
  return out;
}

/** The funds rows of the 监控表 and 自评表: 年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金. */
export const FUND_ROWS = ['total', 'fiscal', 'carryover', 'other'] as const;

/**
 * Checks a budget line's adjustments as stored (the repository's last word, whatever the form did): each dated in the
 * plan year, a whole non-zero number of fen, with a reason; and no fund source below zero on any adjustment day.
 * lineAdjustmentProblem(line with a −30 cut of a 20 line, 2022) → 'negativeResult'
 */
export function lineAdjustmentProblem(line: BudgetLine, year: number): AdjustmentError['code'] | null {
  for (const a of line.adjustments ?? []) {
    if (!isIsoDate(a.date)) return 'badDate';
    if (!a.date.startsWith(`${year}-`)) return 'outsideYear';
    if (!Number.isSafeInteger(a.amountFen)) return 'badAmount';
    if (a.amountFen === 0) return 'zero';
    if (!a.reason.trim()) return 'required';
  }
  const days = (line.adjustments ?? []).map((a) => a.date);
  for (const day of days) {
    const f = fullFunds(line, day);
    if (FUND_SOURCES.some((s) => f[s] < 0)) return 'negativeResult';
  }
  return null;
}
