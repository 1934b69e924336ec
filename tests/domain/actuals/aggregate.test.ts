import { describe, expect, it } from 'vitest';
import { actualAsOf, bucketize, bucketOf, monthlyTotals, withDays } from '@/domain/actuals/aggregate';
import type { ActivityEntry, DayBucket } from '@/domain/actuals/types';
import { FEN_PER_WAN, wan } from '@/domain/money';

let seq = 0;
/** An entry of indicator ind-1 with only the given fields; ids and timestamps increase with each call. */
function entry(date: string, fields: Partial<ActivityEntry> = {}): ActivityEntry {
  seq += 1;
  const stamp = new Date(Date.UTC(2022, 0, 1) + seq * 1000).toISOString();
  return {
    id: `e${String(seq).padStart(4, '0')}`,
    createdAt: stamp,
    updatedAt: stamp,
    rev: 1,
    planId: 'plan-1',
    indicatorId: 'ind-1',
    date,
    note: '',
    recordedBy: '张三',
    ...fields,
  };
}
const count = (date: string, amount: number) => entry(date, { amount });
const money = (date: string, wanText: string) => entry(date, { amountFen: wan(wanText) });
const ratio = (date: string, numerator: number, denominator: number) => entry(date, { numerator, denominator });

describe('bucketOf', () => {
  it('sums the flows of one day', () => {
    expect(bucketOf([count('2022-03-01', 3), count('2022-03-01', 2)])).toStrictEqual({
      n: 2, amount: 5, amountFen: 0, numerator: 0, denominator: 0,
    });
    expect(bucketOf([ratio('2022-03-01', 4, 5), ratio('2022-03-01', 9, 10)])).toMatchObject({ numerator: 13, denominator: 15 });
  });

  it('manual: the entry updated last wins, whatever the list order', () => {
    const older = entry('2022-03-01', { value: 80, updatedAt: '2022-03-01T08:00:00Z' });
    const newer = entry('2022-03-01', { value: 85, updatedAt: '2022-03-01T09:00:00Z' });
    expect(bucketOf([newer, older]).value).toBe(85);
    expect(bucketOf([older, newer]).value).toBe(85);
    const bandOld = entry('2022-03-01', { band: 'achieved', updatedAt: '2022-03-01T08:00:00Z' });
    const bandNew = entry('2022-03-01', { band: 'partial', updatedAt: '2022-03-01T10:00:00Z' });
    expect(bucketOf([bandNew, bandOld]).band).toBe('partial');
  });

  it('done when any entry of the day reports done', () => {
    expect(bucketOf([entry('2022-03-01', { done: false }), entry('2022-03-01', { done: true })]).done).toBe(true);
    expect(bucketOf([entry('2022-03-01', { done: false })]).done).toBeUndefined();
  });
});

describe('bucketize', () => {
  it('groups by date', () => {
    const days = bucketize([count('2022-03-02', 1), count('2022-03-01', 2), count('2022-03-02', 4)]);
    expect(Object.keys(days)).toEqual(['2022-03-01', '2022-03-02']);
    expect(days['2022-03-02']).toMatchObject({ n: 2, amount: 5 });
  });
});

describe('withDays', () => {
  const all = [count('2022-03-02', 1), count('2022-03-01', 2), count('2022-03-05', 4), count('2022-03-02', 8)];
  const on = (date: string, list = all) => list.filter((e) => e.date === date);

  it('recomputing some days of a rollup gives what bucketize of all the entries gives, days in date order', () => {
    const before = withDays(undefined, 'ind-1', 'plan-1', new Map([['2022-03-05', on('2022-03-05')]]), 'at')!;
    const next = withDays(before, 'ind-1', 'plan-1', new Map([['2022-03-02', on('2022-03-02')], ['2022-03-01', on('2022-03-01')]]), 'at2')!;
    expect(next).toEqual({ indicatorId: 'ind-1', planId: 'plan-1', days: bucketize(all), updatedAt: 'at2' });
    expect(Object.keys(next.days)).toEqual(['2022-03-01', '2022-03-02', '2022-03-05']);
  });

  it('a day left without entries goes, and with no day left there is no rollup', () => {
    const full = withDays(undefined, 'ind-1', 'plan-1', new Map(['2022-03-01', '2022-03-02'].map((d) => [d, on(d)])), 'at')!;
    const one = withDays(full, 'ind-1', 'plan-1', new Map([['2022-03-01', []]]), 'at')!;
    expect(Object.keys(one.days)).toEqual(['2022-03-02']);
    expect(withDays(one, 'ind-1', 'plan-1', new Map([['2022-03-02', []]]), 'at')).toBeNull();
  });
});

describe('actualAsOf', () => {
  const CUTOFF = '2022-06-30';

  it('count: Σ amount up to the cut-off; later entries ignored', () => {
    const days = bucketize([count('2022-01-10', 100), count('2022-06-30', 50), count('2022-07-01', 999)]);
    expect(actualAsOf('count', days, CUTOFF)).toStrictEqual({ measure: 'count', value: 150, entries: 2, lastDate: '2022-06-30' });
  });

  it('money: exact fen and 万元 value', () => {
    const days = bucketize([money('2022-02-01', '4.50'), money('2022-05-01', '4.50'), money('2022-08-01', '1')]);
    const a = actualAsOf('money', days, CUTOFF);
    expect(a.amountFen).toBe(wan('9'));
    expect(a.value).toBe(wan('9') / FEN_PER_WAN);
    expect(a.entries).toBe(2);
  });

  it('rate: Σ numerator / Σ denominator, not the average of ratios', () => {
    // 1/2 and 90/100: pooled 91/102 = 89.2%, while the mean of ratios would be 70%.
    const days = bucketize([ratio('2022-03-01', 1, 2), ratio('2022-04-01', 90, 100)]);
    const a = actualAsOf('rate', days, CUTOFF);
    expect(a).toMatchObject({ numerator: 91, denominator: 102, entries: 2 });
    expect(a.value).toBeCloseTo((91 / 102) * 100, 10);
  });

  it('satisfaction pools survey answers the same way', () => {
    const days = bucketize([ratio('2022-05-01', 43, 50), ratio('2022-06-01', 45, 50), ratio('2022-07-01', 0, 50)]);
    expect(actualAsOf('satisfaction', days, CUTOFF).value).toBeCloseTo(88, 10);
  });

  it('rate with a zero denominator has no value', () => {
    const days: Record<string, DayBucket> = { '2022-03-01': { n: 1, amount: 0, amountFen: 0, numerator: 0, denominator: 0 } };
    expect(actualAsOf('rate', days, CUTOFF).value).toBeNull();
  });

  it('deadline: the first day reported done, if before the cut-off', () => {
    const days = bucketize([entry('2022-03-01', { done: false }), entry('2022-05-20', { done: true }), entry('2022-06-01', { done: true })]);
    expect(actualAsOf('deadline', days, CUTOFF)).toMatchObject({ completedOn: '2022-05-20', value: null, entries: 3 });
    expect(actualAsOf('deadline', days, '2022-05-19').completedOn).toBeUndefined();
  });

  it('manual: the latest day up to the cut-off wins', () => {
    const days = bucketize([entry('2022-03-01', { value: 80 }), entry('2022-06-01', { value: 86 }), entry('2022-07-01', { value: 95 })]);
    expect(actualAsOf('manual', days, CUTOFF).value).toBe(86);
    const bands = bucketize([entry('2022-03-01', { band: 'notAchieved' }), entry('2022-06-01', { band: 'partial' })]);
    expect(actualAsOf('manual', bands, CUTOFF)).toMatchObject({ value: null, band: 'partial' });
  });

  it('不适用 and empty data give no value', () => {
    expect(actualAsOf('none', bucketize([count('2022-03-01', 5)]), CUTOFF).value).toBeNull();
    for (const m of ['count', 'money', 'rate', 'satisfaction', 'deadline', 'manual'] as const) {
      expect(actualAsOf(m, {}, CUTOFF)).toStrictEqual({ measure: m, value: null, entries: 0 });
    }
    // Only entries after the cut-off: as empty.
    expect(actualAsOf('count', bucketize([count('2022-07-01', 5)]), CUTOFF)).toStrictEqual({ measure: 'count', value: null, entries: 0 });
  });
});

describe('monthlyTotals', () => {
  it('12 months of sums; other years ignored; money in 万元', () => {
    const days = bucketize([
      count('2022-03-01', 5), count('2022-03-20', 2), count('2022-12-31', 1), count('2021-03-01', 100),
      ratio('2022-04-01', 9, 10),
    ]);
    const months = monthlyTotals(days, 2022);
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months[2]).toStrictEqual({ month: 3, amount: 7, numerator: 0, denominator: 0, n: 2 });
    expect(months[3]).toMatchObject({ numerator: 9, denominator: 10, n: 1 });
    expect(months[11]!.amount).toBe(1);
    expect(months[0]).toStrictEqual({ month: 1, amount: 0, numerator: 0, denominator: 0, n: 0 });

    const spend = monthlyTotals(bucketize([money('2022-07-01', '0.10'), money('2022-07-15', '0.20')]), 2022);
    expect(spend[6]!.amount).toBe(wan('0.30') / FEN_PER_WAN);
  });
});
