import type { ParseContext, ParseIssue, ParseResult, TargetOp, TargetSpec } from './types';
import { parseNumber, toHalfWidth } from './numbers';
import { daysInMonth } from '../dates';
import { DATE_ON_TIME, PREFIX_ALIASES, PREFIX_PHRASES, SUFFIX_PHRASES } from './format';

/** Units seen in performance tables; anything else still parses but is flagged for a second look. */
export const KNOWN_UNITS: ReadonlySet<string> = new Set([
  '%', '‰', '个百分点', '人次', '万人次', '人', '万人', '份', '万份', '次', '个', '项', '场', '期', '户', '家',
  '篇', '件', '册', '张', '本', '套', '台', '辆', '座', '所', '处', '条', '批', '部', '幅', '间', '起', '宗',
  '亿元', '万元', '千元', '元', '天', '日', '工作日', '个月', '月', '年', '周', '小时', '分钟', '分', '岁',
  '课时', '学时', '班', '平方米', '平方公里', '公里', '千米', '米', '亩', '公顷', '吨', '千克', '公斤',
]);

const NA_WORDS: ReadonlySet<string> = new Set(['不适用', '/', '无', '—', '——', '-', '--', 'N/A', 'n/a']);

// Longest first, so 不低于 wins over 低于 and 大于等于 over 大于.
const PREFIXES = [...Object.keys(PREFIX_PHRASES), ...Object.keys(PREFIX_ALIASES)].sort((a, b) => b.length - a.length);
const SUFFIXES = Object.keys(SUFFIX_PHRASES).sort((a, b) => b.length - a.length);
// Verbs that only say "reach N"; a trailing 以上/以下 says more about the intended comparison.
const SOFT_PREFIXES: ReadonlySet<string> = new Set(['完成', '达到']);

const DATE_SUFFIX = '(之前|以前|前)?(?:完成)?';
const CN_DAY = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]${DATE_SUFFIX}$`);
const CN_MONTH_END = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月[底末]${DATE_SUFFIX}$`);
const CN_YEAR_END = new RegExp(`^(\\d{4})?年[底末]${DATE_SUFFIX}$`);
const NUMERIC_DATE = new RegExp(`^(\\d{4})([-./])(\\d{1,2})\\2(\\d{1,2})${DATE_SUFFIX}$`);

// Loose number tokens on purpose: "9..0" must reach parseNumber and fail as badNumber, not as "no match".
const NUM = '-?[0-9][0-9.,]*';
const RANGE_UNIT = '[^0-9\\-~至到—,\\[\\]]*';
const RANGE_DASH = new RegExp(`^(${NUM})(${RANGE_UNIT}?)(?:-|~|至|到|—)(${NUM})(${RANGE_UNIT}?)(?:之间)?$`);
// Strict numbers inside brackets: the comma is both the bound separator and a thousands separator.
const STRICT = '-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const RANGE_BRACKET = new RegExp(`^\\[(${STRICT}),(${STRICT})\\](${RANGE_UNIT})$`);

// A "unit" holding these is really a second number, a date or a misplaced operator.
const BAD_UNIT = /[0-9<>=≥≤~[\]\-,;至到前]|以上|以下|以内/;

const SYMBOL_FOLD: Readonly<Record<string, string>> = {
  '≧': '≥', '⩾': '≥', '≦': '≤', '⩽': '≤', '﹥': '>', '﹤': '<', '﹦': '=', '﹪': '%',
  '〜': '~', '−': '-', '–': '-', '‐': '-', '﹣': '-',
};

type Outcome = TargetSpec | 'fail' | null; // null: not this form; 'fail': this form, error already recorded

/** parseTarget('不少于 800 人次') → { ok: true, spec: { op: 'GE', value: 800, unit: '人次', phrase: '不少于' } }. */
export function parseTarget(raw: string, ctx: ParseContext = {}): ParseResult {
  const text = cleanText(raw);
  const issues: ParseIssue[] = [];
  const spec = parseClean(text, foldSymbols(text), ctx, issues);
  const ok = !issues.some((i) => i.severity === 'error');
  // On error the spec keeps the official's text verbatim so nothing typed or imported is lost.
  return { spec: ok && spec !== 'fail' ? spec : unparsed(text), issues, ok };
}

/** Trim, drop PDF-extraction spaces (but keep one between Latin words), fold Kangxi radicals (⽇ → 日). */
function cleanText(raw: string): string {
  const s = raw
    .replace(/[\u2E80-\u2FDF]/g, (c) => c.normalize('NFKC'))
    .trim()
    .replace(/\s+/g, (m, at: number, all: string) =>
      /[A-Za-z]/.test(all[at - 1] ?? '') && /[A-Za-z]/.test(all[at + m.length] ?? '') ? ' ' : '',
    );
  return s.replace(/[。；;]+$/, '');
}

function foldSymbols(text: string): string {
  return toHalfWidth(text).replace(/[≧⩾≦⩽﹥﹤﹦﹪〜−–‐﹣]/g, (c) => SYMBOL_FOLD[c] ?? c);
}

function unparsed(text: string): TargetSpec {
  return { op: 'QUAL', text, unparsed: true, unit: '' };
}

function parseClean(text: string, s: string, ctx: ParseContext, issues: ParseIssue[]): TargetSpec | 'fail' {
  if (s === '') return fail(issues, 'empty');
  if (NA_WORDS.has(s)) return { op: 'NA', unit: '' };
  if (s === '按时' || s === '按时完成') return { op: 'DATE_BY', unit: '', phrase: DATE_ON_TIME[0] };
  if (s === '按期' || s === '按期完成') return { op: 'DATE_BY', unit: '', phrase: DATE_ON_TIME[1] };
  const date = parseDate(s, ctx, issues);
  if (date) return date;
  const range = parseRange(s, issues);
  if (range) return range;
  if (!/[0-9]/.test(s)) return parseWithoutDigits(text, s, issues);
  return parseComparison(s, issues);
}

function fail(issues: ParseIssue[], code: ParseIssue['code'], params?: ParseIssue['params']): 'fail' {
  issues.push(params ? { severity: 'error', code, params } : { severity: 'error', code });
  return 'fail';
}

function parseDate(s: string, ctx: ParseContext, issues: ParseIssue[]): Outcome {
  let y: string | undefined;
  let month: number;
  let day: number | 'end';
  let suffix: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = CN_DAY.exec(s))) [y, month, day, suffix] = [m[1], Number(m[2]), Number(m[3]), m[4]];
  else if ((m = CN_MONTH_END.exec(s))) [y, month, day, suffix] = [m[1], Number(m[2]), 'end', m[3]];
  else if ((m = CN_YEAR_END.exec(s))) [y, month, day, suffix] = [m[1], 12, 'end', m[2]];
  else if ((m = NUMERIC_DATE.exec(s))) [y, month, day, suffix] = [m[1], Number(m[3]), Number(m[4]), m[5]];
  else return null;

  const ctxYear = ctx.year !== undefined && Number.isInteger(ctx.year) && ctx.year >= 1000 && ctx.year <= 9999;
  const year = y !== undefined ? Number(y) : ctxYear ? ctx.year : undefined;
  if (year === undefined) return fail(issues, 'dateNeedsYear', { text: s });
  if (year < 1000 || month < 1 || month > 12) return fail(issues, 'badDate', { text: s });
  const last = daysInMonth(year, month);
  const d = day === 'end' ? last : day;
  if (d < 1 || d > last) return fail(issues, 'badDate', { text: s });

  const date = `${year}-${pad(month)}-${pad(d)}`;
  return suffix ? { op: 'DATE_BY', date, unit: '', phrase: suffix } : { op: 'DATE_BY', date, unit: '' };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseRange(s: string, issues: ParseIssue[]): Outcome {
  let lo: string, hi: string, unit: string;
  let m = RANGE_BRACKET.exec(s);
  if (m) [lo, hi, unit] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  else if ((m = RANGE_DASH.exec(s))) {
    const [u1, u2] = [m[2] ?? '', m[4] ?? ''];
    if (u1 !== '' && u2 !== '' && u1 !== u2) return fail(issues, 'unrecognised', { text: s });
    [lo, hi, unit] = [m[1] ?? '', m[3] ?? '', u2 || u1];
  } else return null;

  const value = parseNumber(lo);
  if (value === null) return fail(issues, 'badNumber', { text: lo });
  const max = parseNumber(hi);
  if (max === null) return fail(issues, 'badNumber', { text: hi });
  if (BAD_UNIT.test(unit)) return fail(issues, 'unrecognised', { text: s });
  if (value > max) fail(issues, 'rangeReversed', { min: value, max });
  checkValues([value, max], unit, issues);
  return { op: 'RANGE', value, max, unit };
}

/** Sanity checks shared by single values and range bounds; each issue is raised once per target. */
function checkValues(values: number[], unit: string, issues: ParseIssue[]): void {
  const negative = values.find((v) => v < 0);
  if (negative !== undefined) fail(issues, 'negative', { value: negative });
  const over = values.find((v) => v > 100);
  // Growth rates can legitimately exceed 100 %, so this is only a warning.
  if (unit === '%' && over !== undefined) issues.push({ severity: 'warning', code: 'percentOver100', params: { value: over } });
  if (unit !== '' && !KNOWN_UNITS.has(unit)) issues.push({ severity: 'warning', code: 'unknownUnit', params: { unit } });
}

function splitOperators(s: string): { prefix?: string; body: string; suffix?: string } {
  let body = s;
  const p = PREFIXES.find((k) => body.startsWith(k));
  if (p !== undefined) body = body.slice(p.length);
  const x = SUFFIXES.find((k) => body.endsWith(k));
  if (x !== undefined) body = body.slice(0, body.length - x.length);
  return { prefix: p === undefined ? undefined : (PREFIX_ALIASES[p] ?? p), body, suffix: x };
}

/**
 * No digits: prose such as 有效提升 or 达到预期 is a genuine qualitative target, but an operator left with
 * nothing or only a unit after it (≥, 不少于人次, ≥abc) is a quantitative target whose number is missing.
 */
function parseWithoutDigits(text: string, s: string, issues: ParseIssue[]): TargetSpec | 'fail' {
  const { prefix, body, suffix } = splitOperators(s);
  if (/^-?(nan|infinity)$/i.test(body)) return fail(issues, 'badNumber', { text: body });
  const symbol = prefix !== undefined && !/[\u4E00-\u9FFF]/.test(prefix);
  const onlyUnit = body === '' || KNOWN_UNITS.has(body);
  if (symbol || ((prefix !== undefined || suffix !== undefined) && onlyUnit)) {
    return fail(issues, 'missingNumber', { text: s });
  }
  issues.push({ severity: 'info', code: 'qualitative' });
  return { op: 'QUAL', text, unit: '' };
}

function parseComparison(s: string, issues: ParseIssue[]): TargetSpec | 'fail' {
  const { prefix, body, suffix } = splitOperators(s);
  const m = /^(-?[0-9][0-9.,]*)(.*)$/.exec(body);
  if (!m) return fail(issues, 'unrecognised', { text: s });
  const token = m[1] ?? '';
  const unit = m[2] ?? '';
  const value = parseNumber(token);
  if (value === null) return fail(issues, 'badNumber', { text: token });
  if (BAD_UNIT.test(unit)) return fail(issues, 'unrecognised', { text: s });

  const resolved = resolveOperator(prefix, suffix);
  if (!resolved) return fail(issues, 'unrecognised', { text: s });
  checkValues([value], unit, issues);
  const spec: TargetSpec = { op: resolved.op, value, unit };
  if (resolved.phrase !== undefined) spec.phrase = resolved.phrase;
  return spec;
}

/** Combines a prefix and a suffix phrase ("控制在…以内", redundant "不少于90%以上"); null when they contradict. */
function resolveOperator(prefix?: string, suffix?: string): { op: TargetOp; phrase?: string } | null {
  const pOp = prefix === undefined ? undefined : PREFIX_PHRASES[prefix];
  const sOp = suffix === undefined ? undefined : SUFFIX_PHRASES[suffix];
  if (prefix === undefined || pOp === undefined) {
    return suffix === undefined || sOp === undefined ? { op: 'EQ' } : { op: sOp, phrase: suffix };
  }
  if (suffix === undefined || sOp === undefined || sOp === pOp) return { op: pOp, phrase: prefix };
  if (SOFT_PREFIXES.has(prefix)) return { op: sOp, phrase: suffix };
  return null;
}
