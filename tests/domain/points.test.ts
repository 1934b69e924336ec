import { describe, expect, it } from 'vitest';
import { formatPoints, parsePoints, splitEvenly } from '@/domain/points';

describe('points in centi-points', () => {
  it('splits evenly with the remainder on the first slots (domain.md §9)', () => {
    const split = splitEvenly(5000, 14);
    expect(split.slice(0, 2)).toEqual([358, 358]);
    expect(split.slice(2).every((w) => w === 357)).toBe(true);
    expect(split.reduce((a, b) => a + b)).toBe(5000);
    expect(splitEvenly(3000, 1)).toEqual([3000]);
    expect(splitEvenly(1000, 3)).toEqual([334, 333, 333]);
    expect(splitEvenly(1000, 0)).toEqual([]);
  });
  it('parses and formats two-decimal points', () => {
    expect(parsePoints('3.58')).toBe(358);
    expect(parsePoints('10')).toBe(1000);
    expect(parsePoints('３.５')).toBe(350);
    expect(parsePoints('3.585')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
    expect(parsePoints('abc')).toBeNull();
    expect(formatPoints(358)).toBe('3.58');
    expect(formatPoints(5000)).toBe('50.00');
    expect(formatPoints(5)).toBe('0.05');
  });
});
