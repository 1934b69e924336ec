import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { parseTarget } from '@/domain/targets/parse';
import { formatTarget } from '@/domain/targets/format';
import { tidy } from '@/domain/targets/numbers';
import type { ParseIssueCode, TargetSpec } from '@/domain/targets/types';
import { targetSpec } from '@/db/transfer/schema-parts';

/** Targets as other units write them (issue #8 item 6), beyond the seed's own forms of domain.md §2.2. */

function spec(raw: string, year?: number): TargetSpec {
  const r = parseTarget(raw, year === undefined ? undefined : { year });
  expect(r.ok, `${raw}: ${JSON.stringify(r.issues)}`).toBe(true);
  return r.spec;
}

function expectKept(raw: string, code: ParseIssueCode, year?: number): void {
  const r = parseTarget(raw, year === undefined ? undefined : { year });
  expect(r.ok).toBe(false);
  expect(r.issues.map((i) => i.code)).toContain(code);
  // Never lost: the text is kept verbatim and flagged.
  expect(r.spec).toStrictEqual({ op: 'QUAL', text: raw, unparsed: true, unit: '' });
}

describe('periods → DATE_BY the last day of the end month, start kept in `from`', () => {
  const oct = { op: 'DATE_BY', date: '2023-10-31', from: '2023-03-01', unit: '' };
  it.each(['2023年3月--2023年10月', '2023年3月-2023年10月', '2023年3月-10月', '2023年3月—10月', '2023年3月至10月', '2023年3月~10月', '2023年3月份至10月份'])(
    '%s',
    (raw) => {
      expect(spec(raw)).toStrictEqual(oct);
    },
  );

  it('without a year the plan year is used, or dateNeedsYear', () => {
    expect(spec('3月至10月', 2023)).toStrictEqual(oct);
    expect(spec('3月-10月', 2023)).toStrictEqual(oct);
    expect(spec('3-10月', 2023)).toStrictEqual(oct);
    expect(spec('3月至10月期间完成', 2023)).toStrictEqual(oct);
    expectKept('3月至10月', 'dateNeedsYear');
  });

  it('days are kept when written; February ends on the 29th in a leap year', () => {
    expect(spec('2023年3月5日-2023年10月20日')).toStrictEqual({ op: 'DATE_BY', date: '2023-10-20', from: '2023-03-05', unit: '' });
    expect(spec('1月-2月', 2024)).toStrictEqual({ op: 'DATE_BY', date: '2024-02-29', from: '2024-01-01', unit: '' });
  });

  it('a period across New Year names both years; reversed or impossible periods are kept as text', () => {
    expect(spec('2023年11月-2024年2月')).toStrictEqual({ op: 'DATE_BY', date: '2024-02-29', from: '2023-11-01', unit: '' });
    expectKept('2023年10月-3月', 'periodReversed');
    expectKept('2023年3月-13月', 'badDate');
    expectKept('2023年2月30日-3月', 'badDate');
  });

  it('a plain count range is still a RANGE, and 个月 is a duration', () => {
    expect(spec('80-90人')).toStrictEqual({ op: 'RANGE', value: 80, max: 90, unit: '人' });
    expect(spec('3-6个月')).toStrictEqual({ op: 'RANGE', value: 3, max: 6, unit: '个月' });
  });
});

describe('done by the end of a month, a year alone', () => {
  it.each([
    ['6月底到位', '2023-06-30', '到位'],
    ['6月底完成', '2023-06-30', '完成'],
    ['10月完成', '2023-10-31', '完成'],
    ['10月份完成', '2023-10-31', '完成'],
    ['10月到位', '2023-10-31', '到位'],
    ['2月底到位', '2023-02-28', '到位'],
  ])('%s → %s', (raw, date, phrase) => {
    expect(spec(raw, 2023)).toStrictEqual({ op: 'DATE_BY', date, unit: '', phrase });
  });

  it('a before-word binds over a done-word (前完成 keeps 前, as before issue #8)', () => {
    expect(spec('2022年6月30日前完成')).toStrictEqual({ op: 'DATE_BY', date: '2022-06-30', unit: '', phrase: '前' });
  });

  it('a month with a year is due at its end; a month alone stays a duration', () => {
    expect(spec('2023年10月')).toStrictEqual({ op: 'DATE_BY', date: '2023-10-31', unit: '' });
    expect(spec('10月', 2023)).toStrictEqual({ op: 'EQ', value: 10, unit: '月' });
    expectKept('10月完成', 'dateNeedsYear');
  });

  it('a year alone is due on 31 December; a number of years is a duration', () => {
    expect(spec('2023年')).toStrictEqual({ op: 'DATE_BY', date: '2023-12-31', unit: '' });
    expect(spec('2023年内完成')).toStrictEqual({ op: 'DATE_BY', date: '2023-12-31', unit: '', phrase: '完成' });
    expect(spec('2023年度')).toStrictEqual({ op: 'DATE_BY', date: '2023-12-31', unit: '' });
    expect(spec('3年')).toStrictEqual({ op: 'EQ', value: 3, unit: '年' });
  });
});

describe('tolerance bands', () => {
  it.each(['±5%以内', '±5%', '误差±5%以内', '误差在±5%以内', '偏差±5%之内', '误差率控制在±5%以内', '+-5%以内', '＋－5％以内'])(
    'bare %s → LE 5 %% on the deviation, phrase ±…以内',
    (raw) => {
      expect(spec(raw)).toStrictEqual({ op: 'LE', value: 5, unit: '%', phrase: '±…以内' });
    },
  );

  it('a bare band in days', () => {
    expect(spec('±3天以内')).toStrictEqual({ op: 'LE', value: 3, unit: '天', phrase: '±…以内' });
  });

  it('a base with a band is a RANGE around it; (base±tol)unit when the base has no unit', () => {
    const pct = { op: 'RANGE', value: 95, max: 105, unit: '%', phrase: '±' };
    expect(spec('100±5%')).toStrictEqual(pct);
    expect(spec('100%±5%')).toStrictEqual(pct);
    expect(spec('(100±5)%')).toStrictEqual(pct);
    expect(spec('100±5%以内')).toStrictEqual(pct);
    expect(spec('90±5%')).toStrictEqual({ op: 'RANGE', value: 85, max: 95, unit: '%', phrase: '±' });
    expect(spec('100人±5人')).toStrictEqual({ op: 'RANGE', value: 95, max: 105, unit: '人', phrase: '±' });
    expect(spec('100±5人')).toStrictEqual({ op: 'RANGE', value: 95, max: 105, unit: '人', phrase: '±' });
  });

  it('a base with its own unit and a % band is relative to the base', () => {
    expect(spec('200万元±5%')).toStrictEqual({ op: 'RANGE', value: 190, max: 210, unit: '万元', phrase: '±' });
    expect(spec('3.3万元±5%')).toStrictEqual({ op: 'RANGE', value: 3.135, max: 3.465, unit: '万元', phrase: '±' });
  });

  it('a band above 100 % warns like any percentage; mixed units, negatives and bad numbers are kept as text', () => {
    expect(parseTarget('100±5%').issues).toStrictEqual([{ severity: 'warning', code: 'percentOver100', params: { value: 105 } }]);
    expectKept('100人±5份', 'unrecognised');
    expectKept('3±5人', 'negative');
    expectKept('±9..0%以内', 'badNumber');
  });
});

describe('suffix phrases', () => {
  it.each<[string, TargetSpec]>([
    ['20%及以下', { op: 'LE', value: 20, unit: '%', phrase: '及以下' }],
    ['20%及其以下', { op: 'LE', value: 20, unit: '%', phrase: '及其以下' }],
    ['90%及以上', { op: 'GE', value: 90, unit: '%', phrase: '及以上' }],
    ['90%及其以上', { op: 'GE', value: 90, unit: '%', phrase: '及其以上' }],
    ['5天以内', { op: 'LE', value: 5, unit: '天', phrase: '以内' }],
  ])('%s', (raw, expected) => {
    expect(spec(raw)).toStrictEqual(expected);
  });
});

describe('各: a figure per item', () => {
  it('各2次 is EQ 2 次 flagged as per item', () => {
    expect(spec('各2次')).toStrictEqual({ op: 'EQ', value: 2, unit: '次', each: true });
  });

  it('combines with operators before and after the number', () => {
    expect(spec('各不少于2次')).toStrictEqual({ op: 'GE', value: 2, unit: '次', phrase: '不少于', each: true });
    expect(spec('各≥2场')).toStrictEqual({ op: 'GE', value: 2, unit: '场', phrase: '≥', each: true });
    expect(spec('各1次以上')).toStrictEqual({ op: 'GE', value: 1, unit: '次', phrase: '以上', each: true });
  });

  it('各 in prose stays qualitative; 各 before something that is not a figure is kept as text', () => {
    expect(spec('各项工作按时完成')).toStrictEqual({ op: 'QUAL', text: '各项工作按时完成', unit: '' });
    expectKept('各项2次', 'unrecognised');
  });
});

describe('a note glued to a value, never inside the unit', () => {
  it.each<[string, TargetSpec]>([
    ['100%覆盖', { op: 'EQ', value: 100, unit: '%', note: '覆盖' }],
    ['100%全覆盖', { op: 'EQ', value: 100, unit: '%', note: '全覆盖' }],
    ['≥95%覆盖', { op: 'GE', value: 95, unit: '%', phrase: '≥', note: '覆盖' }],
    ['100%到位', { op: 'EQ', value: 100, unit: '%', note: '到位' }],
    ['90%满意', { op: 'EQ', value: 90, unit: '%', note: '满意' }],
    ['10个覆盖', { op: 'EQ', value: 10, unit: '个', note: '覆盖' }],
    ['不少于3项完成', { op: 'GE', value: 3, unit: '项', phrase: '不少于', note: '完成' }],
  ])('%s', (raw, expected) => {
    expect(spec(raw)).toStrictEqual(expected);
    expect(parseTarget(raw).issues).toStrictEqual([]);
  });

  it('compound units are not split (场次, 户次 stay whole)', () => {
    expect(spec('10场次')).toStrictEqual({ op: 'EQ', value: 10, unit: '场次' });
    expect(spec('5户次').unit).toBe('户次');
  });

  it('a note that hides an operator or a second figure is kept as text', () => {
    expectKept('100%以上覆盖', 'unrecognised');
    expectKept('100%覆盖2次', 'unrecognised');
  });
});

describe('still unreadable: kept as text and flagged', () => {
  it.each<[string, ParseIssueCode]>([
    ['每月1次', 'unrecognised'],
    ['第1季度', 'unrecognised'],
    ['2023年3月底-10月', 'unrecognised'],
    ['±5份±5人', 'unrecognised'],
    ['误差±%以内', 'missingNumber'],
    ['±', 'missingNumber'],
  ])('%s', (raw, code) => {
    expectKept(raw, code, 2023);
  });
});

const ROUND_TRIP: [string, string][] = [
  ['2023年3月--2023年10月', '2023年3月-2023年10月'],
  ['2023年3月5日至10月20日', '2023年3月5日-2023年10月20日'],
  ['6月底到位', '2023年6月30日到位'],
  ['10月完成', '2023年10月31日完成'],
  ['2023年', '2023年12月31日'],
  ['误差±5%以内', '±5%以内'],
  ['±3天', '±3天以内'],
  ['100%±5%', '100±5%'],
  ['200万元±5%', '200±10万元'],
  ['3.3万元±5%', '3.3±0.165万元'],
  ['100人±5人', '100±5人'],
  ['90%及其以上', '90%及其以上'],
  ['20%及以下', '20%及以下'],
  ['各2次', '各2次'],
  ['各不少于2次', '各不少于2次'],
  ['各1次以上', '各1次以上'],
  ['100%覆盖', '100%覆盖'],
  ['≥95%覆盖', '≥95%覆盖'],
  ['不少于3项完成', '不少于3项完成'],
];

describe('canonical round trip of the new notations', () => {
  it.each(ROUND_TRIP)('%s → %s → same spec', (raw, canonical) => {
    const first = spec(raw, 2023);
    expect(formatTarget(first)).toBe(canonical);
    // Format always writes the year, so the round trip needs no ctx.
    expect(spec(canonical)).toStrictEqual(first);
  });

  it('relative bands over many bases read back to the same bounds', () => {
    for (let base = 0.01; base < 5000; base = tidy(base * 1.37 + 0.07)) {
      for (const pct of [0.5, 1, 2.5, 5, 10, 33]) {
        const first = spec(`${base}万元±${pct}%`);
        expect(spec(formatTarget(first)), `${base}±${pct}%`).toStrictEqual(first);
      }
    }
  });
});

describe('backup schema accepts the new optional fields, and older specs without them', () => {
  it.each(['2023年3月-10月', '各2次', '100%覆盖', '±5%以内', '100±5%', '不少于800人次', '有效提升'])('%s', (raw) => {
    expect(v.safeParse(targetSpec, spec(raw, 2023)).success).toBe(true);
  });

  it('refuses a malformed `from`', () => {
    expect(v.safeParse(targetSpec, { op: 'DATE_BY', date: '2023-10-31', from: '3月', unit: '' }).success).toBe(false);
  });
});
