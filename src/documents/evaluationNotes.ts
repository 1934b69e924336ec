import { formatPoints } from '@/domain/points';
import { GRADE_LABELS } from '@/domain/scoring/grade';
import { totalLine } from '@/domain/evaluation/form-layout';
import { formatPercent } from './cells';
import type { EvalRow, EvaluationForm } from '@/domain/evaluation/types';

/**
 * The notes printed under a 自评表 so every score can be redone by hand from the paper: the rule set, each row's
 * formula as the rule wrote it, what the evaluator changed and why, the budget score, and how the total and grade follow.
 */

/** Where a row's actual came from, when it is not the activity log. */
function sourceNote(r: EvalRow): string | null {
  if (r.source === 'override' && r.input.override) {
    const computed = r.computed.source === 'none' ? '记录中无数据' : `按记录为 ${r.computed.text}`;
    return `实际完成值由评价人填报（${computed}；${r.input.override.note.trim()}）`;
  }
  if (r.source === 'round') return '实际完成值取自最近一次报送的监控表的全年预计完成值';
  return null;
}

/**
 * '3. 职业化干部…：财预〔2020〕10号 定量正向: 28/30×4.00 = 3.73' with the row's own changes after it. The rule's text
 * already carries an adjustment with its reason and a deduction's amount; the deduction's reason is added here.
 */
export function rowNote(r: EvalRow, n: number, overRatio: number): string {
  const parts = [`${n}. ${r.node.name}：${r.score.explanation.text}`];
  if (r.score.status === 'scored' && (r.input.deductionCp ?? 0) > 0) parts.push(`调减理由：${(r.input.deductionReason ?? '').trim()}`);
  if (r.score.over && r.score.ratio !== null) parts.push(`完成值为指标值的 ${formatPercent(r.score.ratio, 1)}（≥ ${formatPercent(overRatio, 1)}，超额完成）`);
  if (r.adjusted) parts.push(`年度指标值于 ${r.adjusted.approvedOn} 由 ${r.adjusted.originalText} 调整为 ${r.targetText}（${r.adjusted.reason}）`);
  const src = sourceNote(r);
  if (src) parts.push(src);
  return parts.join('；');
}

/** 优 ≥ 90.00，良 ≥ 80.00，中 ≥ 60.00，差 < 60.00 (the bands of the rule set that scored the card). */
export function gradeBandsText(form: EvaluationForm): string {
  const g = form.ruleSet.grades;
  return `${GRADE_LABELS.excellent} ≥ ${formatPoints(g.excellentCp)}，${GRADE_LABELS.good} ≥ ${formatPoints(g.goodCp)}，${GRADE_LABELS.fair} ≥ ${formatPoints(g.fairCp)}，${GRADE_LABELS.poor} < ${formatPoints(g.fairCp)}`;
}

export function evaluationNotes(form: EvaluationForm): string[] {
  const c = form.scorecard;
  const rs = form.ruleSet;
  const notes = [`评分规则：${rs.name}（${rs.id}，第${rs.version}版）；每项得分四舍五入到 0.01 分，总分为各项得分之和`];
  let n = 0;
  for (const r of form.rows) if (r.applicable) notes.push(rowNote(r, ++n, rs.overRatio));
  notes.push(form.budget.explanation.text);
  const rowsCp = c.rawTotalCp - c.budget.scoreCp;
  const t = totalLine(form);
  let total = `总分：指标得分 ${formatPoints(rowsCp)} + 预算执行率得分 ${formatPoints(c.budget.scoreCp)} = ${formatPoints(c.rawTotalCp)}`;
  if (c.totalCp !== c.rawTotalCp) total += `；${t.notes.join('；')} → ${t.total}`;
  notes.push(total);
  notes.push(`等级：${t.gradeLabel}（${gradeBandsText(form)}）`);
  return notes;
}
