import { describe, expect, it } from 'vitest';
import { validateSpending, type SpendingInput } from '@/domain/actuals/spending';
import { formatActualValue } from '@/domain/actuals/format';
import type { Actual } from '@/domain/actuals/types';
import { parseTarget } from '@/domain/targets/parse';

/** Spending entries (预算执行数) before they are stored, and actuals as the forms print them. */

describe('validateSpending', () => {
  const ok: SpendingInput = { date: '2022-03-01', amountFen: 150_000, recordedBy: '张三' };
  const check = (over: Partial<SpendingInput>, lines: string[] = ['line-1']) => validateSpending({ ...ok, ...over }, 2022, lines);

  it('a dated, positive, whole-fen amount with who recorded it passes, with or without a line and a source', () => {
    expect(check({})).toEqual([]);
    expect(check({ budgetLineId: 'line-1', source: 'fiscal' })).toEqual([]);
    expect(check({ source: 'carryover' })).toEqual([]);
    expect(check({ source: 'other', date: '2022-12-31' })).toEqual([]);
    expect(check({ amountFen: 1, date: '2022-01-01' })).toEqual([]);
  });

  it.each<[string, Partial<SpendingInput>, { field: string; code: string }[]]>([
    ['no date', { date: '' }, [{ field: 'date', code: 'required' }]],
    ['an impossible date', { date: '2022-02-30' }, [{ field: 'date', code: 'invalidDate' }]],
    ['a date of another year', { date: '2023-01-01' }, [{ field: 'date', code: 'outsideYear' }]],
    ['the last day of the year before', { date: '2021-12-31' }, [{ field: 'date', code: 'outsideYear' }]],
    ['an amount that is not a number', { amountFen: 'abc' as unknown as number }, [{ field: 'amount', code: 'notNumber' }]],
    ['NaN', { amountFen: Number.NaN }, [{ field: 'amount', code: 'notNumber' }]],
    ['an infinite amount', { amountFen: Number.POSITIVE_INFINITY }, [{ field: 'amount', code: 'notNumber' }]],
    ['a refund (negative)', { amountFen: -1 }, [{ field: 'amount', code: 'negative' }]],
    ['nothing (0)', { amountFen: 0 }, [{ field: 'amount', code: 'zero' }]],
    ['a fraction of a fen', { amountFen: 0.5 }, [{ field: 'amount', code: 'notInteger' }]],
    ['a line of another plan', { budgetLineId: 'other-plan-line' }, [{ field: 'budgetLineId', code: 'unknownLine' }]],
    ['no recorder', { recordedBy: '' }, [{ field: 'recordedBy', code: 'required' }]],
    ['no recorder at all (an old tab)', { recordedBy: undefined as unknown as string }, [{ field: 'recordedBy', code: 'required' }]],
    ['a recorder of spaces', { recordedBy: '   ' }, [{ field: 'recordedBy', code: 'required' }]],
    ['an unknown fund source', { source: 'loan' as never }, [{ field: 'source', code: 'unknownSource' }]],
  ])('%s → %j', (_what, over, errors) => {
    expect(check(over)).toEqual(errors);
  });

  it('without any line, a line id is unknown', () => {
    expect(check({ budgetLineId: 'line-1' }, [])).toEqual([{ field: 'budgetLineId', code: 'unknownLine' }]);
  });

  it('reports every field at once, in form order', () => {
    expect(validateSpending({ date: '2022-13-45', amountFen: 0, recordedBy: '', budgetLineId: 'x', source: 'loan' as never }, 2022, ['line-1'])).toEqual([
      { field: 'date', code: 'invalidDate' },
      { field: 'amount', code: 'zero' },
      { field: 'budgetLineId', code: 'unknownLine' },
      { field: 'recordedBy', code: 'required' },
      { field: 'source', code: 'unknownSource' },
    ]);
  });
});

describe('formatActualValue: an actual in its target’s unit', () => {
  const target = (text: string) => parseTarget(text, { year: 2022 }).spec;
  const a = (fields: Partial<Actual>): Actual => ({ measure: 'count', value: null, entries: 1, ...fields });

  it('money from the exact fen, in 万元 or 元 as the target is written; 万元 without a target', () => {
    expect(formatActualValue(a({ measure: 'money', value: 9, amountFen: 9_000_000 }), target('≤20万元'))).toBe('9.00万元');
    expect(formatActualValue(a({ measure: 'money', value: 0.015, amountFen: 150_000 }), target('≤5000元'))).toBe('1,500.00元');
    expect(formatActualValue(a({ measure: 'money', value: 0.015, amountFen: 150_000 }), undefined)).toBe('0.15万元');
  });

  it('numbers to at most two decimals, with the unit', () => {
    expect(formatActualValue(a({ value: 65 }), target('不少于800人次'))).toBe('65人次');
    expect(formatActualValue(a({ measure: 'rate', value: 91.456 }), target('≥90%'))).toBe('91.46%');
    expect(formatActualValue(a({ measure: 'rate', value: 91.5 }), target('≥90%'))).toBe('91.5%');
    expect(formatActualValue(a({ value: 3 }), undefined)).toBe('3');
  });

  it('no number → null (a date, a band, or nothing logged)', () => {
    expect(formatActualValue(a({ measure: 'deadline', completedOn: '2022-06-01' }), target('2022年6月30日前'))).toBeNull();
    expect(formatActualValue(a({ measure: 'manual', band: 'achieved' }), target('有效提升'))).toBeNull();
    expect(formatActualValue(a({ measure: 'money', entries: 0 }), target('≤20万元'))).toBeNull();
  });
});
