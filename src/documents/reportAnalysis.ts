import { formatPoints } from '@/domain/points';
import { targetText } from '@/domain/evaluation/form-layout';
import type { EvalRow, EvaluationForm } from '@/domain/evaluation/types';
import { bold, col, formatPercent, percentCell, pointsCell, text, withSuffix } from './cells';
import { scoreCell } from './evaluationForms';
import { runSpans } from './spans';
import type { Block, Cell, Paragraph, Table } from './model';

/**
 * The data-driven parts of the 自评报告 (domain.md §4.12): the score table by 一级, each 一级's indicators with target,
 * actual and score, and the rows that fell short or over-shot with the evaluator's 偏差原因分析.
 */

export const PENDING = '（待填写）';

export const pending = (lead: string, sectionKey?: string): Paragraph => ({ kind: 'paragraph', text: `${lead}${PENDING}`, pending: true, ...(sectionKey ? { sectionKey } : {}) });

export const para = (t: string, sectionKey?: string): Paragraph => ({ kind: 'paragraph', text: t, ...(sectionKey ? { sectionKey } : {}) });

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → '一', 12 → '十二' (section numbers stay well below 20). */
export const numeral = (n: number): string => (n <= 10 ? NUMERALS[n - 1]! : `十${NUMERALS[n - 11] ?? ''}`);

/** 一级 groups of the card in table order, with their rows. */
export function groupRows(form: EvaluationForm): { name: string; weightCp: number; scoreCp: number; rows: EvalRow[] }[] {
  return form.scorecard.groups.map((g) => ({ name: g.name, weightCp: g.weightCp, scoreCp: g.scoreCp, rows: form.rows.filter((r) => r.level1 === g.name) }));
}

const ratio = (score: number, weight: number) => (weight > 0 ? score / weight : null);

/** 三、综合评价结论 table: 一级指标 | 分值 | 得分 | 得分率, the budget score, then 合计 = 总分. */
export function scoreTable(form: EvaluationForm): Table {
  const c = form.scorecard;
  const rows: Cell[][] = c.groups.map((g) => [text(withSuffix(g.name)), pointsCell(g.weightCp), pointsCell(g.scoreCp), percentCell(ratio(g.scoreCp, g.weightCp))]);
  rows.push([text('预算执行率'), pointsCell(c.budget.weightCp), pointsCell(c.budget.scoreCp), percentCell(ratio(c.budget.scoreCp, c.budget.weightCp))]);
  const weight = c.groups.reduce((s, g) => s + g.weightCp, 0) + c.budget.weightCp;
  const b = { bold: true };
  rows.push([bold('合计'), pointsCell(weight, b), pointsCell(c.totalCp, b), percentCell(ratio(c.totalCp, weight), 2, b)]);
  return {
    kind: 'table',
    caption: '自评得分情况',
    columns: [col('level1', 30), col('weight', 16, 'right'), col('score', 16, 'right'), col('rate', 16, 'right')],
    headRows: [['一级指标', '分值', '得分', '得分率'].map((h) => bold(h, { align: 'center' }))],
    bodyRows: rows,
  };
}

/** The indicators of one 一级: 二级指标 (merged) | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分. */
export function groupTable(name: string, rows: readonly EvalRow[]): Table {
  const spans = runSpans(rows, (r) => r.level2);
  return {
    kind: 'table',
    caption: `${withSuffix(name)}完成情况`,
    columns: [col('level2', 10), col('level3', 30), col('target', 14), col('actual', 14), col('weight', 8, 'right'), col('score', 14, 'right')],
    headRows: [['二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].map((h) => bold(h, { align: 'center' }))],
    bodyRows: rows.map((r, i) => [
      ...(spans[i] ? [text(r.level2, { rowSpan: spans[i], align: 'center' })] : []),
      text(r.node.name),
      text(targetText(r), { align: 'center' }),
      text(r.applicable ? r.actualText : '—', { align: 'center' }),
      r.applicable && r.node.weightCp !== null ? pointsCell(r.node.weightCp) : text('—', { align: 'center' }),
      r.applicable ? scoreCell(r) : text('—', { align: 'center' }),
    ]),
  };
}

/** Ends a sentence the evaluator left open: '已补办' → '已补办。' */
const sentence = (t: string) => (/[。！？.!?；;]$/.test(t) ? t : `${t}。`);

/** A row fell short of full marks by the rule, or over-shot the over-achievement threshold. */
const shortOf = (r: EvalRow) => r.applicable && r.score.ruleScoreCp !== null && r.node.weightCp !== null && r.score.ruleScoreCp < r.node.weightCp;

/** 产出指标分值 50.00 分，得分 48.06 分（得分率 96.12%）。适用指标 14 项，10 项达到年度指标值；未达到的 4 项：…。 */
export function groupSummary(g: ReturnType<typeof groupRows>[number]): string {
  const applicable = g.rows.filter((r) => r.applicable);
  const short = applicable.filter(shortOf);
  const over = applicable.filter((r) => r.score.over);
  const rate = ratio(g.scoreCp, g.weightCp);
  const parts = [`${withSuffix(g.name)}分值 ${formatPoints(g.weightCp)} 分，得分 ${formatPoints(g.scoreCp)} 分${rate === null ? '' : `（得分率 ${formatPercent(rate, 2)}）`}。`];
  parts.push(`适用指标 ${applicable.length} 项，${applicable.length - short.length} 项达到年度指标值`);
  parts.push(short.length ? `；未达到的 ${short.length} 项：${short.map((r) => r.node.name).join('、')}` : '');
  parts.push(over.length ? `；超额完成的 ${over.length} 项：${over.map((r) => r.node.name).join('、')}` : '');
  const na = g.rows.length - applicable.length;
  parts.push(na ? `；不适用 ${na} 项。` : '。');
  return parts.join('');
}

/** 五、偏离目标的原因: one numbered paragraph per row short of full marks or over-achieved, with its explanation. */
export function deviationParagraphs(form: EvaluationForm): Paragraph[] {
  const rows = form.rows.filter((r) => shortOf(r) || (r.applicable && r.score.over));
  if (!rows.length) return [para('各项适用指标均达到年度指标值，未出现偏离目标的情况。')];
  return rows.map((r, i) => {
    const facts = `${i + 1}. ${r.node.name}：年度指标值 ${targetText(r)}，实际完成值 ${r.actualText}，得分 ${r.score.scoreCp === null ? '—' : formatPoints(r.score.scoreCp)} 分（分值 ${formatPoints(r.node.weightCp ?? 0)} 分）${r.score.over ? '，超额完成' : ''}。`;
    const why = r.input.explanation.trim();
    return why ? para(`${facts}${sentence(why)}`) : pending(`${facts}原因：`);
  });
}

/** 四 (二)…: a subsection per 一级 group, numbered from `first`. */
export function groupSections(form: EvaluationForm, first: number, satisfactionText: string): Block[] {
  const out: Block[] = [];
  groupRows(form).forEach((g, i) => {
    out.push({ kind: 'heading', level: 2, text: `（${numeral(first + i)}）${withSuffix(g.name)}完成情况` });
    out.push(para(groupSummary(g)));
    out.push(groupTable(g.name, g.rows));
    // 满意度: how the survey was done and on whom (domain.md §4.12).
    if (g.name.includes('满意度')) out.push(satisfactionText ? para(satisfactionText, 'satisfaction') : pending('满意度调查方法及样本情况：', 'satisfaction'));
  });
  return out;
}
