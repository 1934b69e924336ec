import type { IsoDate } from '@/domain/model';

/**
 * A renderer-neutral description of one official document (目标表, 监控表, 自评表, 自评报告): what is printed and how
 * cells merge, never how it looks. A print page, an xlsx and a docx renderer each read this same description.
 * Numbers keep their value beside the printed text, so a spreadsheet gets numbers, not strings.
 */

/**
 * How `value` is to be shown: wan2 = 万元 to 0.01 (value in 万元), points2 = 分 to 0.01 (value in 分),
 * percent1/percent2 = a ratio (0.9501) shown as 95.0% / 95.01%, int = a whole number, text = no number.
 */
export type CellFormat = 'wan2' | 'points2' | 'percent1' | 'percent2' | 'text' | 'int';

export type Align = 'left' | 'center' | 'right';

export interface Cell {
  /** The printed form, always present (a renderer never formats `value` itself for print); '\n' breaks a line. */
  text: string;
  /** The number behind `text` (万元, 分, ratio or count), for renderers that write numbers. */
  value?: number;
  format?: CellFormat;
  /** Columns this cell covers (default 1). */
  colSpan?: number;
  /** Rows this cell covers (default 1); the covered positions of later rows are simply left out of those rows. */
  rowSpan?: number;
  bold?: boolean;
  align?: Align;
}

export interface Column {
  key: string;
  /** Width in characters (a CJK character counts as one). */
  width: number;
  align?: Align;
}

export interface Table {
  kind: 'table';
  /** The block's title as the form prints it above or beside the grid: 项目资金（万元）, 年度绩效指标. */
  caption?: string;
  columns: Column[];
  /** Column titles, repeated on every printed page. */
  headRows: Cell[][];
  bodyRows: Cell[][];
}

export interface Heading {
  kind: 'heading';
  /** 1 = 一、 2 = （一） 3 = 1. */
  level: 1 | 2 | 3;
  text: string;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  /** The report section this text is the editable content of (REPORT_SECTIONS key). */
  sectionKey?: string;
  /** Nothing entered and nothing could be generated: the text is a placeholder （待填写）. */
  pending?: boolean;
}

/** 填报人 ______ 审核人 ______ 填报日期 2022-07-05: blank values print as a line to sign on. */
export interface SignatureLine {
  kind: 'signature';
  fields: { label: string; value: string }[];
}

/** A whole document carried inside another (the 自评表 as 附件 of the 自评报告), on its own pages. */
export interface Attachment {
  kind: 'attachment';
  /** 附件1：… */
  label: string;
  document: DocumentModel;
}

export type Block = Table | Heading | Paragraph | SignatureLine | Attachment;

export type Watermark = 'draft' | 'superseded';

export interface HeaderField {
  label: string;
  value: string;
}

export interface DocumentModel {
  title: string;
  subtitle?: string;
  orientation: 'portrait' | 'landscape';
  /** 表头字段: 项目名称, 主管部门, … */
  header: HeaderField[];
  blocks: Block[];
  /** Printed under the blocks: how each score or light came about, adjustments, the rule set. */
  notes?: string[];
  /** 草稿 on a form not yet submitted/finalised, 已被更正 on a superseded version. */
  watermark?: Watermark | null;
  footer: { unitName: string; date: IsoDate };
}

/** One position of an expanded grid: the cell that covers it and where that cell starts. */
export interface GridSlot {
  cell: Cell;
  row: number;
  col: number;
  /** true at the cell's own (top-left) position */
  origin: boolean;
}

/**
 * Lays rows with merges out on a full grid of `width` columns, each position naming the cell that covers it, and
 * refuses what no renderer could draw: overlapping cells, a row that does not fill the width exactly, a rowSpan
 * running past the last row. [[A(rowSpan 2), B], [C]] → [[A, B], [A, C]].
 */
export function expandMerges(rows: readonly (readonly Cell[])[], width: number): GridSlot[][] {
  const grid: (GridSlot | undefined)[][] = rows.map(() => Array.from({ length: width }, () => undefined));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && grid[r]![c]) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      if (cs < 1 || rs < 1) throw new Error(`row ${r}: span below 1 at "${cell.text}"`);
      if (c + cs > width) throw new Error(`row ${r}: "${cell.text}" runs past column ${width}`);
      if (r + rs > rows.length) throw new Error(`row ${r}: "${cell.text}" spans past the last row`);
      for (let i = r; i < r + rs; i++) {
        for (let j = c; j < c + cs; j++) {
          if (grid[i]![j]) throw new Error(`row ${i}, column ${j}: "${cell.text}" overlaps "${grid[i]![j]!.cell.text}"`);
          grid[i]![j] = { cell, row: r, col: c, origin: i === r && j === c };
        }
      }
      c += cs;
    }
  });
  return grid.map((slots, r) =>
    slots.map((s, c) => {
      if (!s) throw new Error(`row ${r}, column ${c}: no cell`);
      return s;
    }),
  );
}

/** The printed text at every position of a table part, merged positions repeating their cell's text. */
export function gridText(rows: readonly (readonly Cell[])[], width: number): string[][] {
  return expandMerges(rows, width).map((slots) => slots.map((s) => s.cell.text));
}

/** Checks both parts of a table (head and body merge separately: the head repeats on every page). */
export function checkTable(t: Table): void {
  expandMerges(t.headRows, t.columns.length);
  expandMerges(t.bodyRows, t.columns.length);
}

/** Σ column widths in characters. */
export const tableWidth = (t: Pick<Table, 'columns'>): number => t.columns.reduce((s, c) => s + c.width, 0);

/** A portrait A4 page holds about 90 characters of table; wider documents print landscape. */
export const PORTRAIT_MAX_CHARS = 90;

export function orientationFor(blocks: readonly Block[]): DocumentModel['orientation'] {
  const widest = Math.max(0, ...blocks.filter((b): b is Table => b.kind === 'table').map(tableWidth));
  return widest > PORTRAIT_MAX_CHARS ? 'landscape' : 'portrait';
}
