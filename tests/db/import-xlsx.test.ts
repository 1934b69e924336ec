// @vitest-environment node
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readWorkbook } from '@/db/transfer/xlsx-import/workbook';
import { readXlsxFile } from '@/db/transfer/xlsx-import/read';
import { checkXlsxZip } from '@/db/transfer/xlsx-import/zip-check';
import { cellText } from '@/db/transfer/xlsx-import/cell-text';
import { mapSheet } from '@/domain/import/sheet';
import { unitIndicators } from '@/domain/seed/yantian-2022';
import type { SheetGrid } from '@/domain/import/types';
import type { ReadProgress } from '@/db/transfer/xlsx-import/types';
import { emptyXlsx, formulaXlsx, hiddenSheetXlsx, oversizedXlsx, projectsXlsx, truncatedXlsx, unitTableXlsx } from '../fixtures/xlsx/make-fixtures';

async function sheetsOf(bytes: Uint8Array): Promise<SheetGrid[]> {
  const out = await readWorkbook(bytes);
  if (!out.ok) throw new Error(`refused: ${out.code}`);
  return out.sheets;
}

const leaves = (g: SheetGrid, opts = {}) => mapSheet(g, opts).tree.flatMap((l1) => l1.groups.flatMap((l2) => l2.leaves.map((l) => [l1.name, l2.name, l.name, l.targetText])));

describe('readWorkbook: fixture workbooks read with exceljs', () => {
  it('reads the 单位整体 table: merged 一级/二级 cells become merges, the 20 rows map to the sample tree', async () => {
    const [sheet] = await sheetsOf(await unitTableXlsx());
    expect(sheet!.name).toBe('单位整体');
    expect(sheet!.merges).toContainEqual({ top: 8, left: 0, bottom: 21, right: 0 }); // 产出 over its 14 rows
    expect(sheet!.rows[9]![0]).toBe(''); // covered cells stay blank; the mapper fills them
    expect(sheet!.rows[5]![2]).toBe('445.96'); // a number cell as its shown text
    expect(leaves(sheet!)).toEqual(unitIndicators.map((i) => [i.level1, i.level2, i.name, i.target]));
    const reading = mapSheet(sheet!);
    expect(reading.meta).toMatchObject({ kind: 'unit', year: 2022, name: '深圳市盐田区总工会单位整体支出绩效目标表', goal: '做好工会工作' });
  });

  it('reads both project sheets: columns in another order, full-width symbols, the blank and note rows said', async () => {
    const [a, b] = await sheetsOf(await projectsXlsx());
    const ra = mapSheet(a!);
    expect(ra.meta).toMatchObject({ kind: 'project', name: '职工服务项目', year: 2023 });
    expect(leaves(a!)).toEqual([
      ['产出指标', '数量指标', '服务职工人次', '不少于１２００人次'],
      ['产出指标', '质量指标', '活动完成率', '≥９５％'],
      ['产出指标', '时效指标', '完成时间', '２０２３年１２月底前'],
      ['满意度指标', '服务对象满意度指标', '职工满意度', '≥９０％'],
    ]);
    expect(ra.tree[0]!.groups[0]!.leaves[0]!.result.spec).toMatchObject({ op: 'GE', value: 1200, unit: '人次' });
    expect(ra.tree[0]!.groups[0]!.leaves[0]!.weightCp).toBe(3000);
    expect(ra.blankRows).toBe(1);
    expect(ra.skipped).toEqual([{ row: 9, reason: 'note', text: '填表说明：指标值按批复口径填写。' }]);

    const rb = mapSheet(b!);
    expect(rb).toMatchObject({ status: 'missingColumns', missing: ['target'] });
    expect(rb.meta).toMatchObject({ name: '劳模疗休养', year: 2023 });
    const fixed = mapSheet(b!, { mapping: { target: 3 } });
    expect(fixed.status).toBe('ok');
    expect(leaves(b!, { mapping: { target: 3 } })).toEqual([
      ['产出指标', '数量指标', '疗休养人数', '２５人'],
      ['效益指标', '社会效益指标', '劳模荣誉感', '有效提升'],
    ]);
    expect(fixed.skipped).toEqual([{ row: 7, reason: 'note', text: '备注：本表随预算批复。' }]);
  });

  it('lists a hidden sheet as hidden, and a sheet without an indicator header as such', async () => {
    const sheets = await sheetsOf(await hiddenSheetXlsx());
    expect(sheets.map((s) => [s.name, s.hidden, mapSheet(s).status])).toEqual([
      ['项目', false, 'ok'],
      ['旧版', true, 'ok'],
      ['说明', false, 'noHeader'],
    ]);
  });

  it('reads a formula as its cached result and never evaluates it; text starting with = stays text', async () => {
    const [sheet] = await sheetsOf(await formulaXlsx());
    expect(sheet!.rows[1]).toEqual(['产出', '数量', '发放份数', '≥5000份', '25']);
    expect(sheet!.rows[2]).toEqual(['产出', '质量', '合格率', '95%', '50']);
    expect(sheet!.rows[3]!.slice(0, 4)).toEqual(['产出', '质量', '说明文字', '=不适用']);
    const all = leaves(sheet!);
    expect(all[1]).toEqual(['产出', '质量', '合格率', '95%']);
    const reading = mapSheet(sheet!);
    expect(reading.tree[0]!.groups[1]!.leaves[1]!.result.ok).toBe(false); // '=不适用' is not a target: kept, flagged
  });

  it('refuses a sheet over 5,000 rows with its row count, and reads the others', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await oversizedXlsx()).buffer as ArrayBuffer);
    wb.addWorksheet('小表').addRows([['一级指标', '二级指标', '三级指标', '指标值'], ['产出', '数量', 'a', '1次']]);
    const sheets = await sheetsOf(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(sheets[0]).toMatchObject({ name: '超大', rows: [], refused: { code: 'tooManyRows', rows: 5001 } });
    expect(mapSheet(sheets[0]!).status).toBe('refused');
    expect(mapSheet(sheets[1]!).status).toBe('ok');
  }, 60_000);

  it('reads exactly 5,000 rows', async () => {
    const [sheet] = await sheetsOf(await oversizedXlsx(5000));
    expect(sheet!.rows).toHaveLength(5000);
    expect(mapSheet(sheet!).leafCount).toBe(4999);
  }, 60_000);

  it('reports progress through the sheets', async () => {
    const seen: ReadProgress[] = [];
    await readWorkbook(await oversizedXlsx(1200), (p) => void seen.push(p));
    expect(seen.map((p) => p.phase)).toContain('load');
    const last = seen.at(-1)!;
    expect(last).toEqual({ phase: 'sheets', done: 1200, total: 1200 });
  }, 30_000);
});

describe('readWorkbook: files refused with a reason', () => {
  it('a truncated zip is broken', async () => {
    expect(await readWorkbook(await truncatedXlsx())).toEqual({ ok: false, code: 'broken' });
  });

  it('a workbook with nothing in it is empty', async () => {
    expect(await readWorkbook(await emptyXlsx())).toEqual({ ok: false, code: 'empty' });
    expect(await readWorkbook(new Uint8Array())).toEqual({ ok: false, code: 'empty' });
  });

  it('a text file, a zip without a workbook and an old .xls are not workbooks', async () => {
    expect(await readWorkbook(new TextEncoder().encode('一级指标,二级指标\n产出,数量'))).toEqual({ ok: false, code: 'notXlsx' });
    expect(await readWorkbook(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toEqual({ ok: false, code: 'legacyXls' });
    expect(await readWorkbook(storedZip([['hello.txt', new TextEncoder().encode('hi')]]))).toEqual({ ok: false, code: 'notXlsx' });
  });

  it('a file over 10 MB is refused before it is read', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect(await readWorkbook(big)).toMatchObject({ ok: false, code: 'tooLarge' });
    expect(await readXlsxFile(new Blob([big]))).toMatchObject({ ok: false, code: 'tooLarge' });
  });

  it('a zip bomb is stopped, whether its headers admit the size or lie about it', async () => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const bomb = await deflatedZip([['[Content_Types].xml', new Uint8Array(10)], ['xl/workbook.xml', zeros]]);
    expect(await checkXlsxZip(bomb)).toEqual({ ok: true }); // 2 MB of zeros is harmless…
    expect(await checkXlsxZip(patchDeclaredSizes(bomb, 60 * 1024 * 1024))).toEqual({ ok: false, code: 'zipBomb' }); // …120 MB declared is not
    // Claiming 100 bytes: caught as soon as inflating passes the claim, long before the data is all out.
    expect(await checkXlsxZip(patchDeclaredSizes(bomb, 100))).toEqual({ ok: false, code: 'zipBomb' });
  });

  it('a sheet merging millions of cells, or far beyond the row cap, is refused before the library would build it', async () => {
    const enc = new TextEncoder();
    const sheet = (body: string) =>
      deflatedZip([
        ['[Content_Types].xml', enc.encode('<Types/>')],
        ['xl/workbook.xml', enc.encode('<workbook><sheets><sheet name="大表" sheetId="1" r:id="rId1"/></sheets></workbook>')],
        ['xl/_rels/workbook.xml.rels', enc.encode('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')],
        ['xl/worksheets/sheet1.xml', enc.encode(`<worksheet><sheetData>${body}</sheetData></worksheet>`)],
      ]);
    expect(await readWorkbook(await sheet('</sheetData><mergeCells><mergeCell ref="A1:ZZ9999"/></mergeCells><sheetData>'))).toEqual({ ok: false, code: 'tooComplex' });
    expect(await readWorkbook(await sheet('<row r="60000"><c r="A60000"><v>1</v></c></row>'))).toEqual({ ok: false, code: 'tooManyRows', params: { sheet: '大表', rows: 60000 } });
    // Styled rows with no cells do not count.
    expect(await checkXlsxZip(await sheet('<row r="60000" s="1" customFormat="1"/>'))).toEqual({ ok: true });
  });

  it('reads through readXlsxFile in Node (no Worker: the same code on this thread)', async () => {
    const progress: ReadProgress[] = [];
    const out = await readXlsxFile(new Blob([await unitTableXlsx()]), { onProgress: (p) => progress.push(p) });
    expect(out.ok).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(readXlsxFile(new Blob([await unitTableXlsx()]), { signal: ctl.signal })).rejects.toThrow('cancelled');
  });
});

describe('cellText', () => {
  it('shows values as Excel shows them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(0.9, '0%')).toBe('90%');
    expect(cellText(0.955, '0.0%')).toBe('95.5%');
    expect(cellText(1234.5)).toBe('1234.5');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(new Date(Date.UTC(2022, 11, 31)))).toBe('2022年12月31日');
    expect(cellText({ richText: [{ text: '≥' }, { text: '90%' }] })).toBe('≥90%');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText({ formula: 'A1*2', result: 4 })).toBe('4');
    expect(cellText({ sharedFormula: 'A1', result: { error: '#N/A' } })).toBe('#N/A');
    expect(cellText({ formula: 'NOW()' })).toBe('');
    expect(cellText(true)).toBe('TRUE');
    // The export's apostrophe before formula-like text is dropped; other apostrophes stay.
    expect(cellText("'=100%")).toBe('=100%');
    expect(cellText("'＋5%")).toBe('＋5%');
    expect(cellText("'引号'")).toBe("'引号'");
    expect(cellText('x'.repeat(5000))).toHaveLength(4000);
  });
});

// --- small zip writers for hostile files exceljs would never write ---

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(entries: [string, Uint8Array, Uint8Array, number][]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, raw, data, method] of entries) {
    const n = enc.encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc32(raw), true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, raw.length, true);
    local.setUint16(26, n.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(10, method, true);
    central.setUint32(16, crc32(raw), true);
    central.setUint32(20, data.length, true);
    central.setUint32(24, raw.length, true);
    central.setUint16(28, n.length, true);
    central.setUint32(42, offset, true);
    locals.push(new Uint8Array(local.buffer), n, data);
    centrals.push(new Uint8Array(central.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const cdSize = centrals.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const storedZip = (files: [string, Uint8Array][]) => zip(files.map(([n, d]) => [n, d, d, 0]));

async function deflate(raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

async function deflatedZip(files: [string, Uint8Array<ArrayBuffer>][]): Promise<Uint8Array> {
  return zip(await Promise.all(files.map(async ([n, d]): Promise<[string, Uint8Array, Uint8Array, number]> => [n, d, await deflate(d), 8])));
}

/** Sets every central-directory entry's uncompressed size to `size`. */
function patchDeclaredSizes(b: Uint8Array, size: number): Uint8Array {
  const out = b.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, size, true);
  return out;
}

