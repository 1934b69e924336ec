import type { PlanKind } from '../model';
import { toHalfWidth } from '../targets/numbers';
import { cleanName, rowTexts } from './grid';
import type { PlanMeta } from './types';

type Field = 'unitName' | 'projectName' | 'supervisor' | 'year' | 'goal';

/** Labels of the header fields above a 绩效目标表 (and the goal block), as forms print them. */
const LABELS: readonly [Field, RegExp][] = [
  ['projectName', /^项目名称$/],
  ['unitName', /^(?:单位名称|部门名称|预算单位|填报单位|实施单位)$/],
  ['supervisor', /^(?:主管部门|主管单位|部门)$/],
  ['year', /^(?:预算年度|年度|所属年度)$/],
  ['goal', /^(?:年度总体目标|总体目标|年度绩效目标|项目绩效目标|绩效目标|年度目标)$/],
];

// "项目名称：XX" in one cell: the label, then the value.
const INLINE = /^([^:：]{2,8})[:：]([\s\S]*)$/;

function labelOf(text: string): Field | null {
  const key = toHalfWidth(text).replace(/\([^)]*\)/g, '').replace(/[\s:：]/g, '');
  for (const [field, re] of LABELS) if (re.test(key)) return field;
  return null;
}

/** 'label：value' in one cell; false when the cell is not of that form or its label is not one we know. */
function inline(cell: string, take: (field: Field | null, value: string) => void): boolean {
  const m = INLINE.exec(cell);
  const field = m ? labelOf(m[1]!) : null;
  if (!m || !field || m[2]!.trim() === '') return false;
  take(field, m[2]!);
  return true;
}

const yearIn = (s: string): number | null => {
  const m = /((?:19|20)\d{2})\s*年?/.exec(toHalfWidth(s));
  return m ? Number(m[1]) : null;
};

/**
 * Reads the title and header fields above the indicator header: kind (项目支出 or 单位整体), name, year, goal.
 * detectMeta([['单位整体支出绩效目标表'], ['（2022年度）'], ['单位名称', '深圳市盐田区总工会']], 'Sheet1')
 *   → { kind: 'unit', name: '深圳市盐田区总工会单位整体支出绩效目标表', year: 2022, … }
 */
export function detectMeta(above: readonly (readonly string[])[], sheetName: string): PlanMeta {
  const found = new Map<Field, string>();
  let title: string | null = null;
  const texts: string[] = [];
  const take = (field: Field | null, value: string) => {
    // A value that is itself a label (项目名称 | 主管部门 with both values blank) is no value.
    if (!field || found.has(field) || value.trim() === '' || labelOf(value) !== null) return;
    // The goal is prose: kept as written (line breaks too); names and years are tidied.
    found.set(field, field === 'goal' ? value.trim() : cleanName(value));
  };
  for (const row of above) {
    const cells = rowTexts(row);
    texts.push(...cells.map(cleanName));
    if (title === null && cells.length === 1 && /目标表|绩效目标申报表|绩效指标表/.test(cells[0]!)) title = cleanName(cells[0]!);
    cells.forEach((cell, i) => {
      // '单位名称：X  主管部门：Y  年度：2022' (fields apart by two ideographic spaces) in one cell (the app's own export): each field on its own.
      const parts = cell.split(/\u3000+|\s{2,}/).filter((p) => INLINE.test(p.trim()));
      if (parts.length > 1) return parts.forEach((p) => inline(p.trim(), take));
      if (inline(cell, take)) return;
      take(labelOf(cell), cells[i + 1] ?? '');
    });
  }
  const all = [title ?? '', ...texts, sheetName].join(' ');
  const kind: PlanKind | null = found.has('projectName') || /项目支出|项目绩效/.test(all) ? 'project' : /整体支出|单位整体|部门整体/.test(all) ? 'unit' : null;
  const year = yearIn(found.get('year') ?? '') ?? texts.map(yearIn).find((y) => y !== null) ?? yearIn(sheetName);
  const unitName = found.get('unitName') ?? null;
  return {
    title,
    kind,
    name: planName(kind, found.get('projectName') ?? null, unitName, title, sheetName),
    year,
    goal: found.get('goal') ?? null,
    unitName,
    supervisor: found.get('supervisor') ?? null,
  };
}

/**
 * A project plan is named after its project; a unit plan after its title, with the unit's name in front when the
 * title lacks it (单位整体支出绩效目标表 of 深圳市盐田区总工会 → 深圳市盐田区总工会单位整体支出绩效目标表, as the sample).
 */
function planName(kind: PlanKind | null, project: string | null, unit: string | null, title: string | null, sheet: string): string | null {
  if (project) return project;
  const bare = title?.replace(/^(?:19|20)\d{2}\s*年度?/, '').trim() ?? '';
  if (kind === 'unit' && bare !== '') return unit && !bare.includes(unit) ? `${unit}${bare}` : bare;
  return cleanName(sheet) || null;
}
