import Dexie from 'dexie';
import type { Table } from 'dexie';
import { implicitVersion, sameValue, type Dot } from '@/domain/merge/versions';
import { SYNCED_TABLES, changesOf, contentChanges, keyOf, openClashes, planMerge, type IncomingRecord, type MergeItem, type MergePlan, type SyncedTable } from '@/domain/merge/plan';
import type { Choice, Rec, RecordState } from '@/domain/merge/merge-record';
import type { ActivityEntry } from '@/domain/actuals/types';
import { db } from '../database';
import { nowIso } from '../clock';
import { markRaw } from '../versioning/middleware';
import { DEVICE_KEY, DEVICE_NAMES_KEY, type DeviceClock, type VersionRow } from '../versioning/rows';
import { checkIntegrity, type BackupProblem } from '../transfer/integrity';
import type { BackupData } from '../transfer/schema';
import { storedRow } from '../transfer/schema-versions';
import type { Bundle } from '../transfer/bundle-schema';
import { rebuildRollups } from './rollups';
import { MergeRefusedError } from '@/domain/errors';
import { audit } from './audit';
import type { AuditRecord } from '../records';

export { MergeRefusedError };

export interface MergePreview {
  plan: MergePlan;
  /** References the merged data would break (an entry of an indicator deleted on the other side, …) */
  problems: BackupProblem[];
  /** device id → name, this browser's and the bundle's, to say who changed a field */
  names: Record<string, string>;
  device: string;
}

export interface MergeSummary {
  taken: number;
  skipped: number;
  locked: number;
  clashesResolved: number;
}

type AnyTable = Table<Rec, string>;
const tableOf = (t: SyncedTable): AnyTable => db()[t] as unknown as AnyTable;

/** The bundle as incoming record states: each record with its version (legacy when it has none), and tombstones. */
export function incomingOf(bundle: Bundle): IncomingRecord[] {
  const versions = new Map(bundle.data.versions.map((r) => [keyOf(r.table, r.id), r]));
  const out: IncomingRecord[] = [];
  for (const table of SYNCED_TABLES) {
    for (const rec of bundle.data[table] as unknown as Rec[]) {
      const v = versions.get(keyOf(table, rec.id));
      out.push({ table, id: rec.id, state: { record: rec, version: v ? { vv: v.vv, f: v.f, origin: v.origin } : implicitVersion(rec.rev ?? 0) } });
    }
  }
  for (const v of bundle.data.versions) {
    if (v.deletedAt) out.push({ table: v.table, id: v.id, state: { record: null, version: { vv: v.vv, f: v.f, origin: v.origin }, deletedAt: v.deletedAt } });
  }
  return out;
}

/** This browser's states of the same records: the record with its version, a tombstone, or nothing. */
async function localStates(incoming: readonly IncomingRecord[]): Promise<Map<string, RecordState>> {
  const d = db();
  const out = new Map<string, RecordState>();
  const versions = await d.versions.bulkGet(incoming.map((i) => keyOf(i.table, i.id)));
  const vByKey = new Map(versions.filter((v): v is VersionRow => !!v).map((v) => [v.key, v]));
  for (const table of SYNCED_TABLES) {
    const ids = incoming.filter((i) => i.table === table).map((i) => i.id);
    if (!ids.length) continue;
    const rows = await tableOf(table).bulkGet(ids);
    ids.forEach((id, i) => {
      const rec = rows[i];
      const v = vByKey.get(keyOf(table, id));
      if (rec) out.set(keyOf(table, id), { record: rec, version: v && !v.deletedAt ? { vv: v.vv, f: v.f, origin: v.origin } : implicitVersion(rec.rev ?? 0) });
      else if (v?.deletedAt) out.set(keyOf(table, id), { record: null, version: { vv: v.vv, f: v.f, origin: v.origin }, deletedAt: v.deletedAt });
    });
  }
  return out;
}

async function deviceNow(): Promise<DeviceClock> {
  return ((await db().meta.get(DEVICE_KEY))?.value as DeviceClock | undefined) ?? { id: crypto.randomUUID().slice(0, 8), clock: 0 };
}

async function plan(bundle: Bundle, choices: ReadonlyMap<string, Choice>, dot: Dot): Promise<MergePlan> {
  const incoming = incomingOf(bundle);
  const local = await localStates(incoming);
  return planMerge(incoming, (t, id) => local.get(keyOf(t, id)), choices, dot);
}

/** What merging the bundle would do, before anything is written; call again with the user's choices. */
export async function previewMerge(bundle: Bundle, choices: ReadonlyMap<string, Choice> = new Map()): Promise<MergePreview> {
  const d = db();
  return d.transaction('r', [...SYNCED_TABLES.map(tableOf), d.versions, d.meta], async () => {
    const device = await deviceNow();
    const p = await plan(bundle, choices, [device.id, device.clock + 1]);
    const names = { ...bundle.devices, [bundle.from.device]: bundle.from.name, ...((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) };
    return { plan: p, problems: await mergedProblems(p), names, device: device.id };
  });
}

/** The plans the merge touches, as they would be after it, checked like a backup: nothing may point at nothing. */
async function mergedProblems(p: MergePlan): Promise<BackupProblem[]> {
  const changes = changesOf(p).filter(contentChanges);
  if (!changes.length) return [];
  const d = db();
  const planIds = new Set<string>();
  for (const c of changes) {
    if (c.table === 'plans') planIds.add(c.id);
    // The plan on both sides: a record moved to another plan leaves behind what pointed at it (children, entries).
    for (const r of [c.outcome.result?.record, c.local?.record] as ({ planId?: unknown } | null | undefined)[]) if (typeof r?.planId === 'string') planIds.add(r.planId);
    // A unit has no plan of its own, but its plans point at it: deleting it must be checked against them.
    if (c.table === 'units') for (const id of await d.plans.where('unitId').equals(c.id).primaryKeys()) planIds.add(id);
  }
  const ids = [...planIds];
  const data = {
    units: await d.units.toArray(),
    plans: await d.plans.bulkGet(ids).then((rows) => rows.filter((x) => !!x)),
    budgetLines: await d.budgetLines.where('planId').anyOf(ids).toArray(),
    indicators: await d.indicators.where('planId').anyOf(ids).toArray(),
    entries: await d.entries.where('planId').anyOf(ids).toArray(),
    spending: await d.spending.where('planId').anyOf(ids).toArray(),
    rounds: await d.rounds.where('planId').anyOf(ids).toArray(),
    evaluations: await d.evaluations.where('planId').anyOf(ids).toArray(),
  } as unknown as Record<SyncedTable, Rec[]>;
  for (const c of changes) {
    const rows = data[c.table];
    const at = rows.findIndex((r) => r.id === c.id);
    const next = c.outcome.result!.record;
    if (at >= 0) rows.splice(at, 1);
    if (next) rows.push(next);
  }
  return checkIntegrity({ ...data, audit: [], versions: [] } as unknown as BackupData).filter((x) => x.code === 'orphan' || x.code === 'rule');
}

/**
 * Writes the merge all-or-nothing: planned again inside the transaction (a record edited in another tab since the
 * preview is merged as it is now), refused while a clash is open or a reference would break, then every record
 * and version written, rollups rebuilt and the merge audited, in one transaction.
 */
export async function applyMerge(bundle: Bundle, choices: ReadonlyMap<string, Choice>): Promise<MergeSummary> {
  const d = db();
  return d.transaction('rw', [...SYNCED_TABLES.map(tableOf), d.versions, d.meta, d.rollups, d.audit], async () => {
    markRaw(Dexie.currentTransaction.idbtrans);
    const device = await deviceNow();
    const dot: Dot = [device.id, device.clock + 1];
    const p = await plan(bundle, choices, dot);
    if (openClashes(p).length) throw new MergeRefusedError('clashes');
    const problems = await mergedProblems(p);
    if (problems.length) throw new MergeRefusedError('problems', problems);
    const changes = changesOf(p);
    const now = nowIso();
    const indicatorsByPlan = new Map<string, Set<string>>();
    for (const c of changes) await writeOne(c, indicatorsByPlan);
    // A rollup belongs to the plan its indicator is in now: a merge can move an indicator with its entries.
    const touched = new Map<string, string>();
    for (const [planId, ids] of indicatorsByPlan) for (const id of ids) touched.set(id, planId);
    for (const [id, planId] of touched) await rebuildRollups((await d.indicators.get(id))?.planId ?? planId, [id]);
    const resolved = p.items.filter((i) => (i.outcome.kind === 'clash' || i.outcome.kind === 'deleteClash') && i.outcome.result).length;
    if (resolved) await d.meta.put({ key: DEVICE_KEY, value: { id: device.id, clock: dot[1] } });
    const names = { ...((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) };
    for (const [id, name] of Object.entries({ ...bundle.devices, [bundle.from.device]: bundle.from.name })) if (name && !names[id]) names[id] = name;
    await d.meta.put({ key: DEVICE_NAMES_KEY, value: names });
    const summary: MergeSummary = { taken: changes.filter(contentChanges).length, skipped: p.counts.identical + p.counts.local, locked: p.counts.locked, clashesResolved: resolved };
    await audit({ at: now, entity: 'bundle', entityId: bundle.sha256, action: 'merge', after: { from: bundle.from.name, device: bundle.from.device, exportedAt: bundle.exportedAt, ...summary, lockedWins: p.counts.lockedWins } });
    for (const c of changes.filter(contentChanges)) await auditOne(c, now);
    return summary;
  });
}

async function writeOne(c: MergeItem, indicatorsByPlan: Map<string, Set<string>>): Promise<void> {
  const d = db();
  const result = c.outcome.result!;
  const table = tableOf(c.table);
  const before = c.local?.record ?? null;
  // Only the version changes when the record is the same here (a colleague's copy of what this browser has);
  // a later updatedAt alone is still written, so both sides end with the same record.
  const differs = !before || !result.record || !sameValue({ ...result.record, rev: 0 }, { ...before, rev: 0 });
  if (differs && result.record) {
    // rev is this browser's edit counter: a change here moves it on, so an editor open on the old copy is told.
    await table.put({ ...result.record, rev: before ? (before.rev ?? 0) + 1 : (result.record.rev ?? 1) });
  } else if (!result.record && before) {
    await table.delete(c.id);
  }
  const planId = c.table === 'plans' ? c.id : ((result.record ?? before) as { planId?: string } | null)?.planId;
  await d.versions.put(storedRow({ table: c.table, id: c.id, ...(planId ? { planId } : {}), vv: result.version.vv, f: result.version.f as Record<string, [string, number]>, origin: result.version.origin as [string, number], ...(result.record ? {} : { deletedAt: result.deletedAt ?? nowIso() }) }));
  if (c.table === 'entries') {
    for (const e of [before, result.record] as (ActivityEntry | null)[]) {
      if (!e) continue;
      const set = indicatorsByPlan.get(e.planId) ?? new Set<string>();
      set.add(e.indicatorId);
      indicatorsByPlan.set(e.planId, set);
    }
  }
}

const ENTITY: Record<SyncedTable, AuditRecord['entity']> = { units: 'unit', plans: 'plan', budgetLines: 'budgetLine', indicators: 'indicator', entries: 'entry', spending: 'spending', rounds: 'round', evaluations: 'evaluation' };

async function auditOne(c: MergeItem, at: string): Promise<void> {
  const before = c.local?.record ?? null;
  const after = c.outcome.result!.record;
  const planId = c.table === 'plans' ? c.id : ((after ?? before) as { planId?: string } | null)?.planId;
  const changed = before && after ? Object.keys({ ...before, ...after }).filter((k) => k !== 'rev' && k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k])) : [];
  await audit({
    at,
    entity: ENTITY[c.table],
    entityId: c.id,
    ...(planId ? { planId } : {}),
    action: 'merge',
    ...(before ? { before: Object.fromEntries(changed.map((k) => [k, before[k]])) } : {}),
    after: after ? { outcome: c.outcome.kind, ...Object.fromEntries(changed.map((k) => [k, after[k]])) } : { outcome: c.outcome.kind, deleted: true },
  });
}
