import { describe, expect, it } from 'vitest';
import type { Actual } from '@/domain/actuals/types';
import { assess } from '@/domain/monitoring/progress';
import { lightFormula } from '@/domain/monitoring/round-explain';
import { parseTarget } from '@/domain/targets/parse';
import { oneRow, type EntrySpec, type LeafSpec } from '../../fixtures/monitoring';

/**
 * The numbers printed beside each light on the 执行监控表 (round-explain.ts), so a reader can redo the light by hand:
 * at the boundaries (on the cap, on the ends of a range), for money in 元 and 万元, and for rows fed by hand.
 */

const JUNE = '2022-06-30';
const JULY = '2022-07-31';
const YEAR_END = '2022-12-31';
const on = (date: string, fields: Omit<EntrySpec, 'date'>): EntrySpec => ({ date, ...fields });

describe('money', () => {
  it('a reverse cap in 元 is compared in 元: 1,500 元 against ≤5000元', () => {
    expect(oneRow({ name: 'm', target: '≤5000元' }, [on('2022-03-01', { amountFen: 150_000 })]).lightFormula).toBe('1500 ≤ 5000');
  });
  it('nothing spent yet is 0 万元 within the cap, not "no data"', () => {
    const r = oneRow({ name: 'm', target: '≤20万元' });
    expect(r.lightFormula).toBe('0 ≤ 20');
    expect(r.assessment.light).toBe('green');
  });
  it('exactly on the cap is within it', () => {
    expect(oneRow({ name: 'm', target: '≤20万元' }, [on('2022-03-01', { amountFen: 20_000_000 })]).lightFormula).toBe('20 ≤ 20');
  });
  it('a money target at the year end shows its share of the target (money adds up like a count)', () => {
    const r = oneRow({ name: 'm', target: '≥20万元' }, [on('2022-03-01', { amountFen: 18_000_000 })], YEAR_END);
    expect(r.lightFormula).toBe('18 ÷ 20 = 90.0%');
  });
});

describe('rows fed by hand (manual)', () => {
  const rated: LeafSpec = { name: 'x', target: '≥90%', measure: 'manual' };
  it('a number read by hand is compared with the target even when an older band was logged too', () => {
    const r = oneRow(rated, [on('2022-03-01', { band: 'achieved' }), on('2022-05-01', { value: 95 })]);
    expect(r.lightFormula).toBe('95 ≥ 90');
    expect(r.actualText).toBe('95%');
  });
  it('a band alone on a numeric target is a 三档 judgement', () => {
    expect(oneRow(rated, [on('2022-03-01', { band: 'partial' })]).lightFormula).toBe('定性三档');
  });
  it('a qualitative target is judged by its band even when a number was also logged', () => {
    const r = oneRow({ name: 'q', target: '有效提升' }, [on('2022-03-01', { value: 95 }), on('2022-05-01', { band: 'achieved' })]);
    expect(r.lightFormula).toBe('定性三档');
  });
  it('a qualitative target with only a number has nothing to compare it with', () => {
    expect(oneRow({ name: 'q', target: '有效提升' }, [on('2022-03-01', { value: 95 })]).lightFormula).toBe('无数据');
  });
});

describe('ranges: both bounds are inside', () => {
  const reading: LeafSpec = { name: 'r', target: '80%-90%', measure: 'manual' };
  it.each<[number, string]>([
    [72, '72 ∈ [80, 90]? 否'],
    [80, '80 ∈ [80, 90]? 是'],
    [90, '90 ∈ [80, 90]? 是'],
    [91, '91 ∈ [80, 90]? 否'],
  ])('a reading of %s on 80%-90%', (value, formula) => {
    expect(oneRow(reading, [on('2022-03-01', { value })]).lightFormula).toBe(formula);
  });

  const people: LeafSpec = { name: 'p', target: '80-90人' };
  it('a count on its lower bound mid-year is inside, not time-scaled', () => {
    expect(oneRow(people, [on('2022-03-01', { amount: 80 })], JUNE).lightFormula).toBe('80 ∈ [80, 90]? 是');
  });
  it('a count below its range at the year end is simply out of it', () => {
    expect(oneRow(people, [on('2022-03-01', { amount: 40 })], YEAR_END).lightFormula).toBe('40 ∈ [80, 90]? 否');
  });
});

describe('equality targets other than 0 compare with the target, not with 0', () => {
  it('100% at 98 → "98 < 100"', () => {
    expect(oneRow({ name: '准确率', target: '100%' }, [on('2022-03-01', { numerator: 49, denominator: 50 })], JULY).lightFormula).toBe('98 < 100');
  });
});

describe('a cut-off before the plan year (the form refuses one; the formula still says why there is no light)', () => {
  const row = (targetText: string, value: number) => {
    const target = parseTarget(targetText, { year: 2022 }).spec;
    const actual: Actual = { measure: 'count', value, entries: 1 };
    return { node: { target }, applicable: true, measure: 'count' as const, actual, assessment: assess(target, actual, '2021-12-31', 2022) };
  };
  it('a count: nothing is expected yet', () => {
    expect(lightFormula(row('不少于800人次', 5), '2021-12-31', '12/12')).toBe('5，年度未开始');
  });
  it('a count below its range: out of the range', () => {
    expect(lightFormula(row('80-90人', 40), '2021-12-31', '12/12')).toBe('40 ∈ [80, 90]? 否');
  });
});
