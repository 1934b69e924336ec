import * as v from 'valibot';
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
/** Files larger than this are refused before parsing: a district's data is far smaller, a runaway file is not. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Everything the user entered, read in one transaction so the copy is consistent. Rollups are derived: left out. */
export async function exportBackup(): Promise<Backup> {
  const d = db();
  const data = await d.transaction('r', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.spending, d.audit, d.rounds, d.evaluations], async () => {
    const [units, plans, budgetLines, indicators, entries, spending, audit, rounds, evaluations] = await Promise.all([
      d.units.toArray(), d.plans.toArray(), d.budgetLines.toArray(), d.indicators.toArray(), d.entries.toArray(), d.spending.toArray(), d.audit.toArray(), d.rounds.toArray(), d.evaluations.toArray(),
    ]);
    return { units, plans, budgetLines, indicators, entries, spending, audit, rounds, evaluations } as BackupData;
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
 * Reads a backup file and checks everything before anything is written: size, JSON, format and version, every
 * field's type and range, the checksum and row counts, and that every reference points at a row in the file.
 */
export async function parseBackup(text: string): Promise<ParseOutcome> {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, problems: [{ where: '', code: 'tooLarge' }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => (POISON.has(key) ? undefined : value));
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
  if ((await sha256(JSON.stringify((raw as { data: unknown }).data))) !== backup.sha256) problems.push({ where: 'sha256', code: 'checksum' });
  for (const t of TABLES) if (backup.counts[t] !== backup.data[t].length) problems.push({ where: `counts.${t}`, code: 'counts', detail: `${backup.counts[t]} ≠ ${backup.data[t].length}` });
  problems.push(...checkIntegrity(backup.data));
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, backup };
}

/**
 * Replaces everything with the backup's contents in one transaction: a failure half-way (storage full, a closed
 * database) leaves the current data exactly as it was. Rollups are rebuilt from the restored entries.
 */
export async function restoreBackup(backup: Backup): Promise<void> {
  const d = db();
  const { data } = backup;
  await d.transaction('rw', [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.audit, d.rounds, d.evaluations, d.meta], async () => {
    for (const table of [d.units, d.plans, d.budgetLines, d.indicators, d.entries, d.rollups, d.spending, d.audit, d.rounds, d.evaluations]) await table.clear();
    await d.units.bulkAdd(data.units);
    await d.plans.bulkAdd(data.plans);
    await d.budgetLines.bulkAdd(data.budgetLines);
    await d.indicators.bulkAdd(data.indicators);
    await d.entries.bulkAdd(data.entries as ActivityEntry[]);
    await d.spending.bulkAdd(data.spending);
    await d.audit.bulkAdd(data.audit as never[]);
    await d.rounds.bulkAdd(data.rounds as MonitoringRound[]);
    await d.evaluations.bulkAdd(data.evaluations as Evaluation[]);
    await d.rollups.bulkAdd(rollupsOf(data.entries as ActivityEntry[]));
    const now = nowIso();
    await d.audit.add({ id: newId(), at: now, entity: 'backup', entityId: backup.sha256, action: 'import', after: { exportedAt: backup.exportedAt, entries: data.entries.length } });
    await d.meta.put({ key: 'restoredFrom', value: { exportedAt: backup.exportedAt, at: now } });
  });
}

function rollupsOf(entries: readonly ActivityEntry[]): IndicatorRollup[] {
  const byIndicator = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const list = byIndicator.get(e.indicatorId);
    if (list) list.push(e);
    else byIndicator.set(e.indicatorId, [e]);
  }
  const now = nowIso();
  return [...byIndicator].map(([indicatorId, list]) => ({ indicatorId, planId: list[0]!.planId, days: bucketize(list), updatedAt: now }));
}
