import * as v from 'valibot';
import { count, id, int, isoDate, isoTime, text } from './schema-parts';
import { LIMITS, budgetLineSchema, entrySchema, planSchema, spendingSchema, unitSchema } from './schema';
import { indicatorSchema } from './schema-parts';
import { roundSchema } from './schema-rounds';
import { evaluationSchema } from './schema-evaluations';
import { versionRowSchema } from './schema-versions';

/**
 * A bundle: records one colleague hands another ("export for a colleague"), checked like a backup — every field's
 * type, the checksum, the counts — before a merge reads it. Unlike a backup it holds part of the data (chosen plans,
 * entries by date and recorder), so its references may point at records the receiving browser already has: those
 * are checked against the merged result, not the file alone.
 */
export const BUNDLE_FORMAT = 'jixiao-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations', 'versions'] as const;
export type BundleTable = (typeof BUNDLE_TABLES)[number];

const arr = <T extends v.GenericSchema>(schema: T, max: number) => v.pipe(v.array(schema), v.maxLength(max));

export const bundleDataSchema = v.strictObject({
  units: arr(unitSchema, LIMITS.units),
  plans: arr(planSchema, LIMITS.plans),
  budgetLines: arr(budgetLineSchema, LIMITS.budgetLines),
  indicators: arr(indicatorSchema, LIMITS.indicators),
  entries: arr(entrySchema, LIMITS.entries),
  spending: arr(spendingSchema, LIMITS.spending),
  rounds: arr(roundSchema, LIMITS.rounds),
  evaluations: arr(evaluationSchema, LIMITS.evaluations),
  versions: arr(versionRowSchema, LIMITS.versions),
});

export const bundleScopeSchema = v.strictObject({
  planIds: arr(id, LIMITS.plans),
  /** false: entries and spending only (the plans' structure is expected at the receiver) */
  structure: v.boolean(),
  from: v.optional(isoDate),
  to: v.optional(isoDate),
  recordedBy: v.optional(text(200)),
});

export const bundleSchema = v.strictObject({
  format: v.literal(BUNDLE_FORMAT),
  formatVersion: v.literal(BUNDLE_FORMAT_VERSION),
  appVersion: text(),
  schemaVersion: int,
  exportedAt: isoTime,
  /** who made it: this browser's device id and the name typed when exporting */
  from: v.strictObject({ device: v.pipe(text(64), v.minLength(1)), name: text(200) }),
  /** names of the devices seen in versions, as far as the sender knew them (to show who changed a field) */
  devices: v.pipe(v.record(v.pipe(text(64), v.minLength(1)), text(200)), v.check((r) => Object.keys(r).length <= 10_000, 'too many devices')),
  scope: bundleScopeSchema,
  counts: v.strictObject(Object.fromEntries(BUNDLE_TABLES.map((t) => [t, count])) as Record<BundleTable, typeof count>),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  data: bundleDataSchema,
});

export type Bundle = v.InferOutput<typeof bundleSchema>;
export type BundleData = v.InferOutput<typeof bundleDataSchema>;
export type BundleScope = v.InferOutput<typeof bundleScopeSchema>;
