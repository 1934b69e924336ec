import type { FundSource, Id, IsoDate, Stamped } from '../model';

/**
 * How an indicator's actual (实际完成值) is fed (domain.md §5):
 * - count:        Σ amount of entries (人次, 份, 人, 次, …); 人 and 人次 are different indicators, never mixed
 * - money:        Σ amountFen (targets in 万元/元)
 * - rate:         Σ numerator / Σ denominator × 100 (及时发放率, 覆盖率, 参与率, 准确率)
 * - satisfaction: Σ satisfied answers / Σ answers × 100 (survey)
 * - deadline:     the date the work was reported done (DATE_BY targets)
 * - manual:       a value entered by hand (latest up to the cut-off wins), with who and when; qualitative rows
 *                 record a band instead
 * - none:         不适用, never fed or scored
 */
export type MeasureKind = 'count' | 'money' | 'rate' | 'satisfaction' | 'deadline' | 'manual' | 'none';

/** 三档 of a qualitative actual (domain.md §4.3). */
export type QualBand = 'achieved' | 'partial' | 'notAchieved';

/** One thing a staff member logged. Only the fields of the indicator's measure are set. */
export interface ActivityEntry extends Stamped {
  planId: Id;
  indicatorId: Id;
  /** The day the activity happened (not when it was typed). */
  date: IsoDate;
  /** count: amount in the indicator's unit */
  amount?: number;
  /** money: exact amount in fen */
  amountFen?: number;
  /** rate / satisfaction */
  numerator?: number;
  denominator?: number;
  /** manual: the actual as of `date` */
  value?: number;
  band?: QualBand;
  /** deadline: true when this entry reports the work done on `date` */
  done?: boolean;
  note: string;
  recordedBy: string;
  /** Part of the removable "sample activity" batch. */
  sample?: boolean;
}

/** Everything entries of one indicator on one day add up to; kept on write so reads never scan entries. */
export interface DayBucket {
  /** number of entries */
  n: number;
  amount: number;
  amountFen: number;
  numerator: number;
  denominator: number;
  /** manual: the value of the entry updated last that day */
  value?: number;
  band?: QualBand;
  /** deadline: some entry of that day reports the work done */
  done?: boolean;
}

/** Per-indicator rollup: day buckets keyed YYYY-MM-DD (at most 366 per plan year). */
export interface IndicatorRollup {
  indicatorId: Id;
  planId: Id;
  days: Record<IsoDate, DayBucket>;
  updatedAt: string;
}

/** An indicator's actual up to a cut-off date. */
export interface Actual {
  measure: MeasureKind;
  /** count/amount (money in 万元 as a number for display ratios), rate/satisfaction in %, manual value */
  value: number | null;
  amountFen?: number;
  numerator?: number;
  denominator?: number;
  /** deadline: first day reported done */
  completedOn?: IsoDate;
  band?: QualBand;
  /** entries counted */
  entries: number;
  lastDate?: IsoDate;
}

/** Filters of the activity list. */
export interface EntryFilter {
  from?: IsoDate;
  to?: IsoDate;
  indicatorId?: Id;
  recordedBy?: string;
  text?: string;
  limit?: number;
}

/** Money spent against a plan's budget (预算执行数), logged like an activity. */
export interface SpendingEntry extends Stamped {
  planId: Id;
  budgetLineId?: Id;
  /** Which fund paid (监控表 funds rows); absent on rows logged before v3 = 财政拨款, the source of most spending. */
  source?: FundSource;
  date: IsoDate;
  amountFen: number;
  note: string;
  recordedBy: string;
  sample?: boolean;
}
