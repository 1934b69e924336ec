import type { Id, IndicatorNode, Plan } from '@/domain/model';
import type { ActivityEntry, EntryFilter, IndicatorRollup } from '@/domain/actuals/types';
import { withDays } from '@/domain/actuals/aggregate';
import { refreshRollupDays, writeRollup } from './rollups';
import { entryFieldsFor, measureOf, validateEntry, type EntryInput } from '@/domain/actuals/measure';
import { db } from '../database';
import { nativeIndex } from '../native';
import { newId, nowIso } from '../clock';
import { ConflictError, EntryInvalidError, NotFoundError } from '../errors';
import { audit } from './audit';

function tables() {
  const d = db();
  return [d.entries, d.rollups, d.indicators, d.plans, d.audit] as const;
}

/** Keeps only the fields of the indicator's measure, so a stale form field cannot leak into sums later. */
function clean(input: EntryInput, node: IndicatorNode): Partial<ActivityEntry> {
  const out: Partial<ActivityEntry> = { date: input.date, note: (input.note ?? '').trim(), recordedBy: input.recordedBy.trim() };
  for (const k of entryFieldsFor(measureOf(node), node.target)) {
    if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
  }
  return out;
}

/** The indicator and its plan as read, checked: a 三级 indicator, and the entry valid for its measure and year. */
function checked(indicatorId: Id, node: IndicatorNode | undefined, plan: Plan | undefined, input: EntryInput): IndicatorNode {
  if (!node || node.level !== 3) throw new NotFoundError(indicatorId);
  if (!plan) throw new NotFoundError(node.planId);
  const errors = validateEntry(input, { year: plan.year, measure: measureOf(node), target: node.target });
  if (errors.length) throw new EntryInvalidError(errors);
  return node;
}

async function validated(indicatorId: Id, input: EntryInput): Promise<IndicatorNode> {
  const d = db();
  const node = await d.indicators.get(indicatorId);
  return checked(indicatorId, node, node && (await d.plans.get(node.planId)), input);
}

/** Recomputes one indicator's bucket for one day from its entries; the rollup is derived data, never edited. */
const refreshBucket = (indicatorId: Id, planId: Id, date: string): Promise<IndicatorRollup | null> => refreshRollupDays(db(), indicatorId, planId, [date], nowIso());

/** A saved entry and its indicator's rollup after the save (null: no entries left). */
export interface SavedEntry {
  entry: ActivityEntry;
  rollup: IndicatorRollup | null;
}

/** Validates and stores one entry, and moves its indicator's rollup, all-or-nothing. */
export async function addEntry(indicatorId: Id, input: EntryInput, opts: { sample?: boolean } = {}): Promise<ActivityEntry> {
  return (await saveNewEntry(indicatorId, input, opts)).entry;
}

/** addEntry, also returning the rollup it wrote: the activity log shows the new actual without a second read. */
export async function saveNewEntry(indicatorId: Id, input: EntryInput, opts: { sample?: boolean; planId?: Id } = {}): Promise<SavedEntry> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    // Every read of the save in one round trip (each one is on the path from Enter to the gauge, issue #10): the
    // indicator, its plan (the caller's plan; read again below if the indicator is of another), and the day's entries
    // and rollup the new entry joins. Nothing else can write those while this transaction holds the tables.
    const day = String(input.date ?? '');
    const [node, hinted, stored, dayEntries] = await Promise.all([
      d.indicators.get(indicatorId),
      opts.planId ? d.plans.get(opts.planId) : undefined,
      d.rollups.get(indicatorId),
      d.entries.where('[indicatorId+date]').equals([indicatorId, day]).toArray(),
    ]);
    const plan = !node || hinted?.id === node.planId ? hinted : await d.plans.get(node.planId);
    const valid = checked(indicatorId, node, plan, input);
    const now = nowIso();
    const entry = { ...clean(input, valid), id: newId(), createdAt: now, updatedAt: now, rev: 1, planId: valid.planId, indicatorId, ...(opts.sample ? { sample: true } : {}) } as ActivityEntry;
    await d.entries.add(entry);
    const rollup = withDays(stored, indicatorId, valid.planId, new Map([[entry.date, [...dayEntries, entry]]]), now);
    await Promise.all([
      writeRollup(d, indicatorId, stored, rollup),
      audit({ at: now, entity: 'entry', entityId: entry.id, planId: valid.planId, action: 'create', after: { indicator: valid.name, date: entry.date } }),
    ]);
    return { entry, rollup };
  });
}

/** Replaces an entry's fields (indicator may change); refused when another tab saved it first. */
export async function updateEntry(id: Id, indicatorId: Id, input: EntryInput, expectedRev: number): Promise<ActivityEntry> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const cur = await d.entries.get(id);
    if (!cur) throw new NotFoundError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    const node = await validated(indicatorId, input);
    const now = nowIso();
    const next = { ...clean(input, node), id, createdAt: cur.createdAt, updatedAt: now, rev: cur.rev + 1, planId: node.planId, indicatorId, ...(cur.sample ? { sample: true } : {}) } as ActivityEntry;
    await d.entries.put(next);
    await refreshBucket(cur.indicatorId, cur.planId, cur.date);
    if (cur.indicatorId !== indicatorId || cur.date !== next.date) await refreshBucket(indicatorId, node.planId, next.date);
    await audit({ at: now, entity: 'entry', entityId: id, planId: node.planId, action: 'update', before: { date: cur.date, indicatorId: cur.indicatorId }, after: { date: next.date, indicatorId } });
    return next;
  });
}

/** Deletes entries and returns them so the caller can offer undo. */
export async function deleteEntries(ids: Id[]): Promise<ActivityEntry[]> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const rows = (await d.entries.bulkGet(ids)).filter((e): e is ActivityEntry => !!e);
    await d.entries.bulkDelete(rows.map((r) => r.id));
    await refreshAll(rows);
    const first = rows[0];
    if (first) await audit({ at: nowIso(), entity: 'entry', entityId: first.id, planId: first.planId, action: 'delete', before: { rows: rows.length } });
    return rows;
  });
}

/** Undo of a delete: the same rows, same ids. */
export async function restoreEntries(rows: ActivityEntry[]): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    // Undo after the indicator itself was deleted would create entries that point at nothing.
    const ids = [...new Set(rows.map((r) => r.indicatorId))];
    const found = await d.indicators.bulkGet(ids);
    const missing = ids.find((_, i) => !found[i]);
    if (missing) throw new NotFoundError(missing);
    await d.entries.bulkPut(rows);
    await refreshAll(rows);
    const first = rows[0];
    if (first) await audit({ at: nowIso(), entity: 'entry', entityId: first.id, planId: first.planId, action: 'restore', after: { rows: rows.length } });
  });
}

async function refreshAll(rows: readonly ActivityEntry[]) {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = `${r.indicatorId}|${r.date}`;
    if (seen.has(k)) continue;
    seen.add(k);
    await refreshBucket(r.indicatorId, r.planId, r.date);
  }
}

export type { EntryFilter };

/**
 * A plan's entries, newest first, filtered. An index gives the date range and the order — [indicatorId+date] when
 * one indicator is chosen, else [planId+date] — and the walk stops after `limit` matches, so the first page costs
 * the same with 100 or 100,000 entries (walking the plan's entries to pick one indicator's took 0.6 s at district
 * scale).
 *
 * Without a recorder or text filter the total comes from the rollups' day counts, not from counting the index: in
 * Chromium an index count checks every entry it passes (0.05–0.2 ms each in a district's database), and the list runs
 * again after every save. The rollups are also what a live query of the list observes then: every write of an entry
 * rewrites its indicator's rollup in the same transaction (the rollups property test holds them exact).
 */
export async function listEntries(planId: Id, f: EntryFilter = {}): Promise<{ rows: ActivityEntry[]; total: number }> {
  const lower = f.from || '0000-00-00';
  const upper = f.to || '9999-99-99';
  const text = f.text?.trim().toLowerCase();
  const filtered = !!(f.recordedBy || text);
  const matches = (e: ActivityEntry) =>
    e.planId === planId &&
    (!f.recordedBy || e.recordedBy === f.recordedBy) &&
    (!text || e.note.toLowerCase().includes(text) || e.recordedBy.toLowerCase().includes(text));
  const [index, key] = f.indicatorId ? ['[indicatorId+date]', f.indicatorId] : ['[planId+date]', planId];
  const range = () => db().entries.where(index).between([key, lower], [key, upper], true, true);
  const limit = f.limit ?? 200;
  const sorted = (rows: ActivityEntry[]) =>
    // Within a day, the entry typed last comes first, so what was just saved is on top.
    rows.sort((a, b) => (a.date === b.date ? (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0) : a.date < b.date ? 1 : -1));
  if (filtered) {
    const [rows, total] = await Promise.all([range().reverse().filter(matches).limit(limit).toArray(), range().filter(matches).count()]);
    return { rows: sorted(rows), total };
  }
  // The rollups first: read through Dexie, they are what a live query observes (the native read below is not seen).
  const rollups = f.indicatorId ? db().rollups.get(f.indicatorId).then((r) => (r && r.planId === planId ? [r] : [])) : listRollups(planId);
  const newest = newestOf(index, IDBKeyRange.bound([key, lower], [key, upper]), limit);
  const [rows, ups] = await Promise.all([newest ?? range().reverse().filter(matches).limit(limit).toArray(), rollups]);
  let total = 0;
  for (const r of ups) for (const [day, bucket] of Object.entries(r.days)) if (day >= lower && day <= upper) total += bucket.n;
  return { rows: sorted(rows.filter(matches)), total };
}

type IndexWithRecords = IDBIndex & { getAllRecords?: (o: { query: IDBKeyRange; count: number; direction: IDBCursorDirection }) => IDBRequest<{ value: unknown }[]> };

/**
 * The last `limit` entries of an index range, newest first, in one request where the browser has
 * IDBIndex.getAllRecords (Chrome and Edge 141+; see nativeIndex); null elsewhere, and the caller walks Dexie's
 * cursor (a first page of 50 took a quarter of a second at district scale).
 */
function newestOf(index: string, range: IDBKeyRange, limit: number): Promise<ActivityEntry[]> | null {
  const idx = nativeIndex('entries', index) as IndexWithRecords | null;
  if (!idx || typeof idx.getAllRecords !== 'function') return null;
  const req = idx.getAllRecords({ query: range, count: limit, direction: 'prev' });
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result.map((r) => r.value as ActivityEntry));
    req.onerror = () => reject(req.error ?? new Error('reading entries failed'));
  });
}

export function listRollups(planId: Id): Promise<IndicatorRollup[]> {
  return db().rollups.where('planId').equals(planId).toArray();
}

/**
 * People who have recorded entries (for the filter and the "who" suggestions). A skip scan: one index seek per
 * distinct name, so it costs the same with a hundred entries or a million (reading every key of the index took
 * seconds at district scale, and ran again after every save, holding the save's write behind it). Each seek is a
 * closed lower bound just past the last name (name + U+0000, the next possible string): Chromium answers an open
 * bound `above(name)` by stepping over every entry of that name, which made each seek cost one name's entries.
 */
export async function listRecorders(): Promise<string[]> {
  const index = db().entries.where('recordedBy');
  const out: string[] = [];
  for (let next = (await index.aboveOrEqual('').limit(1).keys())[0]; typeof next === 'string'; next = (await index.aboveOrEqual(`${next}\u0000`).limit(1).keys())[0]) {
    out.push(next);
    if (out.length >= 10_000) break;
  }
  return out;
}
