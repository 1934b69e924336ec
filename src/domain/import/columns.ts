import { toHalfWidth } from '../targets/numbers';
import { ROLES, type ColumnMapping, type Role } from './types';

/**
 * Header words of 绩效目标表 columns as units and systems write them (FASP2 exports 指标性质 / 指标值 / 计量单位 as three
 * columns; disclosures write 年度指标值 or 指标值（目标值）). Matched on the text with spaces, '*' and the parenthesised
 * part removed, so 指标值（目标值） and 分值(分) match too. 调整后指标值 is deliberately not a target: the approved
 * value is imported, an adjustment needs its approval date and reason (recorded in the app).
 */
const ROLE_PATTERNS: readonly [Role, RegExp][] = [
  ['level1', /^一级(?:绩效)?(?:指标)?(?:名称)?$/],
  ['level2', /^二级(?:绩效)?(?:指标)?(?:名称)?$/],
  ['level3', /^(?:三级(?:绩效)?(?:指标)?(?:名称)?|(?:绩效)?指标名称|指标内容)$/],
  ['target', /^(?:年度|全年|年初|预期|本年)?(?:绩效)?(?:指标值|目标值|指标目标值|绩效指标值)$/],
  ['weight', /^(?:指标)?(?:分值|权重|权重分值|分数|满分)$/],
  ['unit', /^(?:计量|度量)?单位$/],
  ['nature', /^(?:(?:指标值?)?(?:性质|方向)|计算符号|运算符号|符号)$/],
];

/** '指标值（目标值）' → '指标值'; ' *一级 指标 ' → '一级指标'. */
export function headerKey(text: string): string {
  return toHalfWidth(text)
    .replace(/\([^)]*\)|【[^】]*】|\[[^\]]*\]/g, '')
    .replace(/[\s*:：]/g, '');
}

/** roleOf('年度指标值') → 'target'; roleOf('单位名称') → null. */
export function roleOf(text: string): Role | null {
  const key = headerKey(text);
  if (key === '') return null;
  for (const [role, re] of ROLE_PATTERNS) if (re.test(key)) return role;
  return null;
}

export const emptyMapping = (): ColumnMapping => ({ level1: null, level2: null, level3: null, target: null, weight: null, unit: null, nature: null });

/** The first column of each role in a header row (a header merged over two columns names the left one). */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const m = emptyMapping();
  header.forEach((cell, c) => {
    const role = roleOf(cell);
    if (role && m[role] === null) m[role] = c;
  });
  return m;
}

/** Roles found in a row. */
export function rolesIn(row: readonly string[]): Set<Role> {
  const out = new Set<Role>();
  for (const cell of row) {
    const r = roleOf(cell);
    if (r) out.add(r);
  }
  return out;
}

/**
 * The header row of the indicator table: the first row naming a 三级 column and either a target column or both other
 * levels (the title, 单位名称 and the 年度主要任务 table above it never do; a target headed in words the guess does
 * not know is then picked by the user). Two-row headers (绩效指标 over 一级/二级/三级, 指标值 merged down) are found
 * on their second row once merges are filled. -1 when the sheet has none.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((row) => {
    const roles = rolesIn(row);
    return roles.has('level3') && (roles.has('target') || (roles.has('level1') && roles.has('level2')));
  });
}

/** A row that repeats header words (≥ 2 roles): a header printed again after a page break. */
export function isHeaderLike(row: readonly string[]): boolean {
  return rolesIn(row).size >= 2;
}

/** Applies the user's choices over the guess; a column picked for a role is taken away from any other role. */
export function mergeMapping(guessed: ColumnMapping, chosen: Partial<ColumnMapping> | undefined, width: number): ColumnMapping {
  const m: ColumnMapping = { ...guessed };
  if (!chosen) return m;
  for (const role of ROLES) {
    if (!(role in chosen)) continue;
    const col = chosen[role];
    const valid = col === null || (Number.isInteger(col) && col !== undefined && col >= 0 && col < width);
    if (!valid) continue;
    if (col !== null) for (const other of ROLES) if (other !== role && m[other] === col) m[other] = null;
    m[role] = col ?? null;
  }
  return m;
}
