import { isIsoDate } from '../dates';
import { deadlineOutcome, dueDateOf } from '../monitoring/achievement';
import type { TargetSpec } from '../targets/types';
import { failed, type RuleOutcome } from './outcome';
import { scoreBand } from './qualitative';
import { mulDivHalfUp, pts } from './rounding';
import type { IndicatorScoreInput, RuleSet, ScoreBand } from './types';

/** Date targets (时效指标, domain.md §4.7): no public rule [U]; D1 (default) bands like qualitative, D2 is linear. */


const MS_PER_DAY = 86_400_000;

/** dayNumber('1970-01-02') → 1: days since 1970-01-01, in UTC so no time zone moves a day (not the clock). */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/**
 * D1: done ≤ due (the due day itself is on time: "…前" means "by") → 达成 w; done late → 部分达成 0.7w; not done
 * → 未达成 0.3w. A band actual ("partly on time") lets the evaluator pick a score inside the band, band-checked.
 * '2023-01-10' for '2022-12-31前', w=4 → 2.80.
 */
export function scoreDateD1(target: TargetSpec, input: IndicatorScoreInput, w: number, rules: RuleSet, year: number, ex = true): RuleOutcome {
  const actual = input.actual;
  if (actual.kind === 'band') return scoreBand(actual.band, actual.scoreCp, w, rules, '', ex);
  if (actual.kind !== 'date') return failed('actualKind', { expected: 'date' });
  const due = dueDateOf(target, year);
  if (!isIsoDate(due)) return failed('noDueDate');
  const done = actual.done;
  if (done === null) return scoreBand('notAchieved', undefined, w, rules, '未完成 → ', ex);
  if (!isIsoDate(done)) return failed('badDate', { date: done });
  // The one rule of "on time" shared with monitoring's lights (deadlineOutcome): the due day itself counts.
  const band: ScoreBand = deadlineOutcome(due, done, done) === 'onTime' ? 'achieved' : 'partial';
  return scoreBand(band, undefined, w, rules, ex ? `${done} ${band === 'achieved' ? '≤' : '>'} ${due} → ` : '', ex);
}

/**
 * D2: w × max(0, 1 − delayDays / plannedDurationDays); the planned duration counts both ends, plannedStart (default
 * 1 January of the plan year) through the due day, so 2022 is 365 days. 20 days late, w=4 → (1−20/365)×4 = 3.78.
 * Not done at evaluation → 0 (the delay has no end yet).
 */
export function scoreDateD2(target: TargetSpec, input: IndicatorScoreInput, w: number, year: number, ex = true): RuleOutcome {
  const actual = input.actual;
  if (actual.kind !== 'date') return failed('actualKind', { expected: 'date' });
  const due = dueDateOf(target, year);
  if (!isIsoDate(due)) return failed('noDueDate');
  const start = input.plannedStart ?? `${year}-01-01`;
  if (!isIsoDate(start)) return failed('badDate', { date: start });
  const duration = dayNumber(due) - dayNumber(start) + 1;
  if (duration <= 0) return failed('plannedDuration', { start, due });
  const done = actual.done;
  if (done === null) return { cp: 0, ratio: null, formula: ex ? `未完成 → ${pts(0)}` : '', problems: [] };
  if (!isIsoDate(done)) return failed('badDate', { date: done });
  const delay = dayNumber(done) - dayNumber(due);
  if (deadlineOutcome(due, done, done) === 'onTime') return { cp: w, ratio: null, formula: ex ? `${done} ≤ ${due} → ${pts(w)}` : '', problems: [] };
  if (delay >= duration) {
    return { cp: 0, ratio: null, formula: ex ? `max(0, 1−${delay}/${duration})×${pts(w)} = ${pts(0)}` : '', problems: [] };
  }
  // Integers throughout: (duration − delay) × w / duration, rounded half-up exactly.
  const cp = mulDivHalfUp(duration - delay, w, duration);
  return { cp, ratio: null, formula: ex ? `(1−${delay}/${duration})×${pts(w)} = ${pts(cp)}` : '', problems: [] };
}
