import { TOTAL_POINTS_CP } from '../model';
import { emptyMapping, findHeaderRow, guessMapping, mergeMapping } from './columns';
import { columnLetter, fillMerges } from './grid';
import { detectMeta } from './meta';
import { readRows } from './rows';
import { REQUIRED_ROLES, type ColumnMapping, type ImportLevel1, type PlanMeta, type SheetGrid, type SheetReading } from './types';

export interface MapOptions {
  /** The user's column choices over the guess (a select in the mapping step). */
  mapping?: Partial<ColumnMapping>;
  /** The plan year targets are read in (12月底前 needs one); the sheet's own year when not given. */
  year?: number;
}

const NO_META: PlanMeta = { title: null, kind: null, name: null, year: null, goal: null, unitName: null, supervisor: null };

/**
 * One worksheet → what it would import: header and columns found, the plan it describes, its indicator tree with every
 * target interpreted, and every row left out with the reason. Pure and cheap enough to re-run on each mapping change.
 */
export function mapSheet(sheet: SheetGrid, opts: MapOptions = {}): SheetReading {
  const base = { name: sheet.name, hidden: sheet.hidden, headerRow: null, columns: [], guessed: emptyMapping(), mapping: emptyMapping(), missing: [], meta: { ...NO_META }, tree: [], leafCount: 0, errorCount: 0, skipped: [], blankRows: 0, hasWeights: false, overweight: [] };
  if (sheet.refused) return { ...base, status: 'refused', refused: sheet.refused };
  const grid = fillMerges(sheet.rows, sheet.merges);
  if (grid.rows.every((r) => r.every((c) => c.trim() === ''))) return { ...base, status: 'empty' };
  const header = findHeaderRow(grid.rows);
  const meta = detectMeta(grid.rows.slice(0, header < 0 ? Math.min(grid.rows.length, 10) : header), sheet.name);
  if (header < 0) return { ...base, status: 'noHeader', meta };

  const headerCells = grid.rows[header]!;
  const columns = headerCells.map((label, index) => ({ index, letter: columnLetter(index), label: label.trim() }));
  const guessed = guessMapping(headerCells);
  const mapping = mergeMapping(guessed, opts.mapping, grid.width);
  const missing = REQUIRED_ROLES.filter((r) => mapping[r] === null);
  const common = { ...base, headerRow: header + 1, columns, guessed, mapping, missing, meta };
  if (missing.length) return { ...common, status: 'missingColumns' };

  const year = opts.year ?? meta.year ?? undefined;
  const { tree, skipped, blankRows } = readRows(grid, header, mapping, year);
  const leaves = tree.flatMap((g) => g.groups.flatMap((s) => s.leaves));
  const hasWeights = leaves.some((l) => l.weightCp !== null);
  const overweight = hasWeights ? tree.filter((g) => groupPoints(g) > TOTAL_POINTS_CP).map((g) => g.name) : [];
  return {
    ...common,
    status: tree.length ? 'ok' : 'noIndicators',
    tree,
    leafCount: leaves.length,
    errorCount: leaves.filter((l) => !l.result.ok).length,
    skipped,
    blankRows,
    hasWeights,
    overweight,
  };
}

/** Σ of the 三级 points under a 一级, in centi-points (unset points count 0). */
export const groupPoints = (g: ImportLevel1): number => g.groups.reduce((sum, s) => sum + s.leaves.reduce((x, l) => x + (l.weightCp ?? 0), 0), 0);

/** Sheets that can be imported as they stand: read, with a tree, and not hidden unless the user included them. */
export const importable = (r: SheetReading): boolean => r.status === 'ok';
