import { formatWan } from '../money';
import { explain } from './rule-sets';
import { mulDivHalfUp, pts } from './rounding';
import type { BudgetScore, BudgetScoreInput, RuleSet } from './types';

/**
 * 万元 with 2 decimals as the forms print them, more only when the amount has finer digits, so the formula can be
 * redone by hand without a rounded amount changing the score: 12,100,000,000 fen → '1,210.00'; 999,490 → '0.99949'.
 */
export function wanText(fen: number): string {
  const decimals = [2, 3, 4, 5].find((d) => fen % 10 ** (6 - d) === 0) ?? 6;
  return formatWan(fen, decimals);
}

/**
 * 预算执行率 (domain.md §4.5): 执行率 = 全年执行数 / 全年预算数 (the adjusted budget [V S4]); score =
 * min(执行率, 100%) × w (FASP2 AMT4/AMT3 × 10 [C]). Computed on integer fen, so the rounding is exact.
 * 18.6 of 20 万元, w=10 → 9.30. No budget (全年预算数 0) → no rate, score 0.
 */
export function scoreBudget(input: BudgetScoreInput, _rules: RuleSet): BudgetScore {
  const w = input.weightCp;
  const { rate, scoreCp } = budgetFigures(input);
  if (rate === null) return { rate, scoreCp, weightCp: w, explanation: explain('budget', `全年预算数为0 → ${pts(0)}`) };
  const executed = Math.max(0, input.executedFen);
  if (executed >= input.fullFen) {
    return { rate, scoreCp, weightCp: w, explanation: explain('budget', `${wanText(executed)} ≥ ${wanText(input.fullFen)} → ${pts(w)}`) };
  }
  const formula = `${wanText(executed)}/${wanText(input.fullFen)}×${pts(w)} = ${pts(scoreCp)}`;
  return { rate, scoreCp, weightCp: w, explanation: explain('budget', formula) };
}

/** The budget score's figures alone (scoreBudget is this plus its explanation): rate null without a budget. */
export function budgetFigures(input: BudgetScoreInput): { rate: number | null; scoreCp: number } {
  const w = input.weightCp;
  const fullFen = input.fullFen;
  if (!(fullFen > 0)) return { rate: null, scoreCp: 0 };
  // A net refund cannot earn less than nothing.
  const executed = Math.max(0, input.executedFen);
  return { rate: executed / fullFen, scoreCp: executed >= fullFen ? w : mulDivHalfUp(executed, w, fullFen) };
}
