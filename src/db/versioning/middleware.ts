import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { bump, implicitVersion, join, type Dot } from '@/domain/merge/versions';
import { SYNCED_TABLES, keyOf, type SyncedTable } from '@/domain/merge/plan';
import { DEVICE_KEY, type DeviceClock, type VersionRow } from './rows';

/**
 * Keeps the version of every synced record in step with every write, whichever repository made it: a Dexie DBCore
 * middleware sees each add, put, delete and range delete, and writes the record's new version (or its tombstone)
 * in the same IndexedDB transaction, so a version can never disagree with the record it describes.
 *
 * Paths that write versions themselves (restore, merge) mark their transaction raw and pass straight through.
 */
const SYNCED: ReadonlySet<string> = new Set(SYNCED_TABLES);
const EXTRA = ['versions', 'meta', 'outbox'];
const raw = new WeakSet<object>();
const synced = new WeakSet<object>();

/** Marks a running transaction (Dexie's idbtrans) as writing versions itself. */
export function markRaw(trans: object): void {
  raw.add(trans);
}

/**
 * Marks a running transaction as applying what the sync server already has (issue #11): raw, and the version rows
 * it writes are not put in the sync outbox, so a pulled change never echoes back.
 */
export function markSynced(trans: object): void {
  raw.add(trans);
  synced.add(trans);
}

/**
 * Every version row written outside a sync transaction is a local change the sync outbox must carry: the ones this
 * middleware writes, and those raw paths (restore, bundle merge) write themselves. Same transaction, so a change is
 * never in the database without being in the outbox.
 */
function toOutbox(down: DBCore, trans: DBCoreTransaction, rows: readonly object[]): PromiseLike<unknown> {
  if (synced.has(trans) || !rows.length) return Dexie.Promise.resolve();
  const at = Date.now();
  return down.table('outbox').mutate({ trans, type: 'put', values: rows.map((r) => ({ key: (r as { key: string }).key, at })) });
}

/**
 * Raw transactions, and schema upgrades: an upgrade reshapes every device's rows alike (a format change, not an
 * edit), and runs before the versions table exists.
 */
const passThroughUpgrade = (trans: DBCoreTransaction): boolean => (trans as Partial<IDBTransaction>).mode === 'versionchange';
const passThrough = (trans: DBCoreTransaction): boolean => raw.has(trans) || passThroughUpgrade(trans);

type Row = Record<string, unknown> & { id: string; rev?: number; planId?: string };

export const versioningMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'jixiao-versioning',
  create(down) {
    return {
      ...down,
      // A read-write transaction over a synced table also needs the versions and the device clock in scope.
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.some((s) => SYNCED.has(s) || s === 'versions') ? [...new Set([...stores, ...EXTRA])] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name === 'versions') {
          return { ...table, mutate: (req) => (req.type === 'put' || req.type === 'add') && !passThroughUpgrade(req.trans) ? table.mutate(req).then((res) => toOutbox(down, req.trans, req.values as object[]).then(() => res)) : table.mutate(req) };
        }
        if (!SYNCED.has(name)) return table;
        return { ...table, mutate: (req) => (passThrough(req.trans) ? table.mutate(req) : versioned(down, table, req)) };
      },
    };
  },
};

// No async/await below: the lower middlewares (hooks, live queries) read Dexie's zone (PSD), which only Dexie's own
// promises carry from one step to the next. Every step is a .then() on a promise a lower DBCore returned.

/**
 * The device clock's ticks of each running transaction, chained: two synced writes pipelined in one transaction must
 * never draw the same tick, and its writes to meta must go out in tick order so the stored clock only goes up. No
 * other transaction can write meta while this one holds it, so counting on in memory from the first read is exact.
 */
const ticks = new WeakMap<object, PromiseLike<DeviceClock>>();

/** The next tick, and its write to meta (already issued, so the caller can wait for it beside its own writes). */
function tick(down: DBCore, trans: DBCoreTransaction): PromiseLike<[Dot, PromiseLike<unknown>]> {
  const meta = down.table('meta');
  const prev = ticks.get(trans) ?? meta.get({ trans, key: DEVICE_KEY }).then((row: { value?: DeviceClock } | undefined) => row?.value ?? { id: crypto.randomUUID().slice(0, 8), clock: 0 });
  const next = prev.then((c) => ({ id: c.id, clock: c.clock + 1 }));
  ticks.set(trans, next);
  return next.then((c) => [[c.id, c.clock], meta.mutate({ trans, type: 'put', values: [{ key: DEVICE_KEY, value: c }] })]);
}

/**
 * Requests are pipelined: everything a step needs is asked for at once, because each round trip to IndexedDB costs
 * a millisecond or more while the page waits, and a save is on the path from Enter to the gauge (issue #10).
 * IndexedDB runs a transaction's requests in the order they were made, so within one write the record's old value
 * and version are read before the record is written. A record that fails to write gets no version row; its tick is
 * spent anyway, which is harmless (the clock only has to go up). Two writes of the same record in flight at once in
 * one transaction are not ordered against each other here: no repository issues them.
 */
function versioned(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  const versions = down.table('versions');
  return affectedKeys(table, req).then((keys) => {
    if (!keys.length) return table.mutate(req);
    return Dexie.Promise.all([
      // An add succeeds only where nothing is stored (and writes no version row where it fails): no old value to read.
      (req.type === 'add' ? Dexie.Promise.resolve(keys.map(() => undefined)) : table.getMany({ trans, keys })) as PromiseLike<(Row | undefined)[]>,
      versions.getMany({ trans, keys: keys.map((k) => keyOf(table.name, String(k))) }) as PromiseLike<(VersionRow | undefined)[]>,
      tick(down, trans),
    ]).then(([before, prevRows, [dot, clockWritten]]) =>
      Dexie.Promise.all([table.mutate(req), clockWritten]).then(([res]) => {
        const rows = versionRows(table.name, req, keys, before, prevRows, res, dot);
        return rows.length ? Dexie.Promise.all([versions.mutate({ trans, type: 'put', values: rows }), toOutbox(down, trans, rows)]).then(() => res) : res;
      }),
    );
  });
}

function versionRows(table: string, req: DBCoreMutateRequest, keys: unknown[], before: (Row | undefined)[], prevRows: (VersionRow | undefined)[], res: DBCoreMutateResponse, dot: Dot): VersionRow[] {
  const now = new Date().toISOString();
  const rows: VersionRow[] = [];
  keys.forEach((key, i) => {
    if (res.failures[i]) return;
    const id = String(key);
    const old = before[i];
    const prevRow = prevRows[i];
    const prev = prevRow ?? (old ? implicitVersion(old.rev ?? 0) : undefined);
    const head = { key: keyOf(table, id), table: table as SyncedTable, id };
    if (req.type === 'delete' || req.type === 'deleteRange') {
      if (!old) return;
      const v = prev ?? implicitVersion(0);
      rows.push({ ...head, ...planOf(table, old), vv: join(v.vv, { [dot[0]]: dot[1] }), f: v.f, origin: v.origin, deletedAt: now });
      return;
    }
    const value = (req.values[i] ?? {}) as Row;
    // Written again after a deletion (undo): newer than the tombstone, every field stamped by this write.
    const v = bump(prev, old ?? (prevRow?.deletedAt ? {} : undefined), value, dot);
    rows.push({ ...head, ...planOf(table, value), vv: v.vv, f: v.f, origin: v.origin });
  });
  return rows;
}

function planOf(table: string, r: Row): { planId?: string } {
  const planId = table === 'plans' ? r.id : r.planId;
  return typeof planId === 'string' ? { planId } : {};
}

function affectedKeys(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put':
      return Dexie.Promise.resolve(req.keys ?? req.values.map((v) => (v as Row).id));
    case 'delete':
      return Dexie.Promise.resolve(req.keys);
    case 'deleteRange':
      return table.query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result);
  }
}
