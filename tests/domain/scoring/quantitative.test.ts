import { describe, expect, it } from 'vitest';
import { scoreIndicator } from '@/domain/scoring/indicator';
import type { IndicatorScoreInput, RuleSet } from '@/domain/scoring/types';
import type { TargetSpec } from '@/domain/targets/types';
import { ALT, CTX, DEFAULT, band, done, n, row } from './fixtures';

const score = (input: IndicatorScoreInput, rules: RuleSet = DEFAULT) => scoreIndicator(input, rules, CTX);
const raw = (spec: TargetSpec, weightCp: number, value: number) => ({ ...row('1次', weightCp, n(value)), target: spec });

describe('positive GE/GT/EQ (财预〔2020〕10号 定量正向, FASP2 selfpositiveindex)', () => {
  it('exactly on target → full marks', () => {
    const s = score(row('≥90%', 300, n(90)));
    expect(s.scoreCp).toBe(300);
    expect(s.ratio).toBe(1);
    expect(s.explanation.formula).toBe('90 ≥ 90 → 3.00');
  });

  it('just below target → proportional: 89.99/90 × 3 = 3.00 (299.97 rounds up), 89/90 × 3 = 2.97', () => {
    expect(score(row('≥90%', 300, n(89.99))).scoreCp).toBe(300);
    expect(score(row('≥90%', 300, n(89.99))).explanation.formula).toBe('89.99/90×3.00 = 3.00');
    expect(score(row('≥90%', 300, n(89))).scoreCp).toBe(297);
  });

  it('rounds a tie half-up once: 1/8 × 1.00 = 0.125 → 0.13', () => {
    expect(score(row('≥8次', 100, n(1))).scoreCp).toBe(13);
    expect(score(row('≥8次', 100, n(3))).scoreCp).toBe(38); // 37.5
  });

  it('actual 0 → 0', () => {
    const s = score(row('≥90%', 300, n(0)));
    expect(s.scoreCp).toBe(0);
    expect(s.ratio).toBe(0);
    expect(s.explanation.formula).toBe('0/90×3.00 = 0.00');
  });

  it('[U] GT is scored like GE, so a = t earns full marks (FASP2 maps signs 1 and 2 to one rule)', () => {
    const s = score(row('>90%', 300, n(90)));
    expect(s.scoreCp).toBe(300);
    expect(s.explanation.formula).toBe('90 ≥ 90 → 3.00');
    expect(score(row('>90%', 300, n(45))).scoreCp).toBe(150);
  });

  it('GE 0 is always met; GT 0 needs a > 0 (no ratio with t = 0)', () => {
    const ge = score(raw({ op: 'GE', value: 0, unit: '次' }, 400, 0));
    expect(ge.scoreCp).toBe(400);
    expect(ge.ratio).toBeNull();
    expect(ge.explanation.formula).toBe('0 ≥ 0 → 4.00');
    const gtMet = score(row('>0次', 400, n(3)));
    expect(gtMet.scoreCp).toBe(400);
    expect(gtMet.explanation.formula).toBe('3 > 0 → 4.00');
    const gtMissed = score(row('>0次', 400, n(0)));
    expect(gtMissed.scoreCp).toBe(0);
    expect(gtMissed.status).toBe('scored');
    expect(gtMissed.explanation.formula).toBe('0 > 0 不成立 → 0.00');
  });

  it('EQ is scored like GE: a bare count above target is full, below is proportional', () => {
    expect(score(row('30人', 400, n(28))).scoreCp).toBe(373);
    expect(score(row('30人', 400, n(31))).scoreCp).toBe(400);
  });

  it('money targets compare in 万元 and print as written: 18.6 of ≥20万元, w=5 → 4.65', () => {
    const s = score(row('≥20万元', 500, n(18.6)));
    expect(s.scoreCp).toBe(465);
    expect(s.explanation.formula).toBe('18.6/20×5.00 = 4.65');
  });
});

describe('EQ with t = 0 (FASP2 selfequalindex: a ≤ 0 ? w : 0)', () => {
  it('a = 0 → w', () => {
    const s = score(row('0次', 400, n(0)));
    expect(s.scoreCp).toBe(400);
    expect(s.explanation.text).toBe('定量等于零（FASP2 selfequalindex）: 0 = 0 → 4.00');
    expect(s.ratio).toBeNull();
  });
  it('a > 0 → 0', () => {
    const s = score(row('0次', 400, n(2)));
    expect(s.scoreCp).toBe(0);
    expect(s.explanation.formula).toBe('2 ≠ 0 → 0.00');
    expect(s.over).toBe(false);
  });
});

describe('reverse with t = 0 (事故 ≤0: a = 0 → w, else 0)', () => {
  it('a = 0 → w', () => {
    const s = score(row('≤0起', 400, n(0)));
    expect(s.scoreCp).toBe(400);
    expect(s.explanation.formula).toBe('0 ≤ 0 → 4.00');
  });
  it('any accident → 0, under R2 as well', () => {
    expect(score(row('≤0起', 400, n(0.5))).scoreCp).toBe(0);
    expect(score(row('≤0起', 400, n(1)), ALT).scoreCp).toBe(0);
    expect(score(row('≤0起', 400, n(0)), ALT).scoreCp).toBe(400);
  });
});

describe('reverse R1 (default, FASP2 selfreverseindex)', () => {
  it('a ≤ t → w (on target and below)', () => {
    const on = score(row('≤20万元', 500, n(20)));
    expect(on.scoreCp).toBe(500);
    expect(on.ratio).toBe(1);
    expect(on.explanation.formula).toBe('20 ≤ 20 → 5.00');
    expect(score(row('≤20万元', 500, n(0))).scoreCp).toBe(500);
  });

  it('exactly 2×target → 0, and beyond', () => {
    const s = score(row('≤20万元', 500, n(40)));
    expect(s.scoreCp).toBe(0);
    expect(s.ratio).toBe(2);
    expect(s.explanation.formula).toBe('40 ≥ 2×20 → 0.00');
    expect(score(row('≤20万元', 500, n(55))).scoreCp).toBe(0);
  });

  it('linear in between: 30 → 2.50, 39.9 → 0.025 → 0.03 (tie up), 20.02 → 4.995 → 5.00', () => {
    expect(score(row('≤20万元', 500, n(30))).scoreCp).toBe(250);
    expect(score(row('≤20万元', 500, n(39.9))).scoreCp).toBe(3);
    expect(score(row('≤20万元', 500, n(20.02))).scoreCp).toBe(500);
    expect(score(row('≤20万元', 500, n(20.02))).explanation.formula).toBe('(1−(20.02−20)/20)×5.00 = 5.00');
  });

  it('[U] LT is scored like LE: a = t → w', () => {
    expect(score(row('<5次', 400, n(5))).scoreCp).toBe(400);
    expect(score(row('<5次', 400, n(6))).scoreCp).toBe(320);
  });

  it('an under-spent cost row is never flagged as over-achieved', () => {
    const s = score(row('≤20万元', 500, n(30)));
    expect(s.ratio).toBe(1.5);
    expect(s.over).toBe(false);
  });
});

describe('reverse R2 (alternative: 指标值/实际值 × w)', () => {
  it('a ≤ t → w', () => {
    const s = score(row('≤20万元', 500, n(20)), ALT);
    expect(s.scoreCp).toBe(500);
    expect(s.explanation.formula).toBe('20 ≤ 20 → 5.00');
    expect(score(row('≤20万元', 500, n(10)), ALT).scoreCp).toBe(500);
  });
  it('a > t → t/a × w, never 0: 40 → 2.50, 400 → 0.25', () => {
    expect(score(row('≤20万元', 500, n(40)), ALT).scoreCp).toBe(250);
    expect(score(row('≤20万元', 500, n(400)), ALT).scoreCp).toBe(25);
    expect(score(row('≤20万元', 500, n(400)), ALT).ratio).toBe(20);
  });
});

describe('RANGE ([U] inside = met; below a/min × w, above max/a × w)', () => {
  it('inside, including both bounds → w', () => {
    for (const a of [80, 85, 90]) expect(score(row('80%-90%', 400, n(a))).scoreCp).toBe(400);
    const s = score(row('80%-90%', 400, n(85)));
    expect(s.explanation.text).toBe('区间指标: 80 ≤ 85 ≤ 90 → 4.00');
    expect(score(row('80%-90%', 400, n(80))).explanation.formula).toBe('80 ≤ 80 ≤ 90 → 4.00');
    expect(score(row('80%-90%', 400, n(90))).explanation.formula).toBe('80 ≤ 90 ≤ 90 → 4.00');
    expect(s.ratio).toBeNull();
    expect(s.over).toBe(false);
  });
  it('below → a/min × w: 72 → 3.60', () => {
    const s = score(row('80%-90%', 400, n(72)));
    expect(s.scoreCp).toBe(360);
    expect(s.explanation.formula).toBe('72/80×4.00 = 3.60');
  });
  it('above → max/a × w: 95 → 3.79', () => {
    const s = score(row('80%-90%', 400, n(95)));
    expect(s.scoreCp).toBe(379);
    expect(s.explanation.formula).toBe('90/95×4.00 = 3.79');
  });
  it('a one-point range [80, 80] is met only at 80', () => {
    const point: TargetSpec = { op: 'RANGE', value: 80, max: 80, unit: '%' };
    expect(score(raw(point, 400, 80)).scoreCp).toBe(400);
    expect(score(raw(point, 400, 40)).scoreCp).toBe(200);
    expect(score(raw(point, 400, 160)).scoreCp).toBe(200);
  });
  it('a range starting at 0 is met by 0', () => {
    expect(score(raw({ op: 'RANGE', value: 0, max: 10, unit: '次' }, 400, 0)).scoreCp).toBe(400);
  });
});

describe('unusable numbers make the row invalid, never a made-up score', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['negative', -1],
  ])('actual %s → badActual', (_, value) => {
    const s = score(row('≥90%', 300, n(value)));
    expect(s.status).toBe('invalid');
    expect(s.problems).toEqual([{ code: 'badActual' }]);
    expect(s.ruleScoreCp).toBeNull();
    expect(s.scoreCp).toBeNull();
    expect(s.explanation.formula).toBe('无法计分');
  });

  it.each([
    ['no value', { op: 'GE', unit: '次' }],
    ['negative value', { op: 'GE', value: -5, unit: '次' }],
    ['NaN value', { op: 'LE', value: Number.NaN, unit: '次' }],
    ['range without max', { op: 'RANGE', value: 80, unit: '%' }],
    ['range with max < min', { op: 'RANGE', value: 90, max: 80, unit: '%' }],
    ['range with negative max', { op: 'RANGE', value: 0, max: -1, unit: '%' }],
  ] as [string, TargetSpec][])('target with %s → badTarget', (_, spec) => {
    const s = score(raw(spec, 300, 85));
    expect(s.status).toBe('invalid');
    expect(s.problems).toEqual([{ code: 'badTarget' }]);
  });

  it('a date or band actual on a numeric target → actualKind {expected: number}', () => {
    for (const actual of [done('2022-12-01'), band('achieved')]) {
      const s = score(row('≥90%', 300, actual));
      expect(s.status).toBe('invalid');
      expect(s.problems).toEqual([{ code: 'actualKind', params: { expected: 'number' } }]);
    }
  });
});
