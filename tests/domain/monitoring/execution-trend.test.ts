import { describe, expect, it } from 'vitest';
import { cumulativeExecution } from '@/domain/monitoring/execution-trend';
import { wan } from '@/domain/money';

describe('cumulativeExecution', () => {
  it('sums every plan month by month up to the cut-off against the summed 全年预算数', () => {
    const points = cumulativeExecution(
      [
        { spending: [{ date: '2022-01-25', amountFen: wan('6') }, { date: '2022-03-02', amountFen: wan('3') }], budgetFen: wan('12') },
        { spending: [{ date: '2022-02-10', amountFen: wan('2') }], budgetFen: wan('8') },
      ],
      '2022-03-31',
    );
    expect(points.map((p) => p.month)).toEqual([1, 2, 3]);
    expect(points.map((p) => p.executedFen)).toEqual([wan('6'), wan('8'), wan('11')]);
    expect(points.map((p) => p.rate)).toEqual([0.3, 0.4, 0.55]);
    expect(points.map((p) => p.expected)).toEqual([1 / 12, 2 / 12, 3 / 12]);
    expect(points.map((p) => p.asOf)).toEqual(['2022-01-31', '2022-02-28', '2022-03-31']);
  });

  it('the cut-off month counts up to the cut-off day only, with day-based 序时进度', () => {
    const points = cumulativeExecution([{ spending: [{ date: '2022-07-10', amountFen: 100 }, { date: '2022-07-20', amountFen: 50 }], budgetFen: 1000 }], '2022-07-15');
    expect(points).toHaveLength(7);
    expect(points[6]).toMatchObject({ asOf: '2022-07-15', executedFen: 100, rate: 0.1 });
    expect(points[6]!.expected).toBeCloseTo(196 / 365, 12);
  });

  it('spending outside the plan year is ignored', () => {
    const [p] = cumulativeExecution([{ spending: [{ date: '2021-12-31', amountFen: 500 }, { date: '2023-01-01', amountFen: 500 }], budgetFen: 1000 }], '2022-01-31');
    expect(p!.executedFen).toBe(0);
  });

  it('lights per domain.md §3.5: 45% at 7/12 → yellow (q = 77.1%)', () => {
    const points = cumulativeExecution([{ spending: [{ date: '2022-07-01', amountFen: wan('9') }], budgetFen: wan('20') }], '2022-07-31');
    expect(points[6]!.rate).toBeCloseTo(0.45, 12);
    expect(points[6]!.light).toBe('yellow');
    expect(points[5]!.light).toBe('red'); // nothing spent by June
  });

  it('without a budget the rate is unknown and there is no light', () => {
    const [p] = cumulativeExecution([{ spending: [{ date: '2022-01-05', amountFen: 100 }], budgetFen: 0 }], '2022-01-31');
    expect(p).toMatchObject({ rate: null, light: 'none', executedFen: 100 });
  });
});
