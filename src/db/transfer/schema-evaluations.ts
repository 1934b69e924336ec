import * as v from 'valibot';
import { count, finite, id, indicatorSchema, int, isoDate, isoTime, ruleSetId, stamped, text } from './schema-parts';
import { band, fundsRow, ratio } from './schema-rounds';

/**
 * Self-evaluations in a backup, strict like every table: a finalised card (with the rule set that scored it) is what
 * gets filed, so a file that altered its shape is refused rather than half-understood.
 */
const cp = int;
const scoreActual = v.variant('kind', [
  v.strictObject({ kind: v.literal('number'), value: finite }),
  v.strictObject({ kind: v.literal('date'), done: v.nullable(isoDate) }),
  v.strictObject({ kind: v.literal('band'), band, scoreCp: v.optional(cp) }),
  v.strictObject({ kind: v.literal('missing') }),
]);

const rowInput = v.strictObject({
  override: v.optional(v.nullable(v.strictObject({ text: text(), actual: scoreActual, note: text() }))),
  bandScoreCp: v.optional(v.nullable(cp)),
  explanation: text(),
  deductionCp: v.optional(v.nullable(cp)),
  deductionReason: v.optional(text()),
  adjustment: v.optional(v.nullable(v.strictObject({ scoreCp: cp, reason: text() }))),
});

const inputs = v.strictObject({
  rows: v.record(id, rowInput),
  goalActual: text(),
  budgetNote: text(),
  sections: v.record(v.pipe(v.string(), v.maxLength(100)), text()),
});

const ruleCode = v.picklist(['positive', 'equalZero', 'reverseR1', 'reverseR2', 'reverseZero', 'range', 'dateD1', 'dateD2', 'qualitative', 'na', 'budget']);
const explanation = v.strictObject({ rule: ruleCode, ruleName: text(), formula: text(), text: text() });
const problem = v.strictObject({ code: text(200), params: v.optional(v.record(v.string(), v.union([v.string(), finite]))) });

const indicatorScore = v.strictObject({
  id,
  name: text(),
  level1: text(),
  level2: text(),
  weightCp: v.nullable(cp),
  status: v.picklist(['scored', 'na', 'missing', 'invalid']),
  ruleScoreCp: v.nullable(cp),
  scoreCp: v.nullable(cp),
  ratio,
  over: v.boolean(),
  penaltyCp: cp,
  explanation,
  problems: v.pipe(v.array(problem), v.maxLength(50)),
});

const grades = v.strictObject({ excellentCp: cp, goodCp: cp, fairCp: cp });
const ruleSet = v.strictObject({
  id: text(200),
  version: count,
  name: text(),
  reverse: v.picklist(['R1', 'R2']),
  date: v.picklist(['D1', 'D2']),
  overRatio: finite,
  deviationPenalty: v.nullable(v.strictObject({ ratio: finite, pointsCp: cp })),
  budgetCaps: v.pipe(v.array(v.strictObject({ belowRate: finite, maxTotalCp: cp })), v.maxLength(20)),
  grades,
  qualDefaults: v.strictObject({ achieved: finite, partial: finite, notAchieved: finite }),
});

const budgetScore = v.strictObject({ rate: ratio, scoreCp: cp, weightCp: cp, explanation });

const scorecard = v.strictObject({
  ruleSetId: text(200),
  ruleSetVersion: count,
  rows: v.pipe(v.array(indicatorScore), v.maxLength(10_000)),
  groups: v.pipe(v.array(v.strictObject({ name: text(), weightCp: cp, scoreCp: cp, rows: v.pipe(v.array(indicatorScore), v.maxLength(10_000)) })), v.maxLength(100)),
  budget: budgetScore,
  naRescale: v.nullable(v.strictObject({ naWeightCp: cp, factor: finite, explanation: text() })),
  penaltyCp: cp,
  cap: v.nullable(v.strictObject({ maxTotalCp: cp, explanation: text() })),
  rawTotalCp: cp,
  totalCp: cp,
  grade: v.picklist(['excellent', 'good', 'fair', 'poor']),
  complete: v.boolean(),
  blocking: v.pipe(v.array(v.strictObject({ id: text(200), name: text(), code: text(200) })), v.maxLength(10_000)),
});

const source = v.picklist(['log', 'round', 'override', 'none']);
const evalRow = v.strictObject({
  node: indicatorSchema,
  level1: text(),
  level2: text(),
  applicable: v.boolean(),
  targetText: text(),
  adjusted: v.nullable(v.strictObject({ originalText: text(), approvedOn: isoDate, reason: text() })),
  computed: v.strictObject({ actual: scoreActual, text: text(), source, detail: text() }),
  actual: scoreActual,
  actualText: text(),
  source,
  score: indicatorScore,
  needsExplanation: v.boolean(),
  input: rowInput,
});

const snapshot = v.strictObject({
  header: v.strictObject({
    planName: text(),
    planKind: v.picklist(['unit', 'project']),
    unitName: text(),
    supervisor: text(),
    implementer: text(),
    year: finite,
    asOf: isoDate,
  }),
  ruleSet,
  funds: v.pipe(v.array(fundsRow), v.maxLength(4)),
  budget: budgetScore,
  goal: v.strictObject({ text: text(), actual: text() }),
  rows: v.pipe(v.array(evalRow), v.maxLength(10_000)),
  scorecard,
  weightTotalCp: cp,
  problems: v.pipe(v.array(v.strictObject({ id: text(200), name: text(), code: text(200) })), v.maxLength(10_000)),
});

export const evaluationSchema = v.strictObject({
  ...stamped,
  planId: id,
  year: finite,
  seriesId: id,
  version: v.pipe(count, v.minValue(1)),
  status: v.picklist(['draft', 'final', 'superseded']),
  ruleSetId: ruleSetId(200),
  inputs,
  createdBy: text(),
  finalisedAt: v.optional(isoTime),
  finalisedBy: v.optional(text()),
  snapshot: v.optional(snapshot),
  supersededBy: v.optional(id),
  supersededAt: v.optional(isoTime),
  supersedes: v.optional(id),
});
