import { describe, expect, it } from 'vitest';
import { scoreBudget, wanText } from '@/domain/scoring/budget';
import { wan } from '@/domain/money';
import { DEFAULT, PLATFORM } from './fixtures';

const budget = (fullWan: string, executedWan: string, weightCp = 1000) =>
  scoreBudget({ initialFen: wan(fullWan), fullFen: wan(fullWan), executedFen: wan(executedWan), weightCp }, DEFAULT);

describe('scoreBudget (domain.md §4.5: min(全年执行数/全年预算数, 100%) × w)', () => {
  it('seed: 1,210.00 of 1,273.52 万元 = 95.01% → 9.50', () => {
    const b = budget('1273.52', '1210.00');
    expect(b.scoreCp).toBe(950);
    expect(b.weightCp).toBe(1000);
    expect(b.rate).toBeCloseTo(0.950122, 6);
    expect(b.explanation.text).toBe('预算执行率: 1,210.00/1,273.52×10.00 = 9.50');
  });

  it('scores against the adjusted 全年预算数, not the 年初 budget', () => {
    const b = scoreBudget({ initialFen: wan('10'), fullFen: wan('20'), executedFen: wan('18.6'), weightCp: 1000 }, DEFAULT);
    expect(b.scoreCp).toBe(930);
  });

  it('exactly 100% and above → w, never more', () => {
    const on = budget('20', '20');
    expect(on.scoreCp).toBe(1000);
    expect(on.rate).toBe(1);
    expect(on.explanation.formula).toBe('20.00 ≥ 20.00 → 10.00');
    const above = budget('1273.52', '1300');
    expect(above.scoreCp).toBe(1000);
    expect(above.rate).toBeGreaterThan(1);
    expect(above.explanation.text).toBe('预算执行率: 1,300.00 ≥ 1,273.52 → 10.00');
  });

  it('just under 100% rounds half-up: 99.95% → 9.995 → 10.00, 99.949% → 9.99', () => {
    expect(budget('100', '99.95').scoreCp).toBe(1000);
    expect(budget('100', '99.95').explanation.formula).toBe('99.95/100.00×10.00 = 10.00');
    expect(budget('100', '99.949').scoreCp).toBe(999);
    // Printed to 0.01 万元 this would read 99.95 and be redone by hand as 10.00: finer amounts keep their digits.
    expect(budget('100', '99.949').explanation.formula).toBe('99.949/100.00×10.00 = 9.99');
  });

  it('wanText: 2 decimals, more only when the fen need them', () => {
    expect(wanText(1_210_000_000)).toBe('1,210.00');
    expect(wanText(99_949_000)).toBe('99.949');
    expect(wanText(99_949_900)).toBe('99.9499');
    expect(wanText(99_949_990)).toBe('99.94999');
    expect(wanText(99_949_991)).toBe('99.949991');
    expect(wanText(1)).toBe('0.000001');
    expect(wanText(0)).toBe('0.00');
  });

  it('is exact on huge budgets where floating point would round a near-tie the wrong way', () => {
    const b = scoreBudget({ initialFen: 2e12, fullFen: 2e12, executedFen: 1_900_999_999_999, weightCp: 1000 }, DEFAULT);
    expect(b.scoreCp).toBe(950);
  });

  it('nothing executed → 0; a net refund counts as nothing executed', () => {
    expect(budget('20', '0').scoreCp).toBe(0);
    const refund = scoreBudget({ initialFen: wan('20'), fullFen: wan('20'), executedFen: -wan('1'), weightCp: 1000 }, DEFAULT);
    expect(refund.scoreCp).toBe(0);
    expect(refund.rate).toBe(0);
    expect(refund.explanation.formula).toBe('0.00/20.00×10.00 = 0.00');
  });

  it('no budget (全年预算数 0 or less) → no rate, score 0', () => {
    for (const fullFen of [0, -5]) {
      const b = scoreBudget({ initialFen: 0, fullFen, executedFen: 100, weightCp: 1000 }, DEFAULT);
      expect(b.rate).toBeNull();
      expect(b.scoreCp).toBe(0);
      expect(b.explanation.text).toBe('预算执行率: 全年预算数为0 → 0.00');
    }
  });

  it('uses the weight given (Sichuan-style forms weight it differently)', () => {
    expect(budget('20', '18.6', 2000).scoreCp).toBe(1860);
    expect(budget('20', '18.6', 0).scoreCp).toBe(0);
  });

  it('scores the same in every profile (the 一体化 cap is applied to the total, not here)', () => {
    const input = { initialFen: wan('20'), fullFen: wan('20'), executedFen: wan('10'), weightCp: 1000 };
    expect(scoreBudget(input, PLATFORM)).toEqual(scoreBudget(input, DEFAULT));
    expect(scoreBudget(input, PLATFORM).scoreCp).toBe(500);
  });
});
