import type { SheetGrid } from '@/domain/import/types';

/** Why a whole file was refused; nothing was read from it. */
export type FileProblemCode =
  | 'tooLarge' // over the file size cap
  | 'notXlsx' // not a zip, or a zip without a workbook in it (a .docx, a renamed file)
  | 'legacyXls' // an Excel 97–2003 .xls: to be saved again as .xlsx
  | 'broken' // a damaged or truncated .xlsx
  | 'zipBomb' // inflates far beyond any real workbook, or claims to
  | 'tooComplex' // more merged cells than any table has
  | 'tooManyRows' // a sheet far beyond the row cap (detail: sheet name, rows)
  | 'empty' // a workbook with no sheet or no text at all
  | 'timeout'
  | 'crashed'; // the reader stopped (out of memory, an error in the library)

export type WorkbookOutcome =
  | { ok: true; sheets: SheetGrid[] }
  | { ok: false; code: FileProblemCode; params?: Record<string, string | number> };

export interface ReadProgress {
  /** check: the zip is measured; load: the workbook is parsed; sheets: rows are turned into text. */
  phase: 'check' | 'load' | 'sheets';
  done: number;
  total: number;
}

/** Messages from the worker. */
export type WorkerMessage = { type: 'progress'; progress: ReadProgress } | { type: 'done'; outcome: WorkbookOutcome };
