import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openWithCurrent, releasedFixture } from '../fixtures/released-schemas';
import { markRaw, markSynced } from '@/db/versioning/middleware';
import type { ActivityEntry } from '@/domain/actuals/types';

/**
 * The sync outbox (issue #11, Dexie v6): every write of a synced record puts its key in the outbox in the same
 * transaction; a sync transaction does not. And a v5 database (the released version before) opens with every row
 * kept and the three new tables empty.
 */

const T = '2022-03-01T08:00:00.000Z';
const entry: ActivityEntry = { id: 'e1', createdAt: T, updatedAt: T, rev: 2, planId: 'p1', indicatorId: 'i3', date: '2022-03-01', amount: 150, note: '', recordedBy: '张敏' };
const version = { key: 'entries:e1', table: 'entries', id: 'e1', planId: 'p1', vv: { dev1: 2 }, f: { amount: ['dev1', 2] }, origin: ['dev1', 1] };

const opened: Dexie[] = [];
afterEach(() => opened.splice(0).forEach((x) => x.close()));

function fixtureV5(): Promise<string> {
  return releasedFixture('outbox-v5', 5, async (old) => {
    await old.table('entries').add(entry);
    await old.table('versions').add(version);
    await old.table('meta').add({ key: 'device', value: { id: 'dev1', clock: 2 } });
  });
}


describe('a v5 database opened by the current version', () => {
  it('keeps every row; outbox, syncRevs and syncClashes exist and are empty', async () => {
    const d = await openWithCurrent(await fixtureV5(), opened);
    expect(d.verno).toBeGreaterThanOrEqual(6);
    expect(await d.entries.toArray()).toEqual([entry]);
    expect(await d.versions.toArray()).toEqual([version]);
    expect(await d.outbox.count()).toBe(0);
    expect(await d.syncRevs.count()).toBe(0);
    expect(await d.syncClashes.count()).toBe(0);
  });
});

describe('the outbox', () => {
  it('an edit and a delete put the record in the outbox', async () => {
    const d = await openWithCurrent(await fixtureV5(), opened);
    await d.entries.put({ ...entry, amount: 175, rev: 3 });
    expect((await d.outbox.toArray()).map((r) => r.key)).toEqual(['entries:e1']);
    await d.outbox.clear();
    await d.entries.delete('e1');
    expect((await d.outbox.toArray()).map((r) => r.key)).toEqual(['entries:e1']);
  });

  it('a failed transaction leaves no outbox row', async () => {
    const d = await openWithCurrent(await fixtureV5(), opened);
    await expect(d.transaction('rw', d.entries, async () => {
      await d.entries.put({ ...entry, amount: 1 });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await d.outbox.count()).toBe(0);
  });

  it('raw paths that write versions themselves (restore, bundle merge) enter the outbox; sync transactions do not', async () => {
    const d = await openWithCurrent(await fixtureV5(), opened);
    await d.transaction('rw', [d.entries, d.versions], async () => {
      markRaw(Dexie.currentTransaction.idbtrans);
      await d.entries.put({ ...entry, amount: 2 });
      await d.versions.put({ ...version, vv: { dev1: 3 } } as never);
    });
    expect(await d.outbox.count()).toBe(1);
    await d.outbox.clear();
    await d.transaction('rw', [d.entries, d.versions], async () => {
      markSynced(Dexie.currentTransaction.idbtrans);
      await d.entries.put({ ...entry, amount: 3 });
      await d.versions.put({ ...version, vv: { dev1: 4 } } as never);
    });
    expect(await d.outbox.count()).toBe(0);
  });
});
