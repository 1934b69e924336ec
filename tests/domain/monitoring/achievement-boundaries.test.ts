import { describe, expect, it } from 'vitest';
import {
  achievementOf,
  bandAchievement,
  deadlineAchievement,
  positiveAchievement,
  rangeAchievement,
  reverseAchievement,
} from '@/domain/monitoring/achievement';

/**
 * The 0..1 achievement behind the monitoring gauges and the per-一级 summaries (score ÷ weight by the §9 default rules),
 * at its boundaries: a target of 0, the target itself, twice a reverse cap, the ends of a range, the due day.
 */

describe('positiveAchievement (定量正向: a ≥ t → 1, else a ÷ t)', () => {
  it('720 of 800 → 0.9; the target itself and above → 1, never more; nothing → 0', () => {
    expect(positiveAchievement(720, 800)).toBe(0.9);
    expect(positiveAchievement(800, 800)).toBe(1);
    expect(positiveAchievement(1600, 800)).toBe(1);
    expect(positiveAchievement(0, 800)).toBe(0);
  });

  it('a target of 0 has no ratio: ≥0 is always met (GE is the default), >0 only by something', () => {
    expect(positiveAchievement(0, 0)).toBe(1);
    expect(positiveAchievement(3, 0)).toBe(1);
    expect(positiveAchievement(0, 0, false)).toBe(1);
    expect(positiveAchievement(0, 0, true)).toBe(0);
    expect(positiveAchievement(1, 0, true)).toBe(1);
  });

  it('GT above 0 is scored like GE (FASP2 signs 1 and 2): reaching the target is full', () => {
    expect(positiveAchievement(5, 5, true)).toBe(1);
    expect(positiveAchievement(4, 5, true)).toBe(0.8);
  });
});

describe('reverseAchievement (R1: 1 up to the cap, linear to 0 at twice the cap)', () => {
  it('at or under the cap → 1; 22 of ≤20 → 0.9; 30 → 0.5', () => {
    expect(reverseAchievement(0, 20)).toBe(1);
    expect(reverseAchievement(20, 20)).toBe(1);
    expect(reverseAchievement(22, 20)).toBeCloseTo(0.9, 12);
    expect(reverseAchievement(30, 20)).toBe(0.5);
  });

  it('twice the cap and beyond → 0, never below', () => {
    expect(reverseAchievement(40, 20)).toBe(0);
    expect(reverseAchievement(45, 20)).toBe(0);
    expect(reverseAchievement(1000, 20)).toBe(0);
  });

  it('a cap of 0 (事故 ≤0起): none → 1, any → 0', () => {
    expect(reverseAchievement(0, 0)).toBe(1);
    expect(reverseAchievement(1, 0)).toBe(0);
  });
});

describe('rangeAchievement (in range → 1; below → a ÷ min; above → max ÷ a)', () => {
  it('both ends of the range are inside', () => {
    expect(rangeAchievement(80, 80, 90)).toBe(1);
    expect(rangeAchievement(90, 80, 90)).toBe(1);
    expect(rangeAchievement(85, 80, 90)).toBe(1);
  });

  it('below: 72 of 80–90 → 0.9; above: 100 → 0.9', () => {
    expect(rangeAchievement(72, 80, 90)).toBe(0.9);
    expect(rangeAchievement(100, 80, 90)).toBe(0.9);
    expect(rangeAchievement(0, 80, 90)).toBe(0);
  });

  it('a range starting at 0 (0–5起): none is inside, not "nothing achieved"', () => {
    expect(rangeAchievement(0, 0, 5)).toBe(1);
    expect(rangeAchievement(10, 0, 5)).toBe(0.5);
  });
});

describe('deadlineAchievement (D1) and bandAchievement (三档 defaults)', () => {
  it('finished exactly on the due day is on time (1), a day later 部分达成 (0.7)', () => {
    expect(deadlineAchievement('2022-12-31', '2022-12-31', '2023-01-31')).toBe(1);
    expect(deadlineAchievement('2022-12-31', '2023-01-01', '2023-01-31')).toBe(0.7);
  });

  it('not done: undecided on the due day itself, 未达成 (0.3) the day after', () => {
    expect(deadlineAchievement('2022-12-31', undefined, '2022-12-31')).toBeNull();
    expect(deadlineAchievement('2022-12-31', undefined, '2023-01-01')).toBe(0.3);
  });

  it('bands: 达成 1, 部分达成 0.7, 未达成 0.3', () => {
    expect(bandAchievement('achieved')).toBe(1);
    expect(bandAchievement('partial')).toBe(0.7);
    expect(bandAchievement('notAchieved')).toBe(0.3);
  });
});

describe('achievementOf (Σ achievement × 分值 ÷ Σ 分值 over the rows that count)', () => {
  const item = (weightCp: number | null, achievement: number | null) => ({ weightCp, achievement });

  it('an achievement of 0 counts in full: it pulls the gauge down', () => {
    expect(achievementOf([item(100, 0), item(100, 1)])).toBe(0.5);
    expect(achievementOf([item(100, 0)])).toBe(0);
  });

  it('rows without points or with corrupt (negative) points neither help nor hurt', () => {
    expect(achievementOf([item(-100, 1), item(100, 0.5)])).toBe(0.5);
    expect(achievementOf([item(null, 1), item(0, 1), item(100, 0.5)])).toBe(0.5);
    expect(achievementOf([item(null, 1), item(0, 1)])).toBeNull();
  });

  it('undecided rows (a deadline not yet due) are left out, weight and all', () => {
    expect(achievementOf([item(400, null), item(100, 0.3)])).toBe(0.3);
  });
});
