import { describe, expect, it } from 'vitest';
import { parseTarget } from '@/domain/targets/parse';
import { formatTarget } from '@/domain/targets/format';
import { parseNumber } from '@/domain/targets/numbers';
import type { TargetSpec } from '@/domain/targets/types';

/** Spellings other units and PDF extraction produce, each landing on the spec the official meant (domain.md §2.2). */

const parse = (raw: string, year = 2022) => parseTarget(raw, { year });

describe('look-alike symbols fold to the canonical ones', () => {
  it.each<[string, TargetSpec]>([
    ['≧90%', { op: 'GE', value: 90, unit: '%', phrase: '≥' }],
    ['⩾90%', { op: 'GE', value: 90, unit: '%', phrase: '≥' }],
    ['≦5次', { op: 'LE', value: 5, unit: '次', phrase: '≤' }],
    ['⩽5次', { op: 'LE', value: 5, unit: '次', phrase: '≤' }],
    ['﹥5次', { op: 'GT', value: 5, unit: '次', phrase: '>' }],
    ['﹤5次', { op: 'LT', value: 5, unit: '次', phrase: '<' }],
    ['﹦5次', { op: 'EQ', value: 5, unit: '次', phrase: '=' }],
    ['90﹪', { op: 'EQ', value: 90, unit: '%' }],
    ['80〜90人', { op: 'RANGE', value: 80, max: 90, unit: '人' }],
    ['80﹣90人', { op: 'RANGE', value: 80, max: 90, unit: '人' }],
    ['--', { op: 'NA', unit: '' }],
  ])('%s', (raw, spec) => {
    expect(parse(raw)).toEqual({ spec, issues: [], ok: true });
  });
});

describe('phrases', () => {
  it.each<[string, TargetSpec, string]>([
    ['90%及以上', { op: 'GE', value: 90, unit: '%', phrase: '及以上' }, '90%及以上'],
    ['少于5次', { op: 'LT', value: 5, unit: '次', phrase: '少于' }, '少于5次'],
    ['小于等于5次', { op: 'LE', value: 5, unit: '次', phrase: '小于等于' }, '小于等于5次'],
    // 达到 only says "reach": the trailing 以下 decides, and the canonical text keeps what decides
    ['达到90%以下', { op: 'LE', value: 90, unit: '%', phrase: '以下' }, '90%以下'],
  ])('%s', (raw, spec, canonical) => {
    const r = parse(raw);
    expect(r).toEqual({ spec, issues: [], ok: true });
    expect(formatTarget(r.spec)).toBe(canonical);
  });
});

describe('units known without a warning', () => {
  it.each([
    '处', '幅', '起', '亿元', '万元', '千元', '元', '天', '日', '个月', '月', '年', '周', '分钟',
    '课时', '学时', '班', '平方米', '平方公里', '公里', '千米', '米', '亩', '公顷', '吨', '千克', '公斤',
  ])('≥3%s', (unit) => {
    expect(parse(`≥3${unit}`)).toEqual({ spec: { op: 'GE', value: 3, unit, phrase: '≥' }, issues: [], ok: true });
  });
});

describe('dates must be the whole text, with a real year', () => {
  it.each(['第10月完成', '第2023年完成'])('%s is not a date', (raw) => {
    expect(parse(raw).issues).toEqual([{ severity: 'error', code: 'unrecognised', params: { text: raw } }]);
  });
  it.each(['0999年12月31日前', '2023年2月30日-3月5日'])('%s → badDate naming it', (raw) => {
    expect(parse(raw).issues).toEqual([{ severity: 'error', code: 'badDate', params: { text: raw } }]);
  });
  it('a plan year below 1000 cannot date 12月底前', () => {
    expect(parse('12月底前', 999).issues).toEqual([{ severity: 'error', code: 'dateNeedsYear', params: { text: '12月底前' } }]);
  });
});

describe('parseNumber', () => {
  it('spaces around, groups of three, and nothing beyond floating point', () => {
    expect(parseNumber(' 5 ')).toBe(5);
    expect(parseNumber('12,345')).toBe(12345);
    expect(parseNumber('1,234,567')).toBe(1234567);
    expect(parseNumber(`1${'0'.repeat(400)}`)).toBeNull();
  });
});
