import { describe, expect, it } from 'vitest';
import { buildRoundForm } from '@/domain/monitoring/round';
import { emptyInputs, emptyRowInput, type MonitoringRound, type RoundForm, type RoundInputs } from '@/domain/monitoring/round-types';
import { wan } from '@/domain/money';
import { buildMonitoringDocument, periodOf, reasonsText, roundFormOf } from '@/documents/monitoringForm';
import { checkTable, gridText, type DocumentModel, type SignatureLine, type Table } from '@/documents/model';
import { leafOf, rollupOf, seedUnitPlan, spending } from '../fixtures/evaluation';
import { form as projectForm } from '../fixtures/monitoring';

/**
 * The 执行监控表 of one round: the seed's 单位整体 plan at 30 June 2022 (1–6月) with a little activity and spending,
 * computed by buildRoundForm and wrapped in a round record as the repository stores it once submitted.
 */

const NAME = {
  activity: '开展职工权益保障和职工服务等活动（人次）',
  leaflets: '印制组织建设、权益保障、关爱服务等宣传资料数量（份）',
  leafletRate: '宣传资料及时发放率',
};

function juneForm(): RoundForm {
  const p = seedUnitPlan();
  const activity = leafOf(p, NAME.activity);
  const leaflets = leafOf(p, NAME.leaflets);
  const rate = leafOf(p, NAME.leafletRate);
  const inputs: RoundInputs = {
    ...emptyInputs(),
    goalProgress: '上半年完成会员实名认证 80%',
    goalForecast: '全年可完成',
    corrective: '加快宣传资料印制进度',
    budgetForecastFen: wan('1250'),
    rectify: { needed: true, advice: '7月底前完成印刷招标', result: '已完成招标' },
    rows: {
      [activity.id]: { ...emptyRowInput(), possibility: 'certain' },
      [leaflets.id]: { ...emptyRowInput(), reasons: ['funding', 'staffing'], reasonText: '印刷招标延期', possibility: 'possible', measures: '7月完成招标', note: '已与供应商签约', forecast: 4800 },
    },
  };
  return buildRoundForm({
    plan: p.plan,
    unit: p.unit,
    lines: p.lines,
    nodes: p.nodes,
    rollups: [
      rollupOf(activity, [{ date: '2022-03-01', amount: 200 }, { date: '2022-06-10', amount: 160 }]),
      rollupOf(leaflets, [{ date: '2022-05-01', amount: 1000 }]),
      rollupOf(rate, [{ date: '2022-05-01', numerator: 57, denominator: 60 }]),
    ],
    spending: [spending('2022-03-31', '250.00'), spending('2022-06-30', '350.00')],
    cutoff: '2022-06-30',
    inputs,
  });
}

function record(form: RoundForm, over: Partial<MonitoringRound> = {}): MonitoringRound {
  return {
    id: 'round-1',
    createdAt: '2022-07-01T01:00:00.000Z',
    updatedAt: '2022-07-05T02:00:00.000Z',
    rev: 4,
    planId: 'plan',
    year: 2022,
    cutoff: form.header.cutoff,
    seriesId: 'series-1',
    version: 1,
    status: 'submitted',
    inputs: emptyInputs(),
    createdBy: '张科长',
    submittedAt: '2022-07-05T02:00:00.000Z',
    submittedBy: '张科长',
    snapshot: form,
    ...over,
  };
}

const tables = (d: DocumentModel) => d.blocks.filter((b): b is Table => b.kind === 'table');
const body = (t: Table) => gridText(t.bodyRows, t.columns.length);
const head = (t: Table) => gridText(t.headRows, t.columns.length);

describe('部门（单位）整体支出绩效目标执行监控表 from a submitted round', () => {
  const form = juneForm();
  const doc = buildMonitoringDocument({ round: record(form) });
  const [funds, goal, indicators, actions] = tables(doc);

  it('title, period, header; landscape; dated the day it was submitted; no watermark', () => {
    expect(doc.title).toBe('部门（单位）整体支出绩效目标执行监控表');
    expect(doc.subtitle).toBe('（2022年1–6月）');
    expect(doc.header).toEqual([
      { label: '部门（单位）名称', value: '深圳市盐田区总工会' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '监控期间', value: '2022年1–6月' },
    ]);
    expect(doc.orientation).toBe('landscape');
    expect(doc.watermark).toBeNull();
    expect(doc.footer).toEqual({ unitName: '深圳市盐田区总工会', date: '2022-07-05' });
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table', 'table', 'table', 'table', 'signature']);
    for (const t of tables(doc)) expect(() => checkTable(t)).not.toThrow();
  });

  it('funds: 年初/全年/1–6月执行数/执行率/全年预计 by source; the total carries the manager’s forecast', () => {
    expect(head(funds!)).toEqual([['项目', '年初预算数', '全年预算数', '1–6月执行数', '1–6月执行率', '全年预计执行数']]);
    expect(body(funds!)).toEqual([
      ['年度资金总额', '1,273.52', '1,273.52', '600.00', '47.11%', '1,250.00'],
      ['其中：财政拨款', '1,273.52', '1,273.52', '600.00', '47.11%', '1,200.00'],
      ['上年结转资金', '0.00', '0.00', '0.00', '—', '0.00'],
      ['其他资金', '0.00', '0.00', '0.00', '—', '0.00'],
    ]);
    const total = funds!.bodyRows[0]!;
    expect(total.slice(1, 4).map((c) => c.value)).toEqual([1273.52, 1273.52, 600]);
    expect(total[4]!.value).toBeCloseTo(600 / 1273.52, 12);
    expect(total[4]!.format).toBe('percent2');
    expect(total[5]!.value).toBe(1250);
    expect(funds!.bodyRows[2]![4]!.value).toBeUndefined();
  });

  it('goal with 1–6月执行情况 and 全年预计执行情况', () => {
    expect(head(goal!)).toEqual([['年度总体目标', '1–6月执行情况', '全年预计执行情况']]);
    expect(body(goal!)).toEqual([[form.goal.text, '上半年完成会员实名认证 80%', '全年可完成']]);
  });

  it('indicators: every 三级 row with actual, forecast, light, reasons, possibility, measures and note; 一级/二级 merged', () => {
    expect(head(indicators!)).toEqual([['一级指标', '二级指标', '三级指标', '年度指标值', '1–6月实际完成值', '全年预计完成值', '预警', '偏差原因分析', '完成目标可能性', '纠偏措施', '备注']]);
    const rows = body(indicators!);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual(['产出', '数量', NAME.activity, '不少于800人次', '360人次', '720人次', '绿灯', '', '确定能', '', '']);
    expect(rows[1]).toEqual(['产出', '数量', NAME.leaflets, '5000份', '1000份', '4800份', '红灯', '☑经费保障 ☑人员保障\n印刷招标延期', '有可能', '7月完成招标', '已与供应商签约']);
    expect(rows[6]).toEqual(['产出', '质量', NAME.leafletRate, '≥90%', '95%', '95%', '绿灯', '', '', '', '']);
    // 不适用 rows: dashes, no light, nothing to fill.
    expect(rows[14]).toEqual(['效益', '经济效益', '不适用', '不适用', '—', '—', '—', '', '', '', '']);
    const l1 = indicators!.bodyRows.flatMap((r) => r.filter((c) => c.rowSpan !== undefined && c.bold).map((c) => [c.text, c.rowSpan]));
    expect(l1).toEqual([['产出', 14], ['效益', 4], ['满意度', 2]]);
  });

  it('纠偏措施 and 整改; signature lines with the submitter and the submission day', () => {
    expect(body(actions!)).toEqual([
      ['纠偏措施', '加快宣传资料印制进度'],
      ['是否需要整改', '是'],
      ['整改要求和建议', '7月底前完成印刷招标'],
      ['整改结果和结论', '已完成招标'],
    ]);
    const sig = doc.blocks.at(-1) as SignatureLine;
    expect(sig.fields).toEqual([
      { label: '填报人', value: '张科长' },
      { label: '审核人', value: '' },
      { label: '填报日期', value: '2022年7月5日' },
    ]);
  });

  it('notes give the numbers behind every light and the manual forecasts', () => {
    expect(doc.notes![0]).toBe('序时进度 6/12；预算执行预警：绿灯（47.1% ÷ 6/12 = 94.2%）');
    expect(doc.notes![1]).toBe('全年预计执行数为手工填报（按执行进度线性推算为 1,200.00 万元）');
    expect(doc.notes).toContain(`${NAME.activity}：绿灯，360 ÷ (800 × 6/12) = 90.0%`);
    expect(doc.notes).toContain(`${NAME.leaflets}：红灯，1000 ÷ (5000 × 6/12) = 40.0%；全年预计完成值为手工填报（计算值 2000份）`);
    expect(doc.notes!.at(-1)).toBe('目标执行预警（整体）：红灯');
  });
});

describe('a project round: adjusted target with its original, a cut-off inside a month', () => {
  const form = projectForm({
    leaves: [{ name: '服务人次', target: '不少于800人次', adjustments: [{ target: '不少于900人次', approvedOn: '2022-05-10', reason: '新增服务站点' }] }],
    activity: { 服务人次: [{ date: '2022-05-01', amount: 480 }] },
    cutoff: '2022-07-15',
  });
  const doc = buildMonitoringDocument({ round: record(form, { version: 2, supersedes: 'round-0' }) });

  it('project header with 实施单位; the period says where it was cut; a correction says its version', () => {
    expect(doc.title).toBe('项目支出绩效目标执行监控表');
    expect(doc.header).toEqual([
      { label: '项目名称', value: '职工服务项目' },
      { label: '主管部门', value: '深圳市盐田区总工会' },
      { label: '实施单位', value: '深圳市盐田区总工会' },
      { label: '监控期间', value: '2022年1–7月（截至2022年7月15日）' },
      { label: '版本', value: '第2版（更正）' },
    ]);
    expect(tables(doc)[0]!.caption).toBe('项目资金（万元）');
  });

  it('年度指标值 shows the target in force with the original; the note says when and why', () => {
    const row = body(tables(doc)[2]!)[0]!;
    expect(row.slice(2, 4)).toEqual(['服务人次', '不少于900人次（原：不少于800人次）']);
    expect(doc.notes!.find((n) => n.startsWith('服务人次'))).toContain('年度指标值于 2022-05-10 由 不少于800人次 调整为 不少于900人次（新增服务站点）');
  });
});

describe('which form a round prints, and its watermark', () => {
  const form = juneForm();

  it('a draft prints the form passed in, watermarked 草稿, dated as asked, unsigned', () => {
    const draft = record(form, { status: 'draft', snapshot: undefined, submittedAt: undefined, submittedBy: undefined });
    const doc = buildMonitoringDocument({ round: draft, draftForm: form, date: '2022-07-03' });
    expect(doc.watermark).toBe('draft');
    expect(doc.footer.date).toBe('2022-07-03');
    expect((doc.blocks.at(-1) as SignatureLine).fields[0]).toEqual({ label: '填报人', value: '' });
    expect(() => buildMonitoringDocument({ round: draft })).toThrow(/draft/);
    expect(() => buildMonitoringDocument({ round: draft, draftForm: form })).toThrow(/print date/);
  });

  it('a superseded version prints its own snapshot, watermarked 已被更正', () => {
    const other = projectForm({ leaves: [{ name: 'x', target: '10人' }] });
    const old = record(form, { status: 'superseded', supersededBy: 'round-2', supersededAt: '2022-07-20T02:00:00.000Z' });
    const doc = buildMonitoringDocument({ round: old, draftForm: other, date: '2030-01-01' });
    expect(doc.watermark).toBe('superseded');
    expect(doc.footer.date).toBe('2022-07-05');
    expect(roundFormOf({ round: old, draftForm: other }).form).toBe(form);
  });

  it('a submitted round without its frozen form is refused', () => {
    expect(() => buildMonitoringDocument({ round: record(form, { snapshot: undefined }) })).toThrow(/no frozen form/);
  });

  it('helpers: period and reasons text', () => {
    expect(periodOf(7)).toBe('1–7月');
    expect(reasonsText({ reasons: [], reasonText: '  ' })).toBe('');
    expect(reasonsText({ reasons: ['other'], reasonText: '' })).toBe('☑其他');
    expect(reasonsText({ reasons: [], reasonText: '天气' })).toBe('天气');
  });
});
