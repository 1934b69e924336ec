import * as v from 'valibot';
import Dexie from 'dexie';
import type { Id } from '@/domain/model';
import { db } from '../database';
import { nowIso } from '../clock';
import { APP_VERSION, type BackupProblem } from './backup';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_TABLES, bundleDataSchema, bundleSchema, type Bundle, type BundleData, type BundleScope } from './bundle-schema';
import { fileRow } from './schema-versions';
import { issuePath, parseJsonSafely, sha256Hex } from './json-text';
import { DEVICE_KEY, DEVICE_NAMES_KEY, type DeviceClock } from '../versioning/rows';
import type { VersionRow } from '../versioning/rows';

export type { Bundle, BundleScope };

/** A colleague's month of entries is small; a whole district is far below this. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

/** This browser's device (created on first need, as the first write would) and the names of the devices it knows. */
export async function ensureDevice(name?: string): Promise<{ device: DeviceClock; names: Record<string, string> }> {
  const d = db();
  return d.transaction('rw', d.meta, async () => {
    let device = (await d.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined;
    if (!device) {
      device = { id: crypto.randomUUID().slice(0, 8), clock: 0 };
      await d.meta.put({ key: DEVICE_KEY, value: device });
    }
    const names = { ...((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) };
    if (name?.trim() && names[device.id] !== name.trim()) {
      names[device.id] = name.trim();
      await d.meta.put({ key: DEVICE_NAMES_KEY, value: names });
    }
    return { device, names };
  });
}

/**
 * Writes a bundle of the chosen plans: with their structure (unit, plan, budget lines, indicators, rounds,
 * evaluations) or entries and spending alone, those filtered by date range and recorder; each record with its
 * version, and the plans' tombstones so deletions travel. Read in one transaction, checked like a backup.
 */
export async function exportBundle(scope: BundleScope, name: string): Promise<Bundle> {
  const { device, names } = await ensureDevice(name);
  const d = db();
  const data = await d.transaction('r', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.spending, d.rounds, d.evaluations, d.versions], async () => {
    const plans = (await d.plans.bulkGet(scope.planIds)).filter((p) => !!p);
    const ids = plans.map((p) => p.id);
    const byPlans = <T>(t: Dexie.Table<T, string>) => (scope.structure ? t.where('planId').anyOf(ids).toArray() : Promise.resolve([] as T[]));
    const inScope = (r: { date: string; recordedBy: string }) =>
      (!scope.from || r.date >= scope.from) && (!scope.to || r.date <= scope.to) && (!scope.recordedBy || r.recordedBy === scope.recordedBy);
    const [units, budgetLines, indicators, rounds, evaluations, entries, spending, tombstones] = await Promise.all([
      scope.structure ? d.units.bulkGet([...new Set(plans.map((p) => p.unitId))]).then((u) => u.filter((x) => !!x)) : [],
      byPlans(d.budgetLines), byPlans(d.indicators), byPlans(d.rounds), byPlans(d.evaluations),
      d.entries.where('planId').anyOf(ids).filter(inScope).toArray(),
      d.spending.where('planId').anyOf(ids).filter(inScope).toArray(),
      d.versions.where('planId').anyOf(ids).filter((r) => !!r.deletedAt && (scope.structure || r.table === 'entries' || r.table === 'spending')).toArray(),
    ]);
    const records = { units, plans: scope.structure ? plans : [], budgetLines, indicators, entries, spending, rounds, evaluations };
    const keys = Object.entries(records).flatMap(([t, rows]) => (rows as { id: Id }[]).map((r) => `${t}:${r.id}`));
    const live = (await d.versions.bulkGet(keys)).filter((r): r is VersionRow => !!r && !r.deletedAt);
    return { ...records, versions: [...live, ...tombstones].map(fileRow) };
  });
  const own = v.safeParse(bundleDataSchema, data);
  if (!own.success) throw new Error(`bundle would be refused: ${issuePath(own.issues[0].path)} ${own.issues[0].message}`);
  const out = own.output;
  const known = new Set(out.versions.flatMap((r) => [...Object.keys(r.vv), r.origin[0]]));
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: APP_VERSION,
    schemaVersion: d.verno,
    exportedAt: nowIso(),
    from: { device: device.id, name: name.trim() },
    devices: Object.fromEntries(Object.entries(names).filter(([id]) => known.has(id) || id === device.id)),
    scope,
    counts: Object.fromEntries(BUNDLE_TABLES.map((t) => [t, out[t].length])) as Bundle['counts'],
    sha256: await sha256Hex(JSON.stringify(out)),
    data: out,
  };
}

export const serializeBundle = (b: Bundle): string => JSON.stringify(b);

export type BundleOutcome = { ok: true; bundle: Bundle } | { ok: false; problems: BackupProblem[] };

/**
 * Checks a bundle file before anything is read from it into the merge: size, JSON, format and version, every
 * field, checksum and counts, one row per id, a version only for a record the file holds (a tombstone only for one
 * it does not), and nothing outside the plans it says it carries.
 */
export async function parseBundle(text: string): Promise<BundleOutcome> {
  if (text.length > MAX_BUNDLE_BYTES) return refuse('', 'tooLarge');
  const json = parseJsonSafely(text);
  if (!json.ok) return refuse('', 'notJson');
  const head = json.value as { format?: unknown; formatVersion?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== BUNDLE_FORMAT) return refuse('format', 'notBackup');
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION) return refuse('formatVersion', 'newerFormat', String(head.formatVersion));
  const parsed = v.safeParse(bundleSchema, json.value);
  if (!parsed.success) return { ok: false, problems: parsed.issues.slice(0, 20).map((i) => ({ where: issuePath(i.path), code: 'invalid' as const, detail: i.message })) };
  const bundle = parsed.output;
  const problems: BackupProblem[] = [];
  if ((await sha256Hex(JSON.stringify((json.value as { data: unknown }).data))) !== bundle.sha256) problems.push({ where: 'sha256', code: 'checksum' });
  for (const t of BUNDLE_TABLES) if (bundle.counts[t] !== bundle.data[t].length) problems.push({ where: `counts.${t}`, code: 'counts', detail: `${bundle.counts[t]} ≠ ${bundle.data[t].length}` });
  problems.push(...internalProblems(bundle.data, bundle.scope));
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, bundle };
}

function refuse(where: string, code: BackupProblem['code'], detail?: string): BundleOutcome {
  return { ok: false, problems: [{ where, code, ...(detail ? { detail } : {}) }] };
}

function internalProblems(data: BundleData, scope: BundleScope): BackupProblem[] {
  const out: BackupProblem[] = [];
  const ids = new Map<string, Set<string>>();
  for (const t of BUNDLE_TABLES) {
    if (t === 'versions') continue;
    const seen = new Set<string>();
    (data[t] as { id: string }[]).forEach((r, i) => {
      if (seen.has(r.id)) out.push({ where: `data.${t}[${i}].id`, code: 'duplicateId', detail: r.id });
      seen.add(r.id);
    });
    ids.set(t, seen);
  }
  const keys = new Set<string>();
  data.versions.forEach((r, i) => {
    const key = `${r.table}:${r.id}`;
    if (keys.has(key)) out.push({ where: `data.versions[${i}].id`, code: 'duplicateId', detail: key });
    keys.add(key);
    const present = ids.get(r.table)!.has(r.id);
    if (r.deletedAt && present) out.push({ where: `data.versions[${i}].deletedAt`, code: 'rule', detail: key });
    if (!r.deletedAt && !present) out.push({ where: `data.versions[${i}].id`, code: 'orphan', detail: key });
    if (r.deletedAt && (!r.planId || !scope.planIds.includes(r.planId))) out.push({ where: `data.versions[${i}].planId`, code: 'orphan', detail: key });
  });
  const planIds = new Set(scope.planIds);
  for (const t of ['plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'] as const) {
    (data[t] as { id: string; planId?: string }[]).forEach((r, i) => {
      const planId = t === 'plans' ? r.id : r.planId!;
      if (!planIds.has(planId)) out.push({ where: `data.${t}[${i}].planId`, code: 'orphan', detail: planId });
    });
  }
  return out;
}
