import type { PlanKind } from '../model';
import type { ParseResult } from '../targets/types';

/** A merged block of cells, 0-based and inclusive: { top: 3, left: 0, bottom: 16, right: 0 } is A4:A17. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet as plain data, the only thing the mapper reads: cell text as Excel shows it (formulas as their cached
 * result), covered cells of a merge left '' (the master holds the text), and the merges themselves.
 */
export interface SheetGrid {
  name: string;
  /** 'hidden' or 'veryHidden' in the workbook: listed, skipped unless the user includes it. */
  hidden: boolean;
  rows: string[][];
  merges: CellRange[];
  /** Set by the reader when the sheet was not read at all (over the row cap); rows are then empty. */
  refused?: { code: 'tooManyRows'; rows: number };
}

/** What a column of an indicator table holds. */
export type Role = 'level1' | 'level2' | 'level3' | 'target' | 'weight' | 'unit' | 'nature';
export const ROLES: readonly Role[] = ['level1', 'level2', 'level3', 'target', 'weight', 'unit', 'nature'];
/** Without these four no tree can be built; the others only refine the target or carry points. */
export const REQUIRED_ROLES: readonly Role[] = ['level1', 'level2', 'level3', 'target'];

/** Column index (0-based) of each role, null when the sheet has none. Fixed keys: cell text never becomes a key. */
export type ColumnMapping = Record<Role, number | null>;

export interface SheetColumn {
  index: number;
  /** Column letter as Excel shows it (A, B, …, AA). */
  letter: string;
  /** The header cell's text, '' when blank. */
  label: string;
}

/** What the rows above the header say about the plan; null where the sheet does not say. */
export interface PlanMeta {
  title: string | null;
  kind: PlanKind | null;
  name: string | null;
  year: number | null;
  goal: string | null;
  unitName: string | null;
  supervisor: string | null;
}

/** Why a row with text in it did not become part of the tree. */
export type SkipReason =
  | 'note' // 填表说明, 备注, a line of explanation spanning the table
  | 'total' // 合计, 小计, 总分
  | 'repeatedHeader' // the header printed again (a page break in the original)
  | 'noName' // a target without a 三级 name
  | 'missingLevel1'
  | 'missingLevel2'
  | 'outsideColumns'; // text only in columns that are not mapped

export interface SkippedRow {
  /** 1-based sheet row, as Excel numbers it. */
  row: number;
  reason: SkipReason;
  /** The row's text, shortened, so the user recognises it. */
  text: string;
}

/** Something worth saying about a row that was read. */
export type RowNoteCode =
  | 'emptyTarget' // a 三级 name without a target: imported, the target to be filled in
  | 'badWeight' // 分值 not a number of points (0–100, at most two decimals): left unset
  | 'composed' // target put together from 指标性质 / 计量单位 columns
  | 'natureConflict'; // 指标性质 says one direction, the target text another: the text wins

export interface RowNote {
  code: RowNoteCode;
  params?: Record<string, string | number>;
}

export interface ImportLeaf {
  row: number;
  name: string;
  /** The 指标值 cell as written. */
  rawTarget: string;
  /** What is stored as the official's text: the cell (spaces removed), with sign and unit added from their columns. */
  targetText: string;
  result: ParseResult;
  weightCp: number | null;
  notes: RowNote[];
}

export interface ImportLevel2 {
  name: string;
  row: number;
  leaves: ImportLeaf[];
}

export interface ImportLevel1 {
  name: string;
  row: number;
  groups: ImportLevel2[];
}

export type SheetStatus =
  | 'ok'
  | 'refused' // the reader refused it (too many rows)
  | 'empty' // no text at all
  | 'noHeader' // no row names 三级指标 and 指标值: not an indicator table
  | 'missingColumns' // a header, but a required role has no column (the user can pick one)
  | 'noIndicators'; // header and columns, but no row could be read

export interface SheetReading {
  name: string;
  hidden: boolean;
  status: SheetStatus;
  refused?: SheetGrid['refused'];
  /** 1-based row of the header, null without one. */
  headerRow: number | null;
  columns: SheetColumn[];
  guessed: ColumnMapping;
  mapping: ColumnMapping;
  missing: Role[];
  meta: PlanMeta;
  tree: ImportLevel1[];
  leafCount: number;
  /** Rows with an error in their target (kept as written, flagged in the tree). */
  errorCount: number;
  skipped: SkippedRow[];
  blankRows: number;
  /** True when the sheet gave points (a 分值 column with at least one number); otherwise default points apply. */
  hasWeights: boolean;
  /** 一级 names whose 三级 points add up to more than 100: their group total is left unset. */
  overweight: string[];
}
