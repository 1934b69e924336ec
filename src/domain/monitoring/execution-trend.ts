import type { IsoDate } from '../model';
import type { Fen } from '../money';
import type { SpendingEntry } from '../actuals/types';
import { daysInMonth } from '../dates';
import { budgetExecution, timeProgress, type Light } from './progress';

/** One plan's part of the year's execution: its spending and its 全年预算数 at the cut-off. */
export interface ExecutionSource {
  spending: readonly Pick<SpendingEntry, 'date' | 'amountFen'>[];
  budgetFen: Fen;
}

/** Cumulative budget execution at the end of one month (the cut-off itself for the cut-off's month). */
export interface ExecutionPoint {
  month: number;
  /** the last day counted: the month's end, or the cut-off */
  asOf: IsoDate;
  executedFen: Fen;
  /** executed ÷ 全年预算数; null without a budget */
  rate: number | null;
  /** 序时进度 at `asOf`: m/12 at a month end (domain.md §9) */
  expected: number;
  /** 预算执行预警 of that point (q = rate ÷ expected, FASP2 defaults) */
  light: Light;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The month-by-month cumulative execution of a set of plans up to a cut-off (财预〔2019〕136号: spending tracked
 * against 序时进度 by month): Σ spending up to each month end ÷ Σ 全年预算数.
 * cumulativeExecution([{ spending: [{ date: '2022-01-25', amountFen: 10 万元 }], budgetFen: 120 万元 }], '2022-02-28')
 * → [{ month: 1, rate: 1/12, expected: 1/12 }, { month: 2, rate: 1/12, expected: 2/12 }]
 */
export function cumulativeExecution(sources: readonly ExecutionSource[], cutoff: IsoDate): ExecutionPoint[] {
  const year = Number(cutoff.slice(0, 4));
  const last = Number(cutoff.slice(5, 7));
  const start = `${year}-01-01`;
  const budgetFen = sources.reduce((a, s) => a + s.budgetFen, 0);
  const byMonth = Array.from({ length: last }, () => 0);
  for (const s of sources) {
    for (const e of s.spending) {
      if (e.date < start || e.date > cutoff) continue;
      byMonth[Number(e.date.slice(5, 7)) - 1]! += e.amountFen;
    }
  }
  let run = 0;
  return byMonth.map((fen, i) => {
    const month = i + 1;
    run += fen;
    const asOf = month === last ? cutoff : `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
    const exec = budgetExecution(run, budgetFen, asOf, year);
    return { month, asOf, executedFen: run, rate: exec.rate, expected: timeProgress(asOf, year), light: exec.light };
  });
}
