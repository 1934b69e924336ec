import type { Id, IsoDate } from '../model';
import { FEN_PER_WAN } from '../money';
import type { ActivityEntry, Actual, DayBucket, IndicatorRollup, MeasureKind } from './types';

/**
 * Actuals are aggregations of logged entries up to a cut-off date (domain.md §5). Entries are first summed
 * into one bucket per day (kept on write), so reading an actual scans at most 366 buckets, never the log.
 */

/** Latest-wins order for manual values: updatedAt, then createdAt and id so ties are deterministic. */
function later(a: ActivityEntry, b: ActivityEntry): boolean {
  return (
    a.updatedAt > b.updatedAt ||
    (a.updatedAt === b.updatedAt && (a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)))
  );
}

/** bucketOf([{ amount: 3 }, { amount: 2 }]) → { n: 2, amount: 5, amountFen: 0, numerator: 0, denominator: 0 } */
export function bucketOf(entries: readonly ActivityEntry[]): DayBucket {
  const b: DayBucket = { n: 0, amount: 0, amountFen: 0, numerator: 0, denominator: 0 };
  let valueFrom: ActivityEntry | undefined;
  let bandFrom: ActivityEntry | undefined;
  for (const e of entries) {
    b.n += 1;
    b.amount += e.amount ?? 0;
    b.amountFen += e.amountFen ?? 0;
    b.numerator += e.numerator ?? 0;
    b.denominator += e.denominator ?? 0;
    // A manual actual is a reading, not a flow: the entry edited last that day is the day's reading.
    if (e.value !== undefined && (!valueFrom || later(e, valueFrom))) valueFrom = e;
    if (e.band !== undefined && (!bandFrom || later(e, bandFrom))) bandFrom = e;
    if (e.done) b.done = true;
  }
  if (valueFrom) b.value = valueFrom.value;
  if (bandFrom) b.band = bandFrom.band;
  return b;
}

/** bucketize(entries of one indicator) → { '2022-03-01': DayBucket, … } */
export function bucketize(entries: readonly ActivityEntry[]): Record<IsoDate, DayBucket> {
  const byDate = new Map<IsoDate, ActivityEntry[]>();
  for (const e of entries) {
    const list = byDate.get(e.date) ?? [];
    list.push(e);
    byDate.set(e.date, list);
  }
  const out: Record<IsoDate, DayBucket> = {};
  for (const date of [...byDate.keys()].sort()) out[date] = bucketOf(byDate.get(date)!);
  return out;
}

/**
 * An indicator's rollup with the given days recomputed from their entries (a day left without entries is dropped);
 * null when no day is left, so "has activity" stays a simple existence check. Days are kept in date order, as
 * bucketize writes them: a save, a sync and a whole rebuild then store the same row, and readers rarely sort.
 * withDays(undefined, 'i', 'p', new Map([['2022-03-01', [{ amount: 3 }]]]), at) → { indicatorId: 'i', planId: 'p', days: { '2022-03-01': { n: 1, amount: 3, … } }, updatedAt: at }
 */
export function withDays(stored: IndicatorRollup | undefined, indicatorId: Id, planId: Id, dayEntries: ReadonlyMap<IsoDate, readonly ActivityEntry[]>, updatedAt: string): IndicatorRollup | null {
  const days: Record<IsoDate, DayBucket> = { ...stored?.days };
  for (const [date, list] of dayEntries) {
    if (list.length) days[date] = bucketOf(list);
    else delete days[date];
  }
  const keys = Object.keys(days).sort();
  if (!keys.length) return null;
  return { indicatorId, planId, days: Object.fromEntries(keys.map((k) => [k, days[k]!])), updatedAt };
}

/**
 * The day keys in date order. ISO dates compare correctly as strings; sorted so "first done" and "latest reading" are
 * well defined and amounts are added in date order. Rollups are written in date order almost always, so the keys are
 * checked first and sorted only when they are not.
 */
function sortedDays(days: Record<IsoDate, DayBucket>): IsoDate[] {
  const keys = Object.keys(days);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}

/** actualAsOf('count', { '2022-03-01': {n:1, amount: 400, …} }, '2022-07-31') → { measure: 'count', value: 400, entries: 1, lastDate: '2022-03-01' } */
export function actualAsOf(measure: MeasureKind, days: Record<IsoDate, DayBucket>, cutoff: IsoDate): Actual {
  let entries = 0;
  let amount = 0;
  let amountFen = 0;
  let numerator = 0;
  let denominator = 0;
  let lastDate: IsoDate | undefined;
  let completedOn: IsoDate | undefined;
  let value: number | undefined;
  let band: DayBucket['band'];
  for (const date of sortedDays(days)) {
    if (date > cutoff) break;
    const b = days[date]!;
    entries += b.n;
    amount += b.amount;
    amountFen += b.amountFen;
    numerator += b.numerator;
    denominator += b.denominator;
    if (b.n > 0) lastDate = date;
    if (b.done && completedOn === undefined) completedOn = date;
    if (b.value !== undefined) value = b.value;
    if (b.band !== undefined) band = b.band;
  }
  const base: Actual = { measure, value: null, entries };
  if (lastDate !== undefined) base.lastDate = lastDate;
  if (entries === 0) return base;

  switch (measure) {
    case 'count':
      return { ...base, value: amount };
    case 'money':
      // Ratios against 万元 targets use 万元; the exact fen stays alongside for display (money.ts).
      return { ...base, value: amountFen / FEN_PER_WAN, amountFen };
    case 'rate':
    case 'satisfaction':
      // Σ numerator / Σ denominator: a pooled rate, never the average of daily rates.
      return { ...base, value: denominator > 0 ? (numerator / denominator) * 100 : null, numerator, denominator };
    case 'deadline':
      return completedOn === undefined ? base : { ...base, completedOn };
    case 'manual': {
      const out: Actual = { ...base, value: value ?? null };
      if (band !== undefined) out.band = band;
      return out;
    }
    case 'none':
      return base;
  }
}

export interface MonthTotal {
  month: number;
  /** count: Σ amount in the indicator's unit; money: Σ in 万元 */
  amount: number;
  numerator: number;
  denominator: number;
  n: number;
}

/** monthlyTotals({ '2022-03-01': {amount: 5, …}, '2022-03-20': {amount: 2, …} }, 2022)[2] → { month: 3, amount: 7, … } */
export function monthlyTotals(days: Record<IsoDate, DayBucket>, year: number): MonthTotal[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, amount: 0, fen: 0, numerator: 0, denominator: 0, n: 0 }));
  const prefix = `${year}-`;
  for (const [date, b] of Object.entries(days)) {
    if (!date.startsWith(prefix)) continue;
    const m = months[Number(date.slice(5, 7)) - 1];
    if (!m) continue;
    m.amount += b.amount;
    m.fen += b.amountFen; // summed exactly in fen, converted to 万元 once per month
    m.numerator += b.numerator;
    m.denominator += b.denominator;
    m.n += b.n;
  }
  return months.map(({ fen, ...m }) => ({ ...m, amount: m.amount + fen / FEN_PER_WAN }));
}
