import type { BudgetLine, IndicatorNode, IsoDate, Plan, Unit } from '@/domain/model';
import { FUND_ROWS, fullFunds, initialFunds, planBudget, sumFunds, type FundAmounts } from '@/domain/budget';
import { buildTree, leaves, type TreeNode } from '@/domain/targets/tree';
import { targetInForce } from '@/domain/targets/adjustment';
import { bold, col, FUND_ROW_LABELS, labelRow, text, wanCell } from './cells';
import { orientationFor, type Block, type Cell, type DocumentModel, type Table } from './model';

/**
 * 绩效目标表 as approved, with the adjustments in force on the day it is printed: 单位整体支出绩效目标表 (the seed's
 * layout: 年度主要任务, 年度总体目标, 年度绩效指标) and 项目支出绩效目标表 (项目资金, 绩效目标, 绩效指标).
 */

export interface TargetTableSources {
  unit: Pick<Unit, 'name' | 'supervisor'>;
  plan: Pick<Plan, 'kind' | 'name' | 'year' | 'goal'>;
  lines: readonly BudgetLine[];
  nodes: readonly IndicatorNode[];
  /** The day the table is printed: adjustments approved after it are not yet in force; also the footer date. */
  date: IsoDate;
}

/** A budget line is adjusted when an adjustment in force changes any of its amounts. */
const adjusted = (l: BudgetLine, date: IsoDate) => (l.adjustments ?? []).some((a) => a.date <= date && a.amountFen !== 0);

const FUND_KEYS = ['total', 'fiscal', 'carryover', 'other'] as const;
const fundCells = (f: FundAmounts, extra: Omit<Cell, 'text'> = {}) => FUND_KEYS.map((k) => wanCell(f[k], extra));

/** 年度主要任务: 任务名称 | 主要内容 | 年初预算金额 (总额, 财政拨款, 上年结转, 其他资金) [| 全年预算金额 …], 金额合计 last. */
function tasksTable(lines: readonly BudgetLine[], date: IsoDate): Table {
  const sorted = [...lines].sort((a, b) => a.order - b.order);
  const withFull = sorted.some((l) => adjusted(l, date));
  const amountHeads = () => [bold('总额'), bold('其中：财政拨款'), bold('其中：上年结转'), bold('其中：其他资金')];
  const groups = withFull ? ['年初预算金额（万元）', '全年预算金额（万元）'] : ['预算金额（万元）'];
  const body = sorted.map((l) => [text(l.name), text(l.content), ...fundCells(initialFunds(l)), ...(withFull ? fundCells(fullFunds(l, date)) : [])]);
  const totals = planBudget(sorted, date);
  body.push([bold('金额合计', { colSpan: 2, align: 'center' }), ...fundCells(totals.initial, { bold: true }), ...(withFull ? fundCells(totals.full, { bold: true }) : [])]);
  return {
    kind: 'table',
    caption: '年度主要任务',
    columns: [col('task', 14), col('content', 36), ...groups.flatMap((_, g) => FUND_KEYS.map((k) => col(`${g === 0 ? 'initial' : 'full'}.${k}`, 10, 'right')))],
    headRows: [
      [bold('任务名称', { rowSpan: 2, align: 'center' }), bold('主要内容', { rowSpan: 2, align: 'center' }), ...groups.map((g) => bold(g, { colSpan: 4, align: 'center' }))],
      groups.flatMap(amountHeads),
    ],
    bodyRows: body,
  };
}

/** 项目资金（万元）: rows 年度资金总额 / 其中：财政拨款 / 上年结转资金 / 其他资金 × 年初预算数 [| 全年预算数]. */
function projectFundsTable(lines: readonly BudgetLine[], date: IsoDate): Table {
  const withFull = lines.some((l) => adjusted(l, date));
  const initial = sumFunds(lines.map(initialFunds));
  const full = sumFunds(lines.map((l) => fullFunds(l, date)));
  return {
    kind: 'table',
    caption: '项目资金（万元）',
    columns: [col('row', 18), col('initial', 14, 'right'), ...(withFull ? [col('full', 14, 'right')] : [])],
    headRows: [[bold('项目资金（万元）', { align: 'center' }), bold('年初预算数', { align: 'center' }), ...(withFull ? [bold('全年预算数', { align: 'center' })] : [])]],
    bodyRows: FUND_ROWS.map((k) => [text(FUND_ROW_LABELS[k]), wanCell(initial[k], k === 'total' ? { bold: true } : {}), ...(withFull ? [wanCell(full[k], k === 'total' ? { bold: true } : {})] : [])]),
  };
}

function goalTable(label: string, goal: string): Table {
  return { kind: 'table', caption: label, columns: [col('label', 14), col('text', 76)], headRows: [], bodyRows: [labelRow(label, goal)] };
}

/** The rows a subtree takes in the indicator table: one per 三级, and one for a 二级 (or 一级) with nothing under it. */
const rowsOf = (t: TreeNode): number => (t.node.level === 3 ? 1 : Math.max(1, t.children.reduce((s, c) => s + rowsOf(c), 0)));

/**
 * 一级指标 | 二级指标 | 三级指标 | 指标值 [| 调整后指标值]: 一级 and 二级 cells merged down the rows under them (产出 over
 * the 14 rows of its four 二级 groups). The 调整后指标值 column appears only when some target was adjusted by `date`;
 * it then holds the target in force on every row (the approved one where unchanged).
 */
export function indicatorTable(nodes: readonly IndicatorNode[], date: IsoDate): { table: Table; notes: string[] } {
  const { roots } = buildTree(nodes);
  const inForce = new Map(leaves(roots).map((n) => [n.id, targetInForce(n, date)]));
  const withAdjusted = [...inForce.values()].some((f) => f.adjustment !== null);
  const notes: string[] = [];
  const leafCells = (n: IndicatorNode | null): Cell[] => {
    if (!n) return [text(''), text(''), ...(withAdjusted ? [text('')] : [])];
    const f = inForce.get(n.id)!;
    if (f.adjustment) notes.push(`${n.name}：${f.original.targetText} 调整为 ${f.targetText}（${f.adjustment.approvedOn} 批复：${f.adjustment.reason}）`);
    return [text(n.name), text(f.original.targetText, { align: 'center' }), ...(withAdjusted ? [text(f.targetText, { align: 'center' })] : [])];
  };
  const body: Cell[][] = [];
  for (const root of roots) {
    const start = body.length;
    const groups = root.children.length ? root.children : [null];
    for (const l2 of groups) {
      const list = l2 ? l2.children.filter((c) => c.node.level === 3).map((c) => c.node) : [];
      const items: (IndicatorNode | null)[] = list.length ? list : [null];
      items.forEach((leaf, i) => {
        const row: Cell[] = [];
        if (body.length === start) row.push(bold(root.node.name, { rowSpan: rowsOf(root), align: 'center' }));
        if (i === 0) row.push(text(l2?.node.name ?? '', { rowSpan: items.length, align: 'center' }));
        body.push([...row, ...leafCells(leaf)]);
      });
    }
  }
  const heads = ['一级指标', '二级指标', '三级指标', '指标值', ...(withAdjusted ? ['调整后指标值'] : [])];
  return {
    table: {
      kind: 'table',
      caption: '年度绩效指标',
      columns: [col('level1', 8), col('level2', 10), col('level3', 36), col('target', 18), ...(withAdjusted ? [col('adjusted', 18)] : [])],
      headRows: [heads.map((h) => bold(h, { align: 'center' }))],
      bodyRows: body,
    },
    notes,
  };
}

/** 单位整体支出绩效目标表 or 项目支出绩效目标表 of a plan, as in force on `date`. */
export function buildTargetTable(src: TargetTableSources): DocumentModel {
  const { plan, unit, date } = src;
  const lines = src.lines;
  const { table, notes } = indicatorTable(src.nodes, date);
  const unitPlan = plan.kind === 'unit';
  const blocks: Block[] = unitPlan
    ? [tasksTable(lines, date), goalTable('年度总体目标', plan.goal), table]
    : [projectFundsTable(lines, date), goalTable('绩效目标', plan.goal), table];
  const budgetNotes = lines.flatMap((l) => (l.adjustments ?? []).filter((a) => a.date <= date).map((a) => `${l.name}：${a.date} 预算调整 ${a.amountFen > 0 ? '+' : ''}${wanCell(a.amountFen).text} 万元（${a.reason}）`));
  const allNotes = [...budgetNotes, ...notes];
  return {
    title: unitPlan ? '单位整体支出绩效目标表' : '项目支出绩效目标表',
    subtitle: `（${plan.year}年度）`,
    orientation: orientationFor(blocks),
    header: unitPlan
      ? [
          { label: '单位名称', value: unit.name },
          { label: '主管部门', value: unit.supervisor },
          { label: '年度', value: String(plan.year) },
        ]
      : [
          { label: '项目名称', value: plan.name },
          { label: '主管部门', value: unit.supervisor },
          { label: '实施单位', value: unit.name },
        ],
    blocks,
    ...(allNotes.length ? { notes: allNotes } : {}),
    watermark: null,
    footer: { unitName: unit.name, date },
  };
}
