import { describe, expect, it } from 'vitest';
import { actualAsOf, bucketOf, monthlyTotals } from '@/domain/actuals/aggregate';
import { entryFieldsFor, measureOf, validateEntry, type EntryInput } from '@/domain/actuals/measure';
import type { ActivityEntry, DayBucket } from '@/domain/actuals/types';
import type { TargetSpec } from '@/domain/targets/types';

/**
 * Actuals at their edges: which reading wins a tie, days read in date order whatever order they are stored in,
 * days that hold no entry any more, units that add up, and what a hand-fed (manual) entry must hold.
 */

const entry = (id: string, fields: Partial<ActivityEntry>): ActivityEntry => ({
  id,
  createdAt: '2022-03-01T08:00:00.000Z',
  updatedAt: '2022-03-01T08:00:00.000Z',
  rev: 1,
  planId: 'p',
  indicatorId: 'i',
  date: '2022-03-01',
  note: '',
  recordedBy: '张三',
  ...fields,
});
const bucket = (fields: Partial<DayBucket>): DayBucket => ({ n: 1, amount: 0, amountFen: 0, numerator: 0, denominator: 0, ...fields });

describe('the reading of a day: the entry edited last, ties broken by creation time, then by id', () => {
  const edited = (id: string, value: number, updatedAt: string, createdAt = '2022-03-01T08:00:00.000Z') => entry(id, { value, updatedAt, createdAt });

  it('edited later wins, in any order', () => {
    const a = edited('a', 1, '2022-03-02T00:00:00.000Z');
    const b = edited('b', 2, '2022-03-01T09:00:00.000Z');
    expect(bucketOf([a, b]).value).toBe(1);
    expect(bucketOf([b, a]).value).toBe(1);
  });

  it('edited at the same instant: the one created later wins, in any order', () => {
    const old = edited('z', 1, '2022-03-05T00:00:00.000Z', '2022-03-01T08:00:00.000Z');
    const young = edited('a', 2, '2022-03-05T00:00:00.000Z', '2022-03-02T08:00:00.000Z');
    expect(bucketOf([old, young]).value).toBe(2);
    expect(bucketOf([young, old]).value).toBe(2);
  });

  it('same edit and creation instants: the larger id wins, in any order', () => {
    const a = edited('a', 1, '2022-03-05T00:00:00.000Z');
    const b = edited('b', 2, '2022-03-05T00:00:00.000Z');
    expect(bucketOf([a, b]).value).toBe(2);
    expect(bucketOf([b, a]).value).toBe(2);
  });

  it('bands follow the same rule', () => {
    const a = entry('a', { band: 'achieved', updatedAt: '2022-03-05T00:00:00.000Z' });
    const b = entry('b', { band: 'partial', updatedAt: '2022-03-05T00:00:00.000Z' });
    expect(bucketOf([b, a]).band).toBe('partial');
  });
});

describe('actualAsOf reads days in date order, whatever order they are stored in', () => {
  it('manual: the latest reading; a later day with only a band keeps the last value, and the other way round', () => {
    const days = { '2022-05-01': bucket({ band: 'partial' }), '2022-04-01': bucket({ value: 7 }), '2022-03-01': bucket({ value: 5, band: 'achieved' }) };
    expect(actualAsOf('manual', days, '2022-12-31')).toEqual({ measure: 'manual', value: 7, band: 'partial', entries: 3, lastDate: '2022-05-01' });
  });

  it('manual: the last band logged stays when a later day only has a value', () => {
    const days = { '2022-04-01': bucket({ value: 7 }), '2022-03-01': bucket({ band: 'achieved' }) };
    expect(actualAsOf('manual', days, '2022-12-31')).toMatchObject({ value: 7, band: 'achieved' });
  });

  it('deadline: the first day reported done', () => {
    const days = { '2022-06-20': bucket({ done: true }), '2022-05-10': bucket({ done: true }) };
    expect(actualAsOf('deadline', days, '2022-12-31').completedOn).toBe('2022-05-10');
  });

  it('a day whose entries were all deleted is not the last day logged', () => {
    const days = { '2022-03-01': bucket({ amount: 5 }), '2022-04-01': bucket({ n: 0 }) };
    expect(actualAsOf('count', days, '2022-12-31')).toEqual({ measure: 'count', value: 5, entries: 1, lastDate: '2022-03-01' });
  });

  it('nothing done yet, no band given: the actual has no completedOn or band at all', () => {
    expect(actualAsOf('deadline', { '2022-03-01': bucket({}) }, '2022-12-31')).not.toHaveProperty('completedOn');
    expect(actualAsOf('manual', { '2022-03-01': bucket({ value: 3 }) }, '2022-12-31')).not.toHaveProperty('band');
  });

  it('monthlyTotals skips a malformed day key instead of failing', () => {
    const totals = monthlyTotals({ '2022-13-01': bucket({ amount: 9 }), '2022-02-01': bucket({ amount: 2 }) }, 2022);
    expect(totals).toHaveLength(12);
    expect(totals[1]).toMatchObject({ month: 2, amount: 2, n: 1 });
    expect(totals.reduce((s, m) => s + m.amount, 0)).toBe(2);
  });
});

describe('measureOf: units that add up over the year are counts (domain.md §9: only those are time-scaled)', () => {
  const spec = (unit: string): TargetSpec => ({ op: 'GE', value: 5, unit });
  it.each([
    '万人', '万份', '万册', '台', '套', '辆', '所', '座', '部', '批', '条', '本', '幅', '首', '支', '队', '位',
    '课时', '学时', '亩', '平方米', '万平方米', '公里', '千米', '吨', '起', '宗', '处', '间', '班',
    '场次', '户次', '家次', '批次', '车次', '架次', '项次', '千元', '亿元', '',
  ])('%j → count', (unit) => {
    expect(measureOf({ name: '指标', target: spec(unit) })).toBe('count');
  });
  it.each(['分', '天', '工作日', '小时', '个百分点', '岁'])('%j is a reading → manual', (unit) => {
    expect(measureOf({ name: '指标', target: spec(unit) })).toBe('manual');
  });
});

describe('hand-fed (manual) entries', () => {
  const base: EntryInput = { date: '2022-03-01', recordedBy: '张三' };
  const check = (fields: Partial<EntryInput>, target?: TargetSpec) => validateEntry({ ...base, ...fields }, { year: 2022, measure: 'manual', ...(target ? { target } : {}) });

  it.each<TargetSpec['op']>(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE'])('a numeric target (%s) takes a value, never only a band', (op) => {
    const target: TargetSpec = { op, value: 5, unit: '次', ...(op === 'RANGE' ? { max: 9 } : {}) };
    expect(entryFieldsFor('manual', target)).toEqual(['value']);
    expect(check({ band: 'achieved' }, target)).toEqual([{ field: 'value', code: 'required' }]);
    expect(check({ value: null as unknown as number }, target)).toEqual([{ field: 'value', code: 'required' }]);
    expect(check({ value: 5 }, target)).toEqual([]);
  });

  it('a qualitative target takes any of the three bands, and only those', () => {
    const qual: TargetSpec = { op: 'QUAL', unit: '', text: '有效提升' };
    for (const band of ['achieved', 'partial', 'notAchieved'] as const) expect(check({ band }, qual)).toEqual([]);
    expect(check({ band: 'excellent' as never }, qual)).toEqual([{ field: 'band', code: 'invalidBand' }]);
  });

  it('without a target: a value is checked as a number, a band as a band, and one of them is required', () => {
    expect(check({ value: Number.NaN })).toEqual([{ field: 'value', code: 'notNumber' }]);
    expect(check({ value: 3 })).toEqual([]);
    expect(check({ band: 'excellent' as never })).toEqual([{ field: 'band', code: 'invalidBand' }]);
    expect(check({ band: 'partial' })).toEqual([]);
    expect(check({})).toEqual([{ field: 'value', code: 'required' }]);
  });

  it('a date of spaces is missing, not malformed', () => {
    expect(check({ date: '   ', value: 3 })).toEqual([{ field: 'date', code: 'required' }]);
  });
});
