import type { IndicatorNode } from '../model';
import type { TargetSpec } from '../targets/types';
import { isIsoDate } from '../dates';
import type { ActivityEntry, MeasureKind, QualBand } from './types';

/**
 * How an indicator's actual is fed, and what a logged entry must hold (domain.md §2.4, §5).
 * The measure is derived from the parsed target unless the user chose one.
 */

/** Units that count whole things (domain.md §2.4): 2.5人次 is an amount with the wrong unit. */
export const INTEGER_UNITS: ReadonlySet<string> = new Set([
  '人次', '人', '份', '次', '个', '项', '场', '期', '户', '家', '篇', '件', '册', '张',
]);

/**
 * Units whose entries add up over the year (domain.md §9: only counts and amounts are time-scaled). Anything else —
 * 分 (a score), 天/工作日/小时 (a duration), 个百分点, 岁 — is a reading: the latest value is the actual, never a sum.
 */
export const CUMULATIVE_UNITS: ReadonlySet<string> = new Set([
  ...INTEGER_UNITS,
  '万人次', '万人', '万份', '万册', '台', '套', '辆', '所', '座', '部', '批', '条', '本', '幅', '首', '支', '队', '位',
  '课时', '学时', '亩', '平方米', '万平方米', '公里', '千米', '吨',
  '起', '宗', '处', '间', '班', '场次', '户次', '家次', '批次', '车次', '架次', '项次', '千元', '亿元',
  // A bare number ("≥3") is most often a count of something the name says.
  '',
]);

const MONEY_UNITS: ReadonlySet<string> = new Set(['万元', '元']);
// Survey-style wording: a % indicator about feelings is measured by a satisfaction survey (domain.md §2.2,
// "有效提升职工凝聚力、幸福指数 ≥90%" is read as a survey score).
const SURVEY_WORDS = ['满意', '幸福', '凝聚'];
const QUANTITATIVE_OPS: ReadonlySet<TargetSpec['op']> = new Set(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE']);
const BANDS: ReadonlySet<string> = new Set<QualBand>(['achieved', 'partial', 'notAchieved']);

/** measureOf({ name: '服务职工满意度', target: { op: 'GE', value: 90, unit: '%' } }) → 'satisfaction' */
export function measureOf(node: Pick<IndicatorNode, 'name' | 'target' | 'measure'>): MeasureKind {
  if (node.measure) return node.measure;
  const t = node.target;
  if (!t) return 'manual';
  if (t.op === 'NA') return 'none';
  if (t.op === 'DATE_BY') return 'deadline';
  if (t.op === 'QUAL') return 'manual';
  if (MONEY_UNITS.has(t.unit)) return 'money';
  // "±5%以内" bounds a deviation from a figure the table does not state: no count or survey yields it, so it is
  // reported by hand (the deviation as measured).
  if (t.phrase === '±…以内') return 'manual';
  if (t.unit === '%') {
    // 满意度 wins over 率 ("满意率" is a survey), and a % without 率 is most often a survey score.
    if (SURVEY_WORDS.some((w) => node.name.includes(w))) return 'satisfaction';
    if (node.name.includes('率')) return 'rate';
    return 'satisfaction';
  }
  return CUMULATIVE_UNITS.has(t.unit) ? 'count' : 'manual';
}

/**
 * The ways an indicator with this target may be fed, the derived one first. A manual value is always possible
 * (财预〔2020〕10号 forms take 实际完成值 as reported); summing is offered only where a sum can mean the target.
 * measureChoices(≥90%) → ['rate', 'satisfaction', 'manual']
 */
export function measureChoices(node: Pick<IndicatorNode, 'name' | 'target'>): MeasureKind[] {
  const derived = measureOf({ name: node.name, target: node.target });
  const t = node.target;
  let all: MeasureKind[];
  if (!t || t.op === 'QUAL') all = ['manual'];
  else if (t.op === 'NA') all = ['none'];
  else if (t.op === 'DATE_BY') all = ['deadline', 'manual'];
  else if (MONEY_UNITS.has(t.unit)) all = ['money', 'manual'];
  else if (t.unit === '%') all = ['rate', 'satisfaction', 'manual'];
  else all = ['count', 'manual'];
  return [derived, ...all.filter((m) => m !== derived)];
}

/** Input fields an entry form shows. `amount` is the money amount (in fen) for money measures. */
export type EntryField = 'amount' | 'amountFen' | 'numerator' | 'denominator' | 'value' | 'band' | 'done';

/** entryFieldsFor('rate') → ['numerator', 'denominator']; entryFieldsFor('manual', { op: 'QUAL', … }) → ['band'] */
export function entryFieldsFor(measure: MeasureKind, target?: TargetSpec): EntryField[] {
  switch (measure) {
    case 'count':
      return ['amount'];
    case 'money':
      return ['amountFen'];
    case 'rate':
    case 'satisfaction':
      return ['numerator', 'denominator'];
    case 'deadline':
      return ['done'];
    case 'manual':
      // Qualitative rows record a 三档 band (domain.md §4.3); numeric ones a value; without a target, either.
      if (target?.op === 'QUAL') return ['band'];
      if (target && QUANTITATIVE_OPS.has(target.op)) return ['value'];
      return ['value', 'band'];
    case 'none':
      return [];
  }
}

/** What a form hands in: the entry's own fields, before ids, timestamps and the plan are attached. */
export type EntryInput = Pick<ActivityEntry, 'date' | 'recordedBy'> &
  Partial<Pick<ActivityEntry, 'amount' | 'amountFen' | 'numerator' | 'denominator' | 'value' | 'band' | 'done' | 'note'>>;

/** Stable codes the UI translates; the field says where to show them. */
export type EntryErrorCode =
  | 'required'
  | 'invalidDate'
  | 'outsideYear'
  | 'notNumber'
  | 'negative'
  | 'zero'
  | 'notInteger'
  | 'denominatorZero'
  | 'numeratorOverDenominator'
  | 'invalidBand'
  | 'notApplicable';

export type EntryErrorField = 'date' | 'amount' | 'numerator' | 'denominator' | 'value' | 'band' | 'recordedBy';

export interface EntryError {
  field: EntryErrorField;
  code: EntryErrorCode;
}

export interface EntryContext {
  /** Plan year: an entry dated in another year belongs to another plan. */
  year: number;
  measure: MeasureKind;
  /** The indicator's target, for the unit (integer units) and QUAL vs numeric manual rows. */
  target?: TargetSpec;
}

/** validateEntry({ date: '2022-03-01', amount: 2.5, recordedBy: '张三' }, { year: 2022, measure: 'count', target: 人次 }) → [{ field: 'amount', code: 'notInteger' }] */
export function validateEntry(input: EntryInput, ctx: EntryContext): EntryError[] {
  const errors: EntryError[] = [];
  const add = (field: EntryErrorField, code: EntryErrorCode | null) => {
    if (code) errors.push({ field, code });
  };

  add('date', dateError(input.date, ctx.year));

  switch (ctx.measure) {
    case 'count': {
      let code = positiveNumberError(input.amount);
      // Whole units only: 2.5人次 or 0.5份 cannot have happened (domain.md §2.4).
      if (!code && ctx.target && INTEGER_UNITS.has(ctx.target.unit) && !Number.isInteger(input.amount)) code = 'notInteger';
      add('amount', code);
      break;
    }
    case 'money': {
      // Money is exact integer fen (money.ts); a fraction of a fen means the amount was mis-converted.
      let code = positiveNumberError(input.amountFen);
      if (!code && !Number.isInteger(input.amountFen)) code = 'notInteger';
      add('amount', code);
      break;
    }
    case 'rate':
    case 'satisfaction':
      ratioErrors(input, add);
      break;
    case 'manual':
      manualErrors(input, ctx.target, add);
      break;
    case 'deadline':
      break; // date + done flag only; done=false is a progress note
    case 'none':
      // 不适用 rows are never fed (domain.md §4.4).
      add('value', 'notApplicable');
      break;
  }

  if (!input.recordedBy || input.recordedBy.trim() === '') add('recordedBy', 'required');
  return errors;
}

function dateError(date: string | undefined, year: number): EntryErrorCode | null {
  if (!date || date.trim() === '') return 'required';
  if (!isIsoDate(date)) return 'invalidDate';
  if (Number(date.slice(0, 4)) !== year) return 'outsideYear';
  return null;
}

function numberError(v: number | undefined): EntryErrorCode | null {
  if (v === undefined || v === null) return 'required';
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'notNumber';
  return null;
}

function positiveNumberError(v: number | undefined): EntryErrorCode | null {
  const code = numberError(v);
  if (code) return code;
  if (v! < 0) return 'negative';
  if (v === 0) return 'zero'; // an entry of nothing is noise in the log
  return null;
}

/** Counts of people or documents: whole, not negative. */
function countError(v: number | undefined): EntryErrorCode | null {
  const code = numberError(v);
  if (code) return code;
  if (v! < 0) return 'negative';
  if (!Number.isInteger(v)) return 'notInteger';
  return null;
}

function ratioErrors(input: EntryInput, add: (f: EntryErrorField, c: EntryErrorCode | null) => void): void {
  const numCode = countError(input.numerator);
  let denCode = countError(input.denominator);
  if (!denCode && input.denominator === 0) denCode = 'denominatorZero';
  add('denominator', denCode);
  // 0 of 5 is a valid observation; more satisfied answers than answers is not.
  if (!numCode && !denCode && input.numerator! > input.denominator!) add('numerator', 'numeratorOverDenominator');
  else add('numerator', numCode);
}

function manualErrors(
  input: EntryInput,
  target: TargetSpec | undefined,
  add: (f: EntryErrorField, c: EntryErrorCode | null) => void,
): void {
  const bandCode = input.band === undefined ? 'required' : BANDS.has(input.band) ? null : 'invalidBand';
  if (target?.op === 'QUAL') {
    add('band', bandCode);
  } else if (target && QUANTITATIVE_OPS.has(target.op)) {
    add('value', numberError(input.value));
  } else if (input.value !== undefined) {
    add('value', numberError(input.value));
  } else if (input.band !== undefined) {
    add('band', bandCode);
  } else {
    add('value', 'required'); // no target to tell which: at least one of value / band
  }
}
