import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators, updateIndicator, deleteIndicator } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { isQuotaError } from '@/db/errors';
import type { JixiaoDb } from '@/db/database';
import type { IndicatorNode } from '@/domain/model';

let d: JixiaoDb;
let nodes: IndicatorNode[];
let planId: string;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  nodes = await listIndicators(planId);
});

/** Makes the Nth write to a table fail the way a full disk does. */
function failNthCreate(table: 'audit' | 'entries' | 'rollups', n: number) {
  let count = 0;
  const hook = () => {
    count += 1;
    if (count === n) {
      const e = new Error('quota'); // what Dexie surfaces wraps this name
      e.name = 'QuotaExceededError';
      throw e;
    }
  };
  d[table].hook('creating', hook);
  return () => d[table].hook('creating').unsubscribe(hook);
}

const snapshot = async () => ({
  entries: await d.entries.toArray(),
  rollups: await d.rollups.toArray(),
  indicators: await d.indicators.toArray(),
  audit: await d.audit.count(),
});

describe('a failure in the middle of a multi-table write leaves nothing half-written', () => {
  it('entry + rollup + audit: the audit write fails → no entry, no rollup change', async () => {
    const leaf = nodes.find((n) => n.targetText === '不少于800人次')!;
    await addEntry(leaf.id, { date: '2022-03-01', amount: 10, recordedBy: 'a' });
    const before = await snapshot();
    const off = failNthCreate('audit', 1);
    const err = await addEntry(leaf.id, { date: '2022-03-01', amount: 5, recordedBy: 'a' }).catch((e: unknown) => e);
    off();
    expect(isQuotaError(err)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('sample load: the 50th entry fails → none of the sample is kept', async () => {
    const before = await snapshot();
    const off = failNthCreate('entries', 50);
    await expect(loadSampleActivity(planId, '2026-11-25')).rejects.toBeTruthy();
    off();
    expect(await snapshot()).toEqual(before);
    expect(await d.spending.count()).toBe(0);
  });

  it('deleting a group: a failing audit write keeps every row', async () => {
    const group = nodes.find((n) => n.level === 2 && n.name === '质量')!;
    const before = await snapshot();
    const off = failNthCreate('audit', 1);
    await expect(deleteIndicator(group.id)).rejects.toBeTruthy();
    off();
    expect(await snapshot()).toEqual(before);
  });

  it('an edit that fails is not half-applied and the revision does not move', async () => {
    const leaf = nodes.find((n) => n.level === 3)!;
    const off = failNthCreate('audit', 1);
    await expect(updateIndicator(leaf.id, { name: 'x' }, leaf.rev)).rejects.toBeTruthy();
    off();
    expect(await d.indicators.get(leaf.id)).toEqual(leaf);
  });
});
