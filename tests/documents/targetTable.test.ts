import { describe, expect, it } from 'vitest';
import { buildSeed } from '@/domain/seed/build';
import { wan } from '@/domain/money';
import { parseTarget } from '@/domain/targets/parse';
import type { BudgetLine, IndicatorNode } from '@/domain/model';
import { buildTargetTable, indicatorTable } from '@/documents/targetTable';
import { checkTable, expandMerges, gridText, type DocumentModel, type Table } from '@/documents/model';

/** The seed's 2022 plans as buildSeed makes them, with a deterministic factory. */
function seed() {
  let n = 0;
  const s = buildSeed({ newId: () => `id-${String(++n).padStart(3, '0')}`, now: '2022-01-01T00:00:00.000Z' });
  const unitPlan = s.plans.find((p) => p.plan.kind === 'unit')!;
  const fees = s.plans.find((p) => p.plan.name === '全区行政事业单位缴纳工会经费')!;
  return { unit: s.unit, unitPlan, fees };
}

const tables = (d: DocumentModel) => d.blocks.filter((b): b is Table => b.kind === 'table');
const body = (t: Table) => gridText(t.bodyRows, t.columns.length);
const head = (t: Table) => gridText(t.headRows, t.columns.length);

const Q = {
  a: '开展职工权益保障和职工服务等活动（人次）',
  b: '印制组织建设、权益保障、关爱服务等宣传资料数量（份）',
  c: '职业化干部及工会组织员补贴发放人数',
  d: '开展职工趣味运动会、登山等文体活动参与人次',
  e: '劳模、先进生产者等有关人员疗休养活动人数',
  f: '上解上级工会经费完成数量',
  g: '宣传资料及时发放率',
  h: '开展职工权益保障和职工服务活动覆盖率',
  i: '开展职工趣味运动会、登山等文体活动参与率',
  j: '劳模、先进生产者等有关人员疗休养活动参与率',
  k: '职业化干部级工会组织员补贴准确率',
  l: '上解上级工会经费准确率',
};

/** The seed's 年度绩效指标 as printed: every position of the merged grid (一级/二级 repeated where merged). */
const SEED_INDICATOR_GRID = [
  ['产出', '数量', Q.a, '不少于800人次'],
  ['产出', '数量', Q.b, '5000份'],
  ['产出', '数量', Q.c, '30人'],
  ['产出', '数量', Q.d, '300人次'],
  ['产出', '数量', Q.e, '25人'],
  ['产出', '数量', Q.f, '1次'],
  ['产出', '质量', Q.g, '≥90%'],
  ['产出', '质量', Q.h, '≥90%'],
  ['产出', '质量', Q.i, '≥90%'],
  ['产出', '质量', Q.j, '≥90%'],
  ['产出', '质量', Q.k, '100%'],
  ['产出', '质量', Q.l, '100%'],
  ['产出', '时效', '各项工作完成时间', '2022年12月31日前'],
  ['产出', '成本', '成本控制率', '≥90%'],
  ['效益', '经济效益', '不适用', '不适用'],
  ['效益', '社会效益', '有效提升职工凝聚力、幸福指数', '≥90%'],
  ['效益', '可持续影响', '不适用', '不适用'],
  ['效益', '生态效益', '不适用', '不适用'],
  ['满意度', '服务对象满意度', '服务职工满意度', '≥90%'],
  ['满意度', '其他满意度', '不适用', '不适用'],
];

describe('单位整体支出绩效目标表 of the seed plan', () => {
  const s = seed();
  const doc = buildTargetTable({ unit: s.unit, plan: s.unitPlan.plan, lines: s.unitPlan.budgetLines, nodes: s.unitPlan.indicators, date: '2022-01-01' });
  const [tasks, goal, indicators] = tables(doc);

  it('title, header, footer; portrait, no watermark, no notes without adjustments', () => {
    expect(doc.title).toBe('单位整体支出绩效目标表');
    expect(doc.subtitle).toBe('（2022年度）');
    expect(doc.header).toEqual([
      { label: '单位名称', value: '深圳市盐田区总工会' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '年度', value: '2022' },
    ]);
    expect(doc.footer).toEqual({ unitName: '深圳市盐田区总工会', date: '2022-01-01' });
    expect(doc.orientation).toBe('portrait');
    expect(doc.watermark).toBeNull();
    expect(doc.notes).toBeUndefined();
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table', 'table', 'table']);
    for (const t of tables(doc)) expect(() => checkTable(t)).not.toThrow();
  });

  it('年度主要任务: the five tasks in 万元 by source, 金额合计 1,273.52; only 年初 columns while nothing is adjusted', () => {
    expect(tasks!.caption).toBe('年度主要任务');
    expect(head(tasks!)).toEqual([
      ['任务名称', '主要内容', '预算金额（万元）', '预算金额（万元）', '预算金额（万元）', '预算金额（万元）'],
      ['任务名称', '主要内容', '总额', '其中：财政拨款', '其中：上年结转', '其中：其他资金'],
    ]);
    const rows = body(tasks!);
    expect(rows.map((r) => [r[0], ...r.slice(2)])).toEqual([
      ['基本支出', '445.96', '445.96', '0.00', '0.00'],
      ['工会组织建设及维权关爱', '20.00', '20.00', '0.00', '0.00'],
      ['劳模、先进生产者管理服务及工会慰问、活动', '22.00', '22.00', '0.00', '0.00'],
      ['日常业务经费', '15.00', '15.00', '0.00', '0.00'],
      ['全区行政事业单位缴纳工会经费', '770.56', '770.56', '0.00', '0.00'],
      ['金额合计', '1,273.52', '1,273.52', '0.00', '0.00'],
    ]);
    expect(rows[0]![1]).toBe('保障机构正常运行，完成日常工作任务，包括人员支出、对个人和家庭补助支出、公用支出。');
    // 金额合计 spans 任务名称 and 主要内容.
    expect(rows[5]![1]).toBe('金额合计');
    const total = tasks!.bodyRows[5]!;
    expect(total[0]).toMatchObject({ text: '金额合计', colSpan: 2, bold: true });
    expect(total.slice(1).map((c) => [c.value, c.format])).toEqual([[1273.52, 'wan2'], [1273.52, 'wan2'], [0, 'wan2'], [0, 'wan2']]);
    expect(tasks!.bodyRows[4]![2]!.value).toBe(770.56);
  });

  it('年度总体目标 is printed in full beside its label', () => {
    expect(body(goal!)).toEqual([['年度总体目标', s.unitPlan.plan.goal]]);
  });

  it('年度绩效指标: 20 三级 rows, every cell as the seed prints it', () => {
    expect(head(indicators!)).toEqual([['一级指标', '二级指标', '三级指标', '指标值']]);
    expect(body(indicators!)).toEqual(SEED_INDICATOR_GRID);
  });

  it('merges: 产出 spans the 14 rows of its four 二级 groups, 效益 4, 满意度 2; each 二级 its own rows', () => {
    const grid = expandMerges(indicators!.bodyRows, 4);
    const origins = (c: number) => grid.flatMap((r, i) => (r[c]!.origin ? [[r[c]!.cell.text, r[c]!.cell.rowSpan ?? 1, i]] : []));
    expect(origins(0)).toEqual([['产出', 14, 0], ['效益', 4, 14], ['满意度', 2, 18]]);
    expect(origins(1).map(([t, n]) => [t, n])).toEqual([
      ['数量', 6], ['质量', 6], ['时效', 1], ['成本', 1],
      ['经济效益', 1], ['社会效益', 1], ['可持续影响', 1], ['生态效益', 1],
      ['服务对象满意度', 1], ['其他满意度', 1],
    ]);
    // The 产出 cell of the last 成本 row is the very cell of the first row.
    expect(grid[13]![0]!.cell).toBe(grid[0]![0]!.cell);
    expect(grid[14]![0]!.cell).not.toBe(grid[0]![0]!.cell);
    expect(grid.every((r) => r[2]!.origin && r[3]!.origin)).toBe(true);
    expect(indicators!.bodyRows[0]![0]).toMatchObject({ text: '产出', rowSpan: 14, bold: true });
  });
});

describe('adjustments: 全年 beside 年初, 调整后指标值 only when something was adjusted by the print date', () => {
  function adjusted() {
    const s = seed();
    const lines: BudgetLine[] = s.unitPlan.budgetLines.map((l, i) =>
      i === 1 ? { ...l, adjustments: [{ id: 'b1', date: '2022-05-10', source: 'fiscal', amountFen: wan('5'), reason: '追加活动经费' }, { id: 'b2', date: '2022-11-10', source: 'other', amountFen: wan('1'), reason: '社会捐赠' }] } : l,
    );
    const first = s.unitPlan.indicators.find((n) => n.name === Q.a)!;
    const spec = parseTarget('不少于900人次', { year: 2022 }).spec;
    const nodes: IndicatorNode[] = s.unitPlan.indicators.map((n) =>
      n.id === first.id ? { ...n, targetAdjustments: [{ id: 't1', targetText: '不少于900人次', target: spec, approvedOn: '2022-06-01', reason: '新增服务站点', recordedAt: '2022-06-01T08:00:00.000Z' }] } : n,
    );
    return { s, lines, nodes };
  }

  it('at year end: tasks gain 全年预算金额 (1,279.52 total), the indicator table gains 调整后指标值 on every row, both explained in notes', () => {
    const { s, lines, nodes } = adjusted();
    const doc = buildTargetTable({ unit: s.unit, plan: s.unitPlan.plan, lines, nodes, date: '2022-12-31' });
    const [tasks, , indicators] = tables(doc);
    expect(head(tasks!)[0]).toEqual(['任务名称', '主要内容', ...Array(4).fill('年初预算金额（万元）'), ...Array(4).fill('全年预算金额（万元）')]);
    const rows = body(tasks!);
    expect(rows[1]!.slice(2)).toEqual(['20.00', '20.00', '0.00', '0.00', '26.00', '25.00', '0.00', '1.00']);
    expect(rows[0]!.slice(2)).toEqual(['445.96', '445.96', '0.00', '0.00', '445.96', '445.96', '0.00', '0.00']);
    expect(rows[5]!.slice(2)).toEqual(['1,273.52', '1,273.52', '0.00', '0.00', '1,279.52', '1,278.52', '0.00', '1.00']);
    expect(head(indicators!)).toEqual([['一级指标', '二级指标', '三级指标', '指标值', '调整后指标值']]);
    const grid = body(indicators!);
    expect(grid[0]).toEqual(['产出', '数量', Q.a, '不少于800人次', '不少于900人次']);
    // Unchanged rows show the approved target in force.
    expect(grid.slice(1).map((r) => r[4])).toEqual(SEED_INDICATOR_GRID.slice(1).map((r) => r[3]));
    expect(doc.notes).toEqual([
      '工会组织建设及维权关爱：2022-05-10 预算调整 +5.00 万元（追加活动经费）',
      '工会组织建设及维权关爱：2022-11-10 预算调整 +1.00 万元（社会捐赠）',
      `${Q.a}：不少于800人次 调整为 不少于900人次（2022-06-01 批复：新增服务站点）`,
    ]);
    expect(doc.orientation).toBe('landscape');
    for (const t of tables(doc)) expect(() => checkTable(t)).not.toThrow();
  });

  it('printed before either was approved: the table as approved', () => {
    const { s, lines, nodes } = adjusted();
    const doc = buildTargetTable({ unit: s.unit, plan: s.unitPlan.plan, lines, nodes, date: '2022-05-09' });
    const [tasks, , indicators] = tables(doc);
    expect(tasks!.columns).toHaveLength(6);
    expect(indicators!.columns).toHaveLength(4);
    expect(doc.notes).toBeUndefined();
    // Between the two: the budget adjusted, the target not yet.
    const mid = buildTargetTable({ unit: s.unit, plan: s.unitPlan.plan, lines, nodes, date: '2022-05-31' });
    expect(tables(mid)[0]!.columns).toHaveLength(10);
    expect(body(tables(mid)[0]!)[5]!.slice(6)).toEqual(['1,278.52', '1,278.52', '0.00', '0.00']);
    expect(tables(mid)[2]!.columns).toHaveLength(4);
  });
});

describe('项目支出绩效目标表 of a seed project', () => {
  const s = seed();
  const doc = buildTargetTable({ unit: s.unit, plan: s.fees.plan, lines: s.fees.budgetLines, nodes: s.fees.indicators, date: '2022-01-01' });
  const [funds, goal, indicators] = tables(doc);

  it('header 项目名称/主管部门/实施单位; 项目资金 by source; 绩效目标', () => {
    expect(doc.title).toBe('项目支出绩效目标表');
    expect(doc.header).toEqual([
      { label: '项目名称', value: '全区行政事业单位缴纳工会经费' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '实施单位', value: '深圳市盐田区总工会' },
    ]);
    expect(head(funds!)).toEqual([['项目资金（万元）', '年初预算数']]);
    expect(body(funds!)).toEqual([
      ['年度资金总额', '770.56'],
      ['其中：财政拨款', '770.56'],
      ['上年结转资金', '0.00'],
      ['其他资金', '0.00'],
    ]);
    expect(funds!.bodyRows.map((r) => r[1]!.value)).toEqual([770.56, 770.56, 0, 0]);
    expect(body(goal!)).toEqual([['绩效目标', s.fees.plan.goal]]);
  });

  it('an empty frame still prints each 二级 on its own row under its merged 一级', () => {
    expect(body(indicators!)).toEqual([
      ['产出', '数量', '', ''],
      ['产出', '质量', '', ''],
      ['产出', '时效', '', ''],
      ['产出', '成本', '', ''],
      ['效益', '经济效益', '', ''],
      ['效益', '社会效益', '', ''],
      ['效益', '生态效益', '', ''],
      ['效益', '可持续影响', '', ''],
      ['满意度', '服务对象满意度', '', ''],
    ]);
    expect(indicators!.bodyRows[0]![0]).toMatchObject({ text: '产出', rowSpan: 4 });
  });

  it('a project with a 全年 budget shows both columns', () => {
    const lines = s.fees.budgetLines.map((l) => ({ ...l, adjustments: [{ id: 'x', date: '2022-03-01', source: 'carryover' as const, amountFen: wan('10'), reason: '上年结转' }] }));
    const d = buildTargetTable({ unit: s.unit, plan: s.fees.plan, lines, nodes: s.fees.indicators, date: '2022-12-31' });
    expect(body(tables(d)[0]!)).toEqual([
      ['年度资金总额', '770.56', '780.56'],
      ['其中：财政拨款', '770.56', '770.56'],
      ['上年结转资金', '0.00', '10.00'],
      ['其他资金', '0.00', '0.00'],
    ]);
  });

  it('indicatorTable alone: a 一级 with nothing under it still takes one row', () => {
    const s2 = seed();
    const lone: IndicatorNode = { ...s2.fees.indicators[0]!, id: 'lone', parentId: null, level: 1, name: '成本指标', order: 99 };
    const { table } = indicatorTable([...s2.fees.indicators, lone], '2022-01-01');
    expect(body(table).at(-1)).toEqual(['成本指标', '', '', '']);
    expect(() => checkTable(table)).not.toThrow();
  });
});
