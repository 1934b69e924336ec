import { writeFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { JixiaoDb, db, useDb } from '@/db/database';
import { dumpAll, installFaults, type FaultInjector } from '../fixtures/faults';
import { baselineOf, caseSeed, deterministicAs, makeCase, mulberry32, parseLikeBackup, prototypeKeys, prototypePollution, sha256, type Baseline, type Json, type JsonObject, type Rng } from '../fixtures/fuzz';
import { completeInputs, submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans, updateUnit } from '@/db/repositories/plans';
import { deleteIndicator, listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { addEntry, deleteEntries, updateEntry } from '@/db/repositories/entries';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { createRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';
import { applyMerge, previewMerge, MergeRefusedError } from '@/db/repositories/merge';
import { exportBundle, MAX_BUNDLE_BYTES, parseBundle, serializeBundle, type Bundle, type BundleScope } from '@/db/transfer/bundle';
import { exportBackup, parseBackup, serializeBackup } from '@/db/transfer/backup';
import { markRaw } from '@/db/versioning/middleware';
import { openClashes, SYNCED_TABLES, type MergePlan } from '@/domain/merge/plan';
import type { Choice } from '@/domain/merge/merge-record';
import { canonical } from '@/domain/merge/versions';
import { bucketize } from '@/domain/actuals/aggregate';
import { filedRowOf } from '@/domain/district/filed';
import type { ActivityEntry } from '@/domain/actuals/types';
import type { EntryInput } from '@/domain/actuals/measure';
import type { Id, IndicatorNode } from '@/domain/model';

/**
 * Issue #9: fuzzed bundles ("export for a colleague") merged into a browser that has edits of its own. Two browsers
 * in one process: a sender S and a receiver R (the one the fault injector watches), both started from the sample
 * plans; R took one bundle of S, then both edited (the same field of an indicator and of an entry on both sides,
 * an entry deleted on S and edited on R, a draft round edited on R and submitted on S, a unit, deletions, new
 * entries), so S's bundles hold versions, tombstones, clashes and a locked record. Every case is one of S's valid
 * bundles (a whole plan, two plans, or entries of a date range) damaged by the backup fuzz's mutations
 * (tests/fixtures/fuzz.ts), by bundle-specific ones below (versions of missing records, tombstones beside live
 * records, records outside the scope, odd version-vector counters and dots, entries of indicators R lacks, forged
 * later edits and deletions that the merge must judge), or both, usually re-sealed so the deeper checks are
 * reached. Then either
 *  - parseBundle refuses it, saying where and why, without a single write and with R as it was (full dump); or
 *  - it parses, previewMerge shows it (without writing), every clash is answered by the case's policy (always the
 *    bundle's side and keep, always ours and delete, or a mix), and applyMerge either refuses with R unchanged (as the
 *    preview said it would), or merges, and R then still exports a backup that parseBackup accepts (references,
 *    versions and tombstones included), its rollups and filed rows equal a recomputation from its records, its locked rounds and
 *    evaluations are as they were (or only marked superseded);
 * and nothing ever reaches Object.prototype. `npm test` runs 200 cases; `npm run fuzz` runs 10,000 (FUZZ_CASES).
 * FUZZ_SEED changes the run; FUZZ_CASE=n replays one case and writes its bundle to /tmp/fuzz-bundle-case-n.json.
 */

const CASES = Number(process.env.FUZZ_CASES ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 0xb0d1e2022);
const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const CODES = new Set(['tooLarge', 'notJson', 'notBackup', 'newerFormat', 'invalid', 'checksum', 'counts', 'duplicateId', 'orphan', 'rule']);
const S_DEV = 'aaaaaaaa';
const R_DEV = 'bbbbbbbb';
const NOW = '2022-12-28T09:30:00.000Z';
const RECORD_TABLES = SYNCED_TABLES;
const LOCKED = new Set(['submitted', 'final', 'superseded']);

// ---------------------------------------------------------------------------------------------------------------
// The two browsers

let dbs = 0;
function newDb(name: string): JixiaoDb {
  return new JixiaoDb(`fuzz-bundle-${name}-${Date.now()}-${++dbs}`);
}

const ENTRY_FIELDS = ['date', 'recordedBy', 'amount', 'amountFen', 'numerator', 'denominator', 'value', 'band', 'done', 'note'] as const;
const inputOf = (e: ActivityEntry, patch: Partial<EntryInput> = {}): EntryInput =>
  ({ ...Object.fromEntries(ENTRY_FIELDS.filter((k) => e[k as keyof ActivityEntry] !== undefined).map((k) => [k, e[k as keyof ActivityEntry]])), ...patch }) as EntryInput;

async function editEntry(id: Id, patch: Partial<EntryInput>): Promise<void> {
  const d = db();
  const e = (await d.entries.get(id))!;
  await updateEntry(id, e.indicatorId, inputOf(e, patch), e.rev);
}

async function renameIndicator(id: Id, suffix: string): Promise<void> {
  const d = db();
  const n = (await d.indicators.get(id))!;
  await updateIndicator(id, { name: `${n.name}${suffix}` }, n.rev);
}

/** What the mutations need to know of the two browsers: plan ids, the seed's indicators, the sender's device. */
interface World {
  unitPlan: Id;
  rightsPlan: Id;
  planIds: Id[];
  indicators: IndicatorNode[];
  /** the leaf S deleted (R still has it) */
  deletedLeaf: Id;
  /** every record R has (table, id, plan), for deletions of records a bundle does not carry */
  receiver: { table: string; id: string; planId?: string }[];
  /** R's entries as stored */
  receiverEntries: JsonObject[];
}

interface Fuzz {
  R: JixiaoDb;
  faults: FaultInjector;
  bundles: { name: string; text: string; base: Baseline }[];
  world: World;
  /** R between cases: every table's rows, to compare after a refusal and to put back after a merge */
  snapshot: Record<string, unknown[]>;
  state: string;
}

async function setUp(): Promise<Fuzz> {
  const S = newDb('sender');
  const R = newDb('receiver');
  const faults = installFaults(R);
  await S.open();
  await R.open();

  // S: the sample plans, two months of sample activity, a submitted round and a draft; R takes all of it once.
  const first = await deterministicAs(S_DEV, async () => {
    useDb(S);
    await seedIfEmpty();
    const plans = await listPlans();
    const unit = plans.find((p) => p.seedKey === 'yantian-2022/unit')!;
    const rights = plans.find((p) => p.seedKey === 'yantian-2022/rights')!;
    await loadSampleActivity(unit.id, '2022-02-28');
    await loadSampleActivity(rights.id, '2022-06-30');
    await submittedRound(unit.id);
    await createRound(unit.id, '2022-09-30', '张科长');
    return serializeBundle(await exportBundle({ planIds: [unit.id, rights.id], structure: true }, '王科长'));
  }, NOW);
  await deterministicAs(R_DEV, async () => {
    useDb(R);
    await seedIfEmpty();
    const parsed = await parseBundle(first);
    if (!parsed.ok) throw new Error(`the first bundle does not parse: ${JSON.stringify(parsed.problems)}`);
    await applyMerge(parsed.bundle, new Map());
  }, NOW);

  useDb(S);
  const plans = await listPlans();
  const unit = plans.find((p) => p.seedKey === 'yantian-2022/unit')!;
  const rights = plans.find((p) => p.seedKey === 'yantian-2022/rights')!;
  const nodes = await listIndicators(unit.id);
  const entries = (await S.entries.where('planId').equals(unit.id).sortBy('id'));
  const e1 = entries.find((e) => typeof e.amount === 'number')!;
  const rest = entries.filter((e) => e !== e1);
  const [e2, e3, e4] = [rest[0]!, rest.at(-1)!, rest.at(-2)!];
  const logged = new Set(entries.map((e) => e.indicatorId));
  const countLeaf = (await S.indicators.get(e1.indicatorId))!;
  const deletedLeaf = nodes.find((n) => n.level === 3 && !logged.has(n.id))!;
  const draft = (await S.rounds.toArray()).find((r) => r.status === 'draft')!;

  // Both edit: the same field of one indicator and one entry (clashes), an entry deleted here and edited there
  // (a delete clash), the draft round (submitted on S, edited on R: the locked version wins), deletions and additions.
  await deterministicAs(S_DEV, async () => {
    await renameIndicator(countLeaf.id, '（S）');
    await editEntry(e1.id, { note: 'S 更正' });
    await deleteEntries([e2.id, e3.id]);
    await addEntry(countLeaf.id, { date: '2022-03-05', amount: 12, recordedBy: '王科长' });
    await addEntry(countLeaf.id, { date: '2022-03-20', amount: 3, recordedBy: '王科长', note: '补记' });
    await deleteIndicator(deletedLeaf.id);
    const u = (await S.units.get(unit.unitId))!;
    await updateUnit(u.id, { supervisor: `${u.supervisor}（S）` }, u.rev);
    const saved = await saveRoundInputs(draft.id, await completeInputs(draft), draft.rev);
    await submitRound(saved.id, '张科长', saved.rev);
  }, NOW);
  await deterministicAs(R_DEV, async () => {
    useDb(R);
    await renameIndicator(countLeaf.id, '（R）');
    await editEntry(e1.id, { note: 'R 更正' });
    await editEntry(e3.id, { note: 'R 核对' });
    await deleteEntries([e4.id]);
    await addEntry(countLeaf.id, { date: '2022-04-02', amount: 7, recordedBy: '李华' });
    await addEntry(countLeaf.id, { date: '2022-04-03', amount: 9, recordedBy: '李华' });
    const rd = (await R.rounds.get(draft.id))!;
    const inputs = await completeInputs(rd);
    for (const row of Object.values(inputs.rows)) if (row.possibility === 'possible') row.measures = '李华补充的措施';
    await saveRoundInputs(rd.id, inputs, rd.rev);
  }, '2022-12-28T10:00:00.000Z');

  const scopes: [string, BundleScope][] = [
    ['plan', { planIds: [unit.id], structure: true }],
    ['two plans', { planIds: [unit.id, rights.id], structure: true }],
    ['entries', { planIds: [unit.id], structure: false, from: '2022-01-15', to: '2022-03-31' }],
  ];
  const bundles = await deterministicAs(S_DEV, async () => {
    useDb(S);
    const out: Fuzz['bundles'] = [];
    for (const [name, scope] of scopes) {
      const text = serializeBundle(await exportBundle(scope, '王科长'));
      out.push({ name, text, base: baselineOf('format 2', text) });
    }
    return out;
  }, NOW);
  useDb(R);
  const snapshot = await dumpAll(R);
  const receiver = RECORD_TABLES.flatMap((t) => (snapshot[t] as { id: string; planId?: string }[]).map((r) => ({ table: t, id: r.id, planId: t === 'plans' ? r.id : r.planId })));
  const world: World = { unitPlan: unit.id, rightsPlan: rights.id, planIds: plans.map((p) => p.id), indicators: [...nodes, ...(await listIndicators(rights.id))], deletedLeaf: deletedLeaf.id, receiver, receiverEntries: snapshot.entries as JsonObject[] };
  return { R, faults, bundles, world, snapshot, state: JSON.stringify(snapshot) };
}

/**
 * Puts R back exactly as the snapshot has it (versions and the device clock included), writing raw. The records and
 * their versions first, then every other table (writing versions may note them elsewhere, as in a sync outbox).
 */
async function resetTo(d: JixiaoDb, snapshot: Record<string, unknown[]>): Promise<void> {
  const first = (name: string) => name === 'versions' || (SYNCED_TABLES as readonly string[]).includes(name);
  await d.transaction('rw', d.tables, async () => {
    markRaw(Dexie.currentTransaction.idbtrans);
    for (const t of d.tables) await t.clear();
    for (const t of d.tables) if (first(t.name) && snapshot[t.name]?.length) await t.bulkPut(snapshot[t.name]!);
    for (const t of d.tables) {
      if (first(t.name)) continue;
      await t.clear();
      if (snapshot[t.name]?.length) await t.bulkPut(snapshot[t.name]!);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Bundle-specific mutations

interface BBuild {
  doc: JsonObject;
  /** raw JSON text put in place of a marker string after serialising (NaN, 1e400…) */
  raw: [marker: string, text: string, notJson: boolean][];
  /** what parseBundle must answer when this is the case's only mutation and it is re-sealed */
  expect?: 'accepted' | 'notJson' | 'orphan' | 'rule' | 'invalid';
}

type BMutation = (b: BBuild, w: World, rng: Rng) => string | undefined;

const dataOf = (b: BBuild) => b.doc.data as Record<string, JsonObject[]>;
const rows = (b: BBuild, t: string): JsonObject[] => dataOf(b)[t] ?? [];
const scopeOf = (b: BBuild) => b.doc.scope as JsonObject & { planIds: string[]; structure: boolean };
const liveVersions = (b: BBuild) => rows(b, 'versions').filter((v) => !v.deletedAt);
const tombstones = (b: BBuild) => rows(b, 'versions').filter((v) => !!v.deletedAt);
const versionOf = (b: BBuild, table: string, id: Json | undefined) => rows(b, 'versions').find((v) => v.table === table && v.id === id);
const recordTables = (b: BBuild) => RECORD_TABLES.filter((t) => rows(b, t).length > 0);
const planIdOf = (table: string, r: JsonObject): string | undefined => (table === 'plans' ? (r.id as string) : typeof r.planId === 'string' ? r.planId : undefined);
let rawN = 0;
function raw(b: BBuild, text: string, notJson: boolean): string {
  const m = `@@bundle-raw-${++rawN}@@`;
  b.raw.push([JSON.stringify(m), text, notJson]);
  return m;
}

/** A later write by S of the record (or its deletion): the vector moves past anything R has seen of S. */
function forge(v: JsonObject, fields: string[] = []): void {
  const vv = v.vv as Record<string, number>;
  const clock = (typeof vv[S_DEV] === 'number' ? vv[S_DEV] : 0) + 1000;
  vv[S_DEV] = clock;
  const f = v.f as Record<string, Json>;
  for (const k of fields) f[k] = [S_DEV, clock];
}

/** A record's version row, made as an upgraded database would hold it when the bundle has none (legacy records). */
function ensureVersion(b: BBuild, table: string, r: JsonObject): JsonObject {
  const have = versionOf(b, table, r.id);
  if (have) return have;
  const rev = typeof r.rev === 'number' ? r.rev : 1;
  const v: JsonObject = { table, id: r.id ?? null, ...(planIdOf(table, r) ? { planId: planIdOf(table, r)! } : {}), vv: { '0': rev }, f: {}, origin: ['0', rev] };
  rows(b, 'versions').push(v);
  return v;
}

/** Drops every record, version and tombstone but the given ones ("table:id"): their change is the merge's only one. */
function alone(b: BBuild, keys: readonly string[]): void {
  const keep = new Set(keys);
  for (const t of RECORD_TABLES) if (rows(b, t).length) dataOf(b)[t] = rows(b, t).filter((r) => keep.has(`${t}:${String(r.id)}`));
  dataOf(b).versions = rows(b, 'versions').filter((v) => keep.has(`${String(v.table)}:${String(v.id)}`));
}

/**
 * A 一级 subtree moved to another plan of the bundle with the entries under it, as S's later edits: with R's own entries
 * under it too and a new entry listed first when `complete` (then nothing is left pointing across plans), and alone
 * when `only`. Returns the subtree's name, or undefined when no plan of the bundle has a subtree with entries.
 */
function moveSubtree(b: BBuild, w: World, rng: Rng, complete: boolean, only: boolean): string | undefined {
  const inds = rows(b, 'indicators');
  const planIds = scopeOf(b).planIds;
  const to = planIds.find((p) => p !== w.unitPlan);
  if (!to) return undefined;
  const under = (top: JsonObject) => {
    const out = [top];
    for (let i = 0; i < out.length; i++) for (const n of inds) if (n.parentId === out[i]!.id) out.push(n);
    return out;
  };
  const tops = inds.filter((n) => n.planId === w.unitPlan && n.level === 1).map(under).filter((sub) => sub.some((n) => w.receiverEntries.some((e) => e.indicatorId === n.id)));
  if (!tops.length) return undefined;
  const sub = rng.pick(tops);
  const ids = new Set(sub.map((n) => n.id));
  if (complete) {
    const mine = w.receiverEntries.filter((e) => ids.has(e.indicatorId));
    const inBundle = new Set(rows(b, 'entries').map((e) => e.id));
    for (const e of mine) if (!inBundle.has(e.id)) rows(b, 'entries').push(structuredClone(e));
    dataOf(b).versions = rows(b, 'versions').filter((v) => !v.deletedAt || !(v.table === 'entries' && mine.some((e) => e.id === v.id)));
  }
  const entries = rows(b, 'entries').filter((e) => ids.has(e.indicatorId));
  for (const r of [...sub, ...entries]) {
    r.planId = to;
    const v = ensureVersion(b, sub.includes(r) ? 'indicators' : 'entries', r);
    if (complete) (v.vv as Record<string, number>)[R_DEV] = 9000;
    forge(v, ['planId']);
  }
  if (complete && entries.length) {
    const fresh = { ...structuredClone(entries[0]!), id: `fresh-${rng.int(1e6)}` };
    dataOf(b).entries = [fresh, ...rows(b, 'entries')];
    rows(b, 'versions').push({ table: 'entries', id: fresh.id, planId: to, vv: { [S_DEV]: 9000 }, f: {}, origin: [S_DEV, 9000] });
    entries.push(fresh);
  }
  if (only) alone(b, [`indicators:${w.deletedLeaf}`, ...sub.map((n) => `indicators:${String(n.id)}`), ...entries.map((e) => `entries:${String(e.id)}`)]);
  return String(sub[0]!.name);
}

const otherPlans = (b: BBuild, w: World) => w.planIds.filter((p) => !scopeOf(b).planIds.includes(p));

const bundleMutations: Record<string, [weight: number, BMutation]> = {
  versionOrphan: [4, (b, _w, rng) => {
    const live = liveVersions(b);
    if (!live.length) return undefined;
    const v = rng.pick(live);
    const choice = rng.int(4);
    b.expect = 'orphan';
    if (choice === 0) v.id = `missing-${rng.int(1e6)}`;
    else if (choice === 1) dataOf(b)[v.table as string] = rows(b, v.table as string).filter((r) => r.id !== v.id);
    else if (choice === 2) rows(b, 'versions').push({ table: rng.pick(RECORD_TABLES), id: `ghost-${rng.int(1e6)}`, planId: scopeOf(b).planIds[0]!, vv: { [S_DEV]: 5 }, f: {}, origin: [S_DEV, 5] });
    else v.table = rng.pick(RECORD_TABLES.filter((t) => t !== v.table));
    return `a version without its record (${choice})`;
  }],
  tombstoneLive: [4, (b, _w, rng) => {
    const dead = tombstones(b).filter((t) => rows(b, t.table as string).length > 0);
    if (rng.chance(0.5) && dead.length) {
      const t = rng.pick(dead);
      const copy = structuredClone(rng.pick(rows(b, t.table as string)));
      copy.id = t.id ?? null;
      rows(b, t.table as string).push(copy);
      b.expect = 'rule';
      return `a record beside its tombstone in ${String(t.table)}`;
    }
    const live = liveVersions(b);
    if (!live.length) return undefined;
    const v = rng.pick(live);
    v.deletedAt = NOW;
    if (typeof v.planId !== 'string') v.planId = scopeOf(b).planIds[0]!;
    forge(v);
    b.expect = 'rule';
    return `a live ${String(v.table)} record marked deleted`;
  }],
  deleteRecord: [6, (b, _w, rng) => {
    // A proper deletion on S's side, later than anything R has: the merge must delete it at R or refuse.
    const tables = recordTables(b);
    if (!tables.length) return undefined;
    const t = rng.pick(tables);
    const r = rng.pick(rows(b, t));
    const v = ensureVersion(b, t, r);
    dataOf(b)[t] = rows(b, t).filter((x) => x !== r);
    v.deletedAt = NOW;
    v.planId = planIdOf(t, r) ?? rng.pick(scopeOf(b).planIds);
    forge(v);
    const only = rng.chance(0.3);
    if (only) alone(b, [`${t}:${String(r.id)}`]);
    b.expect = 'accepted';
    return `${t} ${String(r.id).slice(-6)} deleted on S${only ? ' (alone)' : ''}`;
  }],
  isolate: [4, (b, _w, rng) => {
    // Only a few records (with their versions) and tombstones: the other mutation's change is then the merge's only one.
    const keep = new Set<string>();
    const all = recordTables(b).flatMap((t) => rows(b, t).map((r) => `${t}:${String(r.id)}`));
    for (let i = 0, n = 1 + rng.int(3); i < n && all.length; i++) keep.add(rng.pick(all));
    const dropTombstones = rng.chance(0.7);
    if (!dropTombstones) for (const v of tombstones(b)) keep.add(`${String(v.table)}:${String(v.id)}`);
    alone(b, [...keep]);
    b.expect = 'accepted';
    return `only ${keep.size} record(s)${dropTombstones ? '' : ' and the tombstones'}`;
  }],
  moveRecord: [3, (b, w, rng) => {
    // A record moved to another plan, as S's later edit: what pointed at it stays in the plan it left.
    const tables = recordTables(b).filter((t) => t !== 'units' && t !== 'plans');
    if (!tables.length) return undefined;
    const t = rng.pick(tables);
    const r = rng.pick(rows(b, t));
    const inScope = scopeOf(b).planIds.filter((p) => p !== r.planId);
    r.planId = inScope.length && rng.chance(0.8) ? rng.pick(inScope) : rng.pick(w.planIds.filter((p) => p !== r.planId));
    forge(ensureVersion(b, t, r), ['planId']);
    const only = rng.chance(0.4);
    if (only) alone(b, [`${t}:${String(r.id)}`]);
    b.expect = scopeOf(b).planIds.includes(r.planId) ? 'accepted' : 'orphan';
    return `a ${t} row${only ? ' alone' : ''} moved to plan ${r.planId.slice(-4)}`;
  }],
  moveSubtree: [2, (b, w, rng) => {
    const complete = rng.chance(0.6);
    const only = rng.chance(0.5);
    const name = moveSubtree(b, w, rng, complete, only);
    if (name === undefined) return undefined;
    b.expect = 'accepted';
    return `the subtree ${name} moved to the other plan${complete ? ' with every entry under it' : ''}${only ? ', alone' : ''}`;
  }],
  tombstoneElsewhere: [4, (b, w, rng) => {
    // The deletion of a record R has and the bundle does not carry (a unit, a plan, an indicator, a line…).
    const carried = new Set(rows(b, 'versions').map((v) => `${String(v.table)}:${String(v.id)}`));
    const candidates = w.receiver.filter((r) => !carried.has(`${r.table}:${r.id}`) && !rows(b, r.table).some((x) => x.id === r.id));
    const tables = [...new Set(candidates.map((r) => r.table))];
    if (!tables.length) return undefined;
    const table = rng.pick(tables);
    const r = rng.pick(candidates.filter((x) => x.table === table));
    const planId = r.planId && scopeOf(b).planIds.includes(r.planId) && rng.chance(0.8) ? r.planId : rng.pick(scopeOf(b).planIds);
    if (!planId) return undefined;
    rows(b, 'versions').push({ table: r.table, id: r.id, planId, vv: { '0': 1000, [S_DEV]: 5000, ...(rng.chance(0.5) ? { [R_DEV]: 5000 } : {}) }, f: {}, origin: ['0', 1], deletedAt: NOW });
    const only = rng.chance(0.4);
    if (only) alone(b, [`${r.table}:${r.id}`]);
    b.expect = 'accepted';
    return `a tombstone of R's ${r.table} ${r.id.slice(-6)}${only ? ' alone' : ''}`;
  }],
  outOfScope: [5, (b, w, rng) => {
    const others = otherPlans(b, w);
    const choice = rng.int(5);
    b.expect = 'orphan';
    if (choice === 0) {
      const t = rng.pick(recordTables(b).filter((x) => x !== 'units' && x !== 'plans'));
      if (!t) return undefined;
      const r = rng.pick(rows(b, t));
      r.planId = rng.pick(others);
      if (rng.chance(0.5)) forge(ensureVersion(b, t, r), ['planId']);
      return `a ${t} row of a plan outside the scope`;
    }
    if (choice === 1) {
      const s = scopeOf(b);
      s.planIds = rng.chance(0.5) ? [] : s.planIds.slice(1);
      if (rows(b, 'plans').length + rows(b, 'entries').length + tombstones(b).length === 0) b.expect = 'accepted';
      return `scope.planIds → ${JSON.stringify(s.planIds).slice(0, 30)}`;
    }
    if (choice === 2) {
      const p = rows(b, 'plans')[0];
      if (!p) return undefined;
      rows(b, 'plans').push({ ...structuredClone(p), id: rng.pick(others) });
      return 'a plan outside the scope';
    }
    if (choice === 3) {
      const dead = tombstones(b);
      if (!dead.length) return undefined;
      const t = rng.pick(dead);
      if (rng.chance(0.5)) t.planId = rng.pick(others);
      else delete t.planId;
      return 'a tombstone outside the scope';
    }
    scopeOf(b).planIds.push(rng.pick(others));
    b.expect = 'accepted';
    return 'a plan more in the scope';
  }],
  vvCounter: [5, (b, _w, rng) => {
    const vs = rows(b, 'versions');
    if (!vs.length) return undefined;
    const v = rng.pick(vs);
    const vv = v.vv as Record<string, Json>;
    const key = rng.pick([...Object.keys(vv), R_DEV, S_DEV, 'cccccccc', '0']);
    const choice = rng.int(12);
    const values: [Json, BBuild['expect']][] = [
      [-1, 'invalid'], [-(2 ** 53), 'invalid'], [2 ** 53, 'invalid'], [2 ** 53 - 1, 'accepted'], [1e300, 'invalid'], [0, 'accepted'],
      [1.5, 'invalid'], ['5', 'invalid'], [null, 'invalid'],
    ];
    if (choice < values.length) {
      [vv[key], b.expect] = values[choice]!;
      return `vv[${key}] = ${JSON.stringify(vv[key])}`;
    }
    const token = rng.pick(['NaN', 'Infinity', '-Infinity', '1e400', '-0']);
    vv[key] = raw(b, token, token !== '-0' && token !== '1e400');
    b.expect = token === '-0' ? 'accepted' : token === '1e400' ? 'invalid' : 'notJson';
    return `vv[${key}] = ${token}`;
  }],
  dotClock: [4, (b, _w, rng) => {
    const vs = rows(b, 'versions');
    if (!vs.length) return undefined;
    const v = rng.pick(vs);
    const f = v.f as Record<string, Json>;
    const field = rng.pick([...Object.keys(f), 'name', 'note']);
    const choice = rng.int(7);
    if (choice === 0) [f[field], b.expect] = [[S_DEV, 0], 'invalid'];
    else if (choice === 1) [v.origin, b.expect] = [[S_DEV, 0], 'accepted']; // the legacy origin form
    else if (choice === 2) [f[field], b.expect] = [['', 3], 'invalid'];
    else if (choice === 3) [f[field], b.expect] = [[S_DEV, rng.pick([-1, 1.5, 2 ** 53])], 'invalid'];
    else if (choice === 4) [f[field], b.expect] = [[S_DEV, 3, 4], 'accepted']; // a tuple's extra item is dropped while reading
    else if (choice === 5) [v.origin, b.expect] = [[S_DEV], 'invalid'];
    else [f[field], b.expect] = [[S_DEV, 2 ** 53 - 1], 'accepted'];
    return `dot ${choice} at ${field}`;
  }],
  missingIndicator: [6, (b, w, rng) => {
    // Entries of indicators the receiver lacks (or that are not leaves of their plan): the merge must refuse.
    const entries = rows(b, 'entries');
    if (!entries.length) return undefined;
    const e = rng.pick(entries);
    const choice = rng.int(5);
    const nodes = w.indicators;
    const planOfE = e.planId as string;
    let to: string;
    const branch = nodes.filter((n) => n.planId === planOfE && n.level < 3);
    const elsewhere = nodes.filter((n) => n.planId !== planOfE && n.level === 3);
    if (choice === 0) to = `unknown-${rng.int(1e6)}`;
    else if (choice === 1 && branch.length) to = rng.pick(branch).id;
    else if (choice === 2 && elsewhere.length) to = rng.pick(elsewhere).id;
    else if (choice < 3) return undefined;
    else if (choice === 3) to = w.deletedLeaf;
    else {
      // The indicator left out of the bundle: R has it when it is one of the sample's.
      const inds = rows(b, 'indicators');
      if (!inds.length) return undefined;
      const n = rng.pick(inds);
      dataOf(b).indicators = inds.filter((x) => x !== n);
      dataOf(b).versions = rows(b, 'versions').filter((v) => !(v.table === 'indicators' && v.id === n.id));
      to = n.id as string;
    }
    e.indicatorId = to;
    if (rng.chance(0.6)) forge(ensureVersion(b, 'entries', e), ['indicatorId']);
    b.expect = 'accepted';
    return `an entry of indicator ${to.slice(-8)} (${choice})`;
  }],
  remoteEdit: [8, (b, w, rng) => {
    // A later edit on S of one field, to a value from elsewhere (plausible) or of another kind: reaches the merge.
    const tables = recordTables(b);
    if (!tables.length) return undefined;
    const t = rng.pick(tables);
    const r = rng.pick(rows(b, t));
    const fields = Object.keys(r).filter((k) => k !== 'id' && k !== 'rev' && k !== 'updatedAt');
    if (!fields.length) return undefined;
    const k = rng.pick(fields);
    const sameField = rows(b, t).map((x) => x[k]).filter((x) => x !== undefined);
    const ids = RECORD_TABLES.flatMap((x) => rows(b, x).map((y) => y.id as string));
    const candidates: Json[] = [null, '', 0, -1, 1.5, true, [], {}, `missing-${rng.int(1e6)}`, rng.pick(ids), r.id ?? null, rng.pick(w.planIds), rng.pick(w.indicators).id, 2 ** 53, '1,234.50', '１２３', '2023-01-01', '2022-02-30'];
    const value: Json | undefined = rng.chance(0.6) && sameField.length ? structuredClone(rng.pick(sameField)) : rng.pick(candidates);
    if (value === undefined) delete r[k];
    else r[k] = value;
    forge(ensureVersion(b, t, r), [k]);
    return `${t}.${k} ← ${JSON.stringify(value)?.slice(0, 30)}`;
  }],
  treeCycle: [3, (b, _w, rng) => {
    const nodes = rows(b, 'indicators');
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const child = rng.pick(nodes.filter((n) => typeof n.parentId === 'string' && byId.has(n.parentId)));
    if (!child) return undefined;
    const parent = byId.get(child.parentId)!;
    const choice = rng.int(3);
    if (choice === 0) parent.parentId = child.id ?? null;
    else if (choice === 1) child.parentId = child.id ?? null;
    else [parent.parentId, parent.level, child.level] = [child.id ?? null, 3, 2];
    forge(ensureVersion(b, 'indicators', parent), ['parentId', 'level']);
    forge(ensureVersion(b, 'indicators', child), ['parentId', 'level']);
    b.expect = 'accepted';
    return `a cycle in the tree, forged as S's edit (${choice})`;
  }],
  lockedEdit: [3, (b, _w, rng) => {
    const locked = [...rows(b, 'rounds').map((r) => ['rounds', r] as const), ...rows(b, 'evaluations').map((r) => ['evaluations', r] as const)].filter(([, r]) => LOCKED.has(r.status as string));
    if (!locked.length) return undefined;
    const [t, r] = rng.pick(locked);
    const choice = rng.int(4);
    const changed = choice === 0 ? ['status'] : choice === 1 ? ['inputs'] : choice === 2 ? ['status', 'supersededBy', 'supersededAt'] : ['submittedBy'];
    if (choice === 0) r.status = 'draft';
    else if (choice === 1) r.inputs = { rows: {} };
    else if (choice === 2) Object.assign(r, { status: 'superseded', supersededBy: `missing-${rng.int(1e6)}`, supersededAt: NOW });
    else r.submittedBy = '冒名';
    forge(ensureVersion(b, t, r), changed);
    return `a locked ${t} row edited on S (${changed.join(', ')})`;
  }],
  devices: [3, (b, _w, rng) => {
    const devices = b.doc.devices as JsonObject;
    const from = b.doc.from as JsonObject;
    // (an earlier mutation of the case may have made either something else)
    const isObject = (x: Json | undefined) => !!x && typeof x === 'object' && !Array.isArray(x);
    if (!isObject(devices) || !isObject(from)) return undefined;
    const choice = rng.int(8);
    b.expect = 'invalid';
    if (choice === 0) devices[''] = 'x';
    else if (choice === 1) devices['d'.repeat(65)] = 'x';
    else if (choice === 2) devices[S_DEV] = '名'.repeat(201);
    else if (choice === 3) for (let i = 0; i <= 10_000; i++) devices[`dev${i}`] = 'x';
    else if (choice === 4) {
      devices[rng.pick(['toString', 'hasOwnProperty', 'valueOf', R_DEV])] = '冒名';
      b.expect = 'accepted';
    } else if (choice === 5) from.device = rng.pick(['', 'd'.repeat(65)]);
    else if (choice === 6) {
      from.device = R_DEV; // the receiver's own id
      b.expect = 'accepted';
    } else {
      b.doc.devices = rng.pick<Json>([[], null, 'x']);
      // valibot reads an array as a record of its indices: an empty one is an empty list of names
      if (Array.isArray(b.doc.devices)) b.expect = 'accepted';
    }
    return `devices/from change ${choice}`;
  }],
  scope: [3, (b, _w, rng) => {
    const s = scopeOf(b);
    const choice = rng.int(6);
    b.expect = 'invalid';
    if (choice === 0) {
      s.structure = !s.structure;
      b.expect = 'accepted';
    } else if (choice === 1) s.from = rng.pick(['2022-02-30', '2022/01/01', '']);
    else if (choice === 2) {
      [s.from, s.to] = ['2022-12-31', '2022-01-01'];
      b.expect = 'accepted';
    } else if (choice === 3) s.recordedBy = 'x'.repeat(201);
    else if (choice === 4) delete (s as JsonObject).structure;
    else (s as JsonObject).extra = 1;
    return `scope change ${choice}`;
  }],
};

const bTable = Object.entries(bundleMutations);
const bWeight = bTable.reduce((s, [, [w]]) => s + w, 0);
function pickBundleMutation(rng: Rng): [string, BMutation] {
  let r = rng.next() * bWeight;
  for (const [name, [w, m]] of bTable) {
    r -= w;
    if (r < 0) return [name, m];
  }
  return [bTable[0]![0], bTable[0]![1][1]];
}

interface Case {
  bundle: string;
  labels: string[];
  resealed: boolean;
  expect?: BBuild['expect'] | 'refused';
  text: string;
}

/** 1–2 bundle mutations of a valid bundle; re-sealed (counts and checksum as parseBundle computes them) mostly. */
async function bundleCase(text: string, w: World, rng: Rng): Promise<Omit<Case, 'bundle'>> {
  const b: BBuild = { doc: JSON.parse(text) as JsonObject, raw: [] };
  const labels: string[] = [];
  const n = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3;
  for (let i = 0, tries = 0; i < n && tries < 20; tries++) {
    const [name, m] = pickBundleMutation(rng);
    const before = b.expect;
    b.expect = undefined;
    let label: string | undefined;
    try {
      label = m(b, w, rng);
    } catch {
      // a mutation that an earlier one left nothing to work on (its partial change stays, like any damage)
      label = undefined;
    }
    if (label === undefined) {
      b.expect = before;
      continue;
    }
    labels.push(`${name}: ${label}`);
    i++;
  }
  const resealed = rng.chance(0.9);
  const SHA = '@@bundle-sha@@';
  if (resealed) {
    b.doc.counts = Object.fromEntries(Object.entries(dataOf(b)).map(([t, r]) => [t, r.length]));
    b.doc.sha256 = SHA;
  }
  let out = JSON.stringify(b.doc);
  // Not JSON if a raw token is still there (a later mutation may have dropped the row that held it).
  const notJson = b.raw.some(([m, , nj]) => nj && out.includes(m));
  for (const [m, r] of b.raw) out = out.replace(m, r);
  if (resealed) {
    let sha = '0'.repeat(64);
    try {
      sha = await sha256(JSON.stringify((parseLikeBackup(out) as { data: unknown }).data));
    } catch {
      // not JSON any more: the checksum cannot matter
    }
    out = out.replace(JSON.stringify(SHA), JSON.stringify(sha));
  }
  const single = labels.length === 1;
  return { labels, resealed, expect: notJson ? 'notJson' : single && resealed && b.expect !== 'notJson' ? b.expect : undefined, text: out };
}

/** A case: the engine's damage, a bundle mutation, or a bundle mutation and then the engine's damage on top. */
async function makeBundleCase(f: Fuzz, rng: Rng): Promise<Case> {
  const src = rng.pick(f.bundles);
  const mode = rng.next();
  if (mode < 0.45) {
    const c = await makeCase(src.base, rng);
    return { bundle: src.name, labels: c.labels, resealed: c.resealed, expect: c.expect, text: c.text };
  }
  const own = await bundleCase(src.text, f.world, rng);
  if (mode < 0.85 || own.expect === 'notJson') return { bundle: src.name, ...own };
  const c = await makeCase(baselineOf('format 2', own.text), rng);
  return { bundle: src.name, labels: [...own.labels, ...c.labels], resealed: c.resealed, expect: c.expect === 'accepted' ? undefined : c.expect, text: c.text };
}

// ---------------------------------------------------------------------------------------------------------------
// One case

/** Every clash answered by the case's policy: the bundle's side and keep, ours and delete, or per clash at random. */
function choicesFor(plan: MergePlan, policy: 'remote' | 'local' | 'mixed', rng: Rng): Map<string, Choice> {
  const out = new Map<string, Choice>();
  for (const item of openClashes(plan)) {
    const remote = policy === 'remote' || (policy === 'mixed' && rng.chance(0.5));
    const key = `${item.table}:${item.id}`;
    if (item.outcome.kind === 'deleteClash') out.set(key, { keep: remote });
    else out.set(key, { fields: Object.fromEntries(item.outcome.clashes.map((c) => [c.field, policy === 'mixed' ? (rng.chance(0.5) ? 'remote' : 'local') : remote ? 'remote' : 'local'])) });
  }
  return out;
}

/** Every object of a parsed bundle is a plain object or array, and none has a key that could reach a prototype. */
function plainProblem(value: unknown, path = 'bundle'): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype) return `${path} has an unusual prototype`;
  for (const k of Object.keys(value)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') return `${path}.${k} was kept`;
    const p = plainProblem((value as Record<string, unknown>)[k], `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

function problemShape(problems: readonly { where: unknown; code: unknown }[] | undefined): string | undefined {
  if (!Array.isArray(problems) || !problems.length) return 'refused without saying why';
  const odd = problems.find((p) => typeof p.where !== 'string' || !CODES.has(p.code as string));
  return odd ? `a problem of unknown shape: ${JSON.stringify(odd)}` : undefined;
}

/** The rollups R keeps, and the rollups bucketed from scratch from its entries. */
async function rollupProblem(d: JixiaoDb): Promise<string | undefined> {
  const stored = Object.fromEntries((await d.rollups.toArray()).map((r) => [r.indicatorId, { planId: r.planId, days: r.days }]));
  const byIndicator = new Map<string, ActivityEntry[]>();
  for (const e of await d.entries.toArray()) byIndicator.set(e.indicatorId, [...(byIndicator.get(e.indicatorId) ?? []), e]);
  const recomputed = Object.fromEntries([...byIndicator].map(([id, list]) => [id, { planId: list[0]!.planId, days: bucketize(list) }]));
  if (canonical(stored) === canonical(recomputed)) return undefined;
  const ids = [...new Set([...Object.keys(stored), ...Object.keys(recomputed)])].filter((id) => canonical(stored[id]) !== canonical(recomputed[id]));
  return `rollups differ from a recomputation for ${ids.slice(0, 3).join(', ')}`;
}

/** The filed rows R keeps (schema v8), and those derived from scratch from its rounds and evaluations. */
async function filedProblem(d: JixiaoDb): Promise<string | undefined> {
  const stored = await d.filed.orderBy('key').toArray();
  const derived = [...(await d.rounds.toArray()).map((r) => filedRowOf('rounds', r)), ...(await d.evaluations.toArray()).map((e) => filedRowOf('evaluations', e))]
    .filter((r) => r !== null)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return canonical(stored) === canonical(derived) ? undefined : `filed rows differ from the rounds and evaluations (${stored.length} kept, ${derived.length} derived)`;
}

/** R's submitted rounds and finalised evaluations are as they were, or only marked superseded. */
async function lockedProblem(f: Fuzz): Promise<string | undefined> {
  const SUPERSEDE = new Set(['status', 'supersededBy', 'supersededAt', 'rev', 'updatedAt']);
  for (const t of ['rounds', 'evaluations'] as const) {
    for (const before of f.snapshot[t] as (Record<string, unknown> & { id: string })[]) {
      if (!LOCKED.has(before.status as string)) continue;
      const after = (await f.R.table(t).get(before.id)) as Record<string, unknown> | undefined;
      if (!after) return `the locked ${t} row ${String(before.id)} was deleted by a merge`;
      if (!LOCKED.has(after.status as string) || (after.status !== before.status && after.status !== 'superseded')) return `the locked ${t} row ${String(before.id)} became ${String(after.status)}`;
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !SUPERSEDE.has(k) && canonical(before[k]) !== canonical(after[k]));
      if (changed.length) return `the locked ${t} row ${String(before.id)} changed: ${changed.join(', ')}`;
    }
  }
  return undefined;
}

type Outcome = { outcome: string; failure?: string };

async function unchanged(f: Fuzz): Promise<boolean> {
  return JSON.stringify(await dumpAll(f.R)) === f.state;
}

async function runCase(f: Fuzz, c: Case, rng: Rng, fullDump: boolean, fixedPolicy?: 'remote' | 'local'): Promise<Outcome> {
  const protoBefore = prototypeKeys();
  f.faults.arm(0);
  let parsed: Awaited<ReturnType<typeof parseBundle>>;
  try {
    parsed = await parseBundle(c.text);
  } catch (e) {
    return { outcome: 'crash', failure: `parseBundle threw instead of refusing: ${String(e)}` };
  }
  const polluted = prototypePollution(protoBefore);
  if (polluted) return { outcome: 'polluted', failure: polluted };
  if (f.faults.calls) return { outcome: 'wrote', failure: `parseBundle wrote to the database (${f.faults.log.join(', ')})` };
  const first = parsed.ok ? 'accepted' : parsed.problems[0]?.code ?? 'refused';
  if (c.expect === 'notJson' && first !== 'notJson') return { outcome: first, failure: 'a file that is not JSON was not refused as such' };
  if (c.expect === 'refused' && parsed.ok) return { outcome: first, failure: 'accepted although its counts or checksum are wrong' };
  if (c.expect === 'accepted' && !parsed.ok) return { outcome: first, failure: `a harmless change was refused: ${JSON.stringify(parsed.problems.slice(0, 3))}` };
  if ((c.expect === 'orphan' || c.expect === 'rule' || c.expect === 'invalid') && (parsed.ok || !parsed.problems.some((p) => p.code === c.expect))) {
    return { outcome: first, failure: `expected a refusal as ${c.expect}: ${parsed.ok ? 'accepted' : JSON.stringify(parsed.problems.slice(0, 3))}` };
  }
  if (!parsed.ok) {
    const shape = problemShape(parsed.problems);
    if (shape) return { outcome: `refused: ${first}`, failure: shape };
    if (fullDump && !(await unchanged(f))) return { outcome: `refused: ${first}`, failure: 'the database changed although the bundle was refused' };
    return { outcome: `refused: ${first}` };
  }
  const bundle: Bundle = parsed.bundle;
  const plain = plainProblem(bundle);
  if (plain) return { outcome: 'parsed', failure: plain };

  const policy = fixedPolicy ?? rng.pick(['remote', 'local', 'mixed'] as const);
  let choices: Map<string, Choice>;
  let problems: number;
  try {
    const preview = await previewMerge(bundle);
    choices = choicesFor(preview.plan, policy, rng);
    const chosen = await previewMerge(bundle, choices);
    if (openClashes(chosen.plan).length) return { outcome: 'parsed', failure: `clashes still open after answering them all: ${openClashes(chosen.plan).map((i) => `${i.table}:${i.id}`).join(', ')}` };
    const shape = chosen.problems.length ? problemShape(chosen.problems) : undefined;
    if (shape) return { outcome: 'parsed', failure: `preview: ${shape}` };
    problems = chosen.problems.length;
  } catch (e) {
    return { outcome: 'crash', failure: `previewMerge threw: ${String(e).slice(0, 300)}` };
  }
  if (f.faults.calls) return { outcome: 'wrote', failure: `previewMerge wrote to the database (${f.faults.log.join(', ')})` };

  try {
    await applyMerge(bundle, choices);
  } catch (e) {
    const same = await unchanged(f);
    if (!(e instanceof MergeRefusedError)) {
      if (!same) await resetTo(f.R, f.snapshot);
      return { outcome: 'crash', failure: `applyMerge threw ${String(e).slice(0, 300)}${same ? '' : ' and the database changed'}` };
    }
    const outcome = `merge refused: ${e.reason}${e.problems[0] ? ` (${e.problems[0].code})` : ''}`;
    if (!same) {
      await resetTo(f.R, f.snapshot);
      return { outcome, failure: 'the database changed although the merge was refused' };
    }
    if (f.faults.calls) return { outcome, failure: `a refused merge wrote (${f.faults.log.slice(0, 5).join(', ')})` };
    if (!problems) return { outcome, failure: `applyMerge refused (${e.reason}) what the preview showed as fine` };
    if (e.reason === 'problems' && problemShape(e.problems)) return { outcome, failure: problemShape(e.problems)! };
    return { outcome };
  }
  try {
    if (problems) return { outcome: 'merged', failure: 'merged although the preview listed broken references' };
    const backup = await exportBackup().catch((e: unknown) => e);
    if (backup instanceof Error) return { outcome: 'merged', failure: `the merged database cannot export a backup: ${JSON.stringify((backup as { problems?: unknown }).problems ?? String(backup)).slice(0, 400)}` };
    const again = await parseBackup(serializeBackup(backup as Awaited<ReturnType<typeof exportBackup>>));
    if (!again.ok) return { outcome: 'merged', failure: `the merged database's backup is refused: ${JSON.stringify(again.problems.slice(0, 3))}` };
    const rollups = await rollupProblem(f.R);
    if (rollups) return { outcome: 'merged', failure: rollups };
    const filed = await filedProblem(f.R);
    if (filed) return { outcome: 'merged', failure: filed };
    const locked = await lockedProblem(f);
    if (locked) return { outcome: 'merged', failure: locked };
    const after = prototypePollution(protoBefore);
    if (after) return { outcome: 'merged', failure: after };
    return { outcome: 'merged' };
  } catch (e) {
    return { outcome: 'merged', failure: `after merging: ${String(e).slice(0, 400)}` };
  } finally {
    await resetTo(f.R, f.snapshot);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('fuzzed bundles merged into a browser with its own edits: refused with nothing written, or merged and valid', () => {
  it(`${ONLY === undefined ? CASES : 1} cases (seed ${SEED})`, async () => {
    const started = performance.now();
    const f = await setUp();
    const setupSeconds = ((performance.now() - started) / 1000).toFixed(1);

    // The valid bundles merge, with clashes to answer in the whole-plan ones; R is put back exactly after each.
    for (const b of f.bundles) {
      const parsed = await parseBundle(b.text);
      if (!parsed.ok) throw new Error(`the ${b.name} bundle does not parse: ${JSON.stringify(parsed.problems)}`);
      expect(parsed.bundle.data.versions.some((v) => v.deletedAt)).toBe(true);
      for (const policy of ['remote', 'local'] as const) {
        const preview = await previewMerge(parsed.bundle);
        if (b.name !== 'entries') expect(openClashes(preview.plan).map((i) => i.outcome.kind).sort()).toEqual(['clash', 'clash', 'deleteClash']);
        const out = await runCase(f, { bundle: b.name, labels: [], resealed: true, expect: 'accepted', text: b.text }, mulberry32(1), true, policy);
        expect(out).toEqual({ outcome: 'merged' });
        expect(await unchanged(f)).toBe(true);
      }
    }

    const loopStarted = performance.now();
    const failures: string[] = [];
    const tally = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    const indices = ONLY === undefined ? Array.from({ length: CASES }, (_, i) => i) : [ONLY];
    for (const i of indices) {
      const rng = mulberry32(caseSeed(SEED, i));
      const c = await makeBundleCase(f, rng);
      if (ONLY !== undefined) writeFileSync(`/tmp/fuzz-bundle-case-${i}.json`, c.text);
      const { outcome, failure } = await runCase(f, c, rng, CASES <= 1000 || i % 25 === 0);
      const kind = outcome.split(':')[0]!;
      totals.set(kind, (totals.get(kind) ?? 0) + 1);
      for (const l of c.labels) {
        const mutation = l.slice(0, l.indexOf(':'));
        const row = tally.get(mutation) ?? new Map<string, number>();
        row.set(outcome, (row.get(outcome) ?? 0) + 1);
        tally.set(mutation, row);
      }
      if (failure && failures.length < 30) failures.push(`case ${i} (${c.bundle}, ${c.resealed ? 'resealed' : 'not resealed'}; ${c.labels.join(' + ')}): ${failure}`);
    }
    expect(await unchanged(f)).toBe(true);
    const seconds = ((performance.now() - loopStarted) / 1000).toFixed(1);
    const summary = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, row]) => `${k.padEnd(17)} ${[...row].sort(([, a], [, b]) => b - a).map(([o, n]) => `${o} ${n}`).join(', ')}`);
    console.info(`fuzz-bundle: ${indices.length} cases in ${seconds} s (set-up ${setupSeconds} s, seed ${SEED}): ${[...totals].map(([k, n]) => `${k} ${n}`).join(', ')}\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
  }, 3 * 60 * 60_000);

  it('a bundle over the size cap is refused before it is read', async () => {
    expect(await parseBundle(' '.repeat(MAX_BUNDLE_BYTES + 1))).toEqual({ ok: false, problems: [{ where: '', code: 'tooLarge' }] });
  });
});

/** A valid bundle changed by `edit` (on its parsed document) and re-sealed. */
async function edited(text: string, edit: (b: BBuild) => void): Promise<string> {
  const b: BBuild = { doc: JSON.parse(text) as JsonObject, raw: [] };
  edit(b);
  b.doc.counts = Object.fromEntries(Object.entries(dataOf(b)).map(([t, r]) => [t, r.length]));
  b.doc.sha256 = await sha256(JSON.stringify(dataOf(b)));
  return JSON.stringify(b.doc);
}

describe('cases the fuzz and its probes found, kept as examples', () => {
  it('a deletion of the unit that touches no plan is refused: its plans would point at nothing', async () => {
    const f = await setUp();
    const entries = f.bundles.find((b) => b.name === 'entries')!;
    const text = await edited(entries.text, (b) => {
      const unitId = (f.snapshot.plans as { id: string; unitId: string }[]).find((p) => p.id === f.world.unitPlan)!.unitId;
      const v: JsonObject = { table: 'units', id: unitId, planId: f.world.unitPlan, vv: { '0': 1, [S_DEV]: 5000 }, f: {}, origin: ['0', 1], deletedAt: NOW };
      // only the unit's tombstone: every entry of the file is dropped, so nothing else changes
      dataOf(b).entries = [];
      dataOf(b).versions = [v];
    });
    expect(await runCase(f, { bundle: 'entries', labels: [], resealed: true, text }, mulberry32(1), true, 'remote')).toEqual({ outcome: 'merge refused: problems (orphan)' });
  });

  it('a record moved to another plan of the bundle is checked in the plan it leaves too', async () => {
    const f = await setUp();
    const two = f.bundles.find((b) => b.name === 'two plans')!;
    const text = await edited(two.text, (b) => {
      // a 一级 indicator of the unit plan moved to the project plan: its 二级 children stay behind
      const top = rows(b, 'indicators').find((n) => n.planId === f.world.unitPlan && n.level === 1)!;
      top.planId = f.world.rightsPlan;
      const v = ensureVersion(b, 'indicators', top);
      forge(v, ['planId']);
      // and nothing else, so that no other change has the unit plan checked anyway
      for (const t of Object.keys(dataOf(b))) dataOf(b)[t] = [];
      dataOf(b).indicators = [top];
      dataOf(b).versions = [v];
    });
    expect(await runCase(f, { bundle: 'two plans', labels: [], resealed: true, text }, mulberry32(1), true, 'remote')).toEqual({ outcome: 'merge refused: problems (orphan)' });
  });

  it('an indicator moved to another plan with its entries keeps its rollup under the plan it moved to', async () => {
    const f = await setUp();
    const two = f.bundles.find((b) => b.name === 'two plans')!;
    // A 一级 subtree of the unit plan with every entry under it (R's own too) moved to the project plan, as S's later
    // edits, and a new entry of it listed first: the rollups were rebuilt under the old plan after the new one.
    let moved: string | undefined;
    const text = await edited(two.text, (b) => void (moved = moveSubtree(b, f.world, mulberry32(3), true, true)));
    expect(moved).toBe('产出');
    expect(await runCase(f, { bundle: 'two plans', labels: [], resealed: true, text }, mulberry32(1), true, 'remote')).toEqual({ outcome: 'merged' });
  });
});
