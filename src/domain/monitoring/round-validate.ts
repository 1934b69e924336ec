import type { Id } from '../model';
import { parseWanToFen, parseYuanToFen } from '../money';
import { parseNumber } from '../targets/numbers';
import { DEVIATION_REASONS, POSSIBILITIES, type RoundForm, type RoundInputs, type RoundRow } from './round-types';

/**
 * What a round needs before it can be submitted (财预〔2019〕136号 偏差分析与纠偏; FASP2 monitor checks, domain.md §3.2):
 * every applicable row says how likely its target is (完成目标可能性); a row whose light is red or yellow, or whose
 * target is not certain to be met, says why (a 偏差原因 ticked and 原因说明 written) and what will be done (纠偏措施);
 * a 偏差原因 ticked on any row needs its 原因说明.
 */
export type RowMissing = 'possibility' | 'reasons' | 'reasonText' | 'measures';

export interface RoundProblem {
  indicatorId: Id;
  name: string;
  missing: RowMissing[];
}

/** needsExplanation(red row) → true; a green row whose possibility is 有可能 → true. */
export function needsExplanation(row: Pick<RoundRow, 'applicable' | 'assessment' | 'input'>): boolean {
  if (!row.applicable) return false;
  const light = row.assessment.light;
  return light === 'red' || light === 'yellow' || (row.input.possibility !== null && row.input.possibility !== 'certain');
}

export function rowMissing(row: RoundRow): RowMissing[] {
  if (!row.applicable) return [];
  const out: RowMissing[] = [];
  if (row.input.possibility === null) out.push('possibility');
  if (needsExplanation(row)) {
    if (row.input.reasons.length === 0) out.push('reasons');
    if (!row.input.reasonText.trim()) out.push('reasonText');
    if (!row.input.measures.trim()) out.push('measures');
  } else if (row.input.reasons.length > 0 && !row.input.reasonText.trim()) {
    // FASP2: a ticked 偏差原因 needs its 原因说明, even on a row that did not have to explain (domain.md §3.2).
    out.push('reasonText');
  }
  return out;
}

/** Every row that stops the round from being submitted, in form order, with what it lacks. */
export function roundProblems(form: RoundForm): RoundProblem[] {
  return form.rows.flatMap((r) => {
    const missing = rowMissing(r);
    return missing.length ? [{ indicatorId: r.node.id, name: r.node.name, missing }] : [];
  });
}

export type ForecastError = 'notNumber' | 'negative' | 'percentOver100';

/**
 * A typed forecast in the indicator's unit: money as 万元 (or 元) text to exact fen, other values as numbers;
 * '' clears it (back to the computed forecast). parseForecast('1,210.5', 'money', '万元') → { value: 1_210_500_000 }.
 */
export function parseForecast(text: string, measure: string, unit: string): { value: number | null } | { error: ForecastError } {
  const raw = text.trim();
  if (raw === '') return { value: null };
  if (measure === 'money') {
    const neg = /^[-－]/.test(raw);
    const fen = unit === '元' ? parseYuanToFen(raw.replace(/^[-－]/, '')) : parseWanToFen(raw.replace(/^[-－]/, ''));
    if (fen === null) return { error: 'notNumber' };
    return neg && fen > 0 ? { error: 'negative' } : { value: fen };
  }
  const n = parseNumber(raw.replace(/[%％]$/, ''));
  if (n === null || !Number.isFinite(n)) return { error: 'notNumber' };
  if (n < 0) return { error: 'negative' };
  if ((measure === 'rate' || measure === 'satisfaction') && n > 100) return { error: 'percentOver100' };
  return { value: n };
}

/**
 * The repository's last check of a draft's inputs before they are stored: what the form validates beside each field,
 * enforced again so no path (another tab's old code, a script) can store a value the backup would later refuse.
 * roundInputsProblem({ …, budgetForecastFen: -1 }) → 'budgetForecastFen'
 */
export function roundInputsProblem(inputs: RoundInputs): string | null {
  if (inputs.budgetForecastFen !== null && !(Number.isSafeInteger(inputs.budgetForecastFen) && inputs.budgetForecastFen >= 0)) return 'budgetForecastFen';
  for (const [id, row] of Object.entries(inputs.rows)) {
    const f = row.forecast;
    if (f !== undefined && f !== null && !(Number.isFinite(f) && f >= 0)) return `rows.${id}.forecast`;
    if (!row.reasons.every((r) => DEVIATION_REASONS.includes(r))) return `rows.${id}.reasons`;
    if (row.possibility !== null && !POSSIBILITIES.includes(row.possibility)) return `rows.${id}.possibility`;
  }
  return null;
}
