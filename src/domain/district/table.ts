import { initials } from '../pinyin';
import type { Light } from '../monitoring/progress';
import type { DistrictRow } from './summary';
import { compareZh } from '../collate';

export type DistrictColumn = 'unit' | 'plan' | 'kind' | 'execution' | 'light' | 'score';
export type SortDir = 'asc' | 'desc';

/** Worst first when sorted ascending: the rows a district manager looks at first. */
const LIGHT_RANK: Readonly<Record<Light, number>> = { red: 0, yellow: 1, blue: 2, green: 3, none: 4 };

/** Compares two rows on a column; missing values (no budget) sort last whichever the direction. */
function compare(a: DistrictRow, b: DistrictRow, col: DistrictColumn): number {
  switch (col) {
    case 'unit':
      return compareZh(a.unitName, b.unitName);
    case 'plan':
      return compareZh(a.planName, b.planName);
    case 'kind':
      return a.kind === b.kind ? 0 : a.kind === 'unit' ? -1 : 1;
    case 'execution':
      return (a.executionRate ?? 0) - (b.executionRate ?? 0);
    case 'light':
      return LIGHT_RANK[a.light] - LIGHT_RANK[b.light];
    case 'score':
      return (a.scoreCp ?? 0) - (b.scoreCp ?? 0);
  }
}

/** A row's value on a column is missing: no budget, or not read yet (pending); such rows sort last either way. */
function missing(r: DistrictRow, col: DistrictColumn): boolean {
  if (col === 'execution') return r.executionRate === null;
  if (col === 'score') return r.scoreCp === null;
  if (col === 'light') return r.lightFrom === 'pending';
  return false;
}

/**
 * The rows sorted by one column, ties by unit then plan name (a stable, predictable order). A row without the value
 * (no budget, or its figures still being read) stays at the end in either direction.
 */
export function sortDistrict(rows: readonly DistrictRow[], col: DistrictColumn, dir: SortDir): DistrictRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (missing(a, col) !== missing(b, col)) return missing(a, col) ? 1 : -1;
    return sign * compare(a, b, col) || compareZh(a.unitName, b.unitName) || compareZh(a.planName, b.planName) || a.planId.localeCompare(b.planId);
  });
}

/** What a filter query matches in a row: names and their pinyin initials (职工疗休养 → zglxy). */
export function districtSearchText(row: Pick<DistrictRow, 'unitName' | 'planName'>): string {
  return `${row.unitName} ${row.planName} ${initials(row.unitName)} ${initials(row.planName)}`.toLowerCase();
}

/**
 * Rows whose unit or plan name holds every space-separated word of the query ('总工会 lxy'). `texts` are the rows'
 * search texts, computed once per data change (pinyin initials are not free), index-aligned with `rows`.
 */
export function filterDistrict(rows: readonly DistrictRow[], texts: readonly string[], query: string): DistrictRow[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((_, i) => words.every((w) => texts[i]!.includes(w)));
}
