/**
 * Caps on what the spreadsheet import reads (reliability.md: cap file size and row counts, survive zip bombs). A real
 * 绩效目标表 is a few dozen rows in a file of tens of kilobytes; these leave ample room and stop a runaway file before
 * it takes the tab's memory.
 */
export const XLSX_LIMITS = {
  /** The file as chosen: larger ones are refused before they are read. */
  fileBytes: 10 * 1024 * 1024,
  /** Rows of one sheet, up to its last row with text: a sheet beyond it is listed as refused, the others still read. */
  rows: 5000,
  /** A sheet this far beyond the row cap is not handed to the spreadsheet library at all: the whole file is refused. */
  hardRows: 50_000,
  /** Columns read per row; text further right is ignored (a target table has fewer than 15). */
  columns: 64,
  /** Everything inside the zip once inflated, as measured while inflating (declared sizes can lie). */
  inflatedBytes: 100 * 1024 * 1024,
  /** Entries in the zip. */
  entries: 2000,
  /** Merged blocks and the cells they cover, over the workbook (the library makes an object per covered cell). */
  merges: 5000,
  mergedCells: 200_000,
  /** Characters kept of one cell (a name or a note; longer text is cut). */
  cellChars: 4000,
  /** A worker that has not answered by then is stopped and the file refused. */
  timeoutMs: 60_000,
} as const;
