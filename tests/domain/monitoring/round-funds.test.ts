import { describe, expect, it } from 'vitest';
import { form, line, spent } from '../../fixtures/monitoring';

/** The funds block of the 监控表 (domain.md §3.2): 年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金. */

describe('budget adjustments and the cut-off', () => {
  const lines = [
    line({ fiscal: '20' }, [
      { date: '2022-06-01', wan: '5' },
      { date: '2022-07-31', wan: '-2' },
      { date: '2022-08-15', source: 'other', wan: '10' },
    ]),
  ];
  const spending = [spent('2022-05-01', '9')];

  it('adjustments approved by the cut-off make 全年预算数; later ones are excluded; 年初 stays as approved', () => {
    const f = form({ lines, spending });
    const [total, fiscal, , other] = f.funds;
    expect(total).toMatchObject({ source: 'total', initialFen: 20_000_000, fullFen: 23_000_000, executedFen: 9_000_000 });
    expect(fiscal).toMatchObject({ source: 'fiscal', initialFen: 20_000_000, fullFen: 23_000_000 });
    expect(other).toMatchObject({ source: 'other', initialFen: 0, fullFen: 0, rate: null });
    // 执行率 against 全年 (9 ÷ 23 = 39.1%), not 年初: q = 39.1% ÷ 7/12 = 67.1% → yellow
    expect(total!.rate).toBeCloseTo(9 / 23, 12);
    expect(f.budget.formula).toBe('39.1% ÷ 7/12 = 67.1%');
    expect(f.budget.light).toBe('yellow');
  });

  it('a later cut-off includes the later adjustment', () => {
    const f = form({ lines, spending, cutoff: '2022-08-31' });
    expect(f.funds[0]).toMatchObject({ initialFen: 20_000_000, fullFen: 33_000_000 });
    expect(f.funds[3]).toMatchObject({ source: 'other', fullFen: 10_000_000 });
  });

  it('lines add up', () => {
    const f = form({ lines: [line({ fiscal: '20', other: '1.5' }), line({ fiscal: '0.25', carryover: '3' }, [{ date: '2022-02-01', source: 'carryover', wan: '1' }], 'line-2')] });
    expect(f.funds.map((r) => [r.source, r.initialFen, r.fullFen])).toEqual([
      ['total', 24_750_000, 25_750_000],
      ['fiscal', 20_250_000, 20_250_000],
      ['carryover', 3_000_000, 4_000_000],
      ['other', 1_500_000, 1_500_000],
    ]);
  });
});

describe('execution by fund source', () => {
  const f = form({
    lines: [line({ fiscal: '20', carryover: '4', other: '6' })],
    spending: [
      spent('2022-02-10', '5'), // no source: 财政拨款, as every row logged before sources existed
      spent('2022-06-10', '4', 'fiscal'),
      spent('2022-03-01', '1', 'carryover'),
      spent('2022-07-31', '2', 'other'),
      spent('2022-08-01', '3'), // after the cut-off
    ],
  });

  it('spending without a source counts as 财政拨款; spending after the cut-off is not counted', () => {
    expect(f.funds.map((r) => [r.source, r.executedFen])).toEqual([
      ['total', 12_000_000],
      ['fiscal', 9_000_000],
      ['carryover', 1_000_000],
      ['other', 2_000_000],
    ]);
  });

  it('each row has its own 执行率 and a linear 全年预计执行数 to the fen', () => {
    expect(f.funds.map((r) => r.rate)).toEqual([0.4, 0.45, 0.25, 2 / 6]);
    // 12 ÷ 7/12 = 20.571428… 万元; 9 → 15.428571…; 1 → 1.714285…; 2 → 3.428571…
    expect(f.funds.map((r) => r.forecastFen)).toEqual([20_571_429, 15_428_571, 1_714_286, 3_428_571]);
    expect(f.budget).toMatchObject({ rate: 0.4, forecastMethod: 'linear', computedForecastFen: 20_571_429 });
  });

  it('a manual 全年预计执行数 replaces the total row forecast; the computed one is kept', () => {
    const g = form({ lines: [line({ fiscal: '20' })], spending: [spent('2022-02-10', '9')], inputs: { budgetForecastFen: 18_000_000 } });
    expect(g.funds[0]!.forecastFen).toBe(18_000_000);
    expect(g.funds[1]!.forecastFen).toBe(15_428_571);
    expect(g.budget).toMatchObject({ forecastMethod: 'manual', computedForecastFen: 15_428_571 });
  });
});

describe('header, goal and the plan-level inputs', () => {
  it('are carried onto the form as typed', () => {
    const f = form({
      inputs: { goalProgress: '已服务职工400人次', goalForecast: '预计全年完成', corrective: '加强宣传', rectify: { needed: true, advice: '加快进度', result: '' } },
    });
    expect(f.header).toMatchObject({ planName: '职工服务项目', planKind: 'project', unitName: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', implementer: '深圳市盐田区总工会' });
    expect(f.goal).toEqual({ text: '全年服务职工不少于800人次', progress: '已服务职工400人次', forecast: '预计全年完成' });
    expect(f.corrective).toBe('加强宣传');
    expect(f.rectify).toEqual({ needed: true, advice: '加快进度', result: '' });
  });
});
