import type { ParseIssue, TargetSpec } from './types';

/** Units seen in performance tables; anything else still parses but is flagged for a second look. */
export const KNOWN_UNITS: ReadonlySet<string> = new Set([
  '%', '‰', '个百分点', '人次', '万人次', '人', '万人', '份', '万份', '次', '个', '项', '场', '期', '户', '家',
  '篇', '件', '册', '张', '本', '套', '台', '辆', '座', '所', '处', '条', '批', '部', '幅', '间', '起', '宗',
  '亿元', '万元', '千元', '元', '天', '日', '工作日', '个月', '月', '年', '周', '小时', '分钟', '分', '岁',
  '课时', '学时', '班', '平方米', '平方公里', '公里', '千米', '米', '亩', '公顷', '吨', '千克', '公斤',
]);

// A "unit" holding these is really a second number, a date or a misplaced operator.
export const BAD_UNIT = /[0-9<>=≥≤~[\]\-,;至到前±+]|以上|以下|以内/;

/** Loose number token on purpose: "9..0" must reach parseNumber and fail as badNumber, not as "no match". */
export const NUM = '-?[0-9][0-9.,]*';

/** null: not this form; 'fail': this form, the error is already recorded. */
export type Outcome = TargetSpec | 'fail' | null;

export function fail(issues: ParseIssue[], code: ParseIssue['code'], params?: ParseIssue['params']): 'fail' {
  issues.push(params ? { severity: 'error', code, params } : { severity: 'error', code });
  return 'fail';
}

/** Sanity checks shared by single values and range bounds; each issue is raised once per target. */
export function checkValues(values: number[], unit: string, issues: ParseIssue[]): void {
  const negative = values.find((v) => v < 0);
  if (negative !== undefined) fail(issues, 'negative', { value: negative });
  const over = values.find((v) => v > 100);
  // Growth rates can legitimately exceed 100 %, so this is only a warning.
  if (unit === '%' && over !== undefined) issues.push({ severity: 'warning', code: 'percentOver100', params: { value: over } });
  if (unit !== '' && !KNOWN_UNITS.has(unit)) issues.push({ severity: 'warning', code: 'unknownUnit', params: { unit } });
}
