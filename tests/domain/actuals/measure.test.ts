import { describe, expect, it } from 'vitest';
import { isIsoDate } from '@/domain/dates';
import { measureChoices, entryFieldsFor, measureOf, validateEntry, type EntryContext, type EntryInput } from '@/domain/actuals/measure';
import type { MeasureKind } from '@/domain/actuals/types';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetSpec } from '@/domain/targets/types';

const YEAR = 2022;
const target = (raw: string): TargetSpec => parseTarget(raw, { year: YEAR }).spec;
const indicator = (name: string, raw?: string, measure?: MeasureKind) => ({
  name,
  ...(raw === undefined ? {} : { target: target(raw) }),
  ...(measure === undefined ? {} : { measure }),
});
const entry = (over: Partial<EntryInput> = {}): EntryInput => ({ date: `${YEAR}-03-01`, recordedBy: '张三', ...over });
const ctx = (measure: MeasureKind, raw?: string): EntryContext => ({
  year: YEAR,
  measure,
  ...(raw === undefined ? {} : { target: target(raw) }),
});

describe('measureOf', () => {
  it.each<[string, string | undefined, MeasureKind]>([
    ['开展职工权益保障和职工服务等活动', '不少于800人次', 'count'],
    ['宣传资料数量', '5000份', 'count'],
    ['项目总成本', '≤20万元', 'money'],
    ['补贴发放金额', '3000元', 'money'],
    ['宣传资料及时发放率', '≥90%', 'rate'],
    ['服务职工满意度', '≥90%', 'satisfaction'],
    ['服务对象满意率', '≥90%', 'satisfaction'], // 满意 beats 率
    ['有效提升职工凝聚力、幸福指数', '≥90%', 'satisfaction'],
    ['职工获得感', '≥90%', 'satisfaction'], // % without 率: a survey score
    ['各项工作完成时间', '2022年12月31日前', 'deadline'],
    ['工作成效', '有效提升', 'manual'],
    ['经济效益指标', '不适用', 'none'],
    ['新指标', undefined, 'manual'],
    // Readings, not sums (domain.md §9 time-scales only counts and amounts): the latest value is the actual.
    ['职工技能测评平均分', '≥90分', 'manual'],
    ['投诉处理时长', '≤5个工作日', 'manual'],
    ['响应时间', '≤2小时', 'manual'],
    ['培训课时', '不少于40课时', 'count'],
    ['服务覆盖人次', '不少于1.2万人次', 'count'],
  ])('%s %s → %s', (name, raw, measure) => {
    expect(measureOf(indicator(name, raw))).toBe(measure);
  });

  it('a measure chosen by the user wins over the derived one', () => {
    expect(measureOf(indicator('宣传资料及时发放率', '≥90%', 'manual'))).toBe('manual');
  });
});

describe('entryFieldsFor', () => {
  it('lists the fields of each measure', () => {
    expect(entryFieldsFor('count')).toEqual(['amount']);
    expect(entryFieldsFor('money')).toEqual(['amountFen']);
    expect(entryFieldsFor('rate')).toEqual(['numerator', 'denominator']);
    expect(entryFieldsFor('satisfaction')).toEqual(['numerator', 'denominator']);
    expect(entryFieldsFor('deadline')).toEqual(['done']);
    expect(entryFieldsFor('none')).toEqual([]);
  });
  it('manual rows ask for a band, a value or either, by target', () => {
    expect(entryFieldsFor('manual', target('有效提升'))).toEqual(['band']);
    expect(entryFieldsFor('manual', target('≥90%'))).toEqual(['value']);
    expect(entryFieldsFor('manual')).toEqual(['value', 'band']);
  });
});

describe('validateEntry', () => {
  it('accepts a valid entry of every measure', () => {
    expect(validateEntry(entry({ amount: 30 }), ctx('count', '不少于800人次'))).toEqual([]);
    expect(validateEntry(entry({ amount: 2.5 }), ctx('count', '≤10天'))).toEqual([]); // 天 may be fractional
    expect(validateEntry(entry({ amountFen: 9_000_000 }), ctx('money', '≤20万元'))).toEqual([]);
    expect(validateEntry(entry({ numerator: 0, denominator: 5 }), ctx('rate', '≥90%'))).toEqual([]);
    expect(validateEntry(entry({ numerator: 5, denominator: 5 }), ctx('satisfaction', '≥90%'))).toEqual([]);
    expect(validateEntry(entry({ value: 93 }), ctx('manual', '≥90%'))).toEqual([]);
    expect(validateEntry(entry({ band: 'partial' }), ctx('manual', '有效提升'))).toEqual([]);
    expect(validateEntry(entry({ done: true }), ctx('deadline', '2022年12月31日前'))).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['', 'date', 'required'],
    ['2022-02-30', 'date', 'invalidDate'],
    ['2022/03/01', 'date', 'invalidDate'],
    ['2021-12-31', 'date', 'outsideYear'],
    ['2023-01-01', 'date', 'outsideYear'],
  ])('date %j → %s %s', (date, field, code) => {
    expect(validateEntry(entry({ date, amount: 1 }), ctx('count', '800人次'))).toEqual([{ field, code }]);
  });

  it.each<[number | undefined, string]>([
    [undefined, 'required'],
    [Number.NaN, 'notNumber'],
    [Number.POSITIVE_INFINITY, 'notNumber'],
    [-1, 'negative'],
    [0, 'zero'],
    [2.5, 'notInteger'], // 2.5人次: an amount with the wrong unit
  ])('count amount %s → %s', (amount, code) => {
    expect(validateEntry(entry({ amount }), ctx('count', '不少于800人次'))).toEqual([{ field: 'amount', code }]);
  });

  it('every whole-thing unit refuses fractions', () => {
    for (const unit of ['人次', '人', '份', '次', '个', '项', '场', '期', '户', '家', '篇', '件', '册', '张']) {
      expect(validateEntry(entry({ amount: 0.5 }), ctx('count', `10${unit}`)), unit).toEqual([{ field: 'amount', code: 'notInteger' }]);
    }
  });

  it.each<[number | undefined, string]>([
    [undefined, 'required'],
    [Number.NaN, 'notNumber'],
    [-100, 'negative'],
    [0, 'zero'],
    [12.5, 'notInteger'],
  ])('money amountFen %s → %s', (amountFen, code) => {
    expect(validateEntry(entry({ amountFen }), ctx('money', '≤20万元'))).toEqual([{ field: 'amount', code }]);
  });

  it.each<[Partial<EntryInput>, { field: string; code: string }[]]>([
    [{ denominator: 5 }, [{ field: 'numerator', code: 'required' }]],
    [{ numerator: 5 }, [{ field: 'denominator', code: 'required' }]],
    [{ numerator: -1, denominator: 5 }, [{ field: 'numerator', code: 'negative' }]],
    [{ numerator: 1, denominator: -5 }, [{ field: 'denominator', code: 'negative' }]],
    [{ numerator: 1.5, denominator: 5 }, [{ field: 'numerator', code: 'notInteger' }]],
    [{ numerator: 1, denominator: 5.5 }, [{ field: 'denominator', code: 'notInteger' }]],
    [{ numerator: 0, denominator: 0 }, [{ field: 'denominator', code: 'denominatorZero' }]],
    [{ numerator: 6, denominator: 5 }, [{ field: 'numerator', code: 'numeratorOverDenominator' }]],
    [{ numerator: Number.NaN, denominator: 5 }, [{ field: 'numerator', code: 'notNumber' }]],
  ])('rate %j → %j', (fields, errors) => {
    expect(validateEntry(entry(fields), ctx('rate', '≥90%'))).toEqual(errors);
    expect(validateEntry(entry(fields), ctx('satisfaction', '≥90%'))).toEqual(errors);
  });

  it('manual: value for numeric targets, band for QUAL, either without a target', () => {
    expect(validateEntry(entry(), ctx('manual', '≥90%'))).toEqual([{ field: 'value', code: 'required' }]);
    expect(validateEntry(entry({ value: Number.NaN }), ctx('manual', '≥90%'))).toEqual([{ field: 'value', code: 'notNumber' }]);
    expect(validateEntry(entry({ value: 93 }), ctx('manual', '有效提升'))).toEqual([{ field: 'band', code: 'required' }]);
    expect(validateEntry(entry({ band: 'good' as never }), ctx('manual', '有效提升'))).toEqual([{ field: 'band', code: 'invalidBand' }]);
    expect(validateEntry(entry(), ctx('manual'))).toEqual([{ field: 'value', code: 'required' }]);
    expect(validateEntry(entry({ band: 'achieved' }), ctx('manual'))).toEqual([]);
    expect(validateEntry(entry({ value: 3 }), ctx('manual'))).toEqual([]);
  });

  it('不适用 rows take no entries', () => {
    expect(validateEntry(entry(), ctx('none', '不适用'))).toEqual([{ field: 'value', code: 'notApplicable' }]);
  });

  it('recordedBy must not be blank, and errors of several fields are all reported', () => {
    expect(validateEntry(entry({ amount: 1, recordedBy: '  ' }), ctx('count', '800人次'))).toEqual([{ field: 'recordedBy', code: 'required' }]);
    expect(validateEntry({ date: 'x', amount: -1, recordedBy: '' }, ctx('count', '800人次'))).toEqual([
      { field: 'date', code: 'invalidDate' },
      { field: 'amount', code: 'negative' },
      { field: 'recordedBy', code: 'required' },
    ]);
  });

  it('isIsoDate knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2022-02-29')).toBe(false);
  });
});

describe('measureChoices', () => {
  it.each<[string, string | undefined, MeasureKind[]]>([
    ['宣传资料及时发放率', '≥90%', ['rate', 'satisfaction', 'manual']],
    ['服务职工满意度', '≥90%', ['satisfaction', 'rate', 'manual']],
    ['开展职工服务活动', '不少于800人次', ['count', 'manual']],
    ['项目总成本', '≤20万元', ['money', 'manual']],
    ['各项工作完成时间', '2022年12月31日前', ['deadline', 'manual']],
    ['工作成效', '有效提升', ['manual']],
    ['经济效益', '不适用', ['none']],
  ])('%s %s → %j (derived first)', (name, raw, choices) => {
    expect(measureChoices(indicator(name, raw))).toEqual(choices);
  });
});

describe('a tolerance band without a base', () => {
  it('"误差±5%以内" is reported by hand: neither a rate nor a survey yields a deviation', () => {
    const target = parseTarget('误差±5%以内', { year: 2022 }).spec;
    expect(measureOf({ name: '预算编制准确度', target })).toBe('manual');
    expect(measureOf({ name: '宣传资料及时发放率', target: parseTarget('≥90%', { year: 2022 }).spec })).toBe('rate');
  });
});
