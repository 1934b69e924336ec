/**
 * Simulated browsers for the sync contract tests: each a JixiaoDb on fake-indexeddb with its own memory PouchDB
 * replica and a Bridge to the unit database over HTTP. App writes go through the repositories with useDb(); the
 * bridges work on their own database instances, so both run side by side in one process.
 */
import { JixiaoDb, useDb } from '@/db/database';
import { Bridge, type BridgeOptions, type BridgeStatus } from '@/sync/bridge';
import type { Pouch } from '@/sync/pouch';
import { memoryDb, remoteDb } from './pouchdb-client';
import type { Credentials } from '../../server/couchdb/setup.mjs';

let n = 0;

export interface Client {
  name: string;
  db: JixiaoDb;
  local: Pouch;
  bridge?: Bridge;
  status?: BridgeStatus;
  statuses: BridgeStatus[];
  connect(opts?: Partial<BridgeOptions>): Promise<Bridge>;
  disconnect(): Promise<void>;
  on<T>(f: () => Promise<T>): Promise<T>;
}

export async function client(name: string, dbUrl: string, unitId: string, user: Credentials): Promise<Client> {
  const db = new JixiaoDb(`sync-${name}-${Date.now()}-${++n}`);
  await db.open();
  const local = memoryDb(`replica-${name}-${Date.now()}-${n}`) as unknown as Pouch;
  const c: Client = {
    name, db, local, statuses: [],
    async connect(opts = {}) {
      const remote = remoteDb(dbUrl, user) as unknown as Pouch;
      const bridge = new Bridge({ db, local, remote, unitId, user: user.name, maxBackOff: 500, onStatus: (s) => { c.status = s; c.statuses.push(s); }, ...opts });
      c.bridge = bridge;
      await bridge.start();
      return bridge;
    },
    async disconnect() {
      await c.bridge?.stop();
      c.bridge = undefined;
    },
    on(f) {
      useDb(db);
      return f();
    },
  };
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until check() holds (polled), or fails with the last value. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 600)}`);
    await sleep(100);
    last = await read();
  }
  return last;
}

const TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'] as const;

/** The unit's synced records (rev, this device's edit counter, left out) and their versions. */
export async function dump(d: JixiaoDb, planIds?: readonly string[]): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows = (await d.table(t).toArray()) as { id: string; rev?: number; planId?: string }[];
    out[t] = rows
      .filter((r) => !planIds || t === 'units' || planIds.includes(t === 'plans' ? r.id : r.planId!))
      .map(({ rev: _rev, ...rest }) => rest)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  const versions = (await d.versions.toArray()).filter((v) => !planIds || !v.planId || planIds.includes(v.planId)).sort((a, b) => a.key.localeCompare(b.key));
  return JSON.stringify({ out, versions: versions.map((v) => ({ key: v.key, vv: v.vv, f: v.f, deletedAt: !!v.deletedAt })) });
}

/** Both bridges idle with empty outboxes and the same data. */
export async function converged(a: Client, b: Client, planIds?: readonly string[], timeoutMs = 30_000): Promise<void> {
  await until('convergence', async () => {
    await Promise.all([a.bridge?.idle(), b.bridge?.idle()]);
    const [oa, ob] = [await a.db.outbox.count(), await b.db.outbox.count()];
    const [da, db] = [await dump(a.db, planIds), await dump(b.db, planIds)];
    return { oa, ob, same: da === db, diff: da === db ? '' : firstDiff(da, db) };
  }, (v) => v.oa === 0 && v.ob === 0 && v.same, timeoutMs);
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `${a.slice(Math.max(0, i - 200), i + 100)} <> ${b.slice(Math.max(0, i - 200), i + 100)}`;
}
