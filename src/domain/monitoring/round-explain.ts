import type { IsoDate } from '../model';
import type { Actual, MeasureKind } from '../actuals/types';
import type { IndicatorNode } from '../model';
import { FEN_PER_WAN, FEN_PER_YUAN } from '../money';
import { formatNumber } from '../targets/numbers';
import type { Assessment } from './progress';
import { dueDateOf } from './achievement';

/** pct(0.8571) → '85.7%' (one decimal, as monitoring tables print r). */
export const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

const num = (x: number) => formatNumber(Math.round(x * 100) / 100);

const CUMULATIVE: ReadonlySet<MeasureKind> = new Set(['count', 'money']);

interface ExplainRow {
  node: Pick<IndicatorNode, 'target'>;
  applicable: boolean;
  measure: MeasureKind;
  actual: Actual;
  assessment: Assessment;
}

/** The actual in the target's unit (money targets are in 万元 or 元; the log keeps fen). */
function valueInTargetUnit(row: ExplainRow): number | null {
  const { actual } = row;
  if (actual.measure === 'money') {
    const fen = actual.amountFen ?? (actual.entries === 0 ? 0 : null);
    return fen === null ? null : fen / (row.node.target?.unit === '元' ? FEN_PER_YUAN : FEN_PER_WAN);
  }
  if (actual.measure === 'count' && actual.value === null && actual.entries === 0) return 0;
  return actual.value;
}

/**
 * The numbers behind a row's light, so a reader can redo it by hand from the printed form (FASP2 perf_t_warnset):
 * cumulative → "400 ÷ (800 × 7/12) = 85.7%"; rates → "86 < 90"; reverse → "9 ≤ 20"; dates → "完成 2022-06-20 ≤ 2022-12-31".
 */
export function lightFormula(row: ExplainRow, cutoff: IsoDate, tpText: string): string {
  const t = row.node.target;
  if (!row.applicable || !t) return '不适用';
  const a = valueInTargetUnit(row);
  if (row.measure === 'deadline') {
    const due = dueDateOf(t, Number(cutoff.slice(0, 4)));
    const done = row.actual.completedOn;
    if (done) return `完成 ${done} ${done <= due ? '≤' : '>'} ${due}`;
    return cutoff > due ? `截至 ${cutoff} 未完成，期限 ${due}` : `期限 ${due}，未到期`;
  }
  if (row.actual.band !== undefined && (a === null || t.value === undefined)) return '定性三档';
  if (a === null || t.value === undefined) return '无数据';
  const tv = t.value;
  switch (t.op) {
    case 'LE':
      return `${num(a)} ${a <= tv ? '≤' : '>'} ${num(tv)}`;
    case 'LT':
      return `${num(a)} ${a < tv ? '<' : '≥'} ${num(tv)}`;
    case 'RANGE':
      // A cumulative count still below its range is judged by the time-scaled rule on the lower bound (progress.ts).
      if (!(CUMULATIVE.has(row.measure) && a < tv && row.assessment.expected > 0 && row.assessment.expected < 1)) {
        return `${num(a)} ∈ [${num(tv)}, ${num(t.max ?? tv)}]? ${a >= tv && a <= (t.max ?? tv) ? '是' : '否'}`;
      }
      break;
    case 'EQ':
      if (tv === 0) return `${num(a)} ${a === 0 ? '=' : '≠'} 0`;
      break;
    default:
      break;
  }
  const e = row.assessment.expected;
  // The symbol follows the light, so the formula can never contradict it (a target of 0 or less is met or not).
  const met = row.assessment.light !== 'red';
  const strict = t.op === 'GT';
  const compared = `${num(a)} ${met ? (strict ? '>' : '≥') : strict ? '≤' : '<'} ${num(tv)}`;
  if (tv <= 0) return compared;
  if (e < 1 && e > 0) return `${num(a)} ÷ (${num(tv)} × ${tpText}) = ${pct(a / (tv * e))}`;
  if (e === 0) return `${num(a)}，年度未开始`;
  // Rates, surveys and readings are compared with the annual target directly (domain.md §9, §3.5: 86 against ≥90 is
  // red although 86 ÷ 90 = 95.6%): the comparison is what decides, and the ratio only shows for the ≥ 120% blue band.
  if (!CUMULATIVE.has(row.measure) && row.assessment.light !== 'blue') return compared;
  return `${num(a)} ÷ ${num(tv)} = ${pct(a / tv)}`;
}
