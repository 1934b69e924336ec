import ExcelJS from 'exceljs';
import type { CellRange, SheetGrid } from '@/domain/import/types';
import { cellText } from './cell-text';
import { XLSX_LIMITS } from './limits';
import type { ReadProgress, WorkbookOutcome } from './types';
import { checkXlsxZip } from './zip-check';

/**
 * An .xlsx file → one plain grid per sheet (cell text and merges), the only form the import mapper reads. Runs in the
 * import worker (xlsx-import.worker.ts); tests call it directly in Node. `onProgress` may return a promise: the
 * main-thread fallback uses it to yield between chunks of rows.
 */
export async function readWorkbook(bytes: Uint8Array, onProgress: (p: ReadProgress) => void | Promise<void> = () => {}): Promise<WorkbookOutcome> {
  if (bytes.length > XLSX_LIMITS.fileBytes) return { ok: false, code: 'tooLarge', params: { mb: XLSX_LIMITS.fileBytes / 1024 / 1024 } };
  await onProgress({ phase: 'check', done: 0, total: 1 });
  const check = await checkXlsxZip(bytes);
  if (!check.ok) return check;

  await onProgress({ phase: 'load', done: 0, total: 1 });
  const wb = new ExcelJS.Workbook();
  try {
    // An ArrayBuffer of exactly these bytes: the library's types ask for a Buffer, its code takes any binary.
    await wb.xlsx.load(bytes.slice().buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    return { ok: false, code: 'broken' };
  }

  const sheets = wb.worksheets;
  if (sheets.length === 0) return { ok: false, code: 'empty' };
  const total = sheets.reduce((s, ws) => s + Math.min(ws.rowCount, XLSX_LIMITS.rows), 0);
  let done = 0;
  const grids: SheetGrid[] = [];
  for (const ws of sheets) {
    const grid = await sheetGrid(ws, async (n) => {
      done += n;
      await onProgress({ phase: 'sheets', done, total });
    });
    grids.push(grid);
  }
  if (grids.every((g) => !g.refused && g.rows.every((r) => r.every((c) => c.trim() === '')))) return { ok: false, code: 'empty' };
  return { ok: true, sheets: grids };
}

const CHUNK = 250;

async function sheetGrid(ws: ExcelJS.Worksheet, advance: (rows: number) => Promise<void>): Promise<SheetGrid> {
  const base = { name: ws.name, hidden: ws.state === 'hidden' || ws.state === 'veryHidden' };
  // The last row with something in it: Excel numbers rows, and so does every message about them.
  let last = 0;
  ws.eachRow((_, n) => (last = n));
  if (last > XLSX_LIMITS.rows) return { ...base, rows: [], merges: [], refused: { code: 'tooManyRows', rows: last } };

  const rows: string[][] = Array.from({ length: last }, () => []);
  const merges = new Map<string, CellRange>();
  let pending = 0;
  for (let r = 1; r <= last; r++) {
    const row = ws.findRow(r);
    if (row) {
      const out = rows[r - 1]!;
      row.eachCell((cell, c) => {
        if (c > XLSX_LIMITS.columns) return;
        if (cell.type === ExcelJS.ValueType.Merge) {
          const master = cell.master;
          const m = merges.get(master.address) ?? { top: Number(master.row) - 1, left: Number(master.col) - 1, bottom: r - 1, right: c - 1 };
          m.bottom = Math.max(m.bottom, r - 1);
          m.right = Math.max(m.right, c - 1);
          merges.set(master.address, m);
          return;
        }
        out[c - 1] = cellText(cell.value, cell.numFmt ?? '');
      });
      for (let c = 0; c < out.length; c++) out[c] ??= '';
      while (out.length && out[out.length - 1] === '') out.pop();
    }
    if (++pending === CHUNK) {
      await advance(pending);
      pending = 0;
    }
  }
  await advance(pending);
  while (rows.length && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop();
  return { ...base, rows, merges: [...merges.values()] };
}
