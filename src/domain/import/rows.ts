import { parseTarget } from '../targets/parse';
import { isHeaderLike } from './columns';
import { cleanName, rowSnippet, rowTexts, type FilledGrid } from './grid';
import { composeTarget, parseWeight } from './target-cell';
import { ROLES, type ColumnMapping, type ImportLeaf, type ImportLevel1, type ImportLevel2, type Role, type SkippedRow } from './types';

// Lines below (or inside) a table that explain or sign it rather than state an indicator.
const NOTE_START = /^(?:填表说明|填报说明|说明|备注|注释|附注|注[:：\d０-９一二三]|※|\*注|填表人|填报人|审核人|负责人|单位负责人|财务负责人|联系人|联系电话|填报日期|填表日期|日期[:：]|制表)/;
const TOTAL = /^(?:合\s*计|小\s*计|总\s*计|总\s*分|合计分值)$/;

export interface RowsResult {
  tree: ImportLevel1[];
  skipped: SkippedRow[];
  blankRows: number;
}

/** The text of a role's cell in a row; '' when the role has no column, or the cell is spanned from another role's column. */
function cellOf(grid: FilledGrid, r: number, mapping: ColumnMapping, role: Role): string {
  const c = mapping[role];
  if (c === null) return '';
  const from = grid.origin[r]![c]!;
  if (from !== c && ROLES.some((other) => other !== role && mapping[other] === from)) return '';
  return grid.rows[r]![c] ?? '';
}

/** One line of text across the mapped columns (a note written in a cell merged over the table). */
function isBanner(grid: FilledGrid, r: number, mapping: ColumnMapping): boolean {
  const cols = ROLES.map((role) => mapping[role]).filter((c): c is number => c !== null);
  if (cols.length < 2) return false;
  const origins = new Set(cols.map((c) => grid.origin[r]![c]!));
  return origins.size === 1 && cols.every((c) => grid.rows[r]![c] !== '');
}

/**
 * The indicator rows under the header, as a 一级 → 二级 → 三级 tree in the order first seen (merged 一级/二级 cells
 * already read for every row they cover), and every other row with text, saying why it was left out. Once a note
 * (填表说明, 备注, 填报人…) is met, rows that are not complete indicator rows are read as its continuation.
 */
export function readRows(grid: FilledGrid, headerRow: number, mapping: ColumnMapping, year: number | undefined): RowsResult {
  const tree: ImportLevel1[] = [];
  const level1 = new Map<string, ImportLevel1>();
  const level2 = new Map<ImportLevel1, Map<string, ImportLevel2>>();
  const skipped: SkippedRow[] = [];
  let blankRows = 0;
  let inNote = false;

  const group = (l1: string, row: number): ImportLevel1 => {
    let g = level1.get(l1);
    if (!g) {
      g = { name: l1, row, groups: [] };
      level1.set(l1, g);
      level2.set(g, new Map());
      tree.push(g);
    }
    return g;
  };
  const subgroup = (g: ImportLevel1, l2: string, row: number): ImportLevel2 => {
    const byName = level2.get(g)!;
    let s = byName.get(l2);
    if (!s) {
      s = { name: l2, row, leaves: [] };
      byName.set(l2, s);
      g.groups.push(s);
    }
    return s;
  };

  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    const sheetRow = r + 1;
    const skip = (reason: SkippedRow['reason']) => skipped.push({ row: sheetRow, reason, text: rowSnippet(row) });
    const texts = rowTexts(row, cleanName);
    if (!texts.length) {
      blankRows++;
      continue;
    }
    const get = (role: Role) => cellOf(grid, r, mapping, role);
    const l1 = cleanName(get('level1'));
    const l2 = cleanName(get('level2'));
    const name = cleanName(get('level3'));
    const rawTarget = get('target').trim();
    const first = texts[0]!;
    const complete = l1 !== '' && l2 !== '' && name !== '';

    if (isHeaderLike(row)) skip('repeatedHeader');
    else if (TOTAL.test(l1) || TOTAL.test(first)) skip('total');
    else if (NOTE_START.test(first) || isBanner(grid, r, mapping) || (inNote && !complete)) {
      inNote = true;
      skip('note');
    } else if (name === '' && rawTarget !== '') skip('noName');
    else if (name !== '' && l1 === '') skip('missingLevel1');
    else if (name !== '' && l2 === '') skip('missingLevel2');
    else if (l1 === '' && l2 === '' && name === '') skip('outsideColumns');
    else if (l1 === '') skip('missingLevel1');
    else {
      const g = group(l1, sheetRow);
      if (l2 === '') continue; // a 一级 with no 二级 under it (an empty group printed as one row)
      const s = subgroup(g, l2, sheetRow);
      if (name !== '') s.leaves.push(leaf(sheetRow, name, rawTarget, get('nature'), get('unit'), get('weight'), year));
    }
  }
  return { tree, skipped, blankRows };
}

function leaf(row: number, name: string, rawTarget: string, nature: string, unit: string, weight: string, year: number | undefined): ImportLeaf {
  const { text, notes } = composeTarget(rawTarget, nature, unit);
  const w = parseWeight(weight);
  if (w.note) notes.push(w.note);
  if (text === '') notes.push({ code: 'emptyTarget' });
  const result = parseTarget(text, year === undefined ? {} : { year });
  return { row, name, rawTarget, targetText: text, result, weightCp: w.weightCp, notes };
}
