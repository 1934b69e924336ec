import { describe, expect, it } from 'vitest';
import type { BudgetAdjustment, BudgetLine, FundSource } from '@/domain/model';
import { fullFunds, initialFunds, planBudget, validateAdjustment, validateBudgetDrafts, zeroFunds, type AdjustmentDraft } from '@/domain/budget';

describe('budget line drafts', () => {
  it('turn 万元 text into exact fen; empty amounts are 0', () => {
    const { values, errors } = validateBudgetDrafts([{ name: ' 基本支出 ', content: '', fiscalWan: '445.96', carryoverWan: '', otherWan: '' }]);
    expect(errors).toEqual([]);
    expect(values).toEqual([{ name: '基本支出', content: '', fiscalFen: 445_960_000, carryoverFen: 0, otherFen: 0 }]);
  });
  it('name every bad row and field, so nothing is saved half-right', () => {
    const { errors } = validateBudgetDrafts([
      { name: 'a', content: '', fiscalWan: '1', carryoverWan: '', otherWan: '0' },
      { name: '', content: '', fiscalWan: '-3', carryoverWan: '', otherWan: '1,2' },
    ]);
    expect(errors).toEqual([
      { row: 1, field: 'name', code: 'required' },
      { row: 1, field: 'fiscalWan', code: 'badAmount' },
      { row: 1, field: 'otherWan', code: 'badAmount' },
    ]);
  });
});

describe('年初 and 全年预算数 (fullFunds, planBudget)', () => {
  const stamp = { id: 'l', createdAt: '', updatedAt: '', rev: 1, planId: 'p', name: '经费', content: '', order: 1 };
  const adj = (date: string, source: FundSource, amountFen: number): BudgetAdjustment => ({ id: `${date}-${source}-${amountFen}`, date, source, amountFen, reason: '调整' });
  const lineA: BudgetLine = {
    ...stamp,
    fiscalFen: 20_000_000,
    carryoverFen: 4_000_000,
    otherFen: 1_000_000,
    adjustments: [adj('2022-03-01', 'fiscal', 5_000_000), adj('2022-06-30', 'other', -500_000), adj('2022-09-01', 'carryover', 2_000_000)],
  };
  const lineB: BudgetLine = { ...stamp, id: 'm', fiscalFen: 300, carryoverFen: 0, otherFen: 0, adjustments: [] };

  it('initialFunds is the 年初 amounts with their total; a v2-shaped line without 上年结转 counts it as 0', () => {
    expect(initialFunds(lineA)).toEqual({ fiscal: 20_000_000, carryover: 4_000_000, other: 1_000_000, total: 25_000_000 });
    expect(initialFunds({ fiscalFen: 7, otherFen: 3 } as BudgetLine)).toEqual({ fiscal: 7, carryover: 0, other: 3, total: 10 });
  });

  it('fullFunds adds the adjustments approved on or before the day, by source; without a day, all of them', () => {
    expect(fullFunds(lineA, '2022-02-28')).toEqual(initialFunds(lineA));
    expect(fullFunds(lineA, '2022-06-30')).toEqual({ fiscal: 25_000_000, carryover: 4_000_000, other: 500_000, total: 29_500_000 });
    expect(fullFunds(lineA, '2022-06-29')).toEqual({ fiscal: 25_000_000, carryover: 4_000_000, other: 1_000_000, total: 30_000_000 });
    expect(fullFunds(lineA)).toEqual({ fiscal: 25_000_000, carryover: 6_000_000, other: 500_000, total: 31_500_000 });
    expect(fullFunds({ fiscalFen: 5, otherFen: 0 } as BudgetLine)).toEqual({ fiscal: 5, carryover: 0, other: 0, total: 5 });
  });

  it('planBudget sums 年初 and 全年 over the lines, exactly in fen', () => {
    expect(planBudget([lineA, lineB], '2022-07-31')).toEqual({
      initial: { fiscal: 20_000_300, carryover: 4_000_000, other: 1_000_000, total: 25_000_300 },
      full: { fiscal: 25_000_300, carryover: 4_000_000, other: 500_000, total: 29_500_300 },
    });
    expect(planBudget([])).toEqual({ initial: zeroFunds(), full: zeroFunds() });
  });
});

describe('validateAdjustment', () => {
  const line: BudgetLine = {
    id: 'l', createdAt: '', updatedAt: '', rev: 1, planId: 'p', name: '经费', content: '', order: 1,
    fiscalFen: 20_000_000, carryoverFen: 0, otherFen: 0,
    adjustments: [{ id: 'a', date: '2022-03-01', source: 'fiscal', amountFen: -5_000_000, reason: '调减' }],
  };
  const draft = (over: Partial<AdjustmentDraft>): AdjustmentDraft => ({ date: '2022-06-01', source: 'fiscal', amountWan: '+5', reason: ' 追加预算 ', ...over });
  const ok = (over: Partial<AdjustmentDraft>) => validateAdjustment(draft(over), 2022, line);

  it('a signed 万元 amount to exact fen, a date in the plan year and a trimmed reason', () => {
    expect(ok({})).toEqual({ value: { date: '2022-06-01', source: 'fiscal', amountFen: 5_000_000, reason: '追加预算' }, errors: [] });
    expect(ok({ amountWan: '20' }).value?.amountFen).toBe(20_000_000);
    expect(ok({ amountWan: '-5.5' }).value?.amountFen).toBe(-5_500_000);
    expect(ok({ amountWan: '－5' }).value?.amountFen).toBe(-5_000_000);
    expect(ok({ amountWan: '0.000001' }).value?.amountFen).toBe(1);
    expect(ok({ amountWan: '1,000', source: 'other' }).value).toMatchObject({ source: 'other', amountFen: 1_000_000_000 });
  });

  it.each<[Partial<AdjustmentDraft>, { field: string; code: string }[]]>([
    [{ date: '2022-02-30' }, [{ field: 'date', code: 'badDate' }]],
    [{ date: '2022/06/01' }, [{ field: 'date', code: 'badDate' }]],
    [{ date: '2023-01-01' }, [{ field: 'date', code: 'outsideYear' }]],
    [{ amountWan: '' }, [{ field: 'amountWan', code: 'badAmount' }]],
    [{ amountWan: '+' }, [{ field: 'amountWan', code: 'badAmount' }]],
    [{ amountWan: 'abc' }, [{ field: 'amountWan', code: 'badAmount' }]],
    [{ amountWan: '1.0000001' }, [{ field: 'amountWan', code: 'badAmount' }]],
    [{ amountWan: '0' }, [{ field: 'amountWan', code: 'zero' }]],
    [{ amountWan: '-0.00' }, [{ field: 'amountWan', code: 'zero' }]],
    [{ reason: '   ' }, [{ field: 'reason', code: 'required' }]],
    [{ date: '', amountWan: 'x', reason: '' }, [{ field: 'date', code: 'badDate' }, { field: 'amountWan', code: 'badAmount' }, { field: 'reason', code: 'required' }]],
  ])('%j → %j, and no value', (over, errors) => {
    expect(ok(over)).toEqual({ errors });
  });

  it('no source may be driven below zero: 20 − 5 = 15 万元 of 财政拨款 can lose 15, not 15.000001', () => {
    expect(ok({ amountWan: '-15' }).value?.amountFen).toBe(-15_000_000);
    expect(ok({ amountWan: '-15.000001' }).errors).toEqual([{ field: 'amountWan', code: 'negativeResult' }]);
    expect(ok({ amountWan: '-1', source: 'carryover' }).errors).toEqual([{ field: 'amountWan', code: 'negativeResult' }]);
  });

  it('nor below zero on any day: a cut dated before the top-up that pays for it would make 全年预算数 negative in between', () => {
    const toppedUp: BudgetLine = { ...line, adjustments: [...line.adjustments, { id: 'b', date: '2022-09-01', source: 'fiscal', amountFen: 10_000_000, reason: '追加' }] };
    // 20 − 5 + 10 = 25 by the year end, but on 2022-06-01 only 15 are there: −20 would leave −5 until September.
    expect(validateAdjustment(draft({ amountWan: '-20', date: '2022-06-01' }), 2022, toppedUp).errors).toEqual([{ field: 'amountWan', code: 'negativeResult' }]);
    expect(validateAdjustment(draft({ amountWan: '-20', date: '2022-09-01' }), 2022, toppedUp).value?.amountFen).toBe(-20_000_000);
    // A cut dated before an earlier cut that the line could not afford after it is refused too.
    expect(validateAdjustment(draft({ amountWan: '-16', date: '2022-02-01' }), 2022, line).errors).toEqual([{ field: 'amountWan', code: 'negativeResult' }]);
  });
});
