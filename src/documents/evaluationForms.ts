import type { IsoDate } from '@/domain/model';
import type { Evaluation, EvalRow, EvaluationForm } from '@/domain/evaluation/types';
import {
  coefficientText,
  FUNDS_COLUMNS,
  headerFields,
  layoutOf,
  projectIndicatorLines,
  scoreNote,
  totalLine,
  unitIndicatorLines,
  type FormLayout,
  type FundsColumn,
  type HeaderKey,
} from '@/domain/evaluation/form-layout';
import { bold, chinaDate, chineseDate, col, dash, FUND_ROW_LABELS, percentCell, pointsCell, text, wanCell } from './cells';
import { evaluationNotes } from './evaluationNotes';
import { orientationFor, type Block, type Cell, type DocumentModel, type Table, type Watermark } from './model';

/**
 * 项目支出绩效自评表 and 部门（单位）整体支出绩效自评表 (domain.md §4.11) of ONE evaluation: the frozen snapshot once final
 * (superseded versions print 已被更正), or — for a draft — the form the caller computed, watermarked 草稿. The rows come
 * from form-layout.ts, the same rows the screen shows, so paper and screen cannot disagree.
 */

export const HEADER_LABELS: Readonly<Record<HeaderKey, string>> = Object.freeze({
  planName: '项目名称',
  unitName: '部门（单位）名称',
  supervisor: '主管部门',
  implementer: '实施单位',
  year: '年度',
});

const FUNDS_TITLES: Readonly<Record<FormLayout, Record<FundsColumn, string>>> = Object.freeze({
  project: { initial: '年初预算数', full: '全年预算数', executed: '全年执行数', weight: '分值', rate: '执行率', score: '得分' },
  unit: { initial: '年初预算数', full: '全年（调整）预算数', executed: '全年执行数', weight: '执行率权重', rate: '执行率', score: '执行率得分' },
});

export interface EvaluationDocumentSources {
  evaluation: Evaluation;
  /** A draft's form, computed by the caller from its inputs (a draft has no snapshot); ignored once final. */
  draftForm?: EvaluationForm;
  /** The print date of a draft (a final evaluation prints the day it was finalised). */
  date?: IsoDate;
  /** Defaults to the plan's kind: 项目支出 → project, otherwise the 部门（单位）整体 layout. */
  layout?: FormLayout;
}

/** The form an evaluation prints, its watermark and date: the snapshot once final, the passed form while a draft. */
export function evaluationFormOf(src: Pick<EvaluationDocumentSources, 'evaluation' | 'draftForm' | 'date'>): { form: EvaluationForm; watermark: Watermark | null; date: IsoDate } {
  const e = src.evaluation;
  if (e.status === 'draft') {
    if (!src.draftForm) throw new Error(`evaluation ${e.id} is a draft: pass the form computed from its inputs`);
    if (!src.date) throw new Error(`evaluation ${e.id} is a draft: pass the print date`);
    return { form: src.draftForm, watermark: 'draft', date: src.date };
  }
  if (!e.snapshot) throw new Error(`evaluation ${e.id} is ${e.status} but has no frozen form`);
  const date = e.finalisedAt ? chinaDate(e.finalisedAt) : src.date;
  if (!date) throw new Error(`evaluation ${e.id} has no finalisation time: pass the print date`);
  return { form: e.snapshot, watermark: e.status === 'superseded' ? 'superseded' : null, date };
}

function fundsTable(form: EvaluationForm, layout: FormLayout): Table {
  const order = FUNDS_COLUMNS[layout];
  const titles = FUNDS_TITLES[layout];
  return {
    kind: 'table',
    caption: layout === 'project' ? '项目资金（万元）' : '部门预算执行情况（万元）',
    columns: [col('row', 16), ...order.map((k) => col(k, k === 'full' ? 14 : 11, 'right'))],
    headRows: [[bold(layout === 'project' ? '项目资金（万元）' : '预算资金（万元）', { align: 'center' }), ...order.map((k) => bold(titles[k], { align: 'center' }))]],
    bodyRows: form.funds.map((f) => {
      const total = f.source === 'total';
      const b = total ? { bold: true } : {};
      const cells: Record<FundsColumn, Cell> = {
        initial: wanCell(f.initialFen, b),
        full: wanCell(f.fullFen, b),
        executed: wanCell(f.executedFen, b),
        rate: percentCell(f.rate, 2, b),
        // Only the total row carries 分值 and 得分 (domain.md §4.11).
        weight: total ? pointsCell(form.budget.weightCp, b) : text(''),
        score: total ? pointsCell(form.budget.scoreCp, b) : text(''),
      };
      return [text(FUND_ROW_LABELS[f.source], b), ...order.map((k) => cells[k])];
    }),
  };
}

function goalTable(form: EvaluationForm, layout: FormLayout): Table {
  const g = form.goal;
  if (layout === 'project') {
    return {
      kind: 'table',
      caption: '年度总体目标',
      columns: [col('expected', 60), col('actual', 60)],
      headRows: [[bold('预期目标', { align: 'center' }), bold('实际完成情况', { align: 'center' })]],
      bodyRows: [[text(g.text), text(g.actual)]],
    };
  }
  return {
    kind: 'table',
    caption: '当年绩效目标',
    columns: [col('initial', 45), col('adjusted', 25), col('actual', 45)],
    headRows: [['年初目标', '全年（调整）目标', '实际完成情况'].map((h) => bold(h, { align: 'center' }))],
    bodyRows: [[text(g.text), text('未调整', { align: 'center' }), text(g.actual)]],
  };
}

/** A row's 得分 cell: the score as a number; where the evaluator changed it, the rule's score printed beside it. */
export function scoreCell(r: EvalRow): Cell {
  if (r.score.scoreCp === null) return dash();
  const cell = pointsCell(r.score.scoreCp);
  const note = scoreNote(r);
  return note ? { ...cell, text: note, align: 'left' } : cell;
}

const weightCell = (r: EvalRow): Cell => (r.applicable && r.node.weightCp !== null ? pointsCell(r.node.weightCp) : dash());

/** Rows grouped by 一级 in table order, each with its subtotal from the scorecard. */
function groupsOf(form: EvaluationForm): { name: string; rows: number[]; weightCp: number; scoreCp: number }[] {
  const out: { name: string; rows: number[]; weightCp: number; scoreCp: number }[] = [];
  form.rows.forEach((r, i) => {
    const last = out[out.length - 1];
    if (last && last.name === r.level1) last.rows.push(i);
    else {
      const g = form.scorecard.groups.find((x) => x.name === r.level1);
      out.push({ name: r.level1, rows: [i], weightCp: g?.weightCp ?? 0, scoreCp: g?.scoreCp ?? 0 });
    }
  });
  return out;
}

/** Σ of the subtotals and the budget: the 分值 of 总分 (100.00 when the weights are complete). */
const totalWeightCp = (form: EvaluationForm) => form.scorecard.groups.reduce((s, g) => s + g.weightCp, 0) + form.budget.weightCp;

function projectIndicators(form: EvaluationForm): Table {
  const lines = projectIndicatorLines(form);
  const body: Cell[][] = [];
  for (const g of groupsOf(form)) {
    g.rows.forEach((i, k) => {
      const l = lines[i]!;
      const r = form.rows[i]!;
      const cells: Cell[] = [];
      // The 一级 cell runs down its rows and its 小计 row.
      if (k === 0) cells.push(bold(l.level1, { rowSpan: g.rows.length + 1, align: 'center' }));
      if (l.level2Span > 0) cells.push(text(l.level2, { rowSpan: l.level2Span, align: 'center' }));
      cells.push(text(l.name), text(l.target, { align: 'center' }), text(l.actual, { align: 'center' }), weightCell(r), scoreCell(r), text(l.explanation));
      body.push(cells);
    });
    body.push([bold('小计', { colSpan: 4, align: 'center' }), pointsCell(g.weightCp, { bold: true }), pointsCell(g.scoreCp, { bold: true }), text('')]);
  }
  const t = totalLine(form);
  body.push([bold('总分', { colSpan: 5, align: 'center' }), pointsCell(totalWeightCp(form), { bold: true }), pointsCell(form.scorecard.totalCp, { bold: true }), text('')]);
  body.push([bold('自评等级', { colSpan: 5, align: 'center' }), bold(t.gradeLabel, { colSpan: 3, align: 'center' })]);
  const heads = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  return {
    kind: 'table',
    caption: '绩效指标',
    // 一级 and 二级 wide enough for their four-character heads (一级指标) and names (经济效益指标 on two lines at most).
    columns: [col('level1', 9), col('level2', 12), col('level3', 26), col('target', 16), col('actual', 14), col('weight', 7, 'right'), col('score', 14, 'right'), col('explanation', 27)],
    headRows: [heads.map((h) => bold(h, { align: 'center' }))],
    bodyRows: body,
  };
}

function coefficientCell(scoreCp: number | null, weightCp: number | null, extra: Omit<Cell, 'text'> = {}): Cell {
  const printed = coefficientText(scoreCp, weightCp);
  if (printed === '—' || scoreCp === null || weightCp === null) return dash();
  // Printed as the column asks (得分系数(%) → '89.94'); the value is the ratio, for a spreadsheet's 0.00%.
  return { ...percentCell(scoreCp / weightCp, 2, extra), text: printed };
}

function unitIndicators(form: EvaluationForm): Table {
  const lines = unitIndicatorLines(form);
  const body: Cell[][] = [];
  for (const g of groupsOf(form)) {
    g.rows.forEach((i, k) => {
      const l = lines[i]!;
      const r = form.rows[i]!;
      const cells: Cell[] = k === 0 ? [bold(l.level1, { rowSpan: g.rows.length + 1, align: 'center' })] : [];
      const center = { align: 'center' } as const;
      cells.push(text(l.name), text(l.unit, center), text(l.nature, center), text(l.initialTarget, center), text(l.adjustedTarget, center), text(l.actual, center));
      cells.push(r.applicable ? coefficientCell(r.score.scoreCp, r.node.weightCp) : dash(), weightCell(r), scoreCell(r));
      body.push(cells);
    });
    const b = { bold: true };
    body.push([bold('小计', { colSpan: 6, align: 'center' }), coefficientCell(g.scoreCp, g.weightCp, b), pointsCell(g.weightCp, b), pointsCell(g.scoreCp, b)]);
  }
  const t = totalLine(form);
  body.push([bold('总分', { colSpan: 8, align: 'center' }), pointsCell(totalWeightCp(form), { bold: true }), pointsCell(form.scorecard.totalCp, { bold: true })]);
  body.push([bold('自评等级', { colSpan: 8, align: 'center' }), bold(t.gradeLabel, { colSpan: 2, align: 'center' })]);
  const heads = ['一级指标', '指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数(%)', '指标权重', '指标得分'];
  return {
    kind: 'table',
    caption: '绩效指标',
    columns: [col('level1', 9), col('name', 27), col('unit', 6), col('nature', 5), col('initial', 14), col('adjusted', 14), col('actual', 14), col('coefficient', 8, 'right'), col('weight', 7, 'right'), col('score', 12, 'right')],
    headRows: [heads.map((h) => bold(h, { align: 'center' }))],
    bodyRows: body,
  };
}

export interface EvaluationPrint {
  watermark: Watermark | null;
  date: IsoDate;
  /** 填表人 (the evaluator who finalised it); blank on a draft. */
  signer: string;
  layout?: FormLayout;
}

/** The 自评表 of an evaluation form in one of the two layouts, with its notes. */
export function evaluationFormDocument(form: EvaluationForm, print: EvaluationPrint): DocumentModel {
  const layout = print.layout ?? layoutOf(form.header.planKind);
  const blocks: Block[] = [
    fundsTable(form, layout),
    goalTable(form, layout),
    layout === 'project' ? projectIndicators(form) : unitIndicators(form),
    {
      kind: 'signature',
      fields: [
        { label: '填表人', value: print.signer },
        { label: '审核人', value: '' },
        { label: '填报日期', value: chineseDate(print.date) },
      ],
    },
  ];
  return {
    title: layout === 'project' ? '项目支出绩效自评表' : '部门（单位）整体支出绩效自评表',
    subtitle: `（${form.header.year}年度）`,
    orientation: orientationFor(blocks),
    header: headerFields(form, layout).map((h) => ({ label: HEADER_LABELS[h.key], value: h.value })),
    blocks,
    notes: evaluationNotes(form),
    watermark: print.watermark,
    footer: { unitName: form.header.unitName, date: print.date },
  };
}

/** The 自评表 of ONE evaluation record. */
export function buildEvaluationDocument(src: EvaluationDocumentSources): DocumentModel {
  const { form, watermark, date } = evaluationFormOf(src);
  const signer = src.evaluation.status === 'draft' ? '' : (src.evaluation.finalisedBy ?? '');
  return evaluationFormDocument(form, { watermark, date, signer, ...(src.layout ? { layout: src.layout } : {}) });
}
