import { chineseDate } from '../cells';
import { expandMerges, tableWidth, type Align, type Cell, type Column, type DocumentModel, type Table } from '../model';

/**
 * The print page's pure parts (PrintDocument.vue draws them): the @page rules with the page number and footer in
 * the page-margin boxes (Chromium ≥ 131 draws margin boxes; other browsers print without them), column widths and
 * the column each cell starts in. The same component is the on-screen preview; printing is the browser's own.
 */

/** A text as a CSS string literal: quotes, backslashes, control characters and angle brackets escaped as code points. */
export function cssString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x20 || cp === 0x7f || '"\\<>'.includes(ch) ? `\\${cp.toString(16)} ` : ch;
  }
  return `"${out}"`;
}

/** 第 X 页 共 Y 页 */
export const PAGE_NUMBER_CONTENT = '"第 " counter(page) " 页 共 " counter(pages) " 页"';

/**
 * The page rules of one printed document: A4 in its orientation (named pages jx-portrait / jx-landscape, so an
 * attachment can turn the paper), the unit name bottom left, 第 X 页 共 Y 页 bottom centre, the date bottom right.
 */
export function pageCss(doc: Pick<DocumentModel, 'footer'>): string {
  const foot = 'font-size: 9pt; color: #444; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif;';
  return [
    '@page {',
    '  margin: 14mm 12mm 16mm;',
    `  @bottom-left { content: ${cssString(doc.footer.unitName)}; ${foot} }`,
    `  @bottom-center { content: ${PAGE_NUMBER_CONTENT}; ${foot} }`,
    `  @bottom-right { content: ${cssString(chineseDate(doc.footer.date))}; ${foot} }`,
    '}',
    '@page jx-portrait { size: A4 portrait; }',
    '@page jx-landscape { size: A4 landscape; }',
  ].join('\n');
}

/** Column widths as percentages of the table (the model's widths are proportions in characters). */
export function colWidths(t: Pick<Table, 'columns'>): string[] {
  const total = Math.max(1, tableWidth(t));
  return t.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`);
}

export interface PlacedCell {
  cell: Cell;
  /** the column the cell starts in */
  col: number;
  align: Align;
}

/** Each row's own cells with the column each starts in and its alignment (the cell's, else its column's). */
export function placeRows(rows: readonly (readonly Cell[])[], columns: readonly Column[]): PlacedCell[][] {
  const grid = expandMerges(rows, columns.length);
  return grid.map((slots) => slots.filter((s) => s.origin).map((s) => ({ cell: s.cell, col: s.col, align: s.cell.align ?? columns[s.col]?.align ?? 'left' })));
}

/** The sheets a document prints on: its own body, then each attachment (and theirs) on paper of its own. */
export function sheetsOf(doc: DocumentModel): { document: DocumentModel; label?: string }[] {
  const attached = doc.blocks.flatMap((b) => (b.kind === 'attachment' ? sheetsOf(b.document).map((s, i) => (i === 0 ? { ...s, label: b.label } : s)) : []));
  return [{ document: doc }, ...attached];
}

/** Prints the page as it is on screen (the print stylesheet hides the app around the document). */
export function printPage(): void {
  window.print();
}
