import type { TargetSpec } from '../targets/types';
import type { Actual } from './types';
import { formatMoney } from '../money';
import { formatNumber } from '../targets/numbers';

/** Two decimals at most, for display only (sums stay exact in storage). */
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A numeric actual in the target's own unit: 65人次, 91.5%, 1,500.00元, 9.00万元. Money is formatted from the exact
 * fen, never from the float ratio value. Null when the actual is not a number (a date, a band, or no data).
 */
export function formatActualValue(actual: Actual, target: TargetSpec | undefined): string | null {
  if (actual.measure === 'money' && actual.amountFen !== undefined) return formatMoney(actual.amountFen, target?.unit ?? '万元');
  if (actual.value === null) return null;
  return `${formatNumber(round2(actual.value))}${target?.unit ?? ''}`;
}
