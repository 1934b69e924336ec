import { describe, expect, it } from 'vitest';
import { needsExplanation, parseForecast, roundProblems } from '@/domain/monitoring/round-validate';
import type { RoundRowInput } from '@/domain/monitoring/round-types';
import { form, oneRow, type LeafSpec } from '../../fixtures/monitoring';

/** What stops a round from being submitted (domain.md §3.2 FASP2 checks), and typed forecasts. */

const leaf = (name: string): LeafSpec => ({ name, target: '不少于800人次' });
const at = (amount: number) => [{ date: '2022-06-01', amount }];
const complete: Partial<RoundRowInput> = { possibility: 'possible', reasons: ['staffing'], reasonText: '人员不足', measures: '增派志愿者' };

describe('needsExplanation', () => {
  it('red and yellow rows need a reason whatever the possibility; green rows only when not 确定能', () => {
    expect(needsExplanation(oneRow(leaf('a'), at(250), '2022-07-31', { possibility: 'certain' }))).toBe(true); // red, 53.6%
    expect(needsExplanation(oneRow(leaf('a'), at(350), '2022-07-31', { possibility: 'certain' }))).toBe(true); // yellow, 75.0%
    expect(needsExplanation(oneRow(leaf('a'), at(400), '2022-07-31', { possibility: 'certain' }))).toBe(false);
    expect(needsExplanation(oneRow(leaf('a'), at(400), '2022-07-31', { possibility: null }))).toBe(false);
    expect(needsExplanation(oneRow(leaf('a'), at(400), '2022-07-31', { possibility: 'possible' }))).toBe(true);
    expect(needsExplanation(oneRow(leaf('a'), at(600), '2022-07-31', { possibility: 'impossible' }))).toBe(true);
    expect(needsExplanation(oneRow({ name: 'na', target: '不适用' }, [], '2022-07-31', { possibility: 'impossible' }))).toBe(false);
  });
});

describe('roundProblems names every row that stops a submission and what it lacks, in form order', () => {
  const f = form({
    leaves: [leaf('红灯'), leaf('黄灯缺说明'), leaf('绿灯未选'), leaf('绿灯有可能'), leaf('绿灯完整'), leaf('红灯完整'), { name: '无数据率', target: '≥90%' }, { name: '不适用行', target: '不适用' }, leaf('勾了原因没写说明')],
    activity: { 红灯: at(250), 黄灯缺说明: at(350), 绿灯未选: at(400), 绿灯有可能: at(400), 绿灯完整: at(500), 红灯完整: at(100), 勾了原因没写说明: at(400) },
    inputs: {
      rows: {
        黄灯缺说明: { possibility: 'possible', reasons: ['staffing'], reasonText: '   ', measures: '加派人手' },
        绿灯有可能: { possibility: 'possible' },
        绿灯完整: { possibility: 'certain' },
        红灯完整: complete,
        无数据率: { possibility: 'certain' },
        勾了原因没写说明: { possibility: 'certain', reasons: ['other'] },
      },
    },
  });

  it('lists exactly the incomplete rows', () => {
    expect(f.rows.find((r) => r.node.name === '黄灯缺说明')!.assessment.light).toBe('yellow');
    expect(roundProblems(f).map((p) => [p.name, p.missing])).toEqual([
      ['红灯', ['possibility', 'reasons', 'reasonText', 'measures']],
      ['黄灯缺说明', ['reasonText']],
      ['绿灯未选', ['possibility']],
      ['绿灯有可能', ['reasons', 'reasonText', 'measures']],
      // A ticked 偏差原因 needs its 原因说明 even on a row that did not have to explain (domain.md §3.2).
      ['勾了原因没写说明', ['reasonText']],
    ]);
    expect(roundProblems(f)[0]!.indicatorId).toBe('红灯');
  });

  it('a complete form has none', () => {
    const g = form({ leaves: [leaf('a'), leaf('b')], activity: { a: at(250), b: at(400) }, inputs: { rows: { a: complete, b: { possibility: 'certain' } } } });
    expect(roundProblems(g)).toEqual([]);
  });

  it('every applicable row needs a possibility, even one with nothing logged', () => {
    const g = form({ leaves: [{ name: '率', target: '≥90%' }] });
    expect(roundProblems(g)).toEqual([{ indicatorId: '率', name: '率', missing: ['possibility'] }]);
  });
});

describe('parseForecast', () => {
  it.each<[string, string, string, ReturnType<typeof parseForecast>]>([
    ['', 'count', '人次', { value: null }],
    ['   ', 'count', '人次', { value: null }],
    ['700', 'count', '人次', { value: 700 }],
    ['1,234.50', 'count', '人次', { value: 1234.5 }],
    ['１２３', 'count', '人次', { value: 123 }],
    ['１，２３４．５', 'count', '人次', { value: 1234.5 }],
    ['12.345', 'count', '', { value: 12.345 }],
    ['0', 'count', '起', { value: 0 }],
    ['-5', 'count', '人次', { error: 'negative' }],
    ['－5', 'count', '人次', { error: 'negative' }],
    ['abc', 'count', '人次', { error: 'notNumber' }],
    ['NaN', 'count', '人次', { error: 'notNumber' }],
    ['Infinity', 'count', '人次', { error: 'notNumber' }],
    ['1e3', 'count', '人次', { error: 'notNumber' }],
    ['1,2,3', 'count', '人次', { error: 'notNumber' }],
    ['9..0', 'count', '人次', { error: 'notNumber' }],
    ['95', 'rate', '%', { value: 95 }],
    ['95%', 'rate', '%', { value: 95 }],
    ['９５％', 'rate', '%', { value: 95 }],
    ['100', 'rate', '%', { value: 100 }],
    ['100.5%', 'rate', '%', { error: 'percentOver100' }],
    ['120', 'satisfaction', '%', { error: 'percentOver100' }],
    ['120', 'count', '人次', { value: 120 }],
  ])('%j (%s, %s) → %j', (text, measure, unit, expected) => {
    expect(parseForecast(text, measure, unit)).toEqual(expected);
  });

  it.each<[string, string, ReturnType<typeof parseForecast>]>([
    ['1,210.5', '万元', { value: 1_210_500_000 }],
    ['0.1', '万元', { value: 100_000 }],
    ['12.345678', '万元', { value: 12_345_678 }],
    ['12.5万元', '万元', { value: 12_500_000 }],
    ['１２．５', '万元', { value: 12_500_000 }],
    ['12.3456789', '万元', { error: 'notNumber' }],
    ['-3', '万元', { error: 'negative' }],
    ['－3', '万元', { error: 'negative' }],
    ['abc', '万元', { error: 'notNumber' }],
    ['1,500.50', '元', { value: 150_050 }],
    ['1500.5元', '元', { value: 150_050 }],
    ['1.005', '元', { error: 'notNumber' }],
  ])('money %j in %s → %j (exact fen)', (text, unit, expected) => {
    expect(parseForecast(text, 'money', unit)).toEqual(expected);
  });
});
