import { describe, expect, it } from 'vitest';
import { formatMoney, formatWan, formatYuan, parseWanToFen, parseYuanToFen, sumFen, wan } from '@/domain/money';

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

describe('元 amounts', () => {
  it('parse to exact fen, with or without the unit', () => {
    expect(parseYuanToFen('1,500.50')).toBe(150_050);
    expect(parseYuanToFen('1500.5元')).toBe(150_050);
    expect(parseYuanToFen('３０元')).toBe(3_000);
  });
  it('refuse another unit and fractions of a fen instead of silently rescaling', () => {
    expect(parseYuanToFen('1500万元')).toBeNull();
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseWanToFen('1.0000001')).toBeNull();
  });
  it('format in the unit of the target', () => {
    expect(formatYuan(150_050)).toBe('1,500.50');
    expect(formatMoney(150_050, '元')).toBe('1,500.50元');
    expect(formatMoney(9_000_000, '万元')).toBe('9.00万元');
  });
});
