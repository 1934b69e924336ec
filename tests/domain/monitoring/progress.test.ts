import { describe, expect, it } from 'vitest';
import type { Actual, MeasureKind, QualBand } from '@/domain/actuals/types';
import { FEN_PER_WAN, wan } from '@/domain/money';
import { achievementOf, assess, budgetExecution, budgetLight, timeProgress, worstLight, type Light } from '@/domain/monitoring/progress';
import { parseTarget } from '@/domain/targets/parse';
import type { TargetSpec } from '@/domain/targets/types';

const YEAR = 2022;
const JULY = '2022-07-31'; // 1–7月, p = 7/12 (domain.md §3.5)
const JUNE = '2022-06-30';
const YEAR_END = '2022-12-31';

const target = (raw: string): TargetSpec => {
  const r = parseTarget(raw, { year: YEAR });
  expect(r.ok, raw).toBe(true);
  return r.spec;
};
const actual = (measure: MeasureKind, fields: Partial<Actual> = {}): Actual => ({ measure, value: null, entries: 1, ...fields });
const count = (value: number) => actual('count', { value });
const percent = (value: number, measure: MeasureKind = 'rate') => actual(measure, { value });
const spent = (wanText: string) => actual('money', { amountFen: wan(wanText), value: wan(wanText) / FEN_PER_WAN });
const done = (completedOn?: string) => actual('deadline', completedOn ? { completedOn } : {});
const band = (b?: QualBand) => actual('manual', b ? { band: b } : { entries: 0 });
const empty = (measure: MeasureKind) => actual(measure, { entries: 0 });

describe('timeProgress (domain.md §9)', () => {
  it('N/12 at a month end', () => {
    expect(timeProgress(JUNE, YEAR)).toBe(0.5);
    expect(timeProgress(JULY, YEAR)).toBe(7 / 12);
    expect(timeProgress('2022-02-28', YEAR)).toBe(2 / 12);
    expect(timeProgress(YEAR_END, YEAR)).toBe(1);
  });
  it('day of year / days in year otherwise', () => {
    expect(timeProgress('2022-07-15', YEAR)).toBe((181 + 15) / 365);
    expect(timeProgress('2022-01-01', YEAR)).toBe(1 / 365);
    expect(timeProgress('2024-02-28', 2024)).toBe(59 / 366); // leap year: not the month end
    expect(timeProgress('2024-02-29', 2024)).toBe(2 / 12);
  });
  it('0 before the year, 1 after it', () => {
    expect(timeProgress('2021-12-31', YEAR)).toBe(0);
    expect(timeProgress('2023-01-01', YEAR)).toBe(1);
  });
  it('refuses a malformed date', () => {
    expect(() => timeProgress('2022/07/31', YEAR)).toThrow(RangeError);
  });
});

describe('domain.md §3.5 worked examples', () => {
  it.each<[number, Light]>([
    [400, 'green'], // r = 85.7%
    [250, 'red'], // r = 53.6%
    [600, 'blue'], // r = 128.6%
  ])('不少于800人次, 1–7月 actual %i → %s', (a, light) => {
    const r = assess(target('不少于800人次'), count(a), JULY, YEAR);
    expect(r.light).toBe(light);
    expect(r.expected).toBe(7 / 12);
    expect(r.ratio).toBe(a / 800);
  });

  it('宣传资料及时发放率 ≥90%, current 86 → red (compared directly, not time-scaled)', () => {
    const r = assess(target('≥90%'), percent(86), JULY, YEAR);
    expect(r).toMatchObject({ light: 'red', expected: 1, status: 'behind' });
  });

  it('项目总成本 ≤20万元, spent 9 万元 → green', () => {
    const r = assess(target('≤20万元'), spent('9'), JULY, YEAR);
    expect(r).toMatchObject({ light: 'green', status: 'onTrack', achievement: 1, over: false });
    expect(r.ratio).toBeCloseTo(0.45, 12);
  });

  it('budget 20 万元, executed 9 万元 in 1–7月 → q = 77.1% → yellow', () => {
    expect(budgetLight(wan('9'), wan('20'), JULY, YEAR)).toBe('yellow');
    const b = budgetExecution(wan('9'), wan('20'), JULY, YEAR);
    expect(b.rate).toBe(0.45);
    expect(b.q).toBeCloseTo(0.45 / (7 / 12), 12);
  });

  it('project light = worst of its indicators: one red makes the project red', () => {
    const lights = [400, 250, 600].map((a) => assess(target('不少于800人次'), count(a), JULY, YEAR).light);
    expect(worstLight(lights)).toBe('red');
  });
});

describe('assess: positive thresholds (FASP2 perf_t_warnset)', () => {
  // Target 1200, p = 7/12 → standard 700; the boundaries fall exactly on 60/80/120% despite float maths.
  const at = (ratioOfStandard: number) => assess(target('不少于1200人次'), count(700 * ratioOfStandard), JULY, YEAR).light;
  it('boundaries are inclusive on the upper band', () => {
    expect(at(0.59)).toBe('red');
    expect(at(0.6)).toBe('yellow');
    expect(at(0.8)).toBe('green');
    expect(at(1.19)).toBe('green');
    expect(at(1.2)).toBe('blue');
  });

  it('satisfaction 88% in July is compared with 90 directly, not divided by 7/12 (which would be blue)', () => {
    expect(assess(target('≥90%'), percent(88, 'satisfaction'), JULY, YEAR)).toMatchObject({ light: 'red', expected: 1, status: 'behind' });
    expect(assess(target('≥90%'), percent(92, 'satisfaction'), JULY, YEAR)).toMatchObject({ light: 'green', status: 'met' });
    expect(assess(target('≥50%'), percent(70), JULY, YEAR)).toMatchObject({ light: 'blue', status: 'over', over: true });
  });

  it('status and achievement at year end; over-achievement flag at ≥ 120% (domain.md §4.9)', () => {
    // Year over: not 'behind' any more but 'notMet'; the light keeps the FASP2 thresholds (90% → green).
    expect(assess(target('不少于800人次'), count(720), YEAR_END, YEAR)).toMatchObject({ light: 'green', status: 'notMet', achievement: 0.9, over: false });
    expect(assess(target('不少于800人次'), count(720), '2022-11-30', YEAR).status).not.toBe('notMet');
    expect(assess(target('5000份'), count(5000), YEAR_END, YEAR)).toMatchObject({ light: 'green', status: 'met', achievement: 1 });
    const over = assess(target('300人次'), count(650), YEAR_END, YEAR);
    expect(over).toMatchObject({ light: 'blue', status: 'over', over: true, achievement: 1 });
    expect(over.ratio).toBe(650 / 300);
  });

  it('on track mid-year when ahead of the time-scaled standard but short of the annual target', () => {
    expect(assess(target('不少于800人次'), count(400), JULY, YEAR).status).toBe('onTrack');
    expect(assess(target('不少于800人次'), count(250), JULY, YEAR).status).toBe('behind');
  });

  it('a money target in 元 is compared in 元', () => {
    const paid = actual('money', { amountFen: 150_000, value: 150_000 / FEN_PER_WAN }); // 1,500 元
    const r = assess(target('3000元'), paid, JUNE, YEAR);
    expect(r.ratio).toBe(0.5);
    expect(r.light).toBe('green');
  });

  it('a milestone replaces the time progress', () => {
    expect(assess(target('不少于800人次'), count(250), JULY, YEAR, { progress: 0.3 })).toMatchObject({ light: 'green', expected: 0.3 });
  });
});

describe('assess: reverse, equal-zero, range', () => {
  it('LE: over the cap is red; R1 achievement', () => {
    expect(assess(target('≤20万元'), spent('22'), YEAR_END, YEAR)).toMatchObject({ light: 'red', status: 'notMet' });
    expect(assess(target('≤20万元'), spent('22'), YEAR_END, YEAR).achievement).toBeCloseTo(0.9, 12);
    expect(assess(target('≤20万元'), spent('40'), YEAR_END, YEAR).achievement).toBe(0);
    expect(assess(target('≤20万元'), spent('20'), YEAR_END, YEAR)).toMatchObject({ light: 'green', status: 'met', achievement: 1 });
  });
  it('LT: the target itself is not met', () => {
    expect(assess(target('<5天'), count(5), YEAR_END, YEAR).light).toBe('red');
    expect(assess(target('<5天'), count(4), YEAR_END, YEAR).light).toBe('green');
  });
  it('zero targets: 事故 ≤0起 and 0起', () => {
    expect(assess(target('≤0起'), count(0), YEAR_END, YEAR)).toMatchObject({ light: 'green', achievement: 1, ratio: null });
    expect(assess(target('≤0起'), count(1), YEAR_END, YEAR)).toMatchObject({ light: 'red', achievement: 0 });
    expect(assess(target('0起'), count(0), JULY, YEAR)).toMatchObject({ light: 'green', status: 'met', achievement: 1 });
    expect(assess(target('0起'), count(1), JULY, YEAR)).toMatchObject({ light: 'red', achievement: 0 });
  });
  it('reverse cumulative with nothing logged is within the cap', () => {
    expect(assess(target('≤20万元'), empty('money'), JULY, YEAR)).toMatchObject({ light: 'green', status: 'onTrack' });
  });
  it('RANGE of a rate: inside green, outside red', () => {
    expect(assess(target('80%-90%'), percent(85), JULY, YEAR)).toMatchObject({ light: 'green', status: 'met', achievement: 1 });
    expect(assess(target('80%-90%'), percent(72), JULY, YEAR)).toMatchObject({ light: 'red', status: 'behind', achievement: 0.9 });
    expect(assess(target('80%-90%'), percent(100), JULY, YEAR)).toMatchObject({ light: 'red', status: 'over', achievement: 0.9 });
  });
  it('RANGE of a count below the range mid-year uses the positive time-scaled rule', () => {
    expect(assess(target('80-90人'), count(40), JUNE, YEAR)).toMatchObject({ light: 'green', status: 'onTrack', ratio: 0.5 });
    expect(assess(target('80-90人'), count(20), JUNE, YEAR)).toMatchObject({ light: 'red', status: 'behind' });
    expect(assess(target('80-90人'), count(85), JUNE, YEAR)).toMatchObject({ light: 'green', status: 'met' });
  });
});

describe('assess: deadlines (D1), qualitative, 不适用, no data', () => {
  const due = target('2022年12月31日前');
  it.each<[string | undefined, string, Light, string, number | null]>([
    ['2022-11-30', YEAR_END, 'green', 'done', 1],
    // D1 (domain.md §4.7, §9): late = 部分达成 → 0.7 and yellow; not done = 未达成 → band default 0.3 and red.
    ['2023-01-20', '2023-02-01', 'yellow', 'late', 0.7],
    [undefined, '2023-01-05', 'red', 'notDone', 0.3],
    [undefined, JULY, 'green', 'onTrack', null],
  ])('done %s, as of %s → %s %s', (completedOn, asOf, light, status, achievement) => {
    expect(assess(due, done(completedOn), asOf, YEAR)).toMatchObject({ light, status, achievement, ratio: null, expected: 1 });
  });
  it('按时完成 without a date is due at the end of the plan year', () => {
    expect(assess(target('按时完成'), done(), '2023-01-01', YEAR)).toMatchObject({ light: 'red', status: 'notDone' });
    expect(assess(target('按时完成'), done('2022-12-31'), '2023-01-01', YEAR)).toMatchObject({ light: 'green', status: 'done' });
  });
  it.each<[QualBand, Light, number]>([
    ['achieved', 'green', 1],
    ['partial', 'yellow', 0.7],
    ['notAchieved', 'red', 0.3],
  ])('QUAL band %s → %s', (b, light, achievement) => {
    expect(assess(target('有效提升'), band(b), JULY, YEAR)).toMatchObject({ light, achievement });
  });
  it('不适用 → none / na', () => {
    expect(assess(target('不适用'), empty('none'), JULY, YEAR)).toMatchObject({ light: 'none', status: 'na', achievement: null });
  });
  it('no data: none for rates and bands; red for a cumulative count once time has passed', () => {
    expect(assess(target('≥90%'), empty('rate'), JULY, YEAR)).toMatchObject({ light: 'none', status: 'noData', ratio: null });
    expect(assess(target('有效提升'), band(), JULY, YEAR)).toMatchObject({ light: 'none', status: 'noData' });
    expect(assess(target('不少于800人次'), empty('count'), JULY, YEAR)).toMatchObject({ light: 'red', status: 'behind', ratio: 0 });
    expect(assess(target('不少于800人次'), empty('count'), '2021-12-31', YEAR)).toMatchObject({ light: 'none', status: 'noData', expected: 0 });
  });
});

describe('worstLight', () => {
  it('red > yellow > green > blue > none', () => {
    const order: Light[] = ['red', 'yellow', 'green', 'blue', 'none'];
    order.forEach((worse, i) => {
      for (const better of order.slice(i + 1)) {
        expect(worstLight([better, worse])).toBe(worse);
        expect(worstLight([worse, better])).toBe(worse);
      }
    });
    expect(worstLight([])).toBe('none');
  });
});

describe('budgetLight', () => {
  it('thresholds and a zero budget', () => {
    expect(budgetLight(wan('5'), wan('20'), JUNE, YEAR)).toBe('red'); // q = 50%
    expect(budgetLight(wan('6'), wan('20'), JUNE, YEAR)).toBe('yellow'); // q = 60%
    expect(budgetLight(wan('8'), wan('20'), JUNE, YEAR)).toBe('green'); // q = 80%
    expect(budgetLight(wan('8'), 0, JUNE, YEAR)).toBe('none');
    expect(budgetLight(0, wan('20'), '2021-12-31', YEAR)).toBe('none');
  });
});

describe('achievementOf', () => {
  const item = (weightCp: number | null, achievement: number | null) => ({ weightCp, achievement });
  it('weights by points; skips undecided and unweighted rows', () => {
    expect(achievementOf([item(300, 1), item(100, 0.5)])).toBe((300 + 50) / 400);
    expect(achievementOf([item(300, 1), item(100, null), item(0, 0), item(null, 0)])).toBe(1);
    expect(achievementOf([item(100, null)])).toBeNull();
    expect(achievementOf([])).toBeNull();
  });
});
