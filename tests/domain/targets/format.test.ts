import { describe, expect, it } from 'vitest';
import { directionOf, formatTarget } from '@/domain/targets/format';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetOp, TargetSpec } from '@/domain/targets/types';

describe('formatTarget', () => {
  it.each<[TargetSpec, string]>([
    [{ op: 'GE', value: 800, unit: '人次', phrase: '不少于' }, '不少于800人次'],
    [{ op: 'GE', value: 90, unit: '%', phrase: '≥' }, '≥90%'],
    [{ op: 'GE', value: 90, unit: '%', phrase: '以上' }, '90%以上'],
    [{ op: 'GE', value: 90, unit: '%', phrase: '及以上' }, '90%及以上'],
    [{ op: 'LE', value: 20, unit: '万元', phrase: '以内' }, '20万元以内'],
    [{ op: 'LE', value: 20, unit: '万元', phrase: '以下' }, '20万元以下'],
    [{ op: 'LE', value: 20, unit: '万元', phrase: '控制在' }, '控制在20万元以内'],
    [{ op: 'EQ', value: 5000, unit: '份' }, '5000份'],
    [{ op: 'EQ', value: 5000, unit: '份', phrase: '完成' }, '完成5000份'],
    [{ op: 'GT', value: 0.5, unit: '' }, '>0.5'],
    [{ op: 'LT', value: 12.345, unit: '天' }, '<12.345天'],
    [{ op: 'RANGE', value: 80, max: 90, unit: '%' }, '80%-90%'],
    [{ op: 'RANGE', value: 80, max: 90, unit: '人' }, '80-90人'],
    [{ op: 'DATE_BY', date: '2022-12-31', unit: '', phrase: '前' }, '2022年12月31日前'],
    [{ op: 'DATE_BY', date: '2023-06-05', unit: '', phrase: '之前' }, '2023年6月5日之前'],
    [{ op: 'DATE_BY', date: '2023-06-05', unit: '' }, '2023年6月5日'],
    [{ op: 'DATE_BY', unit: '', phrase: '按时完成' }, '按时完成'],
    [{ op: 'NA', unit: '' }, '不适用'],
    [{ op: 'QUAL', text: '有效提升', unit: '' }, '有效提升'],
    [{ op: 'QUAL', text: '≥abc', unparsed: true, unit: '' }, '≥abc'],
  ])('%j → %s', (s, text) => {
    expect(formatTarget(s)).toBe(text);
  });

  it('numbers lose grouping and trailing zeros', () => {
    expect(formatTarget(parseTarget('1,234.50万元').spec)).toBe('1234.5万元');
    expect(formatTarget(parseTarget('不少于 ８００ 人次').spec)).toBe('不少于800人次');
  });

  it('a phrase foreign to the operator falls back to the symbol', () => {
    expect(formatTarget({ op: 'LE', value: 5, unit: '次', phrase: '不少于' })).toBe('≤5次');
  });
});

const VALID_INPUTS: [string, number?][] = [
  ['不少于800人次'], ['不少于 800 人次'], ['5000份'], ['30人'], ['300人次'], ['25人'], ['1次'], ['≥90%'], ['100%'],
  ['2022年12月31日前'], ['2022 年 12 月 31 日前'], ['不适用'],
  ['>=90%'], ['≧90%'], ['不低于90%'], ['不小于1次'], ['至少3场'], ['大于等于90%'], ['达到95%'],
  ['>0'], ['大于10人'], ['高于5%'], ['超过100人次'], ['多于2项'],
  ['=1次'], ['等于1次'], ['完成5000份'], ['<3天'], ['小于5%'], ['低于2起'], ['少于1次'],
  ['≤30万元'], ['<=30万元'], ['不超过30万元'], ['不高于5%'], ['不多于2次'], ['不大于1次'], ['小于等于1次'],
  ['控制在20万元以内'], ['控制在20万元'], ['20万元以内'], ['20万元以下'], ['90%以上'], ['90%及以上'], ['不少于90%以上'],
  ['完成5000份以上'],
  ['80%-90%'], ['80-90%'], ['80%~90%'], ['80%～90%'], ['80%至90%'], ['[80,90]%'], ['80-90人'], ['[1,000,2,000]元'],
  ['2022年12月31日之前'], ['2022年12月31日以前'], ['2022-12-31前'], ['2022.12.31前'], ['2022年12月31日'],
  ['12月底前', 2023], ['12月31日前', 2023], ['年底前', 2023], ['年末前', 2023], ['6月底前', 2023], ['2月底前', 2024],
  ['2024年2月29日前'], ['按时'], ['按时完成'], ['按期完成'],
  ['/'], ['／'], ['无'], ['—'], ['-'],
  ['有效提升'], ['明显改善'], ['逐步提高'], ['较好'], ['达到预期'], ['群众基本满意'],
  ['≥９０％'], ['1,234.50万元'], ['12.345%'], ['0.5小时'], ['≥120%'], ['-0'], ['N/A'], ['3季度'], ['≥90'], ['0.00000015元'],
];

describe('canonical round trip', () => {
  it.each(VALID_INPUTS)('%s', (raw, year) => {
    const ctx = year === undefined ? undefined : { year };
    const first = parseTarget(raw, ctx);
    expect(first.ok).toBe(true);
    const text = formatTarget(first.spec);
    // Format always writes the year, so the round trip needs no ctx.
    const again = parseTarget(text);
    expect(again.ok).toBe(true);
    expect(again.spec).toStrictEqual(first.spec);
    expect(formatTarget(again.spec)).toBe(text);
  });

  it('unparsed specs keep their text through a round trip too', () => {
    for (const raw of ['≥abc', '≥9..0%', '90%-80%', '2022年2月30日前']) {
      const s = parseTarget(raw).spec;
      expect(parseTarget(formatTarget(s)).spec).toStrictEqual(s);
    }
  });
});

describe('directionOf', () => {
  it.each<[TargetOp, string]>([
    ['GE', 'positive'],
    ['GT', 'positive'],
    ['EQ', 'positive'],
    ['RANGE', 'positive'],
    ['DATE_BY', 'positive'],
    ['LE', 'reverse'],
    ['LT', 'reverse'],
    ['QUAL', 'qualitative'],
    ['NA', 'na'],
  ])('%s → %s', (op, dir) => {
    expect(directionOf(op)).toBe(dir);
  });
});
