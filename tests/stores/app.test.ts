import Dexie from 'dexie';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '@/stores/app';
import { db } from '@/db/database';
import { freshDb } from '../fixtures/db';
import { firstScreenRead } from '@/composables/firstScreen';

beforeEach(async () => {
  localStorage.clear();
  setActivePinia(createPinia());
  await freshDb();
});

describe('start-up', () => {
  it('the deferred start-up work waits for the database to open and the seed to load, as for a read', async () => {
    const app = useAppStore();
    let startedAfter = '';
    const started = app.start();
    // The router is ready at once: without start-up counting as a read, 10 quiet ms would pass during the seeding.
    await firstScreenRead(Promise.resolve(), { quietMs: 10, capMs: 30_000 }).then(() => (startedAfter = app.status));
    await started;
    expect(startedAfter).toBe('ready');
  });

  it('first run on an empty browser loads the sample and remembers that this browser has data', async () => {
    const app = useAppStore();
    await app.start();
    expect(app.status).toBe('ready');
    expect(await db().plans.count()).toBe(5);
    expect(localStorage.getItem('jixiao.hadData')).not.toBeNull();
  });

  it('an empty database in a browser that had data is not silently re-seeded', async () => {
    localStorage.setItem('jixiao.hadData', '2026-01-01T00:00:00Z');
    const app = useAppStore();
    await app.start();
    expect(app.dataMissing).toBe(true);
    expect(await db().plans.count()).toBe(0);
  });

  it('a newer version opened in another tab closes this one instead of blocking the upgrade', async () => {
    const app = useAppStore();
    await app.start();
    const current = db();
    // Another tab with a later schema version of the same database.
    const newer = new Dexie(current.name);
    newer.version(current.verno + 1).stores({ plans: 'id, unitId, year, seedKey, kind' });
    await newer.open(); // resolves only if this tab let go
    expect(app.closedByNewerVersion).toBe(true);
    expect(current.isOpen()).toBe(false);
    expect(await newer.table('plans').count()).toBe(5); // nothing lost in the upgrade
    newer.close();
  });
});

describe('start-up after the user deleted every plan', () => {
  it('is not mistaken for a cleared browser: no banner, no re-seed', async () => {
    const first = useAppStore();
    await first.start();
    await db().plans.clear(); // every plan deleted on purpose; the unit stays
    setActivePinia(createPinia());
    const again = useAppStore();
    await again.start();
    expect(again.dataMissing).toBe(false);
    expect(await db().plans.count()).toBe(0);
  });
});
