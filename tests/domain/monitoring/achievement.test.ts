import { describe, expect, it } from 'vitest';
import { deadlineAchievement, deadlineOutcome, type DeadlineOutcome } from '@/domain/monitoring/achievement';

/** The one place that decides a deadline (时效指标 "2022年6月30日前"), and its D1 score share (domain.md §4.7). */
describe('deadlineOutcome', () => {
  it.each<[string | undefined, string, DeadlineOutcome, number | null]>([
    ['2022-06-20', '2022-07-31', 'onTime', 1],
    ['2022-06-30', '2022-07-31', 'onTime', 1], // "…前" means by: the due day itself is on time
    ['2022-07-01', '2022-07-31', 'late', 0.7],
    [undefined, '2022-06-15', 'pending', null],
    [undefined, '2022-06-30', 'pending', null], // due today, not yet missed
    [undefined, '2022-07-01', 'missed', 0.3],
    // Done before the cut-off but judged by the due date, not by when it is asked.
    ['2022-06-20', '2022-06-25', 'onTime', 1],
  ])('done %s, asked on %s → %s', (done, asOf, outcome, share) => {
    expect(deadlineOutcome('2022-06-30', done, asOf)).toBe(outcome);
    expect(deadlineAchievement('2022-06-30', done, asOf)).toBe(share);
  });
});
