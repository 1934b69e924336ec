/**
 * The bridge's side of Dexie: reading this device's record states, and writing merged states back with rollups and
 * audit kept right. Works on a given database instance (never the app-wide db()): the contract tests run two
 * "browsers" side by side in one process.
 */
import Dexie, { type Table } from 'dexie';
import { canonical, implicitVersion } from '@/domain/merge/versions';
import { keyOf, type SyncedTable } from '@/domain/merge/plan';
import type { Rec, RecordState } from '@/domain/merge/merge-record';
import type { ActivityEntry } from '@/domain/actuals/types';
import type { JixiaoDb } from '@/db/database';
import type { AuditRecord } from '@/db/records';
import type { SyncClashRow, VersionRow } from '@/db/versioning/rows';
import { markRaw, markSynced } from '@/db/versioning/middleware';
import { refreshRollups } from '@/db/repositories/rollups';
import { splitKey } from './docs';

export interface LocalInfo {
  key: string;
  table: SyncedTable;
  id: string;
  state?: RecordState;
  /** the version row as read, to notice an edit made while the bridge talked to PouchDB */
  stamp: string;
  inOutbox: boolean;
  syncRev?: string;
  planId?: string;
}

type AnyTable = Table<Rec, string>;
export const tableOf = (d: JixiaoDb, t: SyncedTable): AnyTable => d.table(t) as unknown as AnyTable;

const stampOf = (rec: Rec | undefined, v: VersionRow | undefined): string => canonical([rec ? { ...rec, rev: 0 } : null, v ?? null]);

function stateOf(rec: Rec | undefined, v: VersionRow | undefined): RecordState | undefined {
  if (rec) return { record: rec, version: v && !v.deletedAt ? { vv: v.vv, f: v.f, origin: v.origin } : implicitVersion(rec.rev ?? 0) };
  if (v?.deletedAt) return { record: null, version: { vv: v.vv, f: v.f, origin: v.origin }, deletedAt: v.deletedAt };
  return undefined;
}

export async function readLocal(d: JixiaoDb, keys: readonly string[]): Promise<Map<string, LocalInfo>> {
  const parsed = keys.map((k) => ({ key: k, ...splitKey(k)! })).filter((p) => p.table);
  return d.transaction('r', [d.versions, d.outbox, d.syncRevs, ...new Set(parsed.map((p) => tableOf(d, p.table)))], async () => {
    const ks = parsed.map((p) => p.key);
    // Every read at once (one bulk read per table): a first sync reconciles a million records 200 at a time, and a
    // round trip per record was most of each batch.
    const [versions, outbox, revs, recs] = await Promise.all([d.versions.bulkGet(ks), d.outbox.bulkGet(ks), d.syncRevs.bulkGet(ks), recordsOf(d, parsed)]);
    const out = new Map<string, LocalInfo>();
    for (let i = 0; i < parsed.length; i++) {
      const p = parsed[i]!;
      const rec = recs[i];
      const v = versions[i];
      const planId = p.table === 'plans' ? p.id : ((rec as { planId?: string } | undefined)?.planId ?? v?.planId);
      out.set(p.key, { key: p.key, table: p.table, id: p.id, state: stateOf(rec, v), stamp: stampOf(rec, v), inOutbox: !!outbox[i], syncRev: revs[i]?.rev, planId });
    }
    return out;
  });
}

/** The stored record of each (table, id), in order: one bulkGet per table. */
async function recordsOf(d: JixiaoDb, items: readonly { table: SyncedTable; id: string }[]): Promise<(Rec | undefined)[]> {
  const out: (Rec | undefined)[] = new Array(items.length);
  const byTable = new Map<SyncedTable, number[]>();
  items.forEach((it, i) => byTable.set(it.table, [...(byTable.get(it.table) ?? []), i]));
  await Promise.all(
    [...byTable].map(async ([table, at]) => {
      const recs = await tableOf(d, table).bulkGet(at.map((i) => items[i]!.id));
      at.forEach((i, j) => (out[i] = recs[j]));
    }),
  );
  return out;
}

/** Plan ids of the unit: what this database holds of the unit the server database is for. */
export async function unitPlanIds(d: JixiaoDb, unitId: string): Promise<Set<string>> {
  return new Set((await d.plans.where('unitId').equals(unitId).primaryKeys()) as string[]);
}

export function inUnit(info: LocalInfo, unitId: string, plans: ReadonlySet<string>): boolean {
  if (info.table === 'units') return info.id === unitId;
  if (info.table === 'plans') return !!info.state?.record && (info.state.record as { unitId?: string }).unitId === unitId ? true : plans.has(info.id);
  return !!info.planId && plans.has(info.planId);
}

export interface LocalWrite {
  info: LocalInfo;
  /** the state to store; absent: the record stays as it is */
  state?: RecordState;
  /** the server revision it is now in step with */
  rev?: string;
  clearOutbox?: boolean;
  /** a clash to keep, or null to drop a kept one */
  clash?: SyncClashRow | null;
  /** why the record changed, for the audit trail (absent: a plain pulled change) */
  note?: Record<string, unknown>;
}

const ENTITY: Record<SyncedTable, AuditRecord['entity']> = { units: 'unit', plans: 'plan', budgetLines: 'budgetLine', indicators: 'indicator', entries: 'entry', spending: 'spending', rounds: 'round', evaluations: 'evaluation' };

/**
 * A batch's writes, gathered per table and sent as one bulk request each. Not for speed alone: Dexie tells every live
 * query about each key a small write touched, and a query that does not overlap keeps those keys until it runs again —
 * a first sync of a million records grew that bookkeeping without end (most of the page's time, long tasks, memory).
 * A bulk write of 50 rows or more is announced as the whole table: the live queries that read it simply run again.
 */
class Gathered {
  readonly puts = new Map<SyncedTable, Rec[]>();
  readonly dels = new Map<SyncedTable, string[]>();
  readonly versions: VersionRow[] = [];
  readonly audit: AuditRecord[] = [];
  /** days of each indicator whose entries changed: recomputed from their entries once the entries are written */
  readonly touched = new Map<string, { planId: string; dates: Set<string> }>();

  add<T>(m: Map<SyncedTable, T[]>, t: SyncedTable, x: T): void {
    m.set(t, [...(m.get(t) ?? []), x]);
  }

  /** One record state: the record, its version row, the rollup days it moves, an audit row when `note` is given. */
  state(info: LocalInfo, rec: Rec | undefined, v: VersionRow | undefined, state: RecordState, now: string, note?: Record<string, unknown>): void {
    const next = state.record;
    if (next) this.add(this.puts, info.table, { ...next, rev: (rec?.rev ?? 0) + 1 });
    else if (rec) this.add(this.dels, info.table, info.id);
    const planId = info.table === 'plans' ? info.id : ((next ?? rec) as { planId?: string } | undefined)?.planId;
    if (next || rec || v) {
      this.versions.push({ key: info.key, table: info.table, id: info.id, ...(planId ? { planId } : {}), vv: state.version.vv, f: state.version.f as VersionRow['f'], origin: state.version.origin as VersionRow['origin'], ...(next ? {} : { deletedAt: state.deletedAt || now }) });
    }
    if (info.table === 'entries') {
      for (const e of [rec, next] as (ActivityEntry | null | undefined)[]) {
        if (!e) continue;
        const t = this.touched.get(e.indicatorId) ?? { planId: e.planId, dates: new Set<string>() };
        t.dates.add(e.date);
        this.touched.set(e.indicatorId, t);
      }
    }
    if (note) this.audit.push(auditRow(info, rec ?? null, next, now, note));
  }

  /** Records, then version rows and audit, then the rollup days of the entries written. */
  async write(d: JixiaoDb, now: string): Promise<void> {
    await Promise.all([
      ...[...this.puts].map(([t, rows]) => tableOf(d, t).bulkPut(rows)),
      ...[...this.dels].map(([t, ids]) => tableOf(d, t).bulkDelete(ids)),
      this.versions.length ? d.versions.bulkPut(this.versions) : undefined,
      this.audit.length ? d.audit.bulkAdd(this.audit) : undefined,
    ]);
    await refreshRollups(d, this.touched, now);
  }
}

/**
 * Writes what the server has into Dexie in one transaction, marked as synced (nothing goes back into the outbox). A
 * record edited here since it was read is left alone: its outbox row makes the bridge merge it again.
 * Returns the keys written.
 */
export async function writeLocal(d: JixiaoDb, writes: readonly LocalWrite[], now: string): Promise<string[]> {
  if (!writes.length) return [];
  const tables = [...new Set(writes.map((w) => tableOf(d, w.info.table)))];
  return d.transaction('rw', [...tables, d.versions, d.outbox, d.syncRevs, d.syncClashes, d.rollups, d.audit, d.entries, d.meta], async () => {
    markSynced(Dexie.currentTransaction.idbtrans);
    // Clash rows to drop are looked up first: almost every pulled record asks to drop one it never had, and a delete
    // is announced to the live queries key by key (200 keys a round, kept by every query that does not read clashes).
    const dropAsked = writes.filter((w) => w.clash === null).map((w) => w.info.key);
    const [recs, versions, clashRows] = await Promise.all([recordsOf(d, writes.map((w) => w.info)), d.versions.bulkGet(writes.map((w) => w.info.key)), d.syncClashes.bulkGet(dropAsked)]);
    const haveClash = new Set(clashRows.flatMap((r) => (r ? [r.key] : [])));
    const g = new Gathered();
    const revs: { key: string; rev: string }[] = [];
    const unqueue: string[] = [];
    const clashes: SyncClashRow[] = [];
    const unclash: string[] = [];
    let received = 0;
    const done: string[] = [];
    writes.forEach((w, i) => {
      const { info } = w;
      const rec = recs[i];
      const v = versions[i];
      if (stampOf(rec, v) !== info.stamp) return;
      if (w.state) {
        if (!rec && w.state.record && !w.note) received++;
        g.state(info, rec, v, w.state, now, !rec && !w.note ? undefined : w.note ?? {});
      }
      if (w.rev) revs.push({ key: info.key, rev: w.rev });
      // Not in the outbox when read, and not since (a local edit would have changed the stamp): nothing to clear.
      if (w.clearOutbox && info.inOutbox) unqueue.push(info.key);
      if (w.clash) clashes.push(w.clash);
      else if (w.clash === null && haveClash.has(info.key)) unclash.push(info.key);
      done.push(info.key);
    });
    if (received) g.audit.push({ id: crypto.randomUUID(), at: now, entity: 'sync', entityId: 'sync', action: 'merge', after: { sync: 'received', records: received } });
    await Promise.all([
      g.write(d, now),
      revs.length ? d.syncRevs.bulkPut(revs) : undefined,
      unqueue.length ? d.outbox.bulkDelete(unqueue) : undefined,
      clashes.length ? d.syncClashes.bulkPut(clashes) : undefined,
      unclash.length ? d.syncClashes.bulkDelete(unclash) : undefined,
    ]);
    return done;
  });
}

/**
 * A clash's resolution, inside the caller's raw (not synced) transaction: the version row write puts the record in
 * the outbox, so the choice travels like any local change.
 */
export async function writeLocalResolution(d: JixiaoDb, info: LocalInfo, state: RecordState, note: Record<string, unknown>): Promise<void> {
  const now = new Date().toISOString();
  const rec = await tableOf(d, info.table).get(info.id);
  const v = await d.versions.get(info.key);
  const g = new Gathered();
  g.state(info, rec, v, state, now, note);
  await g.write(d, now);
}

function auditRow(info: LocalInfo, before: Rec | null, after: Rec | null, at: string, note: Record<string, unknown>): AuditRecord {
  const changed = before && after ? Object.keys({ ...before, ...after }).filter((k) => k !== 'rev' && k !== 'updatedAt' && canonical(before[k]) !== canonical(after[k])) : [];
  const planId = info.table === 'plans' ? info.id : ((after ?? before) as { planId?: string } | null)?.planId;
  return {
    id: crypto.randomUUID(),
    at,
    entity: ENTITY[info.table],
    entityId: info.id,
    ...(planId ? { planId } : {}),
    action: 'merge',
    ...(before ? { before: before && after ? Object.fromEntries(changed.map((k) => [k, before[k]])) : { ...before } } : {}),
    after: { sync: note.resolved ? 'resolved' : note.refused ? 'refused' : 'received', ...note, ...(after ? Object.fromEntries(changed.map((k) => [k, after[k]])) : { deleted: true }) },
  };
}

/** Every record key of the unit, for the first push of a database. */
export async function unitKeys(d: JixiaoDb, unitId: string): Promise<string[]> {
  const plans = [...(await unitPlanIds(d, unitId))];
  const keys: string[] = [];
  if (await d.units.get(unitId)) keys.push(keyOf('units', unitId));
  for (const p of plans) keys.push(keyOf('plans', p));
  for (const t of ['budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'] as const) {
    const ids = (await tableOf(d, t).where('planId').anyOf(plans).primaryKeys()) as string[];
    for (const id of ids) keys.push(keyOf(t, id));
  }
  return keys;
}

/** Puts keys into the outbox (the first push of a database, or a push again after a restore). */
export async function enqueue(d: JixiaoDb, keys: readonly string[]): Promise<void> {
  const at = Date.now();
  for (let i = 0; i < keys.length; i += 2000) await d.outbox.bulkPut(keys.slice(i, i + 2000).map((key) => ({ key, at })));
}

export { markRaw };
