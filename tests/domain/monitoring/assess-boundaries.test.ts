import { describe, expect, it } from 'vitest';
import type { Actual, MeasureKind, QualBand } from '@/domain/actuals/types';
import { assess, timeProgress } from '@/domain/monitoring/progress';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetSpec } from '@/domain/targets/types';

/**
 * assess() at the edges the §3.3 light table and the §4.2 over-achievement flag draw: exactly 120%, exactly the ends of
 * a range, a target of 0, 不适用 however the row is fed, and the statuses the monitoring form prints beside each light.
 */

const YEAR = 2022;
const JULY = '2022-07-31';
const BEFORE_YEAR = '2021-12-31';

const target = (raw: string): TargetSpec => {
  const r = parseTarget(raw, { year: YEAR });
  expect(r.ok, raw).toBe(true);
  return r.spec;
};
const actual = (measure: MeasureKind, fields: Partial<Actual> = {}): Actual => ({ measure, value: null, entries: 1, ...fields });
const count = (value: number) => actual('count', { value });
const rate = (value: number) => actual('rate', { value });

describe('timeProgress refuses anything but a plain YYYY-MM-DD', () => {
  it.each(['x2022-07-31', '2022-07-31T00:00', '2022/07/31'])('%s', (d) => {
    expect(() => timeProgress(d, YEAR)).toThrow(`not an ISO date: ${d}`);
  });
});

describe('不适用: by its target or by how it is fed, never assessed', () => {
  it('an 不适用 target is na even when the row is fed as a count (a measure chosen before the target changed)', () => {
    expect(assess(target('不适用'), count(5), JULY, YEAR)).toEqual({ ratio: null, expected: 7 / 12, over: false, achievement: null, light: 'none', status: 'na' });
  });
  it('a row fed as "none" is na whatever its target says', () => {
    expect(assess(target('≥90%'), actual('none'), JULY, YEAR)).toMatchObject({ light: 'none', status: 'na', over: false, achievement: null });
  });
});

describe('qualitative bands: the light, the status and the D1 share', () => {
  it.each<[QualBand, string, string, number]>([
    ['achieved', 'green', 'met', 1],
    ['partial', 'yellow', 'behind', 0.7],
    ['notAchieved', 'red', 'behind', 0.3],
  ])('%s → %s, %s, %s', (band, light, status, achievement) => {
    expect(assess(target('有效提升'), actual('manual', { band }), JULY, YEAR)).toEqual({ ratio: null, expected: 1, over: false, light, status, achievement });
  });

  it('a number typed on a qualitative row is not compared with anything: no data until a band is given', () => {
    expect(assess(target('有效提升'), actual('manual', { value: 95 }), JULY, YEAR)).toMatchObject({ light: 'none', status: 'noData', ratio: null, achievement: null });
  });
});

describe('deadlines are never flagged as over-achieved', () => {
  it.each<[string | undefined, string]>([
    ['2022-06-30', '2022-07-31'],
    ['2022-07-01', '2022-07-31'],
    [undefined, '2022-07-01'],
    [undefined, '2022-06-15'],
  ])('done %s, as of %s', (completedOn, asOf) => {
    const a = assess(target('2022年6月30日前'), actual('deadline', completedOn ? { completedOn } : {}), asOf, YEAR);
    expect(a.over).toBe(false);
    expect(a.ratio).toBeNull();
  });
});

describe('the over-achievement flag (偏离度, domain.md §4.2) and blue light start at exactly 120%', () => {
  it('a rate at 60% of ≥50%: blue, over', () => {
    expect(assess(target('≥50%'), rate(60), JULY, YEAR)).toMatchObject({ light: 'blue', status: 'over', over: true, ratio: 1.2 });
  });
  it('just below: green, met, not over', () => {
    expect(assess(target('≥50%'), rate(59.9), JULY, YEAR)).toMatchObject({ light: 'green', status: 'met', over: false });
  });
  it('a count at exactly 120% of its annual target at the year end: over', () => {
    expect(assess(target('300人次'), count(360), '2022-12-31', YEAR)).toMatchObject({ light: 'blue', status: 'over', over: true });
    expect(assess(target('300人次'), count(359), '2022-12-31', YEAR)).toMatchObject({ light: 'green', status: 'met', over: false });
  });
  it('a count ahead of the pace but short of the year target is blue and on track, not over', () => {
    // 600 of 800 at 7/12: r = 600 ÷ 466.7 = 128.6% (domain.md §3.5)
    expect(assess(target('不少于800人次'), count(600), JULY, YEAR)).toMatchObject({ light: 'blue', status: 'onTrack', over: false });
  });
});

describe('RANGE: both bounds are inside; above the range is flagged over from 120% of the upper bound', () => {
  it.each<[number, string, string, boolean, number]>([
    [80, 'green', 'met', false, 1],
    [90, 'green', 'met', false, 1],
    [100, 'red', 'over', false, 0.9],
    [108, 'red', 'over', true, 90 / 108],
    [79, 'red', 'behind', false, 79 / 80],
  ])('a rate of %s on 80%-90% → %s %s, over %s', (a, light, status, over, achievement) => {
    const r = assess(target('80%-90%'), rate(a), JULY, YEAR);
    expect(r).toMatchObject({ light, status, over });
    expect(r.achievement).toBeCloseTo(achievement, 12);
  });

  it('a count below its range mid-year: time-scaled on the lower bound, never over', () => {
    expect(assess(target('80-90人'), count(40), '2022-06-30', YEAR)).toMatchObject({ light: 'green', status: 'onTrack', over: false, ratio: 0.5, achievement: 0.5 });
  });
});

describe('targets of 0', () => {
  it('0起 (EQ 0): one → red and behind; none → green and met', () => {
    expect(assess(target('0起'), count(1), JULY, YEAR)).toMatchObject({ light: 'red', status: 'behind', ratio: null, over: false });
    expect(assess(target('0起'), count(0), JULY, YEAR)).toMatchObject({ light: 'green', status: 'met', ratio: null });
  });
  it('大于0次 (GT 0): met by anything, not by nothing; no ratio (no division by 0), never over', () => {
    expect(assess(target('大于0次'), count(3), JULY, YEAR)).toEqual({ ratio: null, expected: 7 / 12, over: false, achievement: 1, light: 'green', status: 'met' });
    expect(assess(target('大于0次'), count(0), JULY, YEAR)).toMatchObject({ ratio: null, light: 'red', status: 'behind', achievement: 0 });
  });
});

describe('before the plan year nothing is expected yet', () => {
  it('a count with entries: no light, on track', () => {
    expect(assess(target('不少于800人次'), count(5), BEFORE_YEAR, YEAR)).toMatchObject({ light: 'none', status: 'onTrack', expected: 0, over: false });
  });
  it('a count with nothing logged: no data, and not read as 0 (no ratio, no achievement)', () => {
    expect(assess(target('不少于800人次'), actual('count', { entries: 0 }), BEFORE_YEAR, YEAR)).toEqual({
      ratio: null,
      expected: 0,
      over: false,
      achievement: null,
      light: 'none',
      status: 'noData',
    });
  });
  it('a milestone of 0% behaves the same', () => {
    expect(assess(target('不少于800人次'), count(5), JULY, YEAR, { progress: 0 })).toMatchObject({ light: 'none', status: 'onTrack', expected: 0 });
  });
});
