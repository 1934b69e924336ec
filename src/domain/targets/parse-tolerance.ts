import type { ParseIssue, TargetSpec } from './types';
import { parseNumber, tidy } from './numbers';
import { BAD_UNIT, NUM, checkValues, fail, type Outcome } from './parse-common';
import { TOLERANCE_AROUND, TOLERANCE_WITHIN } from './format';

/**
 * Tolerance bands as other units write them (issue #8; not in the FASP2 sign enum, domain.md §2.2):
 *
 * - With a base, "100±5%" / "100万元±5%" / "100人±5人": a RANGE, in range = met (§2.2 RANGE row), phrase '±'.
 *   "(100±5)%" convention: a base written without a unit takes the tolerance's unit, so 100±5% is 95%..105%.
 *   A base with its own unit and a % tolerance is relative: 100万元±5% is 95..105 万元.
 * - Bare, "±5%以内" / "误差±5%以内": what is bounded is the deviation from a plan figure the table does not
 *   state, so it is LE 5 with unit '%' and phrase '±…以内' (lower deviation is better, scored as 反向). It is
 *   not a RANGE: there is no base to put the band around, and reading it as "actual ≤ 5%" would be wrong —
 *   the actual entered for such a row is the deviation itself.
 */

const PLUS_MINUS = '(?:±|\\+-|\\+/-)';
const UNIT = '([^0-9±+\\-]*?)';
const WITHIN = '(?:以内|之内|范围内)?';
const AROUND = new RegExp(`^(${NUM})${UNIT}${PLUS_MINUS}(${NUM})${UNIT}${WITHIN}$`);
const AROUND_PAREN = new RegExp(`^\\((${NUM})${PLUS_MINUS}(${NUM})\\)${UNIT}${WITHIN}$`);
// 误差/偏差(率)(控制)(在) are the words tables put before a bare band; the text keeps them, the spec need not.
const BARE = new RegExp(`^(?:(?:误差|偏差)率?)?(?:控制)?在?${PLUS_MINUS}(${NUM})${UNIT}${WITHIN}$`);

export function parseTolerance(s: string, issues: ParseIssue[]): Outcome {
  let m = BARE.exec(s);
  if (m) return within(m[1] ?? '', m[2] ?? '', s, issues);
  m = AROUND.exec(s);
  if (m) return around(m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '', s, issues);
  m = AROUND_PAREN.exec(s);
  if (m) return around(m[1] ?? '', '', m[2] ?? '', m[3] ?? '', s, issues);
  return null;
}

function within(token: string, unit: string, s: string, issues: ParseIssue[]): TargetSpec | 'fail' {
  const value = parseNumber(token);
  if (value === null) return fail(issues, 'badNumber', { text: token });
  if (BAD_UNIT.test(unit)) return fail(issues, 'unrecognised', { text: s });
  checkValues([value], unit, issues);
  return { op: 'LE', value, unit, phrase: TOLERANCE_WITHIN };
}

function around(baseToken: string, u1: string, tolToken: string, u2: string, s: string, issues: ParseIssue[]): TargetSpec | 'fail' {
  const base = parseNumber(baseToken);
  if (base === null) return fail(issues, 'badNumber', { text: baseToken });
  const tol = parseNumber(tolToken);
  if (tol === null) return fail(issues, 'badNumber', { text: tolToken });
  if (BAD_UNIT.test(u1) || BAD_UNIT.test(u2)) return fail(issues, 'unrecognised', { text: s });
  if (tol < 0) return fail(issues, 'negative', { value: tol });

  let unit: string;
  let delta: number;
  if (u2 === '%' && u1 !== '' && u1 !== '%') [unit, delta] = [u1, (base * tol) / 100]; // relative: 100万元±5%
  else if (u1 === '' || u2 === '' || u1 === u2) [unit, delta] = [u2 || u1, tol]; // absolute: (100±5)%, 100人±5人
  else return fail(issues, 'unrecognised', { text: s }); // 100人±5份: two different things

  const value = tidy(base - delta);
  const max = tidy(base + delta);
  checkValues([value, max], unit, issues);
  return { op: 'RANGE', value, max, unit, phrase: TOLERANCE_AROUND };
}
