import { describe, expect, it } from 'vitest';
import { buildReport, headingsOf, REPORT_SECTIONS } from '@/documents/report';
import { deviationParagraphs, numeral } from '@/documents/reportAnalysis';
import { evaluationFormDocument } from '@/documents/evaluationForms';
import { checkTable, expandMerges, gridText, type Attachment, type Block, type DocumentModel, type Paragraph, type Table } from '@/documents/model';
import { emptyEvaluationInputs } from '@/domain/evaluation/types';
import { evaluate, inputsOf, spending } from '../fixtures/evaluation';
import { card, EXPLAINED, N, evaluationRecord } from './card';

/** The 绩效自评报告 of domain.md §4.12 from the §4.10 card. */

const c = card();
const form = c.form();
const report = buildReport({ evaluation: evaluationRecord(form), unit: c.p.unit });

const tables = (blocks: readonly Block[]) => blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (d: DocumentModel) => d.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
/** The blocks between one 一级 heading and the next. */
function section(d: DocumentModel, heading: string): Block[] {
  const i = d.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  const j = d.blocks.findIndex((b, k) => k > i && b.kind === 'heading' && b.level === 1);
  return d.blocks.slice(i + 1, j < 0 ? undefined : j);
}
const texts = (blocks: readonly Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('绩效自评报告 of the §4.10 card', () => {
  it('title, portrait, the headings of §4.12 in order', () => {
    expect(report.title).toBe('深圳市盐田区总工会2022年度部门整体支出绩效自评报告');
    expect(report.orientation).toBe('portrait');
    expect(report.watermark).toBeNull();
    expect(report.footer).toEqual({ unitName: '深圳市盐田区总工会', date: '2023-01-20' });
    expect(headingsOf(report)).toEqual([
      '一、基本情况',
      '二、绩效自评工作开展情况',
      '三、综合评价结论',
      '四、绩效目标实现情况分析',
      '五、偏离目标的原因',
      '六、改进措施及建议',
      '七、自评结果应用',
      '八、其他需要说明的问题',
      '附件：自评表',
    ]);
    expect(headingsOf(report, 2)).toEqual([
      '（一）部门（单位）职能',
      '（二）预算安排情况',
      '（三）绩效目标',
      '（一）预算执行情况',
      '（二）产出指标完成情况',
      '（三）效益指标完成情况',
      '（四）满意度指标完成情况',
    ]);
    const attachments = report.blocks.filter((b): b is Attachment => b.kind === 'attachment');
    for (const t of [...tables(report.blocks), ...attachments.flatMap((a) => tables(a.document.blocks))]) expect(() => checkTable(t)).not.toThrow();
  });

  it('一、基本情况: the unit’s duties, the budget 年初/全年, the goal and the count of indicators', () => {
    expect(texts(section(report, '一、基本情况'))).toEqual([
      c.p.unit.duties,
      '2022年年初预算数 1,273.52 万元（其中财政拨款 1,273.52 万元）；全年预算数 1,273.52 万元，年内未调整。',
      form.goal.text,
      '年度绩效指标共 20 项，其中适用 16 项（产出指标 14 项、效益指标 1 项、满意度指标 1 项），不适用 4 项。',
    ]);
    expect(paragraphs(report)[0]).toMatchObject({ sectionKey: 'background' });
  });

  it('二、绩效自评工作开展情况: what the data can say, and a placeholder for the rest', () => {
    const blocks = section(report, '二、绩效自评工作开展情况') as Paragraph[];
    expect(blocks.map((p) => [p.text, p.sectionKey, p.pending ?? false])).toEqual([
      ['本单位按照预算绩效管理的有关规定，对2022年度深圳市盐田区总工会部门整体支出开展绩效自评。自评以2022年12月31日为截止日，对照批复的绩效目标（年内调整的按调整后的目标），对 16 项适用绩效指标的完成情况和预算执行情况逐项评分，评分规则为“财预〔2020〕10号（默认）”。', 'workDone', false],
      ['自评的组织分工和工作过程：（待填写）', 'workDone', true],
    ]);
  });

  it('三、综合评价结论: total 97.00, grade 优, and the table of sub-scores by 一级', () => {
    const blocks = section(report, '三、综合评价结论');
    expect(texts(blocks)).toEqual([
      '经自评，深圳市盐田区总工会部门整体支出2022年度绩效自评总分 97.00 分，自评等级为“优”。其中产出指标得分 48.06 分（分值 50.00 分），效益指标得分 30.00 分（分值 30.00 分），满意度指标得分 9.44 分（分值 10.00 分），预算执行率得分 9.50 分（分值 10.00 分）。',
    ]);
    const [t] = tables(blocks);
    expect(gridText(t!.headRows, 4)).toEqual([['一级指标', '分值', '得分', '得分率']]);
    expect(gridText(t!.bodyRows, 4)).toEqual([
      ['产出指标', '50.00', '48.06', '96.12%'],
      ['效益指标', '30.00', '30.00', '100.00%'],
      ['满意度指标', '10.00', '9.44', '94.40%'],
      ['预算执行率', '10.00', '9.50', '95.00%'],
      ['合计', '100.00', '97.00', '97.00%'],
    ]);
    expect(t!.bodyRows.map((r) => r[2]!.value)).toEqual([48.06, 30, 9.44, 9.5, 97]);
    expect(t!.bodyRows[0]![3]!.value).toBeCloseTo(0.9612, 12);
  });

  it('四: 预算执行 with its numbers; each 一级 summarised and listed with target, actual and score', () => {
    const blocks = section(report, '四、绩效目标实现情况分析');
    const ps = texts(blocks);
    expect(ps[0]).toBe('全年预算数 1,273.52 万元，全年执行数 1,210.00 万元，预算执行率 95.01%，得分 9.50 分（分值 10.00 分）。');
    expect(ps[1]).toBe(`产出指标分值 50.00 分，得分 48.06 分（得分率 96.12%）。适用指标 14 项，10 项达到年度指标值；未达到的 4 项：${N.activity}、${N.cadres}、${N.coverage}、${N.time}；超额完成的 1 项：${N.sports}。`);
    expect(ps[2]).toBe('效益指标分值 30.00 分，得分 30.00 分（得分率 100.00%）。适用指标 1 项，1 项达到年度指标值；不适用 3 项。');
    expect(ps[3]).toBe('满意度指标分值 10.00 分，得分 9.44 分（得分率 94.40%）。适用指标 1 项，0 项达到年度指标值；未达到的 1 项：服务职工满意度；不适用 1 项。');
    expect(ps[4]).toBe('满意度调查方法及样本情况：（待填写）');
    const [output, benefit, satisfaction] = tables(blocks);
    expect(output!.caption).toBe('产出指标完成情况');
    expect(gridText(output!.headRows, 6)).toEqual([['二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']]);
    const rows = gridText(output!.bodyRows, 6);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toEqual(['数量', N.activity, '不少于800人次', '720人次', '4.00', '3.60']);
    expect(rows[12]).toEqual(['时效', N.time, '2022年12月31日前', '2023-01-10 完成', '4.00', '2.80']);
    expect(rows.map((r) => r[5])).toEqual(['3.60', '4.00', '3.73', '4.00', '4.00', '4.00', '3.00', '2.93', '3.00', '3.00', '3.00', '3.00', '2.80', '4.00']);
    expect(expandMerges(output!.bodyRows, 6).flatMap((r) => (r[0]!.origin ? [r[0]!.cell.rowSpan ?? 1] : []))).toEqual([6, 6, 1, 1]);
    expect(gridText(benefit!.bodyRows, 6)).toEqual([
      ['经济效益', '不适用', '不适用', '—', '—', '—'],
      ['社会效益', N.cohesion, '≥90%', '93%', '30.00', '30.00'],
      ['可持续影响', '不适用', '不适用', '—', '—', '—'],
      ['生态效益', '不适用', '不适用', '—', '—', '—'],
    ]);
    expect(gridText(satisfaction!.bodyRows, 6)[0]).toEqual(['服务对象满意度', N.satisfaction, '≥90%', '85%', '10.00', '9.44']);
  });

  it('五: one paragraph per row short of full marks or over-achieved, with the evaluator’s reason', () => {
    expect(texts(section(report, '五、偏离目标的原因'))).toEqual([
      `1. ${N.activity}：年度指标值 不少于800人次，实际完成值 720人次，得分 3.60 分（分值 4.00 分）。${EXPLAINED.activity}。`,
      `2. ${N.cadres}：年度指标值 30人，实际完成值 28人，得分 3.73 分（分值 4.00 分）。${EXPLAINED.cadres}。`,
      `3. ${N.sports}：年度指标值 300人次，实际完成值 650人次，得分 4.00 分（分值 4.00 分），超额完成。${EXPLAINED.sports}。`,
      `4. ${N.coverage}：年度指标值 ≥90%，实际完成值 88%，得分 2.93 分（分值 3.00 分）。${EXPLAINED.coverage}。`,
      `5. ${N.time}：年度指标值 2022年12月31日前，实际完成值 2023-01-10 完成，得分 2.80 分（分值 4.00 分）。${EXPLAINED.time}。`,
      `6. ${N.satisfaction}：年度指标值 ≥90%，实际完成值 85%，得分 9.44 分（分值 10.00 分）。${EXPLAINED.satisfaction}。`,
    ]);
  });

  it('六–八: placeholders where nothing can be generated, a default for 结果应用; each tied to its section key', () => {
    const p = (h: string) => section(report, h) as Paragraph[];
    expect(p('六、改进措施及建议')).toEqual([{ kind: 'paragraph', text: '（待填写）', pending: true, sectionKey: 'improvements' }]);
    expect(p('七、自评结果应用')).toEqual([{ kind: 'paragraph', text: '自评结果作为2023年度预算安排、绩效目标设定和预算管理改进的重要依据；对自评发现的问题逐项整改，并按规定公开自评结果。', sectionKey: 'application' }]);
    expect(p('八、其他需要说明的问题')).toEqual([{ kind: 'paragraph', text: '（待填写）', pending: true, sectionKey: 'other' }]);
    for (const x of paragraphs(report).filter((x) => x.pending)) expect(x.text).toContain('（待填写）');
  });

  it('附件: the 自评表 of the same card, as printed on its own', () => {
    const a = report.blocks.at(-1) as Attachment;
    expect(a.kind).toBe('attachment');
    expect(a.label).toBe('附件：部门（单位）整体支出绩效自评表');
    expect(a.document).toEqual(evaluationFormDocument(form, { watermark: null, date: '2023-01-20', signer: '李审核' }));
  });
});

describe('the evaluator’s own text replaces the defaults', () => {
  const sections = {
    background: '本会内设办公室、组织权益部。\n\n编制 12 人，实有 11 人。',
    workDone: '成立自评工作小组，逐项核对台账。',
    conclusion: '总体完成年度目标。',
    satisfaction: '随机抽取 200 名职工开展问卷调查。',
    deviation: '偏离主要受疫情影响。',
    improvements: '加强活动计划管理。',
    application: '结果报区财政局备案。',
    other: '无。',
  };
  const evaluation = evaluationRecord(form, { inputs: { ...emptyEvaluationInputs(), goalActual: form.goal.actual, sections } });
  const d = buildReport({ evaluation, unit: c.p.unit });

  it('every section key offered for editing, the brief’s keys among them', () => {
    expect(REPORT_SECTIONS.map((s) => s.key)).toEqual(['background', 'workDone', 'conclusion', 'satisfaction', 'deviation', 'improvements', 'application', 'other']);
    expect(REPORT_SECTIONS.every((s) => s.title.length > 0)).toBe(true);
  });

  it('each section prints what was written, split into paragraphs at blank lines; nothing is left pending', () => {
    expect(paragraphs(d).filter((p) => p.pending)).toEqual([]);
    const keyed = paragraphs(d).filter((p) => p.sectionKey).map((p) => [p.sectionKey, p.text]);
    expect(keyed).toEqual([
      ['background', '本会内设办公室、组织权益部。'],
      ['background', '编制 12 人，实有 11 人。'],
      ['workDone', sections.workDone],
      ['conclusion', sections.conclusion],
      ['satisfaction', sections.satisfaction],
      ['deviation', sections.deviation],
      ['improvements', sections.improvements],
      ['application', sections.application],
      ['other', sections.other],
    ]);
    // The general remark leads 五, the per-indicator reasons still follow it.
    expect(texts(section(d, '五、偏离目标的原因'))).toHaveLength(7);
  });
});

describe('reports of other cards', () => {
  it('a draft report is watermarked, its attachment too', () => {
    const draft = evaluationRecord(form, { status: 'draft', snapshot: undefined, finalisedAt: undefined, finalisedBy: undefined });
    const d = buildReport({ evaluation: draft, draftForm: form, unit: c.p.unit, date: '2022-12-30' });
    expect(d.watermark).toBe('draft');
    expect((d.blocks.at(-1) as Attachment).document.watermark).toBe('draft');
    expect(d.footer.date).toBe('2022-12-30');
    const old = buildReport({ evaluation: evaluationRecord(form, { status: 'superseded' }), unit: c.p.unit });
    expect(old.watermark).toBe('superseded');
  });

  it('a project: its own title, 项目概况 from the header; execution below 90% asks for the reason, or prints it', () => {
    const p = { ...c.p, plan: { ...c.p.plan, kind: 'project' as const, name: '职工服务项目' } };
    const low = evaluate(p, { spending: [spending('2022-12-20', '1000.00')], inputs: inputsOf() });
    const d = buildReport({ evaluation: evaluationRecord(low), unit: c.p.unit });
    expect(d.title).toBe('职工服务项目2022年度项目支出绩效自评报告');
    expect(headingsOf(d, 2)[0]).toBe('（一）项目概况');
    expect(texts(section(d, '一、基本情况'))[0]).toBe('职工服务项目，主管部门为深圳市盐田区总工会，实施单位为深圳市盐田区总工会。');
    const budget = texts(section(d, '四、绩效目标实现情况分析'));
    expect(budget[0]).toBe('全年预算数 1,273.52 万元，全年执行数 1,000.00 万元，预算执行率 78.52%，得分 7.85 分（分值 10.00 分）。');
    expect(budget[1]).toBe('预算执行率低于 90% 的原因：（待填写）');
    expect((d.blocks.at(-1) as Attachment).document.title).toBe('项目支出绩效自评表');
    const explained = buildReport({ evaluation: evaluationRecord(low, { inputs: { ...emptyEvaluationInputs(), budgetNote: '年底采购未完成支付' } }), unit: c.p.unit });
    expect(texts(section(explained, '四、绩效目标实现情况分析'))[1]).toBe('年底采购未完成支付');
  });

  it('五 without any deviation says so; a deviation without a reason is left to fill', () => {
    const full = { ...form, rows: form.rows.filter((r) => !r.needsExplanation) };
    expect(deviationParagraphs(full).map((p) => p.text)).toEqual(['各项适用指标均达到年度指标值，未出现偏离目标的情况。']);
    const silent = { ...form, rows: form.rows.map((r) => ({ ...r, input: { ...r.input, explanation: '' } })) };
    const ps = deviationParagraphs(silent);
    expect(ps).toHaveLength(6);
    expect(ps[0]).toMatchObject({ pending: true, text: `1. ${N.activity}：年度指标值 不少于800人次，实际完成值 720人次，得分 3.60 分（分值 4.00 分）。原因：（待填写）` });
  });

  it('section numerals', () => {
    expect([1, 4, 10, 11, 12].map(numeral)).toEqual(['一', '四', '十', '十一', '十二']);
  });
});
