import type { ParseContext, ParseIssue, ParseResult, TargetOp, TargetSpec } from './types';
import { parseNumber, toHalfWidth } from './numbers';
import { DATE_ON_TIME, PREFIX_ALIASES, PREFIX_PHRASES, SUFFIX_PHRASES } from './format';
import { BAD_UNIT, KNOWN_UNITS, NUM, checkValues, fail, type Outcome } from './parse-common';
import { parseDate } from './parse-dates';
import { parseTolerance } from './parse-tolerance';

// Part of the parser's public surface since before the list moved to parse-common.ts.
export { KNOWN_UNITS };

// A note is glued after a unit (100%覆盖). After % or ‰ nothing can be more unit, so any Chinese word is a note;
// after a word unit only these, so 场次 or 户次 are never split into 场 + 次 (issue #8).
const NOTE_WORDS: ReadonlySet<string> = new Set(['覆盖', '全覆盖', '完成', '达标', '到位', '落实', '办结', '合格', '通过', '实现']);
const SYMBOL_UNITS = ['%', '‰'];

const NA_WORDS: ReadonlySet<string> = new Set(['不适用', '/', '无', '—', '——', '-', '--', 'N/A', 'n/a']);

// Longest first, so 不低于 wins over 低于 and 大于等于 over 大于.
const PREFIXES = [...Object.keys(PREFIX_PHRASES), ...Object.keys(PREFIX_ALIASES)].sort((a, b) => b.length - a.length);
const SUFFIXES = Object.keys(SUFFIX_PHRASES).sort((a, b) => b.length - a.length);
// Verbs that only say "reach N"; a trailing 以上/以下 says more about the intended comparison.
const SOFT_PREFIXES: ReadonlySet<string> = new Set(['完成', '达到']);

const RANGE_UNIT = '[^0-9\\-~至到—,\\[\\]]*';
const RANGE_DASH = new RegExp(`^(${NUM})(${RANGE_UNIT}?)(?:-|~|至|到|—)(${NUM})(${RANGE_UNIT}?)(?:之间)?$`);
// Strict numbers inside brackets: the comma is both the bound separator and a thousands separator.
const STRICT = '-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const RANGE_BRACKET = new RegExp(`^\\[(${STRICT}),(${STRICT})\\](${RANGE_UNIT})$`);

const SYMBOL_FOLD: Readonly<Record<string, string>> = {
  '≧': '≥', '⩾': '≥', '≦': '≤', '⩽': '≤', '﹥': '>', '﹤': '<', '﹦': '=', '﹪': '%',
  '〜': '~', '−': '-', '–': '-', '‐': '-', '﹣': '-',
};

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
  // Before ranges: "100+-5%" would otherwise read as a dash range with unit "+".
  const tolerance = parseTolerance(s, issues);
  if (tolerance) return tolerance;
  const range = parseRange(s, issues);
  if (range) return range;
  if (!/[0-9]/.test(s)) return parseWithoutDigits(text, s, issues);
  return parseComparison(s, issues);
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
  // A ± with no figure is a tolerance band missing its number (parse-tolerance.ts), not prose.
  const symbol = (prefix !== undefined && !/[\u4E00-\u9FFF]/.test(prefix)) || s.includes('±');
  const onlyUnit = body === '' || KNOWN_UNITS.has(body);
  if (symbol || ((prefix !== undefined || suffix !== undefined) && onlyUnit)) {
    return fail(issues, 'missingNumber', { text: s });
  }
  issues.push({ severity: 'info', code: 'qualitative' });
  return { op: 'QUAL', text, unit: '' };
}

function parseComparison(s: string, issues: ParseIssue[]): TargetSpec | 'fail' {
  // 各2次 is two per item (issue #8): the figure is the same, the text must keep saying so.
  const each = s.startsWith('各');
  const { prefix, body, suffix } = splitOperators(each ? s.slice(1) : s);
  const m = /^(-?[0-9][0-9.,]*)(.*)$/.exec(body);
  if (!m) return fail(issues, 'unrecognised', { text: s });
  const token = m[1] ?? '';
  const value = parseNumber(token);
  if (value === null) return fail(issues, 'badNumber', { text: token });
  const { unit, note } = splitNote(m[2] ?? '');
  if (BAD_UNIT.test(unit) || (note !== undefined && BAD_UNIT.test(note) && !NOTE_WORDS.has(note))) {
    return fail(issues, 'unrecognised', { text: s });
  }

  const resolved = resolveOperator(prefix, suffix);
  if (!resolved) return fail(issues, 'unrecognised', { text: s });
  checkValues([value], unit, issues);
  const spec: TargetSpec = { op: resolved.op, value, unit };
  if (resolved.phrase !== undefined) spec.phrase = resolved.phrase;
  if (each) spec.each = true;
  if (note !== undefined) spec.note = note;
  return spec;
}

/** splitNote('%覆盖') → { unit: '%', note: '覆盖' }; the unit stays a real 计量单位 (domain.md §2.4). */
function splitNote(rest: string): { unit: string; note?: string } {
  const symbol = SYMBOL_UNITS.find((u) => rest.startsWith(u));
  if (symbol !== undefined && rest.length > symbol.length && /^[\u4E00-\u9FFF]+$/.test(rest.slice(symbol.length))) {
    return { unit: symbol, note: rest.slice(symbol.length) };
  }
  const word = [...NOTE_WORDS].find((w) => rest.endsWith(w) && KNOWN_UNITS.has(rest.slice(0, rest.length - w.length)));
  return word === undefined ? { unit: rest } : { unit: rest.slice(0, rest.length - word.length), note: word };
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
