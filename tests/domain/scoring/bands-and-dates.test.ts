import { describe, expect, it } from 'vitest';
import { scoreIndicator } from '@/domain/scoring/indicator';
import { BAND_LABELS, bandRange, bandText } from '@/domain/scoring/qualitative';
import { dayNumber } from '@/domain/scoring/date';
import type { IndicatorScoreInput, RuleSet } from '@/domain/scoring/types';
import { ALT, CTX, DEFAULT, MISSING, band, done, n, row } from './fixtures';

const score = (input: IndicatorScoreInput, rules: RuleSet = DEFAULT, year = CTX.year) => scoreIndicator(input, rules, { year });
const DUE = '2022年12月31日前';

describe('bandRange (domain.md §4.3: [0.8w, w], [0.6w, 0.8w), [0, 0.6w) in whole centi-points)', () => {
  it('w = 4.00: 达成 3.20–4.00, 部分达成 2.40–3.19, 未达成 0–2.39', () => {
    expect(bandRange('achieved', 400)).toEqual({ min: 320, max: 400 });
    expect(bandRange('partial', 400)).toEqual({ min: 240, max: 319 });
    expect(bandRange('notAchieved', 400)).toEqual({ min: 0, max: 239 });
  });
  it('w = 3.58: 0.8w = 2.864 and 0.6w = 2.148 round up to the first whole centi-point inside', () => {
    expect(bandRange('achieved', 358)).toEqual({ min: 287, max: 358 });
    expect(bandRange('partial', 358)).toEqual({ min: 215, max: 286 });
    expect(bandRange('notAchieved', 358)).toEqual({ min: 0, max: 214 });
  });
  it('w = 0.05: exact fifths stay exact (0.8w = 4, 0.6w = 3)', () => {
    expect(bandRange('achieved', 5)).toEqual({ min: 4, max: 5 });
    expect(bandRange('partial', 5)).toEqual({ min: 3, max: 3 });
    expect(bandRange('notAchieved', 5)).toEqual({ min: 0, max: 2 });
  });
  it('prints the bands as FASP2 does', () => {
    expect(bandText('achieved', 3000)).toBe('[24.00, 30.00]');
    expect(bandText('partial', 3000)).toBe('[18.00, 24.00)');
    expect(bandText('notAchieved', 3000)).toBe('[0.00, 18.00)');
    expect(BAND_LABELS).toEqual({ achieved: '达成', partial: '部分达成', notAchieved: '未达成' });
  });
});

describe('qualitative rows (定性三档, FASP2 selfqualscorecheck)', () => {
  it('band defaults w / 0.7w / 0.3w, rounded once: w = 3.58 → 3.58 / 2.51 / 1.07', () => {
    expect(score(row('有效提升', 358, band('achieved'))).scoreCp).toBe(358);
    expect(score(row('有效提升', 358, band('partial'))).scoreCp).toBe(251);
    expect(score(row('有效提升', 358, band('notAchieved'))).scoreCp).toBe(107);
    expect(score(row('有效提升', 358, band('achieved'))).explanation.formula).toBe('达成 → 1×3.58 = 3.58');
    expect(score(row('有效提升', 358, band('notAchieved'))).explanation.formula).toBe('未达成 → 0.3×3.58 = 1.07');
  });

  it('0.7 × 3.50 is 2.45 despite floating point (244.99999999999997)', () => {
    expect(score(row('有效提升', 350, band('partial'))).scoreCp).toBe(245);
  });

  it('defaults come from the rule set', () => {
    const custom: RuleSet = { ...DEFAULT, qualDefaults: { achieved: 0.9, partial: 0.75, notAchieved: 0.5 } };
    expect(score(row('有效提升', 400, band('achieved')), custom).scoreCp).toBe(360);
    expect(score(row('有效提升', 400, band('partial')), custom).scoreCp).toBe(300);
    expect(score(row('有效提升', 400, band('notAchieved')), custom).scoreCp).toBe(200);
  });

  it('band edges: 0.8w is in 达成, 0.6w in 部分达成, 0.6w − 0.01 in 未达成', () => {
    const ok = (b: 'achieved' | 'partial' | 'notAchieved', cp: number) => score(row('有效提升', 400, band(b, cp)));
    expect(ok('achieved', 320).scoreCp).toBe(320);
    expect(ok('achieved', 400).scoreCp).toBe(400);
    expect(ok('partial', 240).scoreCp).toBe(240);
    expect(ok('partial', 319).scoreCp).toBe(319);
    expect(ok('notAchieved', 239).scoreCp).toBe(239);
    expect(ok('notAchieved', 0).scoreCp).toBe(0);
    expect(ok('achieved', 320).explanation.formula).toBe('达成 [3.20, 4.00] → 3.20');
    expect(ok('notAchieved', 100).explanation.formula).toBe('未达成 [0.00, 2.40) → 1.00');
  });

  it.each([
    ['achieved', 319, 320, 400],
    ['achieved', 401, 320, 400],
    ['partial', 320, 240, 319],
    ['partial', 239, 240, 319],
    ['notAchieved', 240, 0, 239],
    ['notAchieved', -1, 0, 239],
    ['partial', 250.5, 240, 319],
  ] as const)('a %s score of %s cp is refused: bandRange {min %i, max %i}', (b, cp, min, max) => {
    const s = score(row('有效提升', 400, band(b, cp)));
    expect(s.status).toBe('invalid');
    expect(s.scoreCp).toBeNull();
    expect(s.ruleScoreCp).toBeNull();
    expect(s.problems).toEqual([{ code: 'bandRange', params: { min, max } }]);
  });

  it('a number or date actual on a qualitative row → actualKind {expected: band}', () => {
    for (const a of [n(90), done('2022-12-01')]) {
      expect(score(row('有效提升', 400, a)).problems).toEqual([{ code: 'actualKind', params: { expected: 'band' } }]);
    }
  });
});

describe('date rows, D1 (default: banded like qualitative)', () => {
  it('done exactly on the due date → 达成, full', () => {
    const s = score(row(DUE, 400, done('2022-12-31')));
    expect(s.scoreCp).toBe(400);
    expect(s.explanation.text).toBe('时效D1 三档: 2022-12-31 ≤ 2022-12-31 → 达成 → 1×4.00 = 4.00');
  });
  it('done early → full; a day late → 部分达成 0.7w', () => {
    expect(score(row(DUE, 400, done('2022-06-30'))).scoreCp).toBe(400);
    expect(score(row(DUE, 400, done('2023-01-01'))).scoreCp).toBe(280);
  });
  it('not done → 未达成 0.3w', () => {
    const s = score(row(DUE, 400, done(null)));
    expect(s.scoreCp).toBe(120);
    expect(s.explanation.formula).toBe('未完成 → 未达成 → 0.3×4.00 = 1.20');
  });
  it('a band actual ("partly on time") takes an evaluator score inside the band', () => {
    expect(score(row(DUE, 400, band('partial'))).scoreCp).toBe(280);
    expect(score(row(DUE, 400, band('achieved', 350))).scoreCp).toBe(350);
    expect(score(row(DUE, 400, band('achieved', 310))).problems).toEqual([{ code: 'bandRange', params: { min: 320, max: 400 } }]);
  });
  it('按时完成 has no date: due by the end of the plan year, as monitoring reads it', () => {
    expect(score(row('按时完成', 400, band('achieved'))).scoreCp).toBe(400);
    expect(score(row('按时完成', 400, done('2022-12-31'))).scoreCp).toBe(400);
    expect(score(row('按时完成', 400, done('2023-01-10'))).scoreCp).toBe(280);
  });
  it('an impossible due date or done date is refused', () => {
    const badDue = { ...row(DUE, 400, done('2022-12-01')), target: { op: 'DATE_BY' as const, date: '2022-02-30', unit: '' } };
    expect(score(badDue).problems).toEqual([{ code: 'noDueDate' }]);
    expect(score(row(DUE, 400, done('2022-13-01'))).problems).toEqual([{ code: 'badDate', params: { date: '2022-13-01' } }]);
  });
  it('a number actual on a date row → actualKind {expected: date}', () => {
    expect(score(row(DUE, 400, n(1))).problems).toEqual([{ code: 'actualKind', params: { expected: 'date' } }]);
  });
});

describe('date rows, D2 (alternative: w × max(0, 1 − delay/planned duration))', () => {
  it('planned duration counts both ends: 1 Jan–31 Dec 2022 is 365 days; 1 day late → (1−1/365)×4 = 3.99', () => {
    const s = score(row(DUE, 400, done('2023-01-01')), ALT);
    expect(s.scoreCp).toBe(399);
    expect(s.explanation.formula).toBe('(1−1/365)×4.00 = 3.99');
  });
  it('on the due date or before → full', () => {
    const s = score(row(DUE, 400, done('2022-12-31')), ALT);
    expect(s.scoreCp).toBe(400);
    expect(s.explanation.formula).toBe('2022-12-31 ≤ 2022-12-31 → 4.00');
    expect(score(row(DUE, 400, done('2022-03-01')), ALT).scoreCp).toBe(400);
  });
  it('delay one day short of the duration → 1/365 × 4 = 0.01; equal to it or longer → 0', () => {
    expect(score(row(DUE, 400, done('2023-12-30')), ALT).scoreCp).toBe(1);
    const s = score(row(DUE, 400, done('2023-12-31')), ALT);
    expect(s.scoreCp).toBe(0);
    expect(s.explanation.formula).toBe('max(0, 1−365/365)×4.00 = 0.00');
    expect(score(row(DUE, 400, done('2024-06-30')), ALT).scoreCp).toBe(0);
  });
  it('[U] not done at evaluation → 0 (the delay has no end)', () => {
    const s = score(row(DUE, 400, done(null)), ALT);
    expect(s.scoreCp).toBe(0);
    expect(s.status).toBe('scored');
    expect(s.explanation.formula).toBe('未完成 → 0.00');
  });
  it('plannedStart sets the duration: 1 Jul–31 Dec = 184 days, 20 days late → (1−20/184)×4 = 3.57', () => {
    const s = score(row(DUE, 400, done('2023-01-20'), { plannedStart: '2022-07-01' }), ALT);
    expect(s.scoreCp).toBe(357);
    expect(s.explanation.formula).toBe('(1−20/184)×4.00 = 3.57');
  });
  it('rounds the exact fraction half-up: 8-day plan, 1 day late, w = 1.00 → 7/8 = 0.875 → 0.88', () => {
    expect(score(row(DUE, 100, done('2023-01-01'), { plannedStart: '2022-12-24' }), ALT).scoreCp).toBe(88);
  });
  it('a one-day plan (start = due): any delay → 0', () => {
    expect(score(row(DUE, 400, done('2023-01-01'), { plannedStart: '2022-12-31' }), ALT).scoreCp).toBe(0);
  });
  it('the default start is 1 January of the plan year (leap 2024: 366 days)', () => {
    const leap = row('2024年12月31日前', 400, done('2025-04-10'));
    expect(score(leap, ALT, 2024).explanation.formula).toBe('(1−100/366)×4.00 = 2.91');
    expect(score(leap, ALT, 2024).scoreCp).toBe(291);
    // The year comes from ctx: a 2022 deadline in a 2023 plan has no planned time left.
    expect(score(row(DUE, 400, done('2023-01-20')), ALT, 2023).problems).toEqual([
      { code: 'plannedDuration', params: { start: '2023-01-01', due: '2022-12-31' } },
    ]);
  });
  it('refuses a start after the due date, bad dates and a missing due date', () => {
    expect(score(row(DUE, 400, done('2023-01-20'), { plannedStart: '2023-01-01' }), ALT).problems).toEqual([
      { code: 'plannedDuration', params: { start: '2023-01-01', due: '2022-12-31' } },
    ]);
    expect(score(row(DUE, 400, done('2023-01-20'), { plannedStart: '2022-1-1' }), ALT).problems).toEqual([
      { code: 'badDate', params: { date: '2022-1-1' } },
    ]);
    expect(score(row(DUE, 400, done('2023-02-29')), ALT).problems).toEqual([{ code: 'badDate', params: { date: '2023-02-29' } }]);
    // D2 with 按时完成: due 31 December, 10 days late over a 365-day year → (1−10/365)×4 = 3.89.
    expect(score(row('按时完成', 400, done('2023-01-10')), ALT).scoreCp).toBe(389);
  });
  it('takes a done date only: a band or number actual → actualKind {expected: date}', () => {
    for (const a of [band('partial'), n(1)]) {
      expect(score(row(DUE, 400, a), ALT).problems).toEqual([{ code: 'actualKind', params: { expected: 'date' } }]);
    }
  });
  it('a missing actual is missing under both date rules', () => {
    expect(score(row(DUE, 400, MISSING), ALT).status).toBe('missing');
    expect(score(row(DUE, 400, MISSING)).status).toBe('missing');
  });
});

describe('dayNumber', () => {
  it('counts days since 1970-01-01 in UTC', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2023-01-20') - dayNumber('2022-12-31')).toBe(20);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });
});
