import { describe, expect, it } from 'vitest';
import { cumulativeExecution } from '@/domain/monitoring/execution-trend';

/** The year's execution curve at the edges of its window: the first day of the year and the cut-off day both count. */
describe('cumulativeExecution: which days count', () => {
  it('1 January and the cut-off day are inside; the day before the year and the day after the cut-off are not', () => {
    const points = cumulativeExecution(
      [
        {
          spending: [
            { date: '2021-12-31', amountFen: 1000 },
            { date: '2022-01-01', amountFen: 10 },
            { date: '2022-02-15', amountFen: 20 },
            { date: '2022-02-16', amountFen: 4000 },
          ],
          budgetFen: 100,
        },
      ],
      '2022-02-15',
    );
    expect(points).toHaveLength(2);
    expect(points.map((p) => p.executedFen)).toEqual([10, 30]);
    expect(points.map((p) => p.asOf)).toEqual(['2022-01-31', '2022-02-15']);
  });

  it('spending before the year never lands in a month of its own', () => {
    const points = cumulativeExecution([{ spending: [{ date: '2021-12-31', amountFen: 500 }], budgetFen: 1000 }], '2022-01-31');
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ month: 1, executedFen: 0, rate: 0 });
  });
});
