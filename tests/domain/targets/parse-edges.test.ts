import { describe, expect, it } from 'vitest';
import { parseTarget } from '@/domain/targets/parse';
import { formatTarget } from '@/domain/targets/format';
import type { ParseIssue, TargetSpec } from '@/domain/targets/types';

/**
 * The target parser at its edges (domain.md §2.2): each refusal says exactly what and where (the form prints the
 * message from the code and its params), every accepted spelling lands on one spec, and the canonical text reads back.
 */

const parse = (raw: string, year = 2022) => parseTarget(raw, { year });
const error = (code: ParseIssue['code'], params: ParseIssue['params']): ParseIssue[] => [{ severity: 'error', code, params }];

describe('refusals: exactly one error, naming the offending text', () => {
  it.each<[string, ParseIssue[]]>([
    ['-5人', error('negative', { value: -5 })],
    ['9..0人', error('badNumber', { text: '9..0' })],
    ['≥NaN', error('badNumber', { text: 'NaN' })],
    ['≥约90%', error('unrecognised', { text: '≥约90%' })],
    ['80人90', error('unrecognised', { text: '80人90' })],
    ['不少于90%以下', error('unrecognised', { text: '不少于90%以下' })],
    ['不少于', error('missingNumber', { text: '不少于' })],
    ['人次以上', error('missingNumber', { text: '人次以上' })],
    ['≥xnan', error('missingNumber', { text: '≥xnan' })],
    ['≥nanx', error('missingNumber', { text: '≥nanx' })],
    // ranges
    ['80人-90份', error('unrecognised', { text: '80人-90份' })],
    ['80-90以上', error('unrecognised', { text: '80-90以上' })],
    ['9..0-10人', error('badNumber', { text: '9..0' })],
    ['1-9..0人', error('badNumber', { text: '9..0' })],
    // tolerances
    ['±9..0%以内', error('badNumber', { text: '9..0' })],
    ['±5%以上', error('unrecognised', { text: '±5%以上' })],
    ['9..0±5%', error('badNumber', { text: '9..0' })],
    ['100±9..0%', error('badNumber', { text: '9..0' })],
    ['100以上±5%', error('unrecognised', { text: '100以上±5%' })],
    ['100±5%以上', error('unrecognised', { text: '100±5%以上' })],
    ['100±-5%', error('negative', { value: -5 })],
    ['100人±5份', error('unrecognised', { text: '100人±5份' })],
    // dates
    ['2022年13月31日前', error('badDate', { text: '2022年13月31日前' })],
    ['2022年0月31日', error('badDate', { text: '2022年0月31日' })],
    ['2022年6月0日', error('badDate', { text: '2022年6月0日' })],
    ['2023年10月-3月', error('periodReversed', { text: '2023年10月-3月' })],
  ])('%s', (raw, issues) => {
    const r = parse(raw);
    expect(r.issues).toEqual(issues);
    expect(r.ok).toBe(false);
    // Nothing typed is lost: the text is kept verbatim.
    expect(r.spec).toEqual({ op: 'QUAL', text: raw, unparsed: true, unit: '' });
  });

  it('a date without a year needs the plan year', () => {
    expect(parseTarget('12月底前').issues).toEqual(error('dateNeedsYear', { text: '12月底前' }));
    expect(parseTarget('3月-10月').issues).toEqual(error('dateNeedsYear', { text: '3月-10月' }));
  });

  it.each<[number, boolean]>([
    [2022, true],
    [1000, true],
    [9999, true],
    [999, false],
    [10000, false],
    [2022.5, false],
  ])('a plan year of %s resolves 12月底前: %s', (year, ok) => {
    expect(parse('12月底前', year).ok).toBe(ok);
  });
});

describe('accepted spellings', () => {
  it.each<[string, TargetSpec]>([
    ['——', { op: 'NA', unit: '' }],
    ['n/a', { op: 'NA', unit: '' }],
    ['80−90%', { op: 'RANGE', value: 80, max: 90, unit: '%' }],
    ['80–90%', { op: 'RANGE', value: 80, max: 90, unit: '%' }],
    ['80‐90%', { op: 'RANGE', value: 80, max: 90, unit: '%' }],
    ['80%-90', { op: 'RANGE', value: 80, max: 90, unit: '%' }],
    ['80-80人', { op: 'RANGE', value: 80, max: 80, unit: '人' }],
    // ⽇ is the Kangxi radical PDF extraction leaves for 日
    ['2022年12月31⽇前', { op: 'DATE_BY', date: '2022-12-31', unit: '', phrase: '前' }],
    ['按期', { op: 'DATE_BY', unit: '', phrase: '按期完成' }],
    ['按期完成', { op: 'DATE_BY', unit: '', phrase: '按期完成' }],
    ['2023年3月5日-3月5日', { op: 'DATE_BY', date: '2023-03-05', from: '2023-03-05', unit: '' }],
    ['多于5次', { op: 'GT', value: 5, unit: '次', phrase: '多于' }],
    ['不大于5次', { op: 'LE', value: 5, unit: '次', phrase: '不大于' }],
    ['100±0%', { op: 'RANGE', value: 100, max: 100, unit: '%', phrase: '±' }],
    // (90±5)%: a base with the tolerance's own unit is absolute, not 5 % of 90
    ['90%±5%', { op: 'RANGE', value: 85, max: 95, unit: '%', phrase: '±' }],
    ['100人±5', { op: 'RANGE', value: 95, max: 105, unit: '人', phrase: '±' }],
  ])('%s', (raw, spec) => {
    const r = parse(raw);
    expect(r.spec).toStrictEqual(spec);
    expect(r.issues).toEqual([]);
  });

  it('a bare number has no unit and raises nothing', () => {
    expect(parse('5')).toEqual({ spec: { op: 'EQ', value: 5, unit: '' }, issues: [], ok: true });
  });

  it.each(['5‰', '2个百分点', '3万人次', '2万人', '4场', '10户', '3批', '2部', '5工作日', '8小时', '90分', '60岁'])('%s is a known unit', (raw) => {
    expect(parse(raw).issues).toEqual([]);
  });

  it('percentages above 100 are only a warning, for ranges and bare tolerances too', () => {
    expect(parse('80%-120%').issues).toEqual([{ severity: 'warning', code: 'percentOver100', params: { value: 120 } }]);
    expect(parse('±150%以内')).toMatchObject({ ok: true, spec: { op: 'LE', value: 150 }, issues: [{ severity: 'warning', code: 'percentOver100', params: { value: 150 } }] });
  });

  it('a note after % must be all Chinese; anything else stays in the (unknown) unit', () => {
    expect(parse('≥90%a覆盖').spec).toMatchObject({ unit: '%a覆盖' });
    expect(parse('≥90%覆盖x').spec).toMatchObject({ unit: '%覆盖x' });
    expect(parse('≥90%覆盖x').issues).toEqual([{ severity: 'warning', code: 'unknownUnit', params: { unit: '%覆盖x' } }]);
  });
});

describe('prose (qualitative) is kept as written, tidied', () => {
  it.each<[string, string]>([
    ['Good  job', 'Good job'],
    ['符合A  B级标准', '符合A B级标准'],
    ['有效提升。。', '有效提升'],
    ['提升服务。满意度提高', '提升服务。满意度提高'],
  ])('%j → %j', (raw, text) => {
    expect(parse(raw)).toEqual({ spec: { op: 'QUAL', text, unit: '' }, issues: [{ severity: 'info', code: 'qualitative' }], ok: true });
  });

  it('a lone unit word is prose, not a number that went missing', () => {
    expect(parse('人次').spec).toEqual({ op: 'QUAL', text: '人次', unit: '' });
  });

  it('spaces between a Latin word and a number go, like any PDF space', () => {
    expect(parse('ISO 9001认证').spec).toMatchObject({ text: 'ISO9001认证' });
  });
});

describe('canonical text (formatTarget)', () => {
  it('a spec without its phrase falls back to the symbol', () => {
    expect(formatTarget({ op: 'GE', value: 5, unit: '次' })).toBe('≥5次');
    expect(formatTarget({ op: 'LE', value: 5, unit: '次' })).toBe('≤5次');
    expect(formatTarget({ op: 'EQ', value: 5, unit: '次' })).toBe('5次');
  });
  it('a qualitative spec without text is empty', () => {
    expect(formatTarget({ op: 'QUAL', unit: '' })).toBe('');
  });
  it('periods: whole months only when they start on the 1st and end on a month end', () => {
    expect(formatTarget(parse('2023年3月1日-2023年10月31日').spec)).toBe('2023年3月-2023年10月');
    expect(formatTarget(parse('2023年3月1日-2023年10月15日').spec)).toBe('2023年3月1日-2023年10月15日');
    expect(formatTarget(parse('2023年3月5日-2023年10月31日').spec)).toBe('2023年3月5日-2023年10月31日');
  });
});
