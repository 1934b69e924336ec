import { describe, expect, it } from 'vitest';
import { parseForecast, roundInputsProblem, rowMissing } from '@/domain/monitoring/round-validate';
import { DEVIATION_REASONS, POSSIBILITIES, emptyInputs, emptyRowInput, type RoundInputs, type RoundRowInput } from '@/domain/monitoring/round-types';
import { oneRow } from '../../fixtures/monitoring';

/**
 * The manager's inputs of a round: the closed lists the form offers (domain.md §3.2), the empty draft, the repository's
 * last check before a draft is stored, and typed forecasts at their edges.
 */

describe('closed lists of the 执行监控表 (domain.md §3.2)', () => {
  it('偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他, in that order', () => {
    expect(DEVIATION_REASONS).toEqual(['funding', 'institution', 'staffing', 'hardware', 'other']);
  });
  it('完成目标可能性: 确定能 / 有可能 / 完全不可能, in that order', () => {
    expect(POSSIBILITIES).toEqual(['certain', 'possible', 'impossible']);
  });
});

describe('an empty draft', () => {
  it('a row: nothing ticked, nothing written, possibility not chosen', () => {
    expect(emptyRowInput()).toEqual({ reasons: [], reasonText: '', possibility: null, measures: '', note: '' });
  });
  it('the round: no rows, no texts, the computed budget forecast, no rectification', () => {
    expect(emptyInputs()).toEqual({ rows: {}, goalProgress: '', goalForecast: '', corrective: '', budgetForecastFen: null, rectify: { needed: false, advice: '', result: '' } });
  });
  it('each call gives a fresh object (a draft never shares its lists with another)', () => {
    const a = emptyRowInput();
    a.reasons.push('other');
    expect(emptyRowInput().reasons).toEqual([]);
  });
});

describe('roundInputsProblem: what the repository refuses to store', () => {
  const inputs = (over: Partial<RoundInputs> = {}, row: Partial<RoundRowInput> = {}): RoundInputs => ({
    ...emptyInputs(),
    rows: { r1: { ...emptyRowInput(), ...row } },
    ...over,
  });

  it('a complete, valid draft passes', () => {
    expect(roundInputsProblem(inputs())).toBeNull();
    expect(roundInputsProblem(inputs({ budgetForecastFen: 0 }, { forecast: 0, reasons: [...DEVIATION_REASONS], possibility: 'impossible' }))).toBeNull();
    expect(roundInputsProblem(inputs({ budgetForecastFen: 12_345_678 }, { forecast: 12.5, possibility: 'certain' }))).toBeNull();
    expect(roundInputsProblem(inputs({}, { forecast: null }))).toBeNull();
  });

  it.each<[string, number]>([
    ['negative', -1],
    ['a fraction of a fen', 1.5],
    ['beyond exact integers', 2 ** 53],
    ['not a number', Number.NaN],
  ])('a 全年预计执行数 that is %s → budgetForecastFen', (_what, fen) => {
    expect(roundInputsProblem(inputs({ budgetForecastFen: fen }))).toBe('budgetForecastFen');
  });

  it.each<[string, number]>([
    ['negative', -0.5],
    ['infinite', Number.POSITIVE_INFINITY],
    ['not a number', Number.NaN],
  ])('a row forecast that is %s → rows.<id>.forecast', (_what, forecast) => {
    expect(roundInputsProblem(inputs({}, { forecast }))).toBe('rows.r1.forecast');
  });

  it('a 偏差原因 outside the list → rows.<id>.reasons', () => {
    expect(roundInputsProblem(inputs({}, { reasons: ['staffing', 'weather' as never] }))).toBe('rows.r1.reasons');
  });

  it('a possibility outside the list → rows.<id>.possibility', () => {
    expect(roundInputsProblem(inputs({}, { possibility: 'maybe' as never }))).toBe('rows.r1.possibility');
  });

  it('names the first offending row', () => {
    const i = inputs();
    i.rows.r2 = { ...emptyRowInput(), forecast: -1 };
    expect(roundInputsProblem(i)).toBe('rows.r2.forecast');
  });
});

describe('rowMissing: blank is not written', () => {
  const red = (input: Partial<RoundRowInput>) => oneRow({ name: 'a', target: '不少于800人次' }, [{ date: '2022-06-01', amount: 100 }], '2022-07-31', input);
  const green = (input: Partial<RoundRowInput>) => oneRow({ name: 'a', target: '不少于800人次' }, [{ date: '2022-06-01', amount: 400 }], '2022-07-31', input);

  it('纠偏措施 of spaces on a red row is missing', () => {
    expect(rowMissing(red({ possibility: 'possible', reasons: ['funding'], reasonText: '经费未到位', measures: '   ' }))).toEqual(['measures']);
  });
  it('a ticked reason on a green row with a 原因说明 of spaces is missing its text', () => {
    expect(rowMissing(green({ possibility: 'certain', reasons: ['other'], reasonText: '  ' }))).toEqual(['reasonText']);
    expect(rowMissing(green({ possibility: 'certain', reasons: ['other'], reasonText: '天气' }))).toEqual([]);
  });
  it('不适用 rows never lack anything', () => {
    expect(rowMissing(oneRow({ name: 'na', target: '不适用' }))).toEqual([]);
  });
});

describe('parseForecast: signs and percent marks only where they belong', () => {
  it.each<[string, string, string, ReturnType<typeof parseForecast>]>([
    ['-5', 'money', '元', { error: 'negative' }],
    ['－5', 'money', '元', { error: 'negative' }],
    ['-0', 'money', '万元', { value: 0 }],
    ['-0', 'money', '元', { value: 0 }],
    ['12-', 'money', '万元', { error: 'notNumber' }],
    ['12-', 'money', '元', { error: 'notNumber' }],
    ['1-2', 'money', '万元', { error: 'notNumber' }],
    ['9%5', 'rate', '%', { error: 'notNumber' }],
    ['%95', 'rate', '%', { error: 'notNumber' }],
    ['-0', 'count', '人次', { value: 0 }],
  ])('%j (%s, %s) → %j', (text, measure, unit, expected) => {
    expect(parseForecast(text, measure, unit)).toEqual(expected);
  });
});
