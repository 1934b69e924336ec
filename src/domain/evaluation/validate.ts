import { isIsoDate } from '../dates';
import type { ScoreActual } from '../scoring/types';
import type { EvaluationInputs } from './types';

const cp = (x: unknown) => x === undefined || x === null || (typeof x === 'number' && Number.isSafeInteger(x));

function actualOk(a: ScoreActual): boolean {
  switch (a.kind) {
    case 'number':
      return Number.isFinite(a.value);
    case 'date':
      return a.done === null || isIsoDate(a.done);
    case 'band':
      return cp(a.scoreCp);
    case 'missing':
      return true;
  }
}

/**
 * The repository's last check of an evaluation draft's inputs before they are stored: whole centi-points for band
 * scores, deductions and adjustments, finite numbers and real dates for overrides. The form checks the same beside
 * each field; this stops any other path from storing what a backup would later refuse.
 * evaluationInputsProblem({ rows: { a: { explanation: '', adjustment: { scoreCp: 3.5, reason: 'x' } } }, … }) → 'rows.a.adjustment'
 */
export function evaluationInputsProblem(inputs: EvaluationInputs): string | null {
  for (const [id, row] of Object.entries(inputs.rows)) {
    if (typeof row.explanation !== 'string') return `rows.${id}.explanation`;
    if (!cp(row.bandScoreCp)) return `rows.${id}.bandScoreCp`;
    if (!cp(row.deductionCp) || (row.deductionCp ?? 0) < 0) return `rows.${id}.deductionCp`;
    if (row.adjustment && !cp(row.adjustment.scoreCp)) return `rows.${id}.adjustment`;
    if (row.override && !actualOk(row.override.actual)) return `rows.${id}.override`;
  }
  return null;
}
