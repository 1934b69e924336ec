import type { ParseContext, ParseIssue, TargetSpec } from './types';
import { daysInMonth } from '../dates';
import { fail, type Outcome } from './parse-common';

/**
 * DATE_BY targets (domain.md §2.2: "2022年12月31日前", "12月底前", "年底前"), plus the ways other units write
 * them (issue #8): "6月底到位", "10月完成", a year alone "2023年", and periods "2023年3月-10月".
 * Every form resolves to the last day the work may finish on (the deadline scored by §4.7).
 */

// Before-words (前) bind the deadline; done-words (完成/到位) only say "done by". 前完成 keeps 前.
const DATE_SUFFIX = '(之前|以前|前)?(完成|到位)?';
const CN_DAY = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]${DATE_SUFFIX}$`);
const CN_MONTH_END = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月[底末]${DATE_SUFFIX}$`);
const CN_YEAR_END = new RegExp(`^(\\d{4})?年[底末]${DATE_SUFFIX}$`);
const NUMERIC_DATE = new RegExp(`^(\\d{4})([-./])(\\d{1,2})\\2(\\d{1,2})${DATE_SUFFIX}$`);
// "10月完成" / "2023年10月": a whole month is due by its last day. Without a year and a done-word, "10月" stays
// a duration (EQ 10 月), as it always parsed.
const CN_MONTH = /^(?:(\d{4})年)?(\d{1,2})月份?(完成|到位)?$/;
// "2023年" alone is "within 2023"; only plausible plan years, so "3年" or "1000年" stay durations.
const CN_YEAR = /^((?:19|20|21)\d{2})年(?:内|度)?(完成|到位)?$/;

// Periods: "2023年3月--2023年10月", "2023年3月-10月", "3月至10月", "3-10月", with optional days.
const SEP = '(?:-{1,2}|—{1,2}|~|至|到)';
const TAIL = '(?:期间|之间|内)?(?:完成|到位)?';
const YMD = '(?:(\\d{4})年)?(\\d{1,2})月(?:份|(\\d{1,2})[日号])?';
const PERIOD = new RegExp(`^${YMD}${SEP}${YMD}${TAIL}$`);
const SHORT_PERIOD = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})${SEP}(\\d{1,2})月份?${TAIL}$`);

export function parseDate(s: string, ctx: ParseContext, issues: ParseIssue[]): Outcome {
  return parsePeriod(s, ctx, issues) ?? parsePoint(s, ctx, issues);
}

function parsePoint(s: string, ctx: ParseContext, issues: ParseIssue[]): Outcome {
  let y: string | undefined;
  let month: number;
  let day: number | 'end';
  let before: string | undefined;
  let done: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = CN_DAY.exec(s))) [y, month, day, before, done] = [m[1], Number(m[2]), Number(m[3]), m[4], m[5]];
  else if ((m = CN_MONTH_END.exec(s))) [y, month, day, before, done] = [m[1], Number(m[2]), 'end', m[3], m[4]];
  else if ((m = CN_YEAR_END.exec(s))) [y, month, day, before, done] = [m[1], 12, 'end', m[2], m[3]];
  else if ((m = NUMERIC_DATE.exec(s))) [y, month, day, before, done] = [m[1], Number(m[3]), Number(m[4]), m[5], m[6]];
  else if ((m = CN_MONTH.exec(s)) && (m[1] !== undefined || m[3] !== undefined)) [y, month, day, done] = [m[1], Number(m[2]), 'end', m[3]];
  else if ((m = CN_YEAR.exec(s))) [y, month, day, done] = [m[1], 12, 'end', m[2]];
  else return null;

  const year = resolveYear(y, ctx);
  if (year === undefined) return fail(issues, 'dateNeedsYear', { text: s });
  const date = isoDate(year, month, day);
  if (date === null) return fail(issues, 'badDate', { text: s });
  const phrase = before ?? done;
  return phrase ? { op: 'DATE_BY', date, unit: '', phrase } : { op: 'DATE_BY', date, unit: '' };
}

/**
 * A period is due on its last day (DATE_BY `date`); its first day is kept in `from` so "3月至10月" still shows
 * when the work starts. A missing year is the other end's year, then the plan year.
 */
function parsePeriod(s: string, ctx: ParseContext, issues: ParseIssue[]): Outcome {
  let start: [string | undefined, string | undefined, string | undefined];
  let end: [string | undefined, string | undefined, string | undefined];
  let m = PERIOD.exec(s);
  if (m) [start, end] = [[m[1], m[2], m[3]], [m[4], m[5], m[6]]];
  else if ((m = SHORT_PERIOD.exec(s))) [start, end] = [[m[1], m[2], undefined], [m[1], m[3], undefined]];
  else return null;

  const y1 = resolveYear(start[0] ?? end[0], ctx);
  const y2 = resolveYear(end[0] ?? start[0], ctx);
  if (y1 === undefined || y2 === undefined) return fail(issues, 'dateNeedsYear', { text: s });
  const from = isoDate(y1, Number(start[1]), start[2] === undefined ? 1 : Number(start[2]));
  const date = isoDate(y2, Number(end[1]), end[2] === undefined ? 'end' : Number(end[2]));
  if (from === null || date === null) return fail(issues, 'badDate', { text: s });
  // ISO dates compare as text. A period across New Year must say both years (2023年11月-2024年2月).
  if (from > date) return fail(issues, 'periodReversed', { text: s });
  const spec: TargetSpec = { op: 'DATE_BY', date, from, unit: '' };
  return spec;
}

function resolveYear(written: string | undefined, ctx: ParseContext): number | undefined {
  if (written !== undefined) return Number(written);
  const ok = ctx.year !== undefined && Number.isInteger(ctx.year) && ctx.year >= 1000 && ctx.year <= 9999;
  return ok ? ctx.year : undefined;
}

/** isoDate(2024, 2, 'end') → '2024-02-29'; null for a month or day the calendar does not have. */
function isoDate(year: number, month: number, day: number | 'end'): string | null {
  if (year < 1000 || month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  const d = day === 'end' ? last : day;
  if (d < 1 || d > last) return null;
  return `${year}-${pad(month)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
