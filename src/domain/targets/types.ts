/**
 * Target specification (年度指标值) as officials write it, parsed into an operator, value(s) and unit.
 * Operators follow the FASP2 sign enum (≥ ＞ ＝ ＜ ≤ 定性) plus RANGE, DATE_BY and NA (domain.md §2.2).
 */
export type TargetOp = 'GE' | 'GT' | 'EQ' | 'LT' | 'LE' | 'RANGE' | 'DATE_BY' | 'QUAL' | 'NA';

/** 正向 (higher is better), 反向 (lower is better), 定性, 不适用 — derived from the operator, never from the 二级 category. */
export type Direction = 'positive' | 'reverse' | 'qualitative' | 'na';

export interface TargetSpec {
  op: TargetOp;
  /** GE/GT/EQ/LT/LE: the value; RANGE: the lower bound. Percentages are 0–100, not 0–1. */
  value?: number;
  /** RANGE only: the upper bound (inclusive). */
  max?: number;
  /** DATE_BY only: ISO date YYYY-MM-DD (for a period, its last day: the deadline). */
  date?: string;
  /**
   * DATE_BY only, optional: first day of a period written by other units (2023年3月-10月 → from '2023-03-01',
   * date '2023-10-31'), kept so the text still shows when the work starts. Older specs have none.
   */
  from?: string;
  /**
   * GE/GT/EQ/LT/LE only, optional: true when the figure applies to each item (各2次: two times per item, not two in
   * all), so the canonical text keeps the 各. Older specs have none.
   */
  each?: boolean;
  /** 计量单位: 人次, 人, 份, 次, %, 万元, …; '' when none. Never converted (人 ≠ 人次). */
  unit: string;
  /**
   * The operator wording as written, from a closed list per operator (e.g. GE: '≥' | '不少于' | '不低于' | …),
   * so the canonical text keeps the official's phrasing (不少于800人次 stays 不少于800人次).
   * Tolerances: RANGE '±' is a base with a tolerance (100±5% → 95..105 %); LE '±…以内' is a bare tolerance
   * (±5%以内 → the deviation is at most 5 %). See parse-tolerance.ts.
   */
  phrase?: string;
  /**
   * GE/GT/EQ/LT/LE only, optional: words glued after the value that are not part of the unit (100%覆盖 → unit '%',
   * note '覆盖'), so the unit stays a real 计量单位 (domain.md §2.4). Older specs have none.
   */
  note?: string;
  /** QUAL only: the qualitative text. */
  text?: string;
  /** QUAL only: true when the text looked quantitative but could not be parsed; kept, never lost. */
  unparsed?: boolean;
}

export type ParseIssueCode =
  | 'empty'
  | 'badNumber'
  | 'missingNumber'
  | 'rangeReversed'
  /** A period whose start is after its end (2023年10月-3月). */
  | 'periodReversed'
  | 'badDate'
  | 'dateNeedsYear'
  | 'negative'
  | 'percentOver100'
  | 'qualitative'
  | 'unknownUnit'
  /** Has digits or an operator but fits no target form ("第1季度", "80人-90份", "≥90%以下"). */
  | 'unrecognised';

export interface ParseIssue {
  /** error: the text is not a valid target and must not be saved; warning/info: saved, but shown. */
  severity: 'error' | 'warning' | 'info';
  code: ParseIssueCode;
  /** Values for the message template, e.g. { text: '9..0' }. */
  params?: Record<string, string | number>;
}

export interface ParseResult {
  spec: TargetSpec;
  issues: ParseIssue[];
  ok: boolean; // no error-severity issue
}

export interface ParseContext {
  /** Plan year, used for dates written without one (12月底前, 年底前). */
  year?: number;
}
