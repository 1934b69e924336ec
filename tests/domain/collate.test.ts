import { describe, expect, it } from 'vitest';
import { compareZh } from '@/domain/collate';

describe('compareZh', () => {
  it('orders Chinese names by pinyin, as localeCompare with zh-CN does', () => {
    const names = ['深圳市盐田区总工会', '北京', '上海', '安徽', '职工服务项目', '疗休养项目'];
    expect([...names].sort(compareZh)).toEqual(['安徽', '北京', '疗休养项目', '上海', '深圳市盐田区总工会', '职工服务项目']);
    expect([...names].sort(compareZh)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});
