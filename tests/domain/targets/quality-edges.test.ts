import { describe, expect, it } from 'vitest';
import { checkTargetQuality, type QualityNode } from '@/domain/targets/quality';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetSpec } from '@/domain/targets/types';

/** Target-quality advice (issue #8 item 7) at its edges: every comparison operator, bare numbers, rate names, caps. */

const leaf = (name: string, targetText: string, weightCp: number | null = 358): QualityNode => ({ name, targetText, target: parseTarget(targetText, { year: 2022 }).spec, weightCp, level: 3 });
const given = (target: TargetSpec): QualityNode => ({ name: '指标', targetText: '', target, weightCp: 100, level: 3 });
const check = (n: QualityNode) => checkTargetQuality(n, { year: 2022 });
const codes = (n: QualityNode) => check(n).map((w) => w.code);

describe('unit mismatch under every comparison', () => {
  it.each(['>800人', '=800人', '<5人', '≤5人', '≥800人', '80-90人'])('活动（人次） with %s', (t) => {
    expect(codes(leaf('活动（人次）', t))).toContain('unitMismatch');
  });
  it('a bare number has no unit to contradict the name', () => {
    expect(check(leaf('活动（人次）', '≥800'))).toEqual([]);
  });
  it('a name in 人数 against 人次 is the 人/人次 mix-up', () => {
    expect(check(leaf('疗休养活动人数', '≥25人次'))[0]).toMatchObject({ fix: 'personTimes' });
  });
});

describe('rate names', () => {
  it('a 率 name with a bracket after it is still a rate: it wants %', () => {
    expect(check(leaf('发放率（百分比）', '≥90个'))).toEqual([{ code: 'rateUnit', params: { unit: '个' }, fix: 'usePercent', suggest: ['≥90%'] }]);
    expect(codes(leaf('发放率（百分比） ', '≥90个'))).toEqual(['rateUnit']);
  });
  it('a qualitative target under a 率 name is not asked for a %', () => {
    expect(check(leaf('验收合格率', '通过验收'))).toEqual([]);
  });
});

describe('bare numbers (directionUnclear)', () => {
  it('100 of something other than % is as unclear as any number', () => {
    expect(codes(leaf('宣传', '100人'))).toEqual(['directionUnclear']);
  });
  it('only EQ without a written phrase, and only with a value', () => {
    expect(check(given({ op: 'GE', value: 30, unit: '人' }))).toEqual([]);
    expect(check(given({ op: 'EQ', unit: '人' }))).toEqual([]);
  });
});

describe('rates over 100 %', () => {
  it('a range starting at 100 % or more has no capped suggestion', () => {
    expect(check(leaf('合格率', '100%-120%'))).toEqual([{ code: 'rateOver100', params: { value: 120 }, fix: 'capAt100', suggest: [] }]);
    expect(check(leaf('合格率', '80%-120%'))[0]!.suggest).toEqual(['80%-100%']);
  });
});

describe('wish-worded names (measureUnnamed) need a % target to matter', () => {
  it('a count or a measurable 定性 target under a wish-worded name is fine', () => {
    expect(check(leaf('有效提升参与人数', '≥30人'))).toEqual([]);
    expect(check(leaf('有效提升职工满意', '通过验收'))).toEqual([]);
  });
});

describe('deadlines and prose', () => {
  it('a deadline outside the year suggests the year end, written with 前', () => {
    expect(check(leaf('完成时间', '2023年3月31日前'))).toEqual([
      { code: 'deadlineOutsideYear', params: { date: '2023-03-31', year: 2022 }, fix: 'moveIntoYear', suggest: ['2022年12月31日前'] },
    ]);
  });
  it('a 定性 target with no text at all names nothing measurable', () => {
    expect(check(given({ op: 'QUAL', unit: '' }))).toEqual([{ code: 'notMeasurable', params: { text: '' }, fix: 'writeMeasure' }]);
  });
});
