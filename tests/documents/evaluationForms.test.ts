import { describe, expect, it } from 'vitest';
import { buildEvaluationDocument, evaluationFormDocument, evaluationFormOf, scoreCell } from '@/documents/evaluationForms';
import { checkTable, expandMerges, gridText, type DocumentModel, type SignatureLine, type Table } from '@/documents/model';
import { card, EXPLAINED, N, evaluationRecord } from './card';

/** Both 自评表 layouts of domain.md §4.11 from the §4.10 worked scorecard (产出 48.06, total 97.00 优). */

const tables = (d: DocumentModel) => d.blocks.filter((b): b is Table => b.kind === 'table');
const body = (t: Table) => gridText(t.bodyRows, t.columns.length);
const head = (t: Table) => gridText(t.headRows, t.columns.length);

const c = card();
const form = c.form();
const project = buildEvaluationDocument({ evaluation: evaluationRecord(form), layout: 'project' });
const unit = buildEvaluationDocument({ evaluation: evaluationRecord(form) });

const NA = ['不适用', '不适用', '—', '—', '—', ''];

describe('项目支出绩效自评表 (project layout) of the §4.10 card', () => {
  const [funds, goal, indicators] = tables(project);

  it('title, header, landscape, dated the day it was finalised (China time), signed by the finaliser', () => {
    expect(form.scorecard.totalCp).toBe(9700);
    expect(project.title).toBe('项目支出绩效自评表');
    expect(project.subtitle).toBe('（2022年度）');
    expect(project.header).toEqual([
      { label: '项目名称', value: '深圳市盐田区总工会单位整体支出绩效目标表' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '实施单位', value: '深圳市盐田区总工会' },
    ]);
    expect(project.orientation).toBe('landscape');
    expect(project.watermark).toBeNull();
    expect(project.footer).toEqual({ unitName: '深圳市盐田区总工会', date: '2023-01-20' });
    expect((project.blocks.at(-1) as SignatureLine).fields).toEqual([
      { label: '填表人', value: '李审核' },
      { label: '审核人', value: '' },
      { label: '填报日期', value: '2023年1月20日' },
    ]);
    for (const t of tables(project)) expect(() => checkTable(t)).not.toThrow();
  });

  it('项目资金: 年初 | 全年 | 全年执行数 | 分值 | 执行率 | 得分, only the total row carrying 分值 and 得分', () => {
    expect(head(funds!)).toEqual([['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']]);
    expect(body(funds!)).toEqual([
      ['年度资金总额', '1,273.52', '1,273.52', '1,210.00', '10.00', '95.01%', '9.50'],
      ['其中：财政拨款', '1,273.52', '1,273.52', '1,210.00', '', '95.01%', ''],
      ['上年结转资金', '0.00', '0.00', '0.00', '', '—', ''],
      ['其他资金', '0.00', '0.00', '0.00', '', '—', ''],
    ]);
    const total = funds!.bodyRows[0]!;
    expect(total.slice(1).map((x) => x.format)).toEqual(['wan2', 'wan2', 'wan2', 'points2', 'percent2', 'points2']);
    expect([total[1]!.value, total[3]!.value, total[4]!.value, total[6]!.value]).toEqual([1273.52, 1210, 10, 9.5]);
    expect(total[5]!.value).toBeCloseTo(0.950122, 6);
    expect(funds!.bodyRows[1]![4]!.value).toBeUndefined();
  });

  it('年度总体目标: 预期目标 | 实际完成情况', () => {
    expect(head(goal!)).toEqual([['预期目标', '实际完成情况']]);
    expect(body(goal!)).toEqual([[form.goal.text, '全年目标基本完成']]);
  });

  it('绩效指标: every cell, with a 小计 per 一级, 总分 97.00 and 等级 优', () => {
    expect(head(indicators!)).toEqual([['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']]);
    const S = ['产出', '小计', '小计', '小计', '小计'];
    expect(body(indicators!)).toEqual([
      ['产出', '数量', N.activity, '不少于800人次', '720人次', '4.00', '3.60', EXPLAINED.activity],
      ['产出', '数量', N.leaflets, '5000份', '5000份', '4.00', '4.00', ''],
      ['产出', '数量', N.cadres, '30人', '28人', '4.00', '3.73', EXPLAINED.cadres],
      ['产出', '数量', N.sports, '300人次', '650人次', '4.00', '4.00', EXPLAINED.sports],
      ['产出', '数量', N.rest, '25人', '25人', '4.00', '4.00', ''],
      ['产出', '数量', N.remit, '1次', '1次', '4.00', '4.00', ''],
      ['产出', '质量', N.leafletRate, '≥90%', '95%', '3.00', '3.00', ''],
      ['产出', '质量', N.coverage, '≥90%', '88%', '3.00', '2.93', EXPLAINED.coverage],
      ['产出', '质量', N.sportsRate, '≥90%', '92%', '3.00', '3.00', ''],
      ['产出', '质量', N.restRate, '≥90%', '100%', '3.00', '3.00', ''],
      ['产出', '质量', N.accuracy, '100%', '100%', '3.00', '3.00', ''],
      ['产出', '质量', N.remitAccuracy, '100%', '100%', '3.00', '3.00', ''],
      ['产出', '时效', N.time, '2022年12月31日前', '2023-01-10 完成', '4.00', '2.80', EXPLAINED.time],
      ['产出', '成本', N.cost, '≥90%', '96%', '4.00', '4.00', ''],
      [...S, '50.00', '48.06', ''],
      ['效益', '经济效益', ...NA],
      ['效益', '社会效益', N.cohesion, '≥90%', '93%', '30.00', '30.00', ''],
      ['效益', '可持续影响', ...NA],
      ['效益', '生态效益', ...NA],
      ['效益', '小计', '小计', '小计', '小计', '30.00', '30.00', ''],
      ['满意度', '服务对象满意度', N.satisfaction, '≥90%', '85%', '10.00', '9.44', EXPLAINED.satisfaction],
      ['满意度', '其他满意度', ...NA],
      ['满意度', '小计', '小计', '小计', '小计', '10.00', '9.44', ''],
      ['总分', '总分', '总分', '总分', '总分', '100.00', '97.00', ''],
      ['自评等级', '自评等级', '自评等级', '自评等级', '自评等级', '优', '优', '优'],
    ]);
  });

  it('merges: 一级 over its rows and its 小计, 二级 over its rows; scores are numbers', () => {
    const grid = expandMerges(indicators!.bodyRows, 8);
    const firstCol = grid.flatMap((r) => (r[0]!.origin ? [[r[0]!.cell.text, r[0]!.cell.rowSpan ?? 1]] : []));
    expect(firstCol).toEqual([['产出', 15], ['效益', 5], ['满意度', 3], ['总分', 1], ['自评等级', 1]]);
    const second = grid.slice(0, 14).flatMap((r) => (r[1]!.origin ? [r[1]!.cell.rowSpan ?? 1] : []));
    expect(second).toEqual([6, 6, 1, 1]);
    expect(indicators!.bodyRows[14]![0]).toMatchObject({ text: '小计', colSpan: 4, bold: true });
    expect(indicators!.bodyRows[14]![2]).toMatchObject({ text: '48.06', value: 48.06, format: 'points2' });
    const totalRow = indicators!.bodyRows.at(-2)!;
    expect(totalRow[2]).toMatchObject({ text: '97.00', value: 97, format: 'points2' });
    expect(indicators!.bodyRows[0]![6]).toMatchObject({ text: '3.60', value: 3.6 });
  });

  it('notes: the rule set, every score’s formula, the budget score and how the total and grade follow', () => {
    const notes = project.notes!;
    expect(notes[0]).toBe('评分规则：财预〔2020〕10号（默认）（cn-2020-10，第1版）；每项得分四舍五入到 0.01 分，总分为各项得分之和');
    expect(notes.slice(1, 17)).toEqual([
      `1. ${N.activity}：财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60`,
      `2. ${N.leaflets}：财预〔2020〕10号 定量正向: 5000 ≥ 5000 → 4.00`,
      `3. ${N.cadres}：财预〔2020〕10号 定量正向: 28/30×4.00 = 3.73`,
      `4. ${N.sports}：财预〔2020〕10号 定量正向: 650 ≥ 300 → 4.00；完成值为指标值的 216.7%（≥ 120.0%，超额完成）`,
      `5. ${N.rest}：财预〔2020〕10号 定量正向: 25 ≥ 25 → 4.00`,
      `6. ${N.remit}：财预〔2020〕10号 定量正向: 1 ≥ 1 → 4.00`,
      `7. ${N.leafletRate}：财预〔2020〕10号 定量正向: 95 ≥ 90 → 3.00`,
      `8. ${N.coverage}：财预〔2020〕10号 定量正向: 88/90×3.00 = 2.93`,
      `9. ${N.sportsRate}：财预〔2020〕10号 定量正向: 92 ≥ 90 → 3.00`,
      `10. ${N.restRate}：财预〔2020〕10号 定量正向: 100 ≥ 90 → 3.00`,
      `11. ${N.accuracy}：财预〔2020〕10号 定量正向: 100 ≥ 100 → 3.00`,
      `12. ${N.remitAccuracy}：财预〔2020〕10号 定量正向: 100 ≥ 100 → 3.00`,
      `13. ${N.time}：时效D1 三档: 2023-01-10 > 2022-12-31 → 部分达成 → 0.7×4.00 = 2.80；实际完成值由评价人填报（记录中无数据；事项完成日期以验收单为准）`,
      `14. ${N.cost}：财预〔2020〕10号 定量正向: 96 ≥ 90 → 4.00`,
      `15. ${N.cohesion}：财预〔2020〕10号 定量正向: 93 ≥ 90 → 30.00`,
      `16. ${N.satisfaction}：财预〔2020〕10号 定量正向: 85/90×10.00 = 9.44`,
    ]);
    expect(notes.slice(17)).toEqual([
      '预算执行率: 1,210.00/1,273.52×10.00 = 9.50',
      '总分：指标得分 87.50 + 预算执行率得分 9.50 = 97.00',
      '等级：优（优 ≥ 90.00，良 ≥ 80.00，中 ≥ 60.00，差 < 60.00）',
    ]);
  });
});

describe('部门（单位）整体支出绩效自评表 (unit layout) of the §4.10 card', () => {
  const [funds, goal, indicators] = tables(unit);

  it('picked by the plan kind; header 部门（单位）名称 / 主管部门 / 年度', () => {
    expect(unit.title).toBe('部门（单位）整体支出绩效自评表');
    expect(unit.header).toEqual([
      { label: '部门（单位）名称', value: '深圳市盐田区总工会' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '年度', value: '2022' },
    ]);
    for (const t of tables(unit)) expect(() => checkTable(t)).not.toThrow();
    expect(unit.notes).toEqual(project.notes);
  });

  it('部门预算执行情况: 执行率 before its 权重 and 得分', () => {
    expect(head(funds!)).toEqual([['预算资金（万元）', '年初预算数', '全年（调整）预算数', '全年执行数', '执行率', '执行率权重', '执行率得分']]);
    expect(body(funds!)[0]).toEqual(['年度资金总额', '1,273.52', '1,273.52', '1,210.00', '95.01%', '10.00', '9.50']);
    expect(body(funds!)[1]).toEqual(['其中：财政拨款', '1,273.52', '1,273.52', '1,210.00', '95.01%', '', '']);
  });

  it('当年绩效目标: 年初 / 全年（调整）/ 实际完成情况', () => {
    expect(head(goal!)).toEqual([['年初目标', '全年（调整）目标', '实际完成情况']]);
    expect(body(goal!)).toEqual([[form.goal.text, '未调整', '全年目标基本完成']]);
  });

  it('indicators: name, unit, nature, 年初/调整 target, actual, 得分系数(%), 权重, 得分; 小计 per 一级; 总分 97.00 优', () => {
    expect(head(indicators!)).toEqual([['一级指标', '指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数(%)', '指标权重', '指标得分']]);
    // No 二级 column here: a 不适用 row names its 二级, so the three under 效益 can be told apart.
    const na = (l2: string) => [`${l2} · 不适用`, '—', '—', '不适用', '不适用', '—', '—', '—', '—'];
    const sub = (l1: string) => [l1, '小计', '小计', '小计', '小计', '小计', '小计'];
    expect(body(indicators!)).toEqual([
      ['产出', N.activity, '人次', '≥', '不少于800人次', '不少于800人次', '720人次', '90.00', '4.00', '3.60'],
      ['产出', N.leaflets, '份', '=', '5000份', '5000份', '5000份', '100.00', '4.00', '4.00'],
      ['产出', N.cadres, '人', '=', '30人', '30人', '28人', '93.25', '4.00', '3.73'],
      ['产出', N.sports, '人次', '=', '300人次', '300人次', '650人次', '100.00', '4.00', '4.00'],
      ['产出', N.rest, '人', '=', '25人', '25人', '25人', '100.00', '4.00', '4.00'],
      ['产出', N.remit, '次', '=', '1次', '1次', '1次', '100.00', '4.00', '4.00'],
      ['产出', N.leafletRate, '%', '≥', '≥90%', '≥90%', '95%', '100.00', '3.00', '3.00'],
      ['产出', N.coverage, '%', '≥', '≥90%', '≥90%', '88%', '97.67', '3.00', '2.93'],
      ['产出', N.sportsRate, '%', '≥', '≥90%', '≥90%', '92%', '100.00', '3.00', '3.00'],
      ['产出', N.restRate, '%', '≥', '≥90%', '≥90%', '100%', '100.00', '3.00', '3.00'],
      ['产出', N.accuracy, '%', '=', '100%', '100%', '100%', '100.00', '3.00', '3.00'],
      ['产出', N.remitAccuracy, '%', '=', '100%', '100%', '100%', '100.00', '3.00', '3.00'],
      ['产出', N.time, '—', '≤', '2022年12月31日前', '2022年12月31日前', '2023-01-10 完成', '70.00', '4.00', '2.80'],
      ['产出', N.cost, '%', '≥', '≥90%', '≥90%', '96%', '100.00', '4.00', '4.00'],
      [...sub('产出'), '96.12', '50.00', '48.06'],
      ['效益', ...na('经济效益')],
      ['效益', N.cohesion, '%', '≥', '≥90%', '≥90%', '93%', '100.00', '30.00', '30.00'],
      ['效益', ...na('可持续影响')],
      ['效益', ...na('生态效益')],
      [...sub('效益'), '100.00', '30.00', '30.00'],
      ['满意度', N.satisfaction, '%', '≥', '≥90%', '≥90%', '85%', '94.40', '10.00', '9.44'],
      ['满意度', ...na('其他满意度')],
      [...sub('满意度'), '94.40', '10.00', '9.44'],
      [...Array(8).fill('总分'), '100.00', '97.00'],
      [...Array(8).fill('自评等级'), '优', '优'],
    ]);
  });

  it('得分系数 prints as the column asks and keeps the ratio as its value', () => {
    const cell = indicators!.bodyRows[0]![7]!;
    expect(cell).toMatchObject({ text: '90.00', value: 0.9, format: 'percent2' });
    const subtotal = indicators!.bodyRows[14]!;
    expect(subtotal[0]).toMatchObject({ text: '小计', colSpan: 6 });
    expect(subtotal[1]!.value).toBeCloseTo(0.9612, 12);
    expect(indicators!.bodyRows[0]![0]).toMatchObject({ text: '产出', rowSpan: 15 });
  });
});

describe("an evaluator's adjustment prints beside the rule's score", () => {
  const adjusted = c.form({ coverage: { adjustment: { scoreCp: 300, reason: '按整数计分' } } });
  const row = adjusted.rows.find((r) => r.node.id === c.leaf.coverage.id)!;

  it('the 得分 cell: rule 2.93 → adjusted 3.00 with the reason, the value 3.00; totals follow the adjusted score', () => {
    expect(scoreCell(row)).toMatchObject({ text: '规则得分 2.93 → 调整为 3.00（按整数计分）', value: 3, format: 'points2' });
    for (const layout of ['project', 'unit'] as const) {
      const doc = evaluationFormDocument(adjusted, { watermark: null, date: '2023-01-20', signer: '李审核', layout });
      const t = tables(doc)[2]!;
      const grid = body(t);
      const line = grid.find((r) => r.includes(N.coverage))!;
      expect(line.at(layout === 'project' ? -2 : -1)).toBe('规则得分 2.93 → 调整为 3.00（按整数计分）');
      expect(grid.at(-2)!.at(layout === 'project' ? -2 : -1)).toBe('97.07');
      expect(grid[14]!.at(layout === 'project' ? -2 : -1)).toBe('48.13');
      expect(doc.notes![8]).toBe(`8. ${N.coverage}：财预〔2020〕10号 定量正向: 88/90×3.00 = 2.93; 调整为 3.00（按整数计分）`);
    }
  });

  it('a deduction on the over-achieved row: the rule text has the amount, the note adds its reason', () => {
    const f = c.form({ sports: { deductionCp: 100, deductionReason: '年初指标值设定偏低' } });
    const sports = f.rows.find((r) => r.node.id === c.leaf.sports.id)!;
    expect(scoreCell(sports).text).toBe('规则得分 4.00，调减 1.00（年初指标值设定偏低）→ 3.00');
    const doc = evaluationFormDocument(f, { watermark: null, date: '2023-01-20', signer: '', layout: 'project' });
    expect(doc.notes![4]).toBe(`4. ${N.sports}：财预〔2020〕10号 定量正向: 650 ≥ 300 → 4.00; 调减 1.00 → 3.00；调减理由：年初指标值设定偏低；完成值为指标值的 216.7%（≥ 120.0%，超额完成）`);
  });
});

describe('which form an evaluation prints, and its watermark', () => {
  it('a draft prints the form passed in, watermarked 草稿, unsigned, dated as asked', () => {
    const draft = evaluationRecord(form, { status: 'draft', snapshot: undefined, finalisedAt: undefined, finalisedBy: undefined });
    const doc = buildEvaluationDocument({ evaluation: draft, draftForm: form, date: '2022-12-28' });
    expect(doc.watermark).toBe('draft');
    expect(doc.footer.date).toBe('2022-12-28');
    expect((doc.blocks.at(-1) as SignatureLine).fields[0]).toEqual({ label: '填表人', value: '' });
    expect(() => buildEvaluationDocument({ evaluation: draft })).toThrow(/draft/);
    expect(() => buildEvaluationDocument({ evaluation: draft, draftForm: form })).toThrow(/print date/);
  });

  it('a superseded version prints its own snapshot, watermarked 已被更正; a final one without a snapshot is refused', () => {
    const other = c.form({ coverage: { adjustment: { scoreCp: 300, reason: '按整数计分' } } });
    const old = evaluationRecord(form, { status: 'superseded', supersededBy: 'eval-2', finalisedAt: '2023-01-19T16:30:00.000Z' });
    const doc = buildEvaluationDocument({ evaluation: old, draftForm: other });
    expect(doc.watermark).toBe('superseded');
    expect(doc.footer.date).toBe('2023-01-20');
    expect(evaluationFormOf({ evaluation: old, draftForm: other }).form).toBe(form);
    expect(() => buildEvaluationDocument({ evaluation: evaluationRecord(form, { snapshot: undefined }) })).toThrow(/no frozen form/);
  });
});
