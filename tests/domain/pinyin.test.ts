import { describe, expect, it } from 'vitest';
import { initials } from '@/domain/pinyin';

describe('pinyin initials for search', () => {
  it.each([
    ['宣传资料', 'xczl'],
    ['满意度', 'myd'],
    ['疗休养', 'lxy'],
    ['劳模', 'lm'],
    ['开展职工权益保障', 'kzzgqybz'],
    ['文体活动参与人次', 'wthdcyrc'],
    ['上解上级工会经费', 'sjsjghjf'],
    ['成本控制率', 'cbkzl'],
  ])('%s → %s', (text, expected) => {
    expect(initials(text)).toBe(expected);
  });
  it('keeps Latin letters and digits', () => {
    expect(initials('A类5项')).toBe('al5x');
  });
});
