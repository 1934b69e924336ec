import * as v from 'valibot';
import { count, finite, id, indicatorSchema, isoDate, isoTime, measure, stamped, text } from './schema-parts';

/**
 * Monitoring rounds in a backup, strict to the last field like every other table: a submitted round's frozen form is
 * what gets filed, so a file that altered its shape must be refused, not half-understood.
 */
export const light = v.picklist(['red', 'yellow', 'green', 'blue', 'none']);
export const ratio = v.nullable(finite);
export const band = v.picklist(['achieved', 'partial', 'notAchieved']);
const reason = v.picklist(['funding', 'institution', 'staffing', 'hardware', 'other']);
const possibility = v.nullable(v.picklist(['certain', 'possible', 'impossible']));

const rowInput = v.strictObject({
  forecast: v.optional(v.nullable(finite)),
  reasons: v.pipe(v.array(reason), v.maxLength(5)),
  reasonText: text(),
  possibility,
  measures: text(),
  note: text(),
});

const inputs = v.strictObject({
  rows: v.record(id, rowInput),
  goalProgress: text(),
  goalForecast: text(),
  corrective: text(),
  budgetForecastFen: v.nullable(count),
  rectify: v.strictObject({ needed: v.boolean(), advice: text(), result: text() }),
});

const actual = v.strictObject({
  measure,
  value: v.nullable(finite),
  amountFen: v.optional(count),
  numerator: v.optional(count),
  denominator: v.optional(count),
  completedOn: v.optional(isoDate),
  band: v.optional(band),
  entries: count,
  lastDate: v.optional(isoDate),
});

const assessment = v.strictObject({
  ratio,
  expected: finite,
  light,
  status: v.picklist(['na', 'noData', 'met', 'onTrack', 'behind', 'notMet', 'over', 'late', 'done', 'notDone']),
  over: v.boolean(),
  achievement: ratio,
});

const row = v.strictObject({
  node: indicatorSchema,
  level1: text(),
  level2: text(),
  applicable: v.boolean(),
  measure,
  targetText: text(),
  adjusted: v.nullable(v.strictObject({ originalText: text(), approvedOn: isoDate, reason: text() })),
  actual,
  actualText: text(),
  source: v.strictObject({ measure, entries: count, lastDate: v.optional(isoDate) }),
  assessment,
  lightFormula: text(),
  forecast: v.strictObject({
    value: v.nullable(finite),
    text: text(),
    method: v.picklist(['linear', 'current', 'manual', 'none']),
    computed: v.nullable(finite),
    computedText: text(),
    belowActual: v.boolean(),
  }),
  deviation: ratio,
  input: rowInput,
});

export const fundsRow = v.strictObject({
  source: v.picklist(['total', 'fiscal', 'carryover', 'other']),
  initialFen: finite,
  fullFen: finite,
  executedFen: finite,
  rate: ratio,
  forecastFen: v.nullable(finite),
});

const snapshot = v.strictObject({
  header: v.strictObject({
    planName: text(),
    planKind: v.picklist(['unit', 'project']),
    unitName: text(),
    supervisor: text(),
    implementer: text(),
    year: finite,
    cutoff: isoDate,
    month: finite,
    monthEnd: v.boolean(),
    timeProgress: finite,
    timeProgressText: text(),
  }),
  funds: v.pipe(v.array(fundsRow), v.maxLength(4)),
  budget: v.strictObject({
    rate: ratio,
    q: ratio,
    light,
    formula: text(),
    forecastMethod: v.picklist(['linear', 'manual', 'none']),
    computedForecastFen: v.nullable(finite),
  }),
  goal: v.strictObject({ text: text(), progress: text(), forecast: text() }),
  rows: v.pipe(v.array(row), v.maxLength(10_000)),
  planLight: light,
  counts: v.strictObject({ red: count, yellow: count, green: count, blue: count, none: count }),
  corrective: text(),
  rectify: v.strictObject({ needed: v.boolean(), advice: text(), result: text() }),
});

export const roundSchema = v.strictObject({
  ...stamped,
  planId: id,
  year: finite,
  cutoff: isoDate,
  seriesId: id,
  version: v.pipe(count, v.minValue(1)),
  status: v.picklist(['draft', 'submitted', 'superseded']),
  inputs,
  createdBy: text(),
  submittedAt: v.optional(isoTime),
  submittedBy: v.optional(text()),
  snapshot: v.optional(snapshot),
  supersededBy: v.optional(id),
  supersededAt: v.optional(isoTime),
  supersedes: v.optional(id),
});
