import * as v from 'valibot';

/**
 * The backup file, checked field by field before anything is written (reliability.md: validate strictly, all or
 * nothing). Strict objects: an unknown field is a sign of a different or tampered file, not something to store.
 * Rollups are not in the file — they are derived and rebuilt on restore.
 */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
// Generous caps: they stop a runaway file, not a long note a user really typed (the app enforces none smaller).
const text = (max = 100_000) => v.pipe(v.string(), v.maxLength(max));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const isoTime = v.pipe(v.string(), v.maxLength(40));
const int = v.pipe(v.number(), v.integer(), v.safeInteger());
const count = v.pipe(int, v.minValue(0));
const finite = v.pipe(v.number(), v.finite());

const stamped = { id, createdAt: isoTime, updatedAt: isoTime, rev: v.pipe(int, v.minValue(1)) };

const targetSpec = v.strictObject({
  op: v.picklist(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE', 'DATE_BY', 'QUAL', 'NA']),
  value: v.optional(finite),
  max: v.optional(finite),
  date: v.optional(isoDate),
  unit: text(1000),
  phrase: v.optional(text()),
  text: v.optional(text()),
  unparsed: v.optional(v.boolean()),
});

const measure = v.picklist(['count', 'money', 'rate', 'satisfaction', 'deadline', 'manual', 'none']);

export const unitSchema = v.strictObject({ ...stamped, name: text(), supervisor: text(), duties: text() });

export const planSchema = v.strictObject({
  ...stamped,
  unitId: id,
  year: v.pipe(int, v.minValue(1949), v.maxValue(2200)),
  kind: v.picklist(['unit', 'project']),
  name: text(),
  goal: text(),
  key: v.boolean(),
  ruleSetId: text(),
  budgetWeightCp: v.pipe(count, v.maxValue(10_000)),
  sourcePlanId: v.optional(id),
  seedKey: v.optional(text()),
});

export const budgetLineSchema = v.strictObject({ ...stamped, planId: id, name: text(), content: text(), fiscalFen: count, otherFen: count, order: finite });

export const indicatorSchema = v.strictObject({
  ...stamped,
  planId: id,
  parentId: v.nullable(id),
  level: v.picklist([1, 2, 3]),
  name: text(),
  order: finite,
  targetText: v.optional(text()),
  target: v.optional(targetSpec),
  weightCp: v.nullable(v.pipe(count, v.maxValue(10_000))),
  measure: v.optional(measure),
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
export const LIMITS = { units: 1_000, plans: 20_000, budgetLines: 200_000, indicators: 200_000, entries: 2_000_000, spending: 1_000_000, audit: 5_000_000 };

export const dataSchema = v.strictObject({
  units: v.pipe(v.array(unitSchema), v.maxLength(LIMITS.units)),
  plans: v.pipe(v.array(planSchema), v.maxLength(LIMITS.plans)),
  budgetLines: v.pipe(v.array(budgetLineSchema), v.maxLength(LIMITS.budgetLines)),
  indicators: v.pipe(v.array(indicatorSchema), v.maxLength(LIMITS.indicators)),
  entries: v.pipe(v.array(entrySchema), v.maxLength(LIMITS.entries)),
  spending: v.pipe(v.array(spendingSchema), v.maxLength(LIMITS.spending)),
  audit: v.pipe(v.array(auditSchema), v.maxLength(LIMITS.audit)),
});

export const TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'audit'] as const;
export type TableName = (typeof TABLES)[number];

export const BACKUP_FORMAT = 'jixiao-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const backupSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  formatVersion: v.pipe(int, v.minValue(1)),
  appVersion: text(),
  schemaVersion: int,
  exportedAt: isoTime,
  counts: v.strictObject(Object.fromEntries(TABLES.map((t) => [t, count])) as Record<TableName, typeof count>),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  data: dataSchema,
});

export type BackupData = v.InferOutput<typeof dataSchema>;
export type Backup = v.InferOutput<typeof backupSchema>;
