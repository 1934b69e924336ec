import type { IndicatorNode } from '@/domain/model';
import type { ActivityEntry } from '@/domain/actuals/types';
import { formatMoney } from '@/domain/money';
import { formatNumber } from '@/domain/targets/numbers';

type T = (key: string, params?: Record<string, unknown>) => string;

/** How an entry reads in lists and notices: "40人次", "9/10", "1.25万元", "已完成". */
export function entryAmountText(e: Pick<ActivityEntry, 'amount' | 'amountFen' | 'numerator' | 'denominator' | 'value' | 'band' | 'done'>, node: IndicatorNode | undefined, t: T): string {
  const unit = node?.target?.unit ?? '';
  if (e.amount !== undefined) return `${formatNumber(e.amount)}${unit}`;
  if (e.amountFen !== undefined) return formatMoney(e.amountFen, unit || '万元');
  if (e.numerator !== undefined && e.denominator !== undefined) return `${e.numerator} / ${e.denominator}`;
  if (e.value !== undefined) return `${formatNumber(e.value)}${unit}`;
  if (e.band) return t(`entry.bands.${e.band}`);
  if (e.done) return t('entry.done');
  return '—';
}

/**
 * Splits "30人次" into 30 and its unit so that a unit typed by habit is checked, not dropped:
 * "30人" against a 人次 indicator is refused (人 and 人次 are never mixed, domain.md §2.4).
 */
export function splitAmount(text: string): { number: string; unit: string } {
  const m = /^\s*([-+]?[\d０-９.,，．]+)\s*(.*?)\s*$/.exec(text);
  return m ? { number: m[1]!, unit: m[2]! } : { number: text.trim(), unit: '' };
}
