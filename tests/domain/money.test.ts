import { describe, expect, it } from 'vitest';
import { formatWan, parseWanToFen, sumFen, wan } from '@/domain/money';

describe('money in fen, shown in 万元', () => {
  it('parses 万元 as written, without floating point', () => {
    expect(parseWanToFen('1,273.52')).toBe(1_273_520_000);
    expect(parseWanToFen('770.56')).toBe(770_560_000);
    expect(parseWanToFen('１２７３．５２')).toBe(1_273_520_000);
    expect(parseWanToFen('0.000001')).toBe(1);
    expect(parseWanToFen('20万元')).toBe(20_000_000);
    expect(parseWanToFen('-3.5')).toBe(-3_500_000);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', 'NaN', '1.2.3', '12.3456789', 'abc', '1,2']) expect(parseWanToFen(bad)).toBeNull();
  });
  it('sums exactly where floating point would drift', () => {
    // 445.96 + 20 + 22 + 15 + 770.56 in floating point is 1273.5200000000002
    const total = sumFen(['445.96', '20.00', '22.00', '15.00', '770.56'].map(wan));
    expect(formatWan(total)).toBe('1,273.52');
  });
  it('formats with two decimals, thousands separators, and half-up rounding', () => {
    expect(formatWan(0)).toBe('0.00');
    expect(formatWan(12_735_250)).toBe('12.74'); // 12.73525 → half-up
    expect(formatWan(12_734_999)).toBe('12.73');
    expect(formatWan(10_050_000)).toBe('10.05'); // the (1.005).toFixed(2) trap
    expect(formatWan(-5_000_000)).toBe('-5.00');
    expect(formatWan(1_234_567_890_000)).toBe('1,234,567.89');
  });
});
