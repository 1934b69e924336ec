import { describe, expect, inject, it } from 'vitest';
import { measureFirstSync } from '../../bench/sync/first-sync.mjs';

const distDir = inject('distDir');

/**
 * The first-sync benchmark of issue #11 (bench/sync/, `npm run bench:sync`) at a small size — one unit of 4 plans
 * and 4,000 entries on pouchdb-server — so it cannot rot: a fresh profile signs in on the Data page, the status
 * reaches "up to date", and every record of the unit is in its IndexedDB. The full size is measured by hand.
 */
describe('first sync benchmark, small unit', () => {
  it('a fresh profile pulls the whole unit and says up to date', async () => {
    const fig = await measureFirstSync({ plans: 4, entries: 4000, distDir, timeoutS: 240 });
    expect(fig.size.documents).toBeGreaterThan(4000);
    expect(fig.counts).toEqual(fig.expected);
    expect(fig.expected.entries).toBeGreaterThanOrEqual(4000);
    expect(fig.firstSyncMs).toBeGreaterThan(0);
    expect(fig.samples.at(-1)!.phase).toBe('upToDate');
  }, 300_000);
});
