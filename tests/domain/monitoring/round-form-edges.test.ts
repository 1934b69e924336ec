import { describe, expect, it } from 'vitest';
import { buildRoundForm, validateCutoff } from '@/domain/monitoring/round';
import { emptyInputs } from '@/domain/monitoring/round-types';
import { form, line, nodes, oneRow, rollup, type LeafSpec } from '../../fixtures/monitoring';

/**
 * The 执行监控表 at its edges: money in 元 and with nothing spent, rows without a target or fed in a way their target
 * no longer uses, forecasts typed or cleared, 偏离度 for every comparison, a round without a unit, and a cut-off the
 * repository would refuse (before the plan year) that must still not divide by a time progress of 0.
 */

describe('validateCutoff: a real YYYY-MM-DD and nothing around it', () => {
  it.each(['x2022-07-31', '2022-07-00', '2022-07-32'])('%s → badDate', (cutoff) => {
    expect(validateCutoff(cutoff, 2022)).toBe('badDate');
  });
});

describe('money rows', () => {
  it('nothing spent yet: 0.00万元 so far and forecast, not "—"', () => {
    const r = oneRow({ name: 'm', target: '≤20万元' });
    expect(r.actualText).toBe('0.00万元');
    expect(r.forecast).toMatchObject({ value: 0, text: '0.00万元', method: 'linear' });
  });

  it('a target in 元 is printed in 元: 1,500 元 by June → 3,000 元 for the year', () => {
    const r = oneRow({ name: 'm', target: '≤5000元' }, [{ date: '2022-03-01', amountFen: 150_000 }], '2022-06-30');
    expect(r.actualText).toBe('1,500.00元');
    expect(r.forecast).toMatchObject({ value: 300_000, text: '3,000.00元', computedText: '3,000.00元' });
    expect(r.deviation).toBeCloseTo(300_000 / 500_000 - 1, 12);
  });
});

describe('rows without a target, and rows fed in a way their target no longer uses', () => {
  function withoutTarget(leaf: LeafSpec, entries: Parameters<typeof rollup>[1]) {
    const ns = nodes([leaf]).map((n) => {
      if (n.level !== 3) return n;
      const { target: _t, targetText: _tt, ...rest } = n;
      return rest;
    });
    const f = buildRoundForm({
      plan: { name: 'p', kind: 'project', year: 2022, goal: '' },
      unit: null,
      lines: [],
      nodes: ns,
      rollups: [rollup(leaf.name, entries)],
      spending: [],
      cutoff: '2022-07-31',
      inputs: emptyInputs(),
    });
    return f.rows[0]!;
  }

  it('a reading typed by hand: its value, no unit, no target text', () => {
    const r = withoutTarget({ name: 'x', target: '≥90%', measure: 'manual' }, [{ date: '2022-03-01', value: 5 }]);
    expect(r.targetText).toBe('');
    expect(r.actualText).toBe('5');
    expect(r.forecast).toMatchObject({ value: 5, text: '5', method: 'current' });
  });

  it('a count: forecast linearly, to two decimals since the unit is unknown', () => {
    const r = withoutTarget({ name: 'x', target: '≥90%', measure: 'count' }, [{ date: '2022-03-01', amount: 400 }]);
    expect(r.forecast).toMatchObject({ value: 685.71, text: '685.71', method: 'linear' });
  });

  it('a 不适用 row still fed as a count shows what was logged, and no forecast', () => {
    const r = oneRow({ name: 'na', target: '不适用', measure: 'count' }, [{ date: '2022-03-01', amount: 5 }]);
    expect(r.actualText).toBe('5');
    expect(r.forecast).toMatchObject({ value: null, text: '—', method: 'none' });
    expect(r.deviation).toBeNull();
  });
});

describe('typed forecasts', () => {
  const COUNT: LeafSpec = { name: 'c', target: '不少于800人次' };
  it('a forecast cleared (null) falls back to the computed one', () => {
    expect(oneRow(COUNT, [{ date: '2022-03-01', amount: 400 }], '2022-07-31', { forecast: null }).forecast).toMatchObject({ value: 686, method: 'linear', text: '686人次' });
  });
  it('a forecast typed on a 不适用 row is ignored', () => {
    expect(oneRow({ name: 'na', target: '不适用' }, [], '2022-07-31', { forecast: 5 }).forecast).toMatchObject({ value: null, method: 'none' });
  });
});

describe('偏离度 = forecast ÷ target − 1 for every comparison', () => {
  it.each<[string, number, number]>([
    ['不少于800人次', 700, -0.125],
    ['5000份', 4000, -0.2],
    ['大于100次', 150, 0.5],
    ['<5天', 4, -0.2],
    ['80-90人', 72, -0.1],
  ])('%s, forecast %s → %s', (target, forecast, deviation) => {
    expect(oneRow({ name: 'x', target }, [], '2022-07-31', { forecast }).deviation).toBeCloseTo(deviation, 12);
  });
  it('a reverse money cap: forecast in fen against 万元', () => {
    expect(oneRow({ name: 'm', target: '≤20万元' }, [], '2022-07-31', { forecast: 25_000_000 }).deviation).toBeCloseTo(0.25, 12);
  });
  it('no forecast, no deviation: a rate with nothing logged', () => {
    const r = oneRow({ name: 'r', target: '≥90%' });
    expect(r.forecast.value).toBeNull();
    expect(r.deviation).toBeNull();
  });
});

describe('header without a unit', () => {
  it('unit, 主管部门 and 实施单位 are blank, not invented', () => {
    const f = buildRoundForm({ plan: { name: 'p', kind: 'project', year: 2022, goal: 'g' }, unit: null, lines: [], nodes: [], rollups: [], spending: [], cutoff: '2022-07-31', inputs: emptyInputs() });
    expect(f.header).toMatchObject({ planName: 'p', unitName: '', supervisor: '', implementer: '' });
  });
});

describe('a cut-off before the plan year (refused by the repository): nothing is divided by a time progress of 0', () => {
  const early = () =>
    form({ leaves: [{ name: 'c', target: '不少于800人次' }], lines: [line({ fiscal: '20' })], cutoff: '2021-12-31' });

  it('no linear forecast for a row', () => {
    expect(early().rows[0]!.forecast.value).toBeNull();
  });
  it('no linear 全年预计执行数 and no budget q', () => {
    const f = early();
    expect(f.funds.map((x) => x.forecastFen)).toEqual([null, null, null, null]);
    expect(f.budget).toMatchObject({ rate: 0, q: null, light: 'none', forecastMethod: 'none', computedForecastFen: null });
    expect(f.budget.formula).toMatch(/^0\.0% ÷ .* = —$/);
  });
});
