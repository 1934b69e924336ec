import * as v from 'valibot';
import { isIsoDate } from '@/domain/dates';

/** Field schemas shared by the backup tables (schema.ts) and the monitoring rounds (schema-rounds.ts). */
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
// Generous caps: they stop a runaway file, not a long note a user really typed (the app enforces none smaller).
export const text = (max = 100_000) => v.pipe(v.string(), v.maxLength(max));
// A real calendar day: a 30 February in a budget adjustment or a frozen form is a damaged file, not a date to store.
export const isoDate = v.pipe(v.string(), v.check(isIsoDate, 'not a calendar date (YYYY-MM-DD)'));
export const isoTime = v.pipe(v.string(), v.maxLength(40));
/**
 * The id of a rule set, which the app looks up in its table of rule sets (an unknown one falls back to the default).
 * A name every object answers to ("toString", "constructor", "__proto__") would be found there too and used as a rule
 * set, and the self-evaluation would crash: refused.
 */
export const ruleSetId = (max = 100_000) => v.pipe(text(max), v.check((s) => !(s in Object.prototype), 'not a rule set id'));
export const int = v.pipe(v.number(), v.integer(), v.safeInteger());
export const count = v.pipe(int, v.minValue(0));
export const finite = v.pipe(v.number(), v.finite());

export const stamped = { id, createdAt: isoTime, updatedAt: isoTime, rev: v.pipe(int, v.minValue(1)) };

export const targetSpec = v.strictObject({
  op: v.picklist(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE', 'DATE_BY', 'QUAL', 'NA']),
  value: v.optional(finite),
  max: v.optional(finite),
  date: v.optional(isoDate),
  // Optional since issue #8 (periods, 各, notes glued to a value); older backups have none of them.
  from: v.optional(isoDate),
  each: v.optional(v.boolean()),
  note: v.optional(text(1000)),
  unit: text(1000),
  phrase: v.optional(text()),
  text: v.optional(text()),
  unparsed: v.optional(v.boolean()),
});

export const measure = v.picklist(['count', 'money', 'rate', 'satisfaction', 'deadline', 'manual', 'none']);

export const fundSource = v.picklist(['fiscal', 'carryover', 'other']);

const targetAdjustmentSchema = v.strictObject({ id, targetText: text(), target: targetSpec, approvedOn: isoDate, reason: text(), recordedAt: isoTime });

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
  targetAdjustments: v.optional(v.pipe(v.array(targetAdjustmentSchema), v.maxLength(1000))),
});
