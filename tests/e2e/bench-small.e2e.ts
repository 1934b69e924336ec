import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { SCRATCH } from './browser';
import { districtFile } from '../../bench/browser/generate.mjs';
import { runOnce } from '../../bench/browser/measure.mjs';

const baseUrl = inject('baseUrl');

/**
 * The browser benchmark of issue #10 (bench/browser/, `npm run bench:browser`) at a small size — 2 units, 10 plans,
 * 10,000 entries — so it cannot rot: every step runs through the real UI and gives a sane figure. The targets are
 * judged at full size, by hand; here only that the benchmark works and the restore behaves as designed.
 */
describe('browser benchmark, small district', () => {
  it('loads the district through restore with its progress bar and measures every step', async () => {
    const file = await districtFile({ units: 2, entries: 10_000, out: join(SCRATCH, 'bench-small.json') });
    const run = await runOnce({ baseUrl, file });
    expect(run.pageErrors).toEqual([]);
    const { bulkLoad, readyAfterReload, entryToGauge, entryListFirstPage, entryListLastPage, switchPlan, scoreOnePlan, districtSummary } = run.steps;
    // Every step measured (a step that gave up is recorded as null: the district once did, on a premature commit).
    for (const [name, s] of Object.entries({ bulkLoad, readyAfterReload, entryToGauge, entryListFirstPage, entryListLastPage, switchPlan, scoreOnePlan, districtSummary })) {
      expect(s!.ms, name).toBeGreaterThan(0);
      expect(s!.ms, name).toBeLessThan(60_000);
      expect(s!.longestTaskMs, name).toBeGreaterThanOrEqual(0);
    }
    // The restore reported its progress, and it went all the way.
    expect(bulkLoad!.progressUpdates).toBeGreaterThan(0);
    expect(bulkLoad!.progressMax).toBeGreaterThan(0);
    // 500 entries of the indicator: a first page, then "more" until the last.
    expect(entryListLastPage!.pages).toBeGreaterThan(1);
    expect(run.rawWriteMs).toBeGreaterThan(0);
    expect(Number.isFinite(run.bulkLoadRatio)).toBe(true);
    expect(run.heapAfterLoadMb).toBeGreaterThan(1);
  }, 300_000);
});
