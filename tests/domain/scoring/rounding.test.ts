import { describe, expect, it } from 'vitest';
import { denoise, mulDivHalfUp, num, percent, pts, roundHalfUpCp } from '@/domain/scoring/rounding';

describe('roundHalfUpCp (domain.md §9: half-up to 0.01 分 once)', () => {
  it('rounds a centi-point value to the nearest whole centi-point', () => {
    expect(roundHalfUpCp(322.2)).toBe(322);
    expect(roundHalfUpCp(322.49)).toBe(322);
    expect(roundHalfUpCp(322.51)).toBe(323);
    expect(roundHalfUpCp(944.4444)).toBe(944);
    expect(roundHalfUpCp(0)).toBe(0);
    expect(roundHalfUpCp(400)).toBe(400);
  });

  it('sends exact ties up: 322.5 → 323, 0.5 → 1, 87.5 → 88', () => {
    expect(roundHalfUpCp(322.5)).toBe(323);
    expect(roundHalfUpCp(0.5)).toBe(1);
    expect(roundHalfUpCp(87.5)).toBe(88);
  });

  it('kills float noise before rounding: 1.005 × 100 is a tie (→ 101), 0.7 × 350 is 245', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // the trap: 100.49999999999999
    expect(roundHalfUpCp(1.005 * 100)).toBe(101);
    expect(0.7 * 350).toBeLessThan(245);
    expect(roundHalfUpCp(0.7 * 350)).toBe(245);
    expect(roundHalfUpCp(0.3 * 358)).toBe(107); // 107.39999999999999
    expect(roundHalfUpCp(1.145 * 100)).toBe(115); // 114.49999999999999
  });

  it('rounds negatives half away from zero (BigDecimal HALF_UP) and never returns −0', () => {
    expect(roundHalfUpCp(-0.5)).toBe(-1);
    expect(roundHalfUpCp(-322.5)).toBe(-323);
    expect(roundHalfUpCp(-322.2)).toBe(-322);
    expect(Object.is(roundHalfUpCp(-0.4), 0)).toBe(true);
    expect(Object.is(roundHalfUpCp(-0), 0)).toBe(true);
  });
});

describe('mulDivHalfUp (exact integer a × b ÷ d)', () => {
  it('rounds the exact quotient half-up', () => {
    expect(mulDivHalfUp(7, 1, 2)).toBe(4);
    expect(mulDivHalfUp(1, 1, 3)).toBe(0);
    expect(mulDivHalfUp(2, 1, 3)).toBe(1);
    expect(mulDivHalfUp(5, 1, 10)).toBe(1);
    expect(mulDivHalfUp(14, 1, 10)).toBe(1);
    expect(mulDivHalfUp(15, 1, 10)).toBe(2);
    expect(mulDivHalfUp(355, 400, 365)).toBe(389);
    expect(mulDivHalfUp(0, 400, 365)).toBe(0);
  });

  it('is exact where floating point is not: 1,900,999,999,999 × 1000 ÷ 2×10¹² = 950.4999999995 → 950', () => {
    expect(roundHalfUpCp((1_900_999_999_999 * 1000) / 2e12)).toBe(951); // what float + denoise would say
    expect(mulDivHalfUp(1_900_999_999_999, 1000, 2e12)).toBe(950);
    expect(mulDivHalfUp(1_901_000_000_000, 1000, 2e12)).toBe(951); // the true tie
  });

  it('rounds a stray fraction away instead of throwing', () => {
    expect(mulDivHalfUp(6.6, 1, 2)).toBe(4); // 7 / 2
    expect(mulDivHalfUp(7, 1, 2.4)).toBe(4); // 7 / 2
  });
});

describe('formula helpers', () => {
  it('denoise keeps 12 significant digits', () => {
    expect(denoise(0.1 + 0.2)).toBe(0.3);
    expect(denoise(100.49999999999999)).toBe(100.5);
    expect(denoise(2 / 3)).toBe(0.666666666667);
  });
  it('num prints targets and actuals as written', () => {
    expect(num(720)).toBe('720');
    expect(num(18.6)).toBe('18.6');
    expect(num(0.1 + 0.2)).toBe('0.3');
  });
  it('pts prints points with two decimals; percent rounds to 0.01 %', () => {
    expect(pts(358)).toBe('3.58');
    expect(pts(0)).toBe('0.00');
    expect(percent(1_210_000_000 / 1_273_520_000)).toBe('95.01%');
    expect(percent(0.93005)).toBe('93.01%');
    expect(percent(0.8)).toBe('80.00%');
  });
});
