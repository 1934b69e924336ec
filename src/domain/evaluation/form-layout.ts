import type { PlanKind } from '../model';
import { formatWan } from '../money';
import { formatPoints } from '../points';
import { GRADE_LABELS } from '../scoring/grade';
import type { Grade } from '../scoring/types';
import type { TargetOp } from '../targets/types';
import type { EvalRow, EvaluationForm } from './types';

/**
 * The two official 自评表 layouts of domain.md §4.11 — 项目支出绩效自评表 and 部门（单位）整体支出绩效自评表 — as plain
 * rows of printable strings, built from one EvaluationForm. The screen, and later a print page or a spreadsheet,
 * put their own column titles (keys below) over these rows; nothing here depends on a language or a renderer.
 */

export type FormLayout = 'project' | 'unit';

/** A 项目支出 plan prints the project form, anything else the 部门（单位）整体 form. */
export const layoutOf = (kind: PlanKind): FormLayout => (kind === 'project' ? 'project' : 'unit');

export type HeaderKey = 'planName' | 'unitName' | 'supervisor' | 'implementer' | 'year';

/** 项目名称 / 主管部门 / 实施单位 (project); 部门（单位）名称 / 主管部门 / 年度 (unit). */
export function headerFields(form: EvaluationForm, layout: FormLayout): { key: HeaderKey; value: string }[] {
  const h = form.header;
  if (layout === 'project') {
    return [
      { key: 'planName', value: h.planName },
      { key: 'supervisor', value: h.supervisor },
      { key: 'implementer', value: h.implementer },
    ];
  }
  return [
    { key: 'unitName', value: h.unitName },
    { key: 'supervisor', value: h.supervisor },
    { key: 'year', value: String(h.year) },
  ];
}

export type FundsColumn = 'initial' | 'full' | 'executed' | 'weight' | 'rate' | 'score';

/** Column order as each form prints it: 项目资金 puts 分值 before 执行率, 部门预算执行情况 puts 执行率 first. */
export const FUNDS_COLUMNS: Readonly<Record<FormLayout, readonly FundsColumn[]>> = Object.freeze({
  project: ['initial', 'full', 'executed', 'weight', 'rate', 'score'],
  unit: ['initial', 'full', 'executed', 'rate', 'weight', 'score'],
});

export interface FundsLine {
  source: EvaluationForm['funds'][number]['source'];
  cells: Record<FundsColumn, string>;
}

/** 0.95012 → '95.01%'; null → '—' (no budget on that row). */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 10000) / 100).toFixed(2)}%`;
}

/**
 * 年度资金总额 / 其中：本年财政拨款 / 上年结转资金 / 其他资金 in 万元; only the total row carries 分值 and 得分
 * (domain.md §4.11). Total 1,273.52 executed 1,210.00 → rate '95.01%', weight '10.00', score '9.50'.
 */
export function fundsLines(form: EvaluationForm): FundsLine[] {
  return form.funds.map((f) => {
    const total = f.source === 'total';
    return {
      source: f.source,
      cells: {
        initial: formatWan(f.initialFen),
        full: formatWan(f.fullFen),
        executed: formatWan(f.executedFen),
        weight: total ? formatPoints(form.budget.weightCp) : '',
        rate: rateText(f.rate),
        score: total ? formatPoints(form.budget.scoreCp) : '',
      },
    };
  });
}

/** The score a row counts, or '—' while it cannot be scored (missing, invalid) and for 不适用 rows. */
export function scoreText(row: Pick<EvalRow, 'score'>): string {
  return row.score.scoreCp === null ? '—' : formatPoints(row.score.scoreCp);
}

/** The weight, '—' when none (不适用 rows carry none). */
export function weightText(row: Pick<EvalRow, 'node' | 'applicable'>): string {
  return row.applicable && row.node.weightCp !== null ? formatPoints(row.node.weightCp) : '—';
}

/**
 * What the evaluator changed on the rule's score, said beside the score on every form:
 * '规则得分 3.22 → 调整为 4.00（按整数计分）'; '规则得分 4.00，调减 1.00（年初指标值偏低）→ 3.00'. null when the rule's
 * score stands. A reasonless adjustment or deduction does not count (the row is invalid), so it is not printed.
 */
export function scoreNote(row: Pick<EvalRow, 'score' | 'input'>): string | null {
  const s = row.score;
  if (s.status !== 'scored' || s.ruleScoreCp === null || s.scoreCp === null) return null;
  const adj = row.input.adjustment;
  if (adj && adj.reason.trim()) return `规则得分 ${formatPoints(s.ruleScoreCp)} → 调整为 ${formatPoints(s.scoreCp)}（${adj.reason.trim()}）`;
  const d = row.input.deductionCp ?? 0;
  if (d > 0) return `规则得分 ${formatPoints(s.ruleScoreCp)}，调减 ${formatPoints(d)}（${(row.input.deductionReason ?? '').trim()}）→ ${formatPoints(s.scoreCp)}`;
  return null;
}

export interface ProjectIndicatorLine {
  id: string;
  applicable: boolean;
  /** the 一级 name on its first row; rowspan > 0 there, 0 on the rows it spans (merged cells) */
  level1: string;
  level1Span: number;
  level2: string;
  level2Span: number;
  name: string;
  /** 年度指标值: the target in force, with the approved original when it was adjusted */
  target: string;
  actual: string;
  weight: string;
  score: string;
  scoreNote: string | null;
  /** 偏差原因分析及改进措施 */
  explanation: string;
}

/** The 年度指标值 cell: '不少于900人次（原：不少于800人次）' when the target was adjusted during the year. */
export function targetText(row: Pick<EvalRow, 'targetText' | 'adjusted'>): string {
  return row.adjusted ? `${row.targetText}（原：${row.adjusted.originalText}）` : row.targetText;
}

/** Rows with a rowspan on the first row of each run of equal keys, 0 on the rest. */
function spans<T>(items: readonly T[], key: (t: T) => string): number[] {
  const out = items.map(() => 0);
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i === items.length || key(items[i]!) !== key(items[start]!)) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}

/** 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, 一级 and 二级 merged down their runs. */
export function projectIndicatorLines(form: EvaluationForm): ProjectIndicatorLine[] {
  const rows = form.rows;
  const l1 = spans(rows, (r) => r.level1);
  const l2 = spans(rows, (r) => `${r.level1}\u0000${r.level2}`);
  return rows.map((r, i) => ({
    id: r.node.id,
    applicable: r.applicable,
    level1: r.level1,
    level1Span: l1[i]!,
    level2: r.level2,
    level2Span: l2[i]!,
    name: r.node.name,
    target: targetText(r),
    actual: r.applicable ? r.actualText : '—',
    weight: weightText(r),
    score: scoreText(r),
    scoreNote: scoreNote(r),
    explanation: r.input.explanation.trim(),
  }));
}

/** 指标性质 as the FASP2 sign list prints it (≥ ＞ ＝ ＜ ≤ 定性); a deadline is "no later than", 不适用 has none. */
export const NATURE: Readonly<Record<TargetOp, string>> = Object.freeze({
  GE: '≥',
  GT: '>',
  EQ: '=',
  LT: '<',
  LE: '≤',
  RANGE: '区间',
  DATE_BY: '≤',
  QUAL: '定性',
  NA: '—',
});

export interface UnitIndicatorLine {
  id: string;
  applicable: boolean;
  level1: string;
  level2: string;
  /** the 三级 name; a 不适用 row, which has no name of its own, is told apart by its 二级: '经济效益指标 · 不适用' */
  name: string;
  unit: string;
  nature: string;
  /** 年初指标值 (as approved) */
  initialTarget: string;
  /** 调整指标值 (in force at the year end; the approved one when never adjusted) */
  adjustedTarget: string;
  actual: string;
  /** 得分系数(%) = score ÷ weight: '89.94' */
  coefficient: string;
  weight: string;
  score: string;
  scoreNote: string | null;
}

/** score ÷ weight as a percentage with two decimals: 322 of 358 → '89.94'; '—' without a score or a weight. */
export function coefficientText(scoreCp: number | null, weightCp: number | null): string {
  if (scoreCp === null || weightCp === null || weightCp <= 0) return '—';
  return (Math.round((scoreCp * 10000) / weightCp) / 100).toFixed(2);
}

/**
 * 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%) | 指标权重 | 指标得分. The unit form has
 * no 二级 column, so a 不适用 row names its 二级 ('经济效益指标 · 不适用'); otherwise the 不适用 rows of one 一级 read alike.
 */
export function unitIndicatorLines(form: EvaluationForm): UnitIndicatorLine[] {
  return form.rows.map((r) => ({
    id: r.node.id,
    applicable: r.applicable,
    level1: r.level1,
    level2: r.level2,
    name: r.applicable || !r.level2 ? r.node.name : `${r.level2} · ${r.node.name}`,
    unit: r.applicable ? r.node.target?.unit || '—' : '—',
    nature: NATURE[r.node.target?.op ?? 'QUAL'],
    initialTarget: r.adjusted ? r.adjusted.originalText : r.targetText,
    adjustedTarget: r.targetText,
    actual: r.applicable ? r.actualText : '—',
    coefficient: r.applicable ? coefficientText(r.score.scoreCp, r.node.weightCp) : '—',
    weight: weightText(r),
    score: scoreText(r),
    scoreNote: scoreNote(r),
  }));
}

export interface TotalLine {
  total: string;
  grade: Grade;
  gradeLabel: string;
  /** How the total came from the sum when a rule changed it: 不适用 rescale, 一体化 penalty and cap. */
  notes: string[];
}

/** 总分 97.00, 等级 优; the rescale/penalty/cap explanations that turned Σ into the total, in the order applied. */
export function totalLine(form: EvaluationForm): TotalLine {
  const c = form.scorecard;
  const notes: string[] = [];
  if (c.naRescale) notes.push(c.naRescale.explanation);
  if (c.penaltyCp > 0) notes.push(`偏离度扣分 ${formatPoints(c.penaltyCp)}`);
  if (c.cap) notes.push(c.cap.explanation);
  return { total: formatPoints(c.totalCp), grade: c.grade, gradeLabel: GRADE_LABELS[c.grade], notes };
}
