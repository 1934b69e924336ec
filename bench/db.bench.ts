import 'fake-indexeddb/auto';
import { bench, describe } from 'vitest';
import { JixiaoDb, useDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry, listEntries, listRollups } from '@/db/repositories/entries';
import { loadSampleActivity } from '@/db/repositories/sample-activity';

// fake-indexeddb is far slower than Chromium's IndexedDB: read these as ratios between operations, not as
// absolute browser timings.
const db = new JixiaoDb(`bench-${Date.now()}`);
useDb(db);
await seedIfEmpty();
const plan = (await listPlans()).find((p) => p.kind === 'unit')!;
const leaf = (await listIndicators(plan.id)).find((n) => n.targetText === '不少于800人次')!;
await loadSampleActivity(plan.id, '2026-11-25');
let day = 0;

describe('activity log storage (fake-indexeddb)', () => {
  bench('addEntry (validate + entry + rollup day + audit, one transaction)', async () => {
    day = (day % 28) + 1;
    await addEntry(leaf.id, { date: `2022-05-${String(day).padStart(2, '0')}`, amount: 3, recordedBy: 'bench' });
  }, { iterations: 200 });
  bench('listRollups: what the dashboard reads', async () => {
    await listRollups(plan.id);
  }, { iterations: 200 });
  bench('listEntries: newest 50 of the plan', async () => {
    await listEntries(plan.id, { limit: 50 });
  }, { iterations: 50 });
});
