import { describe, expect, it } from 'vitest';
import { latestSubmitted } from '@/domain/monitoring/round-types';

/** "The last submitted round" (taken by the dashboard, the self-evaluation and the forms), one rule for all of them. */
describe('latestSubmitted', () => {
  type R = { id: string; status: 'draft' | 'submitted' | 'superseded'; cutoff: string; submittedAt?: string };
  const r = (id: string, status: R['status'], cutoff: string, submittedAt?: string): R => ({ id, status, cutoff, ...(submittedAt ? { submittedAt } : {}) });

  it('none submitted → none', () => {
    expect(latestSubmitted([])).toBeUndefined();
    expect(latestSubmitted([r('d', 'draft', '2022-06-30'), r('s', 'superseded', '2022-06-30', '2022-07-01T00:00:00Z')])).toBeUndefined();
  });

  it('the latest cut-off wins, whenever it was submitted, in any order; drafts and superseded versions never count', () => {
    const rounds = [r('june', 'submitted', '2022-06-30', '2022-08-01T00:00:00Z'), r('july', 'submitted', '2022-07-31', '2022-07-31T00:00:00Z'), r('draft', 'draft', '2022-09-30'), r('old', 'superseded', '2022-08-31', '2022-09-01T00:00:00Z')];
    expect(latestSubmitted(rounds)?.id).toBe('july');
    expect(latestSubmitted([...rounds].reverse())?.id).toBe('july');
  });

  it('on the same cut-off, the one submitted last; a round without a submission time counts as earliest', () => {
    const a = r('a', 'submitted', '2022-06-30', '2022-07-02T00:00:00Z');
    const b = r('b', 'submitted', '2022-06-30', '2022-07-05T00:00:00Z');
    const c = r('c', 'submitted', '2022-06-30');
    expect(latestSubmitted([b, a, c])?.id).toBe('b');
    expect(latestSubmitted([c, b, a])?.id).toBe('b');
    expect(latestSubmitted([a, c])?.id).toBe('a');
    expect(latestSubmitted([c, a])?.id).toBe('a');
  });
});
