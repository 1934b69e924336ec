import type { IsoDateTime } from '@/domain/model';
import { formatPoints } from '@/domain/points';
import { dateBand } from '@/domain/evaluation/actuals';
import type { EvalProblem, EvalRow, EvaluationForm } from '@/domain/evaluation/types';
import { bandText } from '@/domain/scoring/qualitative';
import type { RuleSet, ScoreBand, ScoreProblem } from '@/domain/scoring/types';

/** Wording shared by the blocks of the self-evaluation: sources, stamps, problems, bands. */

type T = (key: string, params?: Record<string, unknown>) => string;

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored UTC instant in the reader's local time: '2026-03-05T06:22:10Z' → '2026-03-05 14:22' in Beijing. */
export function stampText(at: IsoDateTime | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 2.16667 → '216.7%' */
export const ratioText = (r: number): string => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/** Where the computed actual came from: '活动记录 12 条', '运行监控预计', '暂无记录'. */
export function computedSourceText(t: T, row: Pick<EvalRow, 'computed'>): string {
  const c = row.computed;
  return t(`evaluation.actual.source.${c.source}`, { n: c.detail });
}

/**
 * The row's band when it is scored in bands: 定性 rows by the chosen band, D1 date rows by the date
 * (domain.md §4.7). null for rows scored by a formula, and while a band row has no actual yet.
 */
export function bandOfRow(row: Pick<EvalRow, 'actual' | 'node'>, rules: Pick<RuleSet, 'date'>): ScoreBand | null {
  const a = row.actual;
  if (a.kind === 'band') return a.band;
  const due = row.node.target?.op === 'DATE_BY' ? row.node.target.date : undefined;
  if (a.kind === 'date' && rules.date === 'D1' && due) return dateBand(a.done, due);
  return null;
}

/** Does this row take a score inside a band: 'qual' (band chosen), 'date' (band from the date under D1), or not. */
export function bandMode(row: Pick<EvalRow, 'node'>, rules: Pick<RuleSet, 'date'>): 'qual' | 'date' | null {
  const op = row.node.target?.op;
  if (op === 'QUAL') return 'qual';
  if (op === 'DATE_BY' && rules.date === 'D1') return 'date';
  return null;
}

/** A row problem of the scoring engine in words, its centi-point params printed as points. */
export function scoreProblemText(t: T, p: ScoreProblem): string {
  const params: Record<string, unknown> = { ...p.params };
  for (const k of ['max', 'min'] as const) if (typeof params[k] === 'number') params[k] = formatPoints(params[k] as number);
  if (p.code === 'bandRange' && p.params) {
    const min = Number(p.params.min);
    const max = Number(p.params.max);
    params.range = `[${formatPoints(min)}, ${formatPoints(max + 1)})`;
  }
  return t(`evaluation.score.problem.${p.code}`, params);
}

/** The band's allowed range as FASP2 prints it: '[2.40, 3.20)'. */
export const bandRangeText = (band: ScoreBand, weightCp: number): string => bandText(band, weightCp);

/** What a problem of the card says: 'invalid' names what is invalid, 'weightsTotal' the current total. */
export function problemText(t: T, p: EvalProblem, form: EvaluationForm): string {
  if (p.code === 'invalid') {
    const row = form.rows.find((r) => r.node.id === p.id);
    // Over-achievement without a reason has its own entry (overReason); only what voids the score is named here.
    const what = (row?.score.problems ?? []).filter((x) => !['naWeighted', 'missingActual', 'overReason'].includes(x.code)).map((x) => scoreProblemText(t, x));
    return t('evaluation.problems.code.invalid', { what: what.join(t('evaluation.problems.sep')) });
  }
  if (p.code === 'weightsTotal') return t('evaluation.problems.code.weightsTotal', { total: formatPoints(form.weightTotalCp) });
  return t(`evaluation.problems.code.${p.code}`);
}

/** Which field a problem sends the evaluator to (data-field of the row's inputs, or a block of the card). */
export function problemField(p: EvalProblem, form: EvaluationForm): string {
  switch (p.code) {
    case 'missingActual':
      return 'actual';
    case 'explanation':
    case 'overReason':
      return 'explanation';
    case 'overrideNote':
      return 'note';
    case 'weightsTotal':
      return 'weights';
    case 'noBudget':
      return 'budget';
    case 'goalActual':
      return 'goal';
    case 'invalid': {
      const codes = new Set((form.rows.find((r) => r.node.id === p.id)?.score.problems ?? []).map((x) => x.code));
      if (codes.has('noWeight')) return 'weight';
      if (codes.has('bandRange')) return 'band-score';
      if (codes.has('adjustmentReason') || codes.has('adjustmentRange')) return 'adjust';
      if ([...codes].some((c) => c.startsWith('deduction'))) return 'deduct';
      return 'actual';
    }
  }
}
