import type { Borders, Cell as XCell, Fill, Workbook, Worksheet } from 'exceljs';
import { expandMerges, type Cell, type CellFormat, type DocumentModel, type Table } from '../model';
import { columnGrid, spanWidth, type ColumnGrid } from './grid';
import { headerLine, labelText, linesIn, mainTable, markedTitle, NOTES_HEADING, signatureText, visibleCaption, WATERMARK_TEXT } from './layout';

/**
 * A DocumentModel as an .xlsx workbook (exceljs, loaded only when a user exports): one sheet per document as the form
 * is filed (an attachment gets its own sheet), every table on one column grid (grid.ts), merges exactly as the
 * model's, numbers written as numbers with their format, A4 fitted to the page width, the main table's head rows
 * repeated on every printed page, the title block frozen on screen.
 *
 * Formula injection (reliability.md): a text starting with = + - @ TAB CR or full-width ＝＋－＠ is written with a
 * leading apostrophe as part of the text. exceljs writes every text as a string (never a formula) anyway, but the
 * apostrophe keeps it inert where that is not enough: when someone edits the cell and presses Enter, or saves the
 * sheet as CSV and another program opens it. The apostrophe is visible in the cell; that is the price of text that
 * no spreadsheet will ever run.
 */

/** Excel's width unit is about one Latin digit: a CJK character takes two. */
export const UNITS_PER_CHAR = 2;
const FONT = '宋体';
const FONT_SIZE = 10;
const LINE_PT = 13.5;

const NUM_FMT: Readonly<Record<Exclude<CellFormat, 'text'>, string>> = Object.freeze({
  // Money prints with thousands separators on the forms (1,273.52): the sheet shows the same.
  wan2: '#,##0.00',
  points2: '0.00',
  percent1: '0.0%',
  percent2: '0.00%',
  int: '0',
});

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** '=1+1' → "'=1+1"; '职工服务' unchanged. */
export const inertText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise), unique in the book. */
export function sheetName(title: string, taken: ReadonlySet<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 28)}(${n})`;
  return name;
}

/** A number when the model keeps one, else the (inert) text. */
function writeValue(cell: XCell, c: Cell): void {
  if (c.value !== undefined && Number.isFinite(c.value) && c.format && c.format !== 'text') {
    cell.value = c.value;
    cell.numFmt = NUM_FMT[c.format];
    // The printed text says more than the number (规则得分 3.20 → 调整为 3.60（…）): keep it as the cell's note.
    if (Number.isNaN(Number(c.text.replace(/[,%\s]/g, '')))) cell.note = c.text;
    return;
  }
  cell.value = inertText(c.text);
}

const HEAD_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

interface Writer {
  ws: Worksheet;
  grid: ColumnGrid;
  width: number;
  row: number;
}

/** Column units of a run of grid columns. */
const unitsOf = (w: Writer, from: number, to: number) => w.grid.widths.slice(from, to).reduce((s, x) => s + x, 0) * UNITS_PER_CHAR;

/** One merged row across the sheet (title, caption, heading, paragraph, note); returns its row number. */
function fullRow(w: Writer, text: string, style: { bold?: boolean; size?: number; align?: 'left' | 'center'; border?: boolean; minHeight?: number } = {}): number {
  const r = ++w.row;
  w.ws.mergeCells(r, 1, r, w.width);
  const cell = w.ws.getCell(r, 1);
  cell.value = inertText(text);
  cell.font = { name: FONT, size: style.size ?? FONT_SIZE, bold: !!style.bold };
  cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
  if (style.border) for (let c = 1; c <= w.width; c++) w.ws.getCell(r, c).border = THIN;
  const size = style.size ?? FONT_SIZE;
  const lines = linesIn(text, unitsOf(w, 0, w.width) * (FONT_SIZE / size) - 2);
  w.ws.getRow(r).height = Math.max(style.minHeight ?? 0, lines * LINE_PT * (size / FONT_SIZE) + 6);
  return r;
}

/** Head or body rows of a table at the writer's next row; returns the first and last row numbers written. */
function tableRows(w: Writer, t: Table, rows: readonly (readonly Cell[])[]): [number, number] {
  const first = w.row + 1;
  const bounds = w.grid.bounds.get(t)!;
  const slots = expandMerges(rows, t.columns.length);
  const heights = rows.map(() => 1);
  slots.forEach((line, i) => {
    const r = first + i;
    line.forEach((s, j) => {
      const left = bounds[j]! + 1;
      const right = bounds[j + 1]!;
      for (let c = left; c <= right; c++) w.ws.getCell(r, c).border = THIN;
      if (!s.origin) return;
      const c = s.cell;
      const cs = c.colSpan ?? 1;
      const rs = c.rowSpan ?? 1;
      const lastCol = bounds[j + cs]!;
      const cell = w.ws.getCell(r, left);
      writeValue(cell, c);
      cell.font = { name: FONT, size: FONT_SIZE, bold: !!c.bold };
      cell.alignment = { horizontal: c.align ?? t.columns[j]?.align ?? 'left', vertical: 'middle', wrapText: true };
      if (lastCol > left || rs > 1) w.ws.mergeCells(r, left, r + rs - 1, lastCol);
      // Excel does not grow a row for wrapped text in merged cells: size each row for its single-row cells.
      if (rs === 1) heights[i] = Math.max(heights[i]!, linesIn(c.text, spanWidth(w.grid, t, j, j + cs) * UNITS_PER_CHAR - 2));
    });
  });
  heights.forEach((n, i) => (w.ws.getRow(first + i).height = n * LINE_PT + 6));
  w.row = first + rows.length - 1;
  return [first, w.row];
}

/** Writes one document on its own sheet; attachments go to further sheets. */
function writeSheet(wb: Workbook, doc: DocumentModel, taken: Set<string>): void {
  const name = sheetName(doc.title, taken);
  taken.add(name);
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  const grid = columnGrid(tables);
  const ws = wb.addWorksheet(name);
  const w: Writer = { ws, grid, width: grid.widths.length, row: 0 };
  ws.columns = grid.widths.map((x) => ({ width: x * UNITS_PER_CHAR }));

  fullRow(w, markedTitle(doc), { bold: true, size: 16, align: 'center', minHeight: 30 });
  if (doc.subtitle) fullRow(w, doc.subtitle, { align: 'center' });
  if (doc.header.length) fullRow(w, headerLine(doc));
  const titleRows = w.row;

  const main = mainTable(doc);
  let printTitles: [number, number] | null = null;
  const attachments: DocumentModel[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'table') {
      const caption = visibleCaption(b);
      if (caption) fullRow(w, caption, { bold: true, border: true });
      if (b.headRows.length) {
        const head = tableRows(w, b, b.headRows);
        for (let r = head[0]; r <= head[1]; r++) for (let c = 1; c <= w.width; c++) ws.getCell(r, c).fill = HEAD_FILL;
        if (b === main) printTitles = head;
      }
      tableRows(w, b, b.bodyRows);
    } else if (b.kind === 'heading') fullRow(w, b.text, { bold: true, size: b.level === 1 ? 12 : FONT_SIZE });
    else if (b.kind === 'paragraph') fullRow(w, b.text);
    else if (b.kind === 'signature') fullRow(w, signatureText(b.fields), { minHeight: 24 });
    else attachments.push(b.document);
  }
  if (doc.notes?.length) {
    fullRow(w, labelText(NOTES_HEADING), { bold: true });
    // Notes are printed as written (some builders number their own lines).
    for (const n of doc.notes) fullRow(w, n);
  }

  const last = ws.getColumn(w.width).letter;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: titleRows, topLeftCell: `A${titleRows + 1}`, activeCell: `A${titleRows + 1}` }];
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: doc.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
    printArea: `A1:${last}${w.row}`,
    ...(printTitles ? { printTitlesRow: `${printTitles[0]}:${printTitles[1]}` } : {}),
  };
  // '&' starts a header/footer code: a unit name with one is doubled so it prints as itself.
  const esc = (s: string) => s.replace(/&/g, '&&');
  ws.headerFooter = {
    ...(doc.watermark ? { oddHeader: `&C&"${FONT},Bold"&14${WATERMARK_TEXT[doc.watermark]}` } : {}),
    oddFooter: `&L${esc(doc.footer.unitName)}&C第 &P 页 共 &N 页&R${esc(doc.footer.date)}`,
  };
  for (const a of attachments) writeSheet(wb, a, taken);
}

/** The workbook's bytes. exceljs is imported here, on demand, never with the first screen. */
export async function toXlsx(doc: DocumentModel): Promise<Uint8Array<ArrayBuffer>> {
  const mod = await import('exceljs');
  // The browser build is a CommonJS bundle (its namespace sits on `default`); Node's import gives it either way.
  const Excel = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
  const wb = new Excel.Workbook();
  wb.creator = doc.footer.unitName;
  wb.title = doc.title;
  writeSheet(wb, doc, new Set());
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
