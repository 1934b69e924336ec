import * as v from 'valibot';
import Dexie from 'dexie';
import { markRaw } from '../versioning/middleware';
import { fileRow, storedRow } from './schema-versions';
import { sha256Hex } from './json-text';
import type { ActivityEntry, IndicatorRollup } from '@/domain/actuals/types';
import { bucketize } from '@/domain/actuals/aggregate';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, TABLES, backupSchema, backupSchemaV1, upgradeV1, type Backup, type BackupData } from './schema';
import type { MonitoringRound } from '@/domain/monitoring/round-types';
import type { Evaluation } from '@/domain/evaluation/types';
import { checkIntegrity, type BackupProblem } from './integrity';
import { BackupUnrestorableError } from '@/domain/errors';

export type { Backup, BackupProblem };

export const APP_VERSION = '0.1.0';
/**
 * Files larger than this are refused before parsing. A district (10,000 indicators, 1,000,000 entries with their
 * UUIDs) is about 310 MB; the file is read as one string, and V8's longest is 2^29 − 24 characters (~512 MiB).
 */
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024;

const sha256 = sha256Hex;

/** Everything the user entered, read in one transaction so the copy is consistent. Rollups are derived: left out. */
export async function exportBackup(): Promise<Backup> {
  const d = db();
  const data = await d.transaction('r', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.spending, d.audit, d.rounds, d.evaluations, d.versions], async () => {
    const [units, plans, budgetLines, indicators, entries, spending, audit, rounds, evaluations, versions] = await Promise.all([
      d.units.toArray(), d.plans.toArray(), d.budgetLines.toArray(), d.indicators.toArray(), d.entries.toArray(), d.spending.toArray(), d.audit.toArray(), d.rounds.toArray(), d.evaluations.toArray(), d.versions.toArray().then((rows) => rows.map(fileRow)),
    ]);
    return { units, plans, budgetLines, indicators, entries, spending, audit, rounds, evaluations, versions } as BackupData;
  });
  // A backup this app would refuse to restore is worse than none: check our own output before handing it over.
  const own = v.safeParse(backupSchema.entries.data, data);
  const problems = own.success ? checkIntegrity(own.output) : own.issues.map((i) => ({ where: `data${(i.path ?? []).map((p) => `[${String(p.key)}]`).join('')}`, code: 'invalid' as const, detail: i.message }));
  if (problems.length || !own.success) throw new BackupUnrestorableError(problems);
  // The checked copy is what is written: every record with its fields in the schema's order, whichever code path
  // wrote it, as a restore stores them. So export → restore → export gives the same bytes and the same checksum.
  const out = own.output;
  const counts = Object.fromEntries(TABLES.map((t) => [t, out[t].length])) as Backup['counts'];
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: APP_VERSION,
    schemaVersion: d.verno,
    exportedAt: nowIso(),
    counts,
    sha256: await sha256(JSON.stringify(out)),
    data: out,
  };
}

export const serializeBackup = (b: Backup): string => JSON.stringify(b);

/** Keys that could reach an object's prototype if a later spread or assign trusted them: dropped while parsing. */
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseOutcome = { ok: true; backup: Backup } | { ok: false; problems: BackupProblem[] };

/**
 * A key can only spell a poisoned name if the text writes it out in quotes or escapes a character (\u005f…). A text
 * with neither parses the same with or without the reviver, and several times faster without it (a district's file).
 */
const mayHoldPoison = (text: string) => text.includes('\\u') || [...POISON].some((k) => text.includes(`"${k}"`));

/**
 * Whether the file's checksum holds. It is over the data as the exporting app serialised it, and a file as the app
 * writes it ends with `,"data":<exactly that text>}`: that tail is hashed as it stands, from the file's bytes when
 * given (no re-serialising, no re-encoding). A tail that matches is the exporter's text itself, and as it ends the
 * file it is the data that was parsed, so the careful check below would agree. Any other layout, or no match, is
 * judged the careful way: over the parsed data serialised again.
 */
async function checksumHolds(text: string, data: unknown, expected: string, bytes?: Uint8Array): Promise<boolean> {
  const at = text.indexOf(',"data":');
  if (at > 0 && text.endsWith('}')) {
    const start = at + ',"data":'.length;
    const tail = bytes && bytes[bytes.length - 1] === 0x7d ? bytes.subarray(new TextEncoder().encode(text.slice(0, start)).length, bytes.length - 1) : text.slice(start, -1);
    if ((await sha256(tail)) === expected) return true;
  }
  return (await sha256(JSON.stringify(data))) === expected;
}

/**
 * Reads a backup file and checks everything before anything is written: size, JSON, format and version, every
 * field's type and range, the checksum and row counts, and that every reference points at a row in the file.
 * `bytes`, when given, are the file's bytes that `text` was decoded from (the checksum is then taken over them).
 */
export async function parseBackup(text: string, bytes?: Uint8Array): Promise<ParseOutcome> {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, problems: [{ where: '', code: 'tooLarge' }] };
  let raw: unknown;
  try {
    raw = mayHoldPoison(text) ? JSON.parse(text, (key, value: unknown) => (POISON.has(key) ? undefined : value)) : JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ where: '', code: 'notJson' }] };
  }
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (!raw || typeof raw !== 'object' || head.format !== BACKUP_FORMAT) return { ok: false, problems: [{ where: 'format', code: 'notBackup' }] };
  // Every older format stays importable; a newer one came from a newer app and may hold what this one cannot keep.
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
    return { ok: false, problems: [{ where: 'formatVersion', code: 'newerFormat', detail: String(head.formatVersion) }] };
  }
  // Each format is checked against its own schema, then brought to today's shape.
  const parsed = head.formatVersion === 1 ? v.safeParse(backupSchemaV1, raw) : v.safeParse(backupSchema, raw);
  if (!parsed.success) {
    const problems = parsed.issues.slice(0, 20).map((i) => ({
      where: (i.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, ''),
      code: 'invalid' as const,
      detail: i.message,
    }));
    return { ok: false, problems };
  }
  const backup: Backup = 'rounds' in parsed.output.data ? (parsed.output as Backup) : upgradeV1(parsed.output as Parameters<typeof upgradeV1>[0]);
  const problems: BackupProblem[] = [];
  // Over the data as it was in the file: the validated copy has its keys in schema order, which would not hash alike.
  if (!(await checksumHolds(text, (raw as { data: unknown }).data, backup.sha256, bytes))) problems.push({ where: 'sha256', code: 'checksum' });
  for (const t of TABLES) if (backup.counts[t] !== backup.data[t].length) problems.push({ where: `counts.${t}`, code: 'counts', detail: `${backup.counts[t]} ≠ ${backup.data[t].length}` });
  problems.push(...checkIntegrity(backup.data));
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, backup };
}

/**
 * Replaces everything with the backup's contents in one transaction: a failure half-way (storage full, a closed
 * database) leaves the current data exactly as it was. Rollups are rebuilt from the restored entries (or taken from
 * `opts.rollups`, built off the main thread by the reader). Rows go in chunks (chunkedAdd), so a district's million
 * entries never hold the page in one long task, and `opts.onProgress` hears of every chunk written.
 */
export async function restoreBackup(backup: Backup, opts: RestoreOptions = {}): Promise<void> {
  const d = db();
  const { data } = backup;
  const rollups = opts.rollups ?? rollupsOf(data.entries as ActivityEntry[]);
  const total = TABLES.reduce((n, t) => n + data[t].length, 0) + rollups.length;
  const { add, flush } = chunkedAdd(total, opts.onProgress);
  await d.transaction('rw', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.audit, d.rounds, d.evaluations, d.versions, d.meta], async () => {
    // The file's versions replace this browser's: the restored records are exactly the file's, history included
    // (a file without versions, format 1 or 2, leaves every record legacy). The device clock in meta stays.
    markRaw(Dexie.currentTransaction.idbtrans);
    for (const table of [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.audit, d.rounds, d.evaluations, d.versions]) await table.clear();
    await add(d.versions, data.versions.map(storedRow));
    await add(d.units, data.units);
    await add(d.plans, data.plans);
    await add(d.budgetLines, data.budgetLines);
    await add(d.indicators, data.indicators);
    await add(d.entries, data.entries as ActivityEntry[]);
    await add(d.spending, data.spending);
    await add(d.audit, data.audit as never[]);
    await add(d.rounds, data.rounds as MonitoringRound[]);
    await add(d.evaluations, data.evaluations as Evaluation[]);
    await add(d.rollups, rollups);
    await flush();
    const now = nowIso();
    await d.audit.add({ id: newId(), at: now, entity: 'backup', entityId: backup.sha256, action: 'import', after: { exportedAt: backup.exportedAt, entries: data.entries.length } });
    await d.meta.put({ key: 'restoredFrom', value: { exportedAt: backup.exportedAt, at: now } });
  });
}

export interface RestoreOptions {
  /** Rows written so far of all the restore writes; called after each chunk. */
  onProgress?: (done: number, total: number) => void;
  /** The rollups of the backup's entries when already built (backup-read.ts builds them in its worker). */
  rollups?: IndicatorRollup[];
}

/** Rows per write: small enough that one chunk costs the page a few milliseconds, large enough to keep IDB busy. */
const CHUNK_ROWS = 2000;
/** Rounds and evaluations carry their frozen forms: a few kilobytes each. */
const BIG_ROW_TABLES = new Set(['rounds', 'evaluations']);

/**
 * Adds rows in chunks inside the running transaction, with at most two chunks in flight: while IndexedDB writes one,
 * the next is queued, and the main thread is free between them (each chunk resolves in its own IDB event). Chunks
 * are awaited in order, so the first failure is the one reported, as a single bulkAdd would report it.
 */
function chunkedAdd(total: number, onProgress?: (done: number, total: number) => void) {
  let done = 0;
  const queue: Promise<unknown>[] = [];
  async function add<T>(table: { name: string; bulkAdd: (rows: T[]) => Promise<unknown> }, rows: readonly T[]): Promise<void> {
    const size = BIG_ROW_TABLES.has(table.name) ? CHUNK_ROWS / 20 : CHUNK_ROWS;
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      const written = table.bulkAdd(chunk).then(() => {
        done += chunk.length;
        onProgress?.(done, total);
      });
      written.catch(() => undefined); // observed in order below; a later chunk's abort must not go unhandled
      queue.push(written);
      if (queue.length > 1) await queue.shift();
    }
  }
  async function flush(): Promise<void> {
    while (queue.length) await queue.shift();
  }
  return { add, flush };
}

export function rollupsOf(entries: readonly ActivityEntry[]): IndicatorRollup[] {
  const byIndicator = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const list = byIndicator.get(e.indicatorId);
    if (list) list.push(e);
    else byIndicator.set(e.indicatorId, [e]);
  }
  const now = nowIso();
  return [...byIndicator].map(([indicatorId, list]) => ({ indicatorId, planId: list[0]!.planId, days: bucketize(list), updatedAt: now }));
}
