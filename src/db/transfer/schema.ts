import * as v from 'valibot';
import { count, finite, fundSource, id, indicatorSchema, int, isoDate, isoTime, ruleSetId, stamped, text } from './schema-parts';
import { roundSchema } from './schema-rounds';
import { evaluationSchema } from './schema-evaluations';
import { versionRowSchema } from './schema-versions';

/**
 * The backup file, checked field by field before anything is written (reliability.md: validate strictly, all or
 * nothing). Strict objects: an unknown field is a sign of a different or tampered file, not something to store.
 * Rollups are not in the file — they are derived and rebuilt on restore.
 */

export const unitSchema = v.strictObject({ ...stamped, name: text(), supervisor: text(), duties: text() });

export const planSchema = v.strictObject({
  ...stamped,
  unitId: id,
  year: v.pipe(int, v.minValue(1949), v.maxValue(2200)),
  kind: v.picklist(['unit', 'project']),
  name: text(),
  goal: text(),
  key: v.boolean(),
  ruleSetId: ruleSetId(),
  budgetWeightCp: v.pipe(count, v.maxValue(10_000)),
  sourcePlanId: v.optional(id),
  seedKey: v.optional(text()),
});

const money = v.pipe(int, v.minValue(-Number.MAX_SAFE_INTEGER));
const adjustmentSchema = v.strictObject({ id, date: isoDate, source: fundSource, amountFen: money, reason: text() });

/** Format 1 budget lines (before 上年结转 and adjustments): upgraded on import with 0 and none. */
export const budgetLineSchemaV1 = v.strictObject({ ...stamped, planId: id, name: text(), content: text(), fiscalFen: count, otherFen: count, order: finite });
export const budgetLineSchema = v.strictObject({
  ...stamped,
  planId: id,
  name: text(),
  content: text(),
  fiscalFen: count,
  carryoverFen: count,
  otherFen: count,
  adjustments: v.pipe(v.array(adjustmentSchema), v.maxLength(1000)),
  order: finite,
});



export const entrySchema = v.strictObject({
  ...stamped,
  planId: id,
  indicatorId: id,
  date: isoDate,
  amount: v.optional(v.pipe(finite, v.minValue(0))),
  amountFen: v.optional(count),
  numerator: v.optional(count),
  denominator: v.optional(count),
  value: v.optional(finite),
  band: v.optional(v.picklist(['achieved', 'partial', 'notAchieved'])),
  done: v.optional(v.boolean()),
  note: text(),
  recordedBy: text(),
  sample: v.optional(v.boolean()),
});

export const spendingSchema = v.strictObject({
  ...stamped,
  planId: id,
  budgetLineId: v.optional(id),
  source: v.optional(fundSource),
  date: isoDate,
  amountFen: count,
  note: text(),
  recordedBy: text(),
  sample: v.optional(v.boolean()),
});

export const auditSchema = v.strictObject({
  id,
  at: isoTime,
  entity: text(),
  entityId: text(),
  planId: v.optional(id),
  action: text(),
  before: v.optional(v.record(v.string(), v.unknown())),
  after: v.optional(v.record(v.string(), v.unknown())),
});

/** Row caps: a district in one browser (10,000 indicators, 1,000,000 entries) with room to spare. */
export const LIMITS = { units: 1_000, plans: 20_000, budgetLines: 200_000, indicators: 200_000, entries: 2_000_000, spending: 1_000_000, audit: 5_000_000, rounds: 100_000, evaluations: 100_000, versions: 6_000_000 };

const tablesV1 = {
  units: v.pipe(v.array(unitSchema), v.maxLength(LIMITS.units)),
  plans: v.pipe(v.array(planSchema), v.maxLength(LIMITS.plans)),
  budgetLines: v.pipe(v.array(budgetLineSchemaV1), v.maxLength(LIMITS.budgetLines)),
  indicators: v.pipe(v.array(indicatorSchema), v.maxLength(LIMITS.indicators)),
  entries: v.pipe(v.array(entrySchema), v.maxLength(LIMITS.entries)),
  spending: v.pipe(v.array(spendingSchema), v.maxLength(LIMITS.spending)),
  audit: v.pipe(v.array(auditSchema), v.maxLength(LIMITS.audit)),
};

export const dataSchema = v.strictObject({
  ...tablesV1,
  budgetLines: v.pipe(v.array(budgetLineSchema), v.maxLength(LIMITS.budgetLines)),
  rounds: v.pipe(v.array(roundSchema), v.maxLength(LIMITS.rounds)),
  // Self-evaluations joined format 2 after files of format 2 had been written: such a file has no table, not a bad one.
  evaluations: v.optional(v.pipe(v.array(evaluationSchema), v.maxLength(LIMITS.evaluations)), () => []),
  // Format 3: versions and tombstones of the synced records (absent from format 2: every record is legacy).
  versions: v.optional(v.pipe(v.array(versionRowSchema), v.maxLength(LIMITS.versions)), () => []),
});

export const TABLES_V1 = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'audit'] as const;
export const TABLES = [...TABLES_V1, 'rounds', 'evaluations', 'versions'] as const;
export type TableName = (typeof TABLES)[number];

export const BACKUP_FORMAT = 'jixiao-backup';
/**
 * 2: budget lines with 上年结转 and adjustments, target adjustments, spending sources, monitoring rounds, self-evaluations.
 * 3: the versions and tombstones of synced records (schema v5), so a restored browser merges with colleagues' copies.
 */
export const BACKUP_FORMAT_VERSION = 3;

const header = {
  format: v.literal(BACKUP_FORMAT),
  appVersion: text(),
  schemaVersion: int,
  exportedAt: isoTime,
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
};

export const backupSchema = v.strictObject({
  ...header,
  // Format 2 has the same tables but versions; it is read by this schema and then stamped as today's format.
  formatVersion: v.picklist([2, BACKUP_FORMAT_VERSION]),
  counts: v.strictObject({ ...(Object.fromEntries(TABLES.map((t) => [t, count])) as Record<TableName, typeof count>), evaluations: v.optional(count, 0), versions: v.optional(count, 0) }),
  data: dataSchema,
});

/** Format 1, as the first release wrote it; every older format stays importable (reliability.md). */
export const backupSchemaV1 = v.strictObject({
  ...header,
  formatVersion: v.literal(1),
  counts: v.strictObject(Object.fromEntries(TABLES_V1.map((t) => [t, count])) as Record<(typeof TABLES_V1)[number], typeof count>),
  data: v.strictObject(tablesV1),
});

export type BackupData = v.InferOutput<typeof dataSchema>;
export type Backup = v.InferOutput<typeof backupSchema>;
export type BackupV1 = v.InferOutput<typeof backupSchemaV1>;

/** A format 1 backup in today's shape: lines get 上年结转 0 and no adjustments (年初 = 全年), no rounds or evaluations. */
export function upgradeV1(b: BackupV1): Backup {
  return {
    ...b,
    formatVersion: BACKUP_FORMAT_VERSION,
    counts: { ...b.counts, rounds: 0, evaluations: 0, versions: 0 },
    data: { ...b.data, budgetLines: b.data.budgetLines.map((l) => ({ ...l, carryoverFen: 0, adjustments: [] })), rounds: [], evaluations: [], versions: [] },
  };
}
