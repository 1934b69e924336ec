import { describe, expect, it } from 'vitest';
import { defaultCutoff, timeProgressText, validateCutoff } from '@/domain/monitoring/round';
import { form, line, oneRow, rowOf, spent, type LeafSpec } from '../../fixtures/monitoring';

/**
 * domain.md §3.5, every worked example, through buildRoundForm: period 1–7月, cut-off 2022-07-31, p = 7/12.
 * Lights are the FASP2 perf_t_warnset defaults of §3.3; cumulative rows are time-scaled, rates are not (§9).
 */

const COUNT: LeafSpec = { name: '开展职工服务活动', target: '不少于800人次' };
const RATE: LeafSpec = { name: '宣传资料及时发放率', target: '≥90%', level2: '质量指标' };
const COST: LeafSpec = { name: '项目总成本', target: '≤20万元', level1: '成本', level2: '经济成本指标' };

describe('§3.5 count target 不少于800人次 at 1–7月', () => {
  it('400 → r = 400 ÷ (800 × 7/12) = 85.7% → green', () => {
    const r = oneRow(COUNT, [{ date: '2022-03-01', amount: 150 }, { date: '2022-06-30', amount: 250 }]);
    expect(r.actual.value).toBe(400);
    expect(r.actualText).toBe('400人次');
    expect(r.assessment.expected).toBeCloseTo(7 / 12, 12);
    expect(r.assessment.ratio).toBe(0.5);
    expect(r.assessment.light).toBe('green');
    expect(r.lightFormula).toBe('400 ÷ (800 × 7/12) = 85.7%');
    expect(r.source).toEqual({ measure: 'count', entries: 2, lastDate: '2022-06-30' });
  });

  it('250 → r = 53.6% → red', () => {
    const r = oneRow(COUNT, [{ date: '2022-05-01', amount: 250 }]);
    expect(r.assessment.light).toBe('red');
    expect(r.lightFormula).toBe('250 ÷ (800 × 7/12) = 53.6%');
  });

  it('600 → r = 128.6% → blue', () => {
    const r = oneRow(COUNT, [{ date: '2022-05-01', amount: 600 }]);
    expect(r.assessment.light).toBe('blue');
    expect(r.lightFormula).toBe('600 ÷ (800 × 7/12) = 128.6%');
  });

  it('entries after the cut-off are not counted', () => {
    const r = oneRow(COUNT, [{ date: '2022-07-31', amount: 400 }, { date: '2022-08-01', amount: 300 }]);
    expect(r.actual.value).toBe(400);
    expect(r.lightFormula).toBe('400 ÷ (800 × 7/12) = 85.7%');
  });
});

describe('§3.5 rate target ≥90% is compared directly, never time-scaled', () => {
  it('86% → red, and the formula shows the comparison that made it red', () => {
    const r = oneRow(RATE, [{ date: '2022-05-01', numerator: 43, denominator: 50 }]);
    expect(r.measure).toBe('rate');
    expect(r.actual.value).toBe(86);
    expect(r.actualText).toBe('86%');
    expect(r.assessment.expected).toBe(1);
    expect(r.assessment.light).toBe('red');
    expect(r.lightFormula).toBe('86 < 90');
  });

  it('92% → green ("92 ≥ 90"); a pooled rate over several days (Σ numerator ÷ Σ denominator)', () => {
    const r = oneRow(RATE, [{ date: '2022-03-01', numerator: 9, denominator: 10 }, { date: '2022-04-01', numerator: 83, denominator: 90 }]);
    expect(r.actual.value).toBe(92);
    expect(r.assessment.light).toBe('green');
    expect(r.lightFormula).toBe('92 ≥ 90');
  });
});

describe('§3.5 reverse target 项目总成本 ≤20万元', () => {
  it('spent 9 万元 → green, compared directly with the cap', () => {
    const r = oneRow(COST, [{ date: '2022-04-01', amountFen: 4_000_000 }, { date: '2022-06-01', amountFen: 5_000_000 }]);
    expect(r.measure).toBe('money');
    expect(r.actual.amountFen).toBe(9_000_000);
    expect(r.actualText).toBe('9.00万元');
    expect(r.assessment.light).toBe('green');
    expect(r.lightFormula).toBe('9 ≤ 20');
  });

  it('spent 21 万元 → red', () => {
    const r = oneRow(COST, [{ date: '2022-04-01', amountFen: 21_000_000 }]);
    expect(r.assessment.light).toBe('red');
    expect(r.lightFormula).toBe('21 > 20');
  });
});

describe('§3.5 budget: 全年预算数 20 万元, 1–7月 执行数 9 万元', () => {
  const f = form({ lines: [line({ fiscal: '20' })], spending: [spent('2022-03-15', '4'), spent('2022-07-20', '5')] });

  it('执行率 45%, q = 45% ÷ 7/12 = 77.1% → yellow', () => {
    expect(f.budget.rate).toBe(0.45);
    expect(f.budget.q).toBeCloseTo(0.45 / (7 / 12), 12);
    expect(f.budget.light).toBe('yellow');
    expect(f.budget.formula).toBe('45.0% ÷ 7/12 = 77.1%');
  });

  it('the funds total row: 年初 = 全年 = 20 万元, 执行数 9 万元, 执行率 45%, linear 全年预计 9 ÷ 7/12', () => {
    expect(f.funds[0]).toEqual({ source: 'total', initialFen: 20_000_000, fullFen: 20_000_000, executedFen: 9_000_000, rate: 0.45, forecastFen: 15_428_571 });
    expect(f.budget.forecastMethod).toBe('linear');
    expect(f.budget.computedForecastFen).toBe(15_428_571);
  });

  it('q at exactly 80% is green and at 60% yellow (inclusive lower bounds): 执行率 7/15 and 7/20 of the year', () => {
    // 20 万元 × 7/12 × 0.8 = 9.333333 万元 is not a whole fen; 12 万元 over 1–7月 makes q land on the bounds exactly.
    const at = (spentWan: string) => form({ lines: [line({ fiscal: '12' })], spending: [spent('2022-05-01', spentWan)] }).budget;
    expect(at('5.6').light).toBe('green'); // 5.6/12 = 46.67%; ÷ 7/12 = 80%
    expect(at('5.599999').light).toBe('yellow');
    expect(at('4.2').light).toBe('yellow'); // 4.2/12 = 35%; ÷ 7/12 = 60%
    expect(at('4.199999').light).toBe('red');
  });

  it('a plan without budget has no budget light and says why', () => {
    const g = form({ leaves: [COUNT] });
    expect(g.budget).toMatchObject({ rate: null, q: null, light: 'none', formula: '全年预算数为 0' });
  });
});

describe('§3.3 plan light (目标执行预警) = worst of the indicators and the budget', () => {
  const green400 = [{ date: '2022-05-01', amount: 400 }];

  it('one red indicator makes the plan red; counts are per light', () => {
    const f = form({ leaves: [COUNT, RATE], activity: { [COUNT.name]: green400, [RATE.name]: [{ date: '2022-05-01', numerator: 86, denominator: 100 }] } });
    expect(rowOf(f, COUNT.name).assessment.light).toBe('green');
    expect(f.planLight).toBe('red');
    expect(f.counts).toEqual({ red: 1, yellow: 0, green: 1, blue: 0, none: 0 });
  });

  it('a yellow budget alone makes an all-green plan yellow', () => {
    const f = form({ leaves: [COUNT], activity: { [COUNT.name]: green400 }, lines: [line({ fiscal: '20' })], spending: [spent('2022-05-01', '9')] });
    expect(f.counts.green).toBe(1);
    expect(f.budget.light).toBe('yellow');
    expect(f.planLight).toBe('yellow');
  });

  it('green budget and green rows → green; blue ranks below green (red > yellow > green > blue)', () => {
    const f = form({
      leaves: [COUNT, { name: '服务次数', target: '不少于100次' }],
      activity: { [COUNT.name]: green400, 服务次数: [{ date: '2022-05-01', amount: 90 }] },
      lines: [line({ fiscal: '12' })],
      spending: [spent('2022-05-01', '7')],
    });
    expect(rowOf(f, '服务次数').assessment.light).toBe('blue');
    expect(f.budget.light).toBe('green');
    expect(f.planLight).toBe('green');
    const onlyBlue = form({ leaves: [COUNT], activity: { [COUNT.name]: [{ date: '2022-05-01', amount: 600 }] } });
    expect(onlyBlue.planLight).toBe('blue');
  });
});

describe('time progress of the cut-off', () => {
  it('a month-end cut-off is N/12; the header says 1–7月', () => {
    const f = form({ leaves: [COUNT] });
    expect(f.header).toMatchObject({ year: 2022, cutoff: '2022-07-31', month: 7, monthEnd: true, timeProgressText: '7/12' });
    expect(f.header.timeProgress).toBeCloseTo(7 / 12, 12);
  });

  it('2022-07-15 (not a month end) → day of year 196/365, used in every formula', () => {
    const f = form({
      leaves: [COUNT],
      activity: { [COUNT.name]: [{ date: '2022-07-15', amount: 400 }] },
      lines: [line({ fiscal: '20' })],
      spending: [spent('2022-05-01', '9')],
      cutoff: '2022-07-15',
    });
    expect(f.header).toMatchObject({ month: 7, monthEnd: false, timeProgressText: '196/365' });
    expect(f.header.timeProgress).toBeCloseTo(196 / 365, 12);
    const r = rowOf(f, COUNT.name);
    // 400 ÷ (800 × 196/365) = 93.1%; linear forecast 400 × 365/196 = 744.9 → 745人次
    expect(r.lightFormula).toBe('400 ÷ (800 × 196/365) = 93.1%');
    expect(r.forecast.value).toBe(745);
    // 45% ÷ 196/365 = 83.8% → green
    expect(f.budget.formula).toBe('45.0% ÷ 196/365 = 83.8%');
    expect(f.budget.light).toBe('green');
  });

  it('timeProgressText: month ends, leap years, the first day', () => {
    expect(timeProgressText('2022-06-30')).toBe('6/12');
    expect(timeProgressText('2022-12-31')).toBe('12/12');
    expect(timeProgressText('2022-02-28')).toBe('2/12');
    expect(timeProgressText('2024-02-28')).toBe('59/366');
    expect(timeProgressText('2024-02-29')).toBe('2/12');
    expect(timeProgressText('2024-07-15')).toBe('197/366');
    expect(timeProgressText('2022-01-01')).toBe('1/365');
  });

  it('the default cut-off is 30 June of the plan year (1–6月, domain.md §9)', () => {
    expect(defaultCutoff(2022)).toBe('2022-06-30');
    expect(validateCutoff(defaultCutoff(2022), 2022)).toBeNull();
  });
});

describe('validateCutoff', () => {
  it.each<[string, number, ReturnType<typeof validateCutoff>]>([
    ['2022-07-31', 2022, null],
    ['2022-01-01', 2022, null],
    ['2022-12-31', 2022, null],
    ['2024-02-29', 2024, null],
    ['2023-01-05', 2022, 'outsideYear'],
    ['2021-12-31', 2022, 'outsideYear'],
    ['2022-02-30', 2022, 'badDate'],
    ['2022-02-29', 2022, 'badDate'],
    ['2022-13-01', 2022, 'badDate'],
    ['2022-00-10', 2022, 'badDate'],
    ['2022-04-31', 2022, 'badDate'],
    ['2022-7-31', 2022, 'badDate'],
    ['2022/07/31', 2022, 'badDate'],
    ['', 2022, 'badDate'],
    ['2022-07-31T00:00', 2022, 'badDate'],
  ])('%s in plan year %i → %s', (cutoff, year, expected) => {
    expect(validateCutoff(cutoff, year)).toBe(expected);
  });
});
