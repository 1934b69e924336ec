// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { districtSummary } from '@/domain/district/summary';
import { generateDistrict } from '../../fixtures/district';

/**
 * Prints how long the district summary of 1,000 generated plans takes: the median of 5 runs after a warm-up (issue #10
 * asks ≤ 200 ms on an idle machine). Nothing tight is asserted: a busy machine would make it flaky.
 */
describe('district summary timing', () => {
  it('prints the median of 5 runs over 1,000 plans', () => {
    const district = generateDistrict(100, 10);
    districtSummary(district, '2023-03-01');
    districtSummary(district, '2022-06-30');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const rows = districtSummary(district, i % 2 ? '2022-06-30' : '2023-03-01');
      times.push(performance.now() - t0);
      expect(rows).toHaveLength(1000);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.info(`district summary of 1,000 plans: median of 5 ${sorted[2]!.toFixed(1)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')})`);
  }, 60_000);
});
