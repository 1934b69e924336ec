// @vitest-environment node
/**
 * Signing in with a CouchDB session cookie (POST /_session; the password is used once, never stored), finding the
 * database's unit, and a bridge running on the cookie alone. Also the figure of a first sync of a bigger unit.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, signIn, unitOf } from '@/sync/session';
import { Bridge, type BridgeStatus } from '@/sync/bridge';
import type { Pouch } from '@/sync/pouch';
import { seedIfEmpty } from '@/db/repositories/seed';
import type { ActivityEntry } from '@/domain/actuals/types';
import { setupUnit, startServer, type TestServer, type TestUnit } from './server-harness';
import { client, until } from './bridge-harness';

let server: TestServer;
let unit: TestUnit;
let other: TestUnit;
const UNIT = 'sample-1-0001';

beforeAll(async () => {
  server = await startServer();
  unit = await setupUnit(server, { unitId: UNIT, users: ['alice', 'bob'] });
  other = await setupUnit(server, { users: ['carol'] });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

/** A fetch with a cookie jar of one cookie, as a browser keeps AuthSession. */
function cookieFetch() {
  let cookie = '';
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const res = await fetch(url, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
}

interface PouchStatic {
  new (name: string, opts?: Record<string, unknown>): Pouch;
}
const require = createRequire(import.meta.url);
// The plugins are registered once per process, by ./pouchdb-client (imported through ./bridge-harness).
const PouchDB = require('pouchdb-core') as PouchStatic;

describe('session', () => {
  it('a wrong password is refused; a member signs in and reads the unit of the database', async () => {
    const f = cookieFetch();
    expect(await signIn(server.url, unit.users.alice!.name, 'wrong', f)).toEqual({ ok: false, reason: 'unauthorized' });
    expect(await unitOf(server.url, unit.db, f)).toMatchObject({ ok: false });
    expect((await signIn(server.url, unit.users.alice!.name, unit.users.alice!.password, f)).ok).toBe(true);
    expect(await unitOf(server.url, unit.db, f)).toEqual({ ok: true, unitId: UNIT });
  });

  it('a user of another unit signs in but is refused the database', async () => {
    const f = cookieFetch();
    expect((await signIn(server.url, other.users.carol!.name, other.users.carol!.password, f)).ok).toBe(true);
    const res = await unitOf(server.url, unit.db, f);
    expect(res.ok).toBe(false);
    expect(['unauthorized', 'notMember']).toContain(!res.ok && res.reason);
  });

  it('an unreachable server is told as such', async () => {
    expect(await signIn('http://127.0.0.1:1', 'x', 'y')).toEqual({ ok: false, reason: 'network' });
  });
});

describe('a first sync of a bigger unit, on the session cookie alone', () => {
  it('shows progress while it runs and carries every record', async () => {
    const N = Number(process.env.SYNC_FIRST_N ?? 300);
    const a = await client('big-a', unit.dbUrl, UNIT, unit.users.alice!);
    await a.on(seedIfEmpty);
    const plan = (await a.db.plans.where('unitId').equals(UNIT).first())!;
    const leaf = (await a.db.indicators.where('planId').equals(plan.id).filter((x) => x.level === 3).first())!;
    const T = '2022-05-01T08:00:00.000Z';
    const rows: ActivityEntry[] = Array.from({ length: N }, (_, i) => ({ id: `big-${i}`, createdAt: T, updatedAt: T, rev: 1, planId: plan.id, indicatorId: leaf.id, date: '2022-05-01', amount: 1, note: '', recordedBy: 'A' }));
    await a.db.entries.bulkAdd(rows);
    await a.connect();
    await until('a pushed', async () => (await a.bridge!.idle(), a.db.outbox.count()), (n) => n === 0, 60_000);

    const b = await client('big-b', unit.dbUrl, UNIT, unit.users.bob!);
    const f = cookieFetch();
    expect((await signIn(server.url, unit.users.bob!.name, unit.users.bob!.password, f)).ok).toBe(true);
    const remote = new PouchDB(databaseUrl(server.url, unit.db), { skip_setup: true, fetch: f });
    const statuses: BridgeStatus[] = [];
    const started = Date.now();
    const bridge = new Bridge({ db: b.db, local: b.local, remote, unitId: UNIT, user: unit.users.bob!.name, onStatus: (s) => statuses.push(s) });
    await bridge.start();
    await until('b has every entry', () => b.db.entries.count(), (n) => n === N, 90_000);
    const ms = Date.now() - started;
    const docs = (await b.local.info()).doc_count;
    console.log(`first sync: ${docs} docs (${N} entries) into fake-indexeddb in ${(ms / 1000).toFixed(1)} s`);
    expect(statuses.some((s) => s.phase === 'syncing' && s.toPull > 0)).toBe(true);
    await bridge.idle();
    expect(bridge.status.received).toBeGreaterThanOrEqual(N);
    expect((await b.db.rollups.get(leaf.id))!.days['2022-05-01']!.amount).toBe(N);
    await bridge.stop();
    await a.disconnect();
    a.db.close();
    b.db.close();
  }, 120_000);
});
