import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry, deleteEntries } from '@/db/repositories/entries';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import { BACKUP_FORMAT_VERSION } from '@/db/transfer/schema';
import { DEVICE_KEY } from '@/db/versioning/rows';
import type { JixiaoDb } from '@/db/database';

/** Backup format 3 carries the versions and tombstones of schema v5; format 2 files restore with every record legacy. */

let d: JixiaoDb;
let deletedId: string;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  const node = (await listIndicators(plan.id)).find((n) => n.name.includes('人次'))!;
  await addEntry(node.id, { date: '2022-03-01', amount: 5, recordedBy: '张敏' });
  deletedId = (await addEntry(node.id, { date: '2022-03-02', amount: 6, recordedBy: '张敏' })).id;
  await deleteEntries([deletedId]);
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

describe('versions in backups', () => {
  it('a backup carries every version and tombstone without its key; restoring brings them back exactly', async () => {
    const b = await exportBackup();
    expect(b.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    const stored = await d.versions.toArray();
    expect(b.data.versions).toHaveLength(stored.length);
    expect(b.data.versions.some((r) => 'key' in r)).toBe(false);
    expect(b.data.versions.find((r) => r.id === deletedId)?.deletedAt).toBeTruthy();
    const device = await d.meta.get(DEVICE_KEY);

    await freshDb();
    const parsed = await parseBackup(serializeBackup(b));
    expect(parsed.ok).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    const fresh = (await import('@/db/database')).db();
    expect((await fresh.versions.toArray()).sort((x, y) => x.key.localeCompare(y.key))).toEqual(stored.sort((x, y) => x.key.localeCompare(y.key)));
    // The device clock is this browser's, never taken from a file: the fresh browser has none until it writes.
    expect(await fresh.meta.get(DEVICE_KEY)).toBeUndefined();
    expect(device).toBeDefined();
  });

  it('restoring a backup here keeps this browser’s device clock, so no dot is ever reused', async () => {
    const b = await exportBackup();
    const before = (await d.meta.get(DEVICE_KEY))!.value as { clock: number };
    await restoreBackup(b);
    expect(((await d.meta.get(DEVICE_KEY))!.value as { clock: number }).clock).toBe(before.clock);
  });

  it('a tombstone beside a record that is there, or a version of a record that is not, is refused', async () => {
    const b = await exportBackup();
    const live = b.data.versions.find((r) => !r.deletedAt)!;
    for (const data of [
      { ...b.data, versions: b.data.versions.map((r) => (r === live ? { ...r, deletedAt: '2022-03-03T00:00:00.000Z' } : r)) },
      { ...b.data, versions: [...b.data.versions, { ...live, id: 'nobody' }] },
      { ...b.data, versions: [...b.data.versions, live] },
    ]) {
      const file = { ...b, counts: { ...b.counts, versions: data.versions.length }, data, sha256: await sha256(JSON.stringify(data)) };
      const out = await parseBackup(JSON.stringify(file));
      expect(out.ok).toBe(false);
      expect((out as { problems: { where: string }[] }).problems[0]!.where).toMatch(/^data\.versions\[\d+\]/);
    }
  });

  it('a format 2 file (no versions) still restores, its records legacy', async () => {
    const b = await exportBackup();
    const { versions: _v, ...data } = b.data;
    const { versions: _c, ...counts } = b.counts;
    const file = { ...b, formatVersion: 2, counts, data, sha256: await sha256(JSON.stringify(data)) };
    const out = await parseBackup(JSON.stringify(file));
    expect(out.ok).toBe(true);
    await restoreBackup((out as { backup: Backup }).backup);
    expect(await d.versions.count()).toBe(0);
    expect(await d.entries.count()).toBe(b.data.entries.length);
  });
});
