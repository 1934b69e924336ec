import { describe, expect, it } from 'vitest';
import { scoreIndicator } from '@/domain/scoring/indicator';
import type { IndicatorScoreInput } from '@/domain/scoring/types';
import { ALT, CTX, DEFAULT, done } from './fixtures';

/** A date target whose stored due date is not a real day cannot be scored under either date rule (noDueDate). */
describe('a malformed due date', () => {
  const input = (): IndicatorScoreInput => ({ id: 'd', name: '完成时间', level1: '产出', level2: '时效', target: { op: 'DATE_BY', date: '2022-02-30', unit: '' }, weightCp: 400, actual: done('2022-03-01') });

  it.each([
    ['D1', DEFAULT],
    ['D2', ALT],
  ] as const)('%s → invalid, noDueDate, no score', (_rule, rules) => {
    const s = scoreIndicator(input(), rules, CTX);
    expect(s).toMatchObject({ status: 'invalid', scoreCp: null, ruleScoreCp: null });
    expect(s.problems).toEqual([{ code: 'noDueDate' }]);
  });
});
