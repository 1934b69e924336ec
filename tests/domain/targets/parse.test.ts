import { describe, expect, it } from 'vitest';
import { parseTarget } from '@/domain/targets/parse';
import { formatNumber, parseNumber } from '@/domain/targets/numbers';
import type { ParseIssueCode, TargetSpec } from '@/domain/targets/types';

function spec(raw: string, year?: number): TargetSpec {
  const r = parseTarget(raw, year === undefined ? undefined : { year });
  expect(r.ok, `${raw}: ${JSON.stringify(r.issues)}`).toBe(true);
  return r.spec;
}

function codes(raw: string, year?: number): ParseIssueCode[] {
  return parseTarget(raw, year === undefined ? undefined : { year }).issues.map((i) => i.code);
}

/** Asserts an error: ok false, the error code, and the raw text kept as an unparsed QUAL spec. */
function expectError(raw: string, code: ParseIssueCode, keptText: string, year?: number): void {
  const r = parseTarget(raw, year === undefined ? undefined : { year });
  expect(r.ok).toBe(false);
  expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toContain(code);
  expect(r.spec).toStrictEqual({ op: 'QUAL', text: keptText, unparsed: true, unit: '' });
}

describe('seed 单位整体支出绩效目标表 targets', () => {
  it('不少于800人次, also with PDF spaces', () => {
    const expected = { op: 'GE', value: 800, unit: '人次', phrase: '不少于' };
    expect(spec('不少于800人次')).toStrictEqual(expected);
    expect(spec('不少于 800 人次')).toStrictEqual(expected);
    expect(parseTarget('不少于 800 人次').issues).toStrictEqual([]);
  });

  it.each([
    ['5000 份', 5000, '份'],
    ['30 人', 30, '人'],
    ['300 人次', 300, '人次'],
    ['25 人', 25, '人'],
    ['1 次', 1, '次'],
    ['100%', 100, '%'],
  ])('bare count %s is EQ with no phrase', (raw, value, unit) => {
    const s = spec(raw);
    expect(s).toStrictEqual({ op: 'EQ', value, unit });
    expect(s.phrase).toBeUndefined();
  });

  it('≥90%', () => {
    expect(spec('≥90%')).toStrictEqual({ op: 'GE', value: 90, unit: '%', phrase: '≥' });
  });

  it('2022年12月31日前, also with PDF spaces, needs no ctx', () => {
    const expected = { op: 'DATE_BY', date: '2022-12-31', unit: '', phrase: '前' };
    expect(spec('2022年12月31日前')).toStrictEqual(expected);
    expect(spec('2022 年 12 月 31 日前')).toStrictEqual(expected);
  });

  it('不适用', () => {
    expect(spec('不适用')).toStrictEqual({ op: 'NA', unit: '' });
    expect(parseTarget('不适用').issues).toStrictEqual([]);
  });
});

describe('operator wordings', () => {
  it.each([
    ['>=90%', 'GE', '≥'],
    ['≧90%', 'GE', '≥'],
    ['＞＝90%', 'GE', '≥'],
    ['不低于90%', 'GE', '不低于'],
    ['不小于90%', 'GE', '不小于'],
    ['至少90%', 'GE', '至少'],
    ['大于等于90%', 'GE', '大于等于'],
    ['达到90%', 'GE', '达到'],
    ['>90%', 'GT', '>'],
    ['＞90%', 'GT', '>'],
    ['大于90%', 'GT', '大于'],
    ['高于90%', 'GT', '高于'],
    ['超过90%', 'GT', '超过'],
    ['=90%', 'EQ', '='],
    ['＝90%', 'EQ', '='],
    ['等于90%', 'EQ', '等于'],
    ['<90%', 'LT', '<'],
    ['＜90%', 'LT', '<'],
    ['小于90%', 'LT', '小于'],
    ['低于90%', 'LT', '低于'],
    ['≤90%', 'LE', '≤'],
    ['<=90%', 'LE', '≤'],
    ['≦90%', 'LE', '≤'],
    ['不超过90%', 'LE', '不超过'],
    ['不高于90%', 'LE', '不高于'],
    ['不多于90%', 'LE', '不多于'],
    ['90%以上', 'GE', '以上'],
    ['90%及以上', 'GE', '及以上'],
    ['90%以内', 'LE', '以内'],
    ['90%以下', 'LE', '以下'],
  ])('%s → %s (%s)', (raw, op, phrase) => {
    expect(spec(raw)).toStrictEqual({ op, value: 90, unit: '%', phrase });
  });

  it('longest wording wins: 不低于 is GE although it contains 低于, 不超过 is LE', () => {
    expect(spec('不低于 5 次').op).toBe('GE');
    expect(spec('低于 5 次').op).toBe('LT');
    expect(spec('不超过 5 次').op).toBe('LE');
    expect(spec('超过 5 次').op).toBe('GT');
  });

  it('完成5000份 is EQ with phrase 完成', () => {
    expect(spec('完成5000份')).toStrictEqual({ op: 'EQ', value: 5000, unit: '份', phrase: '完成' });
  });

  it('控制在20万元以内 and 20万元以内 are LE', () => {
    expect(spec('控制在20万元以内')).toStrictEqual({ op: 'LE', value: 20, unit: '万元', phrase: '控制在' });
    expect(spec('控制在 20 万元')).toStrictEqual({ op: 'LE', value: 20, unit: '万元', phrase: '控制在' });
    expect(spec('20万元以内')).toStrictEqual({ op: 'LE', value: 20, unit: '万元', phrase: '以内' });
  });

  it('redundant prefix and suffix keep the prefix; a soft verb yields to the suffix; contradictions fail', () => {
    expect(spec('不少于90%以上')).toStrictEqual({ op: 'GE', value: 90, unit: '%', phrase: '不少于' });
    expect(spec('完成5000份以上')).toStrictEqual({ op: 'GE', value: 5000, unit: '份', phrase: '以上' });
    expectError('≥90%以下', 'unrecognised', '≥90%以下');
  });
});

describe('numbers and units', () => {
  it('full-width digits and symbols', () => {
    expect(spec('≥９０％')).toStrictEqual({ op: 'GE', value: 90, unit: '%', phrase: '≥' });
    expect(spec('１２３４．５万元')).toStrictEqual({ op: 'EQ', value: 1234.5, unit: '万元' });
  });

  it('thousands separators and decimals', () => {
    expect(spec('1,234.50万元')).toStrictEqual({ op: 'EQ', value: 1234.5, unit: '万元' });
    expect(spec('不超过１，２７３．５２万元')).toStrictEqual({ op: 'LE', value: 1273.52, unit: '万元', phrase: '不超过' });
    expect(spec('12.345%').value).toBe(12.345);
  });

  it('no unit, and an unknown unit is a warning only', () => {
    expect(spec('≥90')).toStrictEqual({ op: 'GE', value: 90, unit: '', phrase: '≥' });
    const r = parseTarget('3 季度');
    expect(r.ok).toBe(true);
    expect(r.spec).toStrictEqual({ op: 'EQ', value: 3, unit: '季度' });
    expect(r.issues).toStrictEqual([{ severity: 'warning', code: 'unknownUnit', params: { unit: '季度' } }]);
  });

  it('percent over 100 is a warning, not an error', () => {
    const r = parseTarget('≥120%');
    expect(r.ok).toBe(true);
    expect(r.spec.value).toBe(120);
    expect(r.issues).toStrictEqual([{ severity: 'warning', code: 'percentOver100', params: { value: 120 } }]);
  });

  it('negative values are errors, the text is kept', () => {
    expectError('-5%', 'negative', '-5%');
    expectError('≥ -5 人', 'negative', '≥-5人');
  });

  it('malformed numbers', () => {
    expectError('≥9..0%', 'badNumber', '≥9..0%');
    expectError('1,2,3人', 'badNumber', '1,2,3人');
    expectError('≥NaN', 'badNumber', '≥NaN');
    expectError('NaN', 'badNumber', 'NaN');
  });

  it('Kangxi radicals from PDF extraction are folded (⽇ → 日, ⼈ → 人)', () => {
    expect(spec('2022年12⽉31⽇前').date).toBe('2022-12-31');
    expect(spec('30 ⼈').unit).toBe('人');
  });
});

describe('ranges', () => {
  it.each(['80%-90%', '80-90%', '80%~90%', '80%～90%', '80%至90%', '[80,90]%', '80%－90%', '80% - 90%之间'])(
    '%s → RANGE 80..90 %%',
    (raw) => {
      expect(spec(raw)).toStrictEqual({ op: 'RANGE', value: 80, max: 90, unit: '%' });
    },
  );

  it('non-percent ranges and thousands inside brackets', () => {
    expect(spec('80-90人')).toStrictEqual({ op: 'RANGE', value: 80, max: 90, unit: '人' });
    expect(spec('[1,000,2,000]元')).toStrictEqual({ op: 'RANGE', value: 1000, max: 2000, unit: '元' });
  });

  it('reversed and mixed-unit ranges are errors', () => {
    const r = parseTarget('90%-80%');
    expect(r.issues).toContainEqual({ severity: 'error', code: 'rangeReversed', params: { min: 90, max: 80 } });
    expectError('90%-80%', 'rangeReversed', '90%-80%');
    expectError('80人-90份', 'unrecognised', '80人-90份');
  });
});

describe('dates', () => {
  it.each([
    ['2022年12月31日之前', '之前'],
    ['2022年12月31日以前', '以前'],
    ['2022-12-31前', '前'],
    ['2022.12.31前', '前'],
    ['2022/12/31 前', '前'],
  ])('%s', (raw, phrase) => {
    expect(spec(raw)).toStrictEqual({ op: 'DATE_BY', date: '2022-12-31', unit: '', phrase });
  });

  it('dates without a year take ctx.year, or fail with dateNeedsYear', () => {
    expect(spec('12月底前', 2023)).toStrictEqual({ op: 'DATE_BY', date: '2023-12-31', unit: '', phrase: '前' });
    expect(spec('12月31日前', 2023).date).toBe('2023-12-31');
    expect(spec('年底前', 2023).date).toBe('2023-12-31');
    expect(spec('年末前', 2023).date).toBe('2023-12-31');
    expect(spec('6月底前', 2023).date).toBe('2023-06-30');
    expect(spec('2月底前', 2024).date).toBe('2024-02-29');
    expectError('12月底前', 'dateNeedsYear', '12月底前');
    expectError('年底前', 'dateNeedsYear', '年底前');
  });

  it('an explicit year wins over ctx.year', () => {
    expect(spec('2022年6月30日前', 2030).date).toBe('2022-06-30');
  });

  it('invalid calendar dates', () => {
    expectError('2022年2月30日前', 'badDate', '2022年2月30日前');
    expectError('2022年13月1日前', 'badDate', '2022年13月1日前');
    expectError('2023年2月29日前', 'badDate', '2023年2月29日前');
    expect(spec('2024年2月29日前').date).toBe('2024-02-29');
    expectError('2022-04-31前', 'badDate', '2022-04-31前');
  });

  it('按时 / 按时完成 is DATE_BY without a date', () => {
    expect(spec('按时')).toStrictEqual({ op: 'DATE_BY', unit: '', phrase: '按时完成' });
    expect(spec('按时完成')).toStrictEqual({ op: 'DATE_BY', unit: '', phrase: '按时完成' });
  });

  it('a bare date is DATE_BY without a phrase', () => {
    expect(spec('2022年12月31日')).toStrictEqual({ op: 'DATE_BY', date: '2022-12-31', unit: '' });
  });
});

describe('NA, qualitative, empty, unparsed', () => {
  it.each(['/', '／', '无', '—', '-', 'N/A', ' 不适用 '])('%s is NA', (raw) => {
    expect(spec(raw)).toStrictEqual({ op: 'NA', unit: '' });
  });

  it.each(['有效提升', '明显改善', '逐步提高', '较好', '达到预期', '群众基本满意'])('%s is QUAL with an info issue', (raw) => {
    const r = parseTarget(raw);
    expect(r.ok).toBe(true);
    expect(r.spec).toStrictEqual({ op: 'QUAL', text: raw, unit: '' });
    expect(r.issues).toStrictEqual([{ severity: 'info', code: 'qualitative' }]);
  });

  it('qualitative text is whitespace-normalised but keeps its punctuation', () => {
    expect(spec(' 服务质量 明显提升，群众满意 ').text).toBe('服务质量明显提升，群众满意');
  });

  it('empty and whitespace-only', () => {
    expectError('', 'empty', '');
    expectError(' \u3000 ', 'empty', '');
  });

  it('quantitative-looking text without a number keeps the raw text', () => {
    expectError('≥abc', 'missingNumber', '≥abc');
    expectError('不少于 人次', 'missingNumber', '不少于人次');
    expectError('≥', 'missingNumber', '≥');
    expectError('第1季度', 'unrecognised', '第1季度');
    expectError('5000份，30人', 'unrecognised', '5000份，30人');
  });

  it('ok is false iff an error issue exists', () => {
    for (const raw of ['≥120%', '3季度', '有效提升', '≥abc', '90%-80%', '']) {
      const r = parseTarget(raw);
      expect(r.ok).toBe(!r.issues.some((i) => i.severity === 'error'));
    }
    expect(codes('≥120%')).toStrictEqual(['percentOver100']);
  });
});

describe('numbers helper', () => {
  it.each([
    ['123', 123],
    ['１２３', 123],
    ['1,234.50', 1234.5],
    ['１，２３４．５０', 1234.5],
    ['12.345', 12.345],
    ['0.5', 0.5],
    ['-5', -5],
    ['-0', 0],
  ])('parseNumber(%s) = %s', (raw, n) => {
    expect(parseNumber(raw)).toBe(n);
  });

  it.each(['', 'NaN', '9..0', '1,2,3', '1,23', ',123', '1.', '.5', '1e5', 'Infinity', '12a'])('rejects %j', (raw) => {
    expect(parseNumber(raw)).toBeNull();
  });

  it('formatNumber writes no grouping, no trailing zeros, no exponent', () => {
    expect(formatNumber(800)).toBe('800');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(12.345)).toBe('12.345');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(2e21)).toBe('2000000000000000000000');
    expect(parseNumber(formatNumber(1.5e-7))).toBe(1.5e-7);
  });
});
