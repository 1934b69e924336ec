import type { IndicatorNode, IsoDate } from '../model';
import type { Actual } from '../actuals/types';
import { isIsoDate } from '../dates';
import { dueDateOf } from '../monitoring/achievement';
import { FEN_PER_WAN, FEN_PER_YUAN, formatMoney } from '../money';
import { formatNumber } from '../targets/numbers';
import { parseForecast } from '../monitoring/round-validate';
import type { RoundRow } from '../monitoring/round-types';
import { BAND_LABELS } from '../scoring/qualitative';
import type { ScoreActual, ScoreBand } from '../scoring/types';
import { roundHalfUpCp } from '../scoring/rounding';

/**
 * Actuals as the scoring engine takes them (in the target's unit: money in 万元 or 元, rates in %), from the log, from
 * a monitoring round's 全年预计完成值, or typed by the evaluator.
 */

const moneyUnit = (node: Pick<IndicatorNode, 'target'>) => (node.target?.unit === '元' ? FEN_PER_YUAN : FEN_PER_WAN);

/**
 * A pooled rate (21 of 23 = 91.3043…%) or a reading, rounded half-up to the two decimals the 自评表 prints, so the
 * score is computed from the very number on the form and can be redone by hand from it (domain.md §9). Money stays
 * exact: it is summed in fen and printed from them.
 */
const printed = (x: number) => roundHalfUpCp(x * 100) / 100;

/**
 * The log's actual at `asOf` as a score input. Nothing logged → missing (the row cannot be scored and says so); a
 * deadline not reported done is 'not done' once its due day has passed, and still missing before.
 */
export function scoreActualFromLog(actual: Actual, node: Pick<IndicatorNode, 'target'>, asOf: IsoDate): ScoreActual {
  if (actual.measure === 'deadline') {
    if (actual.completedOn) return { kind: 'date', done: actual.completedOn };
    const due = dueDateOf(node.target ?? {}, Number(asOf.slice(0, 4)));
    return asOf > due ? { kind: 'date', done: null } : { kind: 'missing' };
  }
  if (actual.entries === 0) return { kind: 'missing' };
  if (actual.measure === 'money') return actual.amountFen === undefined ? { kind: 'missing' } : { kind: 'number', value: actual.amountFen / moneyUnit(node) };
  if (actual.band !== undefined && actual.value === null) return { kind: 'band', band: actual.band };
  return actual.value === null ? { kind: 'missing' } : { kind: 'number', value: printed(actual.value) };
}

/** A submitted round's 全年预计完成值 for a row the log has nothing for. */
export function scoreActualFromRound(row: Pick<RoundRow, 'measure' | 'node'> & { forecast: Pick<RoundRow['forecast'], 'value'> }): ScoreActual {
  const v = row.forecast.value;
  if (v === null) return { kind: 'missing' };
  return { kind: 'number', value: row.measure === 'money' ? v / moneyUnit(row.node) : printed(v) };
}

/** 720人次, 95%, 1,210.00万元, 2023-01-10 完成, 未完成, 部分达成 (92.5分内), — */
export function scoreActualText(a: ScoreActual, node: Pick<IndicatorNode, 'target'>): string {
  const unit = node.target?.unit ?? '';
  switch (a.kind) {
    case 'missing':
      return '—';
    case 'date':
      return a.done ? `${a.done} 完成` : '未完成';
    case 'band':
      return BAND_LABELS[a.band];
    case 'number':
      if (unit === '万元' || unit === '元') return formatMoney(Math.round(a.value * moneyUnit(node)), unit);
      return `${formatNumber(Math.round(a.value * 100) / 100)}${unit}`;
  }
}

export type OverrideError = 'notNumber' | 'negative' | 'percentOver100' | 'badDate' | 'badBand';

/**
 * The evaluator's typed actual: a number in the target's unit (money as 万元/元 text, exact to the fen), a date
 * (YYYY-MM-DD, or '未完成'), or a band name for qualitative rows. '' clears the override.
 */
export function parseOverride(text: string, node: Pick<IndicatorNode, 'target'>, measure: string): { actual: ScoreActual | null } | { error: OverrideError } {
  const raw = text.trim();
  if (raw === '') return { actual: null };
  const op = node.target?.op;
  if (op === 'DATE_BY') {
    if (raw === '未完成') return { actual: { kind: 'date', done: null } };
    // A real calendar day: 2022-02-30 is refused here, beside the field, not later as an invalid row.
    return isIsoDate(raw) ? { actual: { kind: 'date', done: raw } } : { error: 'badDate' };
  }
  if (op === 'QUAL') {
    const band = (Object.keys(BAND_LABELS) as (keyof typeof BAND_LABELS)[]).find((b) => BAND_LABELS[b] === raw || b === raw);
    return band ? { actual: { kind: 'band', band } } : { error: 'badBand' };
  }
  const money = node.target?.unit === '万元' || node.target?.unit === '元';
  const r = parseForecast(raw, money ? 'money' : measure, node.target?.unit ?? '');
  if ('error' in r) return r;
  if (r.value === null) return { actual: null };
  return { actual: { kind: 'number', value: money ? r.value / moneyUnit(node) : r.value } };
}

/**
 * The D1 band of a completion date (domain.md §4.7, as scoring/date.ts scores it): done by the due day → 达成, done
 * late → 部分达成, not done → 未达成. dateBand('2023-01-10', '2022-12-31') → 'partial'.
 */
export function dateBand(done: string | null, due: string): ScoreBand {
  if (done === null) return 'notAchieved';
  return done <= due ? 'achieved' : 'partial';
}
