import * as v from 'valibot';
import { SYNCED_TABLES } from '@/domain/merge/plan';
import { count, id, isoTime, text } from './schema-parts';

/**
 * Versions and tombstones of synced records (schema v5), in backups (format 3) and bundles. Older files have none:
 * their records count as the legacy device's at their rev, as in a database upgraded to v5.
 */
const device = v.pipe(text(64), v.minLength(1));
const dot = v.strictTuple([device, v.pipe(count, v.minValue(1))]);
const dotOrLegacy = v.strictTuple([device, count]);

/** In the file without its key ("<table>:<id>"), which is rebuilt on writing: a key that disagrees cannot exist. */
export const versionRowSchema = v.strictObject({
    table: v.picklist(SYNCED_TABLES),
    id,
    planId: v.optional(id),
    vv: v.pipe(v.record(device, count), v.check((r) => Object.keys(r).length <= 10_000, 'too many devices')),
    f: v.record(text(200), dot),
    origin: dotOrLegacy,
    deletedAt: v.optional(isoTime),
});

/** A stored row as a file holds it, and back. */
export function fileRow<R extends { key: string }>(row: R): Omit<R, 'key'> {
  const { key: _key, ...rest } = row;
  return rest;
}
export const storedRow = (row: VersionRowData): VersionRowData & { key: string } => ({ key: `${row.table}:${row.id}`, ...row });

export type VersionRowData = v.InferOutput<typeof versionRowSchema>;
