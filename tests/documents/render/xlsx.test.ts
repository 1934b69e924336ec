// @vitest-environment node
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildSeed } from '@/domain/seed/build';
import { buildRoundForm } from '@/domain/monitoring/round';
import { emptyInputs, emptyRowInput, type MonitoringRound, type RoundInputs } from '@/domain/monitoring/round-types';
import { wan } from '@/domain/money';
import { buildTargetTable } from '@/documents/targetTable';
import { buildMonitoringDocument } from '@/documents/monitoringForm';
import { expandMerges, tableWidth, type Cell, type DocumentModel, type Table } from '@/documents/model';
import { columnGrid, SNAP, spanWidth } from '@/documents/render/grid';
import { mainTable, markedTitle, visibleCaption } from '@/documents/render/layout';
import { inertText, sheetName, toXlsx, UNITS_PER_CHAR } from '@/documents/render/xlsx';
import { leafOf, rollupOf, seedUnitPlan, spending } from '../../fixtures/evaluation';

/**
 * The xlsx renderer read back with exceljs: every model cell where the model puts it (numbers as numbers with their
 * format), the merges exactly as the model's, widths from the model, the title block frozen, A4 fitted to the width
 * with the main table's head repeated; and text that looks like a formula stays text.
 */

function targetDoc(): DocumentModel {
  let n = 0;
  const s = buildSeed({ newId: () => `id-${String(++n).padStart(3, '0')}`, now: '2022-01-01T00:00:00.000Z' });
  const p = s.plans.find((x) => x.plan.kind === 'unit')!;
  return buildTargetTable({ unit: s.unit, plan: p.plan, lines: p.budgetLines, nodes: p.indicators, date: '2022-03-01' });
}

/** The seed's unit plan at 30 June with a little activity and spending, submitted on 5 July. */
function monitoringDoc(): DocumentModel {
  const p = seedUnitPlan();
  const activity = leafOf(p, '开展职工权益保障和职工服务等活动（人次）');
  const leaflets = leafOf(p, '印制组织建设、权益保障、关爱服务等宣传资料数量（份）');
  const inputs: RoundInputs = {
    ...emptyInputs(),
    goalProgress: '上半年完成会员实名认证 80%',
    goalForecast: '全年可完成',
    corrective: '-加快宣传资料印制进度',
    budgetForecastFen: wan('1250'),
    rows: { [leaflets.id]: { ...emptyRowInput(), reasons: ['funding'], reasonText: '=印刷招标延期', possibility: 'possible', measures: '7月完成招标', note: '', forecast: 4800 } },
  };
  const form = buildRoundForm({
    plan: p.plan, unit: p.unit, lines: p.lines, nodes: p.nodes,
    rollups: [rollupOf(activity, [{ date: '2022-03-01', amount: 360 }]), rollupOf(leaflets, [{ date: '2022-05-01', amount: 1000 }])],
    spending: [spending('2022-06-30', '600.00')],
    cutoff: '2022-06-30',
    inputs,
  });
  const round: MonitoringRound = {
    id: 'round-1', createdAt: '2022-07-01T01:00:00.000Z', updatedAt: '2022-07-05T02:00:00.000Z', rev: 4, planId: 'plan', year: 2022, cutoff: '2022-06-30',
    seriesId: 's', version: 1, status: 'submitted', inputs, createdBy: '张科长', submittedAt: '2022-07-05T02:00:00.000Z', submittedBy: '张科长', snapshot: form,
  };
  return buildMonitoringDocument({ round });
}

async function readBack(doc: DocumentModel) {
  const bytes = await toXlsx(doc);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0]!, bytes };
}

const tablesOf = (d: DocumentModel) => d.blocks.filter((b): b is Table => b.kind === 'table');
const NUM_FMT = { wan2: '#,##0.00', points2: '0.00', percent1: '0.0%', percent2: '0.00%', int: '0' } as const;
const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};
const range = (r1: number, c1: number, r2: number, c2: number) => `${colLetter(c1)}${r1}:${colLetter(c2)}${r2}`;

/** Compares one sheet with its document: rows in the order the form prints, each model cell in its place. */
function expectSheetMatches(doc: DocumentModel, ws: ExcelJS.Worksheet) {
  const tables = tablesOf(doc);
  const grid = columnGrid(tables);
  const width = grid.widths.length;
  const merges: string[] = [];
  const full = (r: number, text: string) => {
    expect(ws.getCell(r, 1).value).toBe(inertText(text));
    merges.push(range(r, 1, r, width));
  };

  // Widths: the grid's, and each model column as wide as the model says (scaled to the widest table, within a snap).
  expect(ws.columns.map((c) => c.width)).toEqual(grid.widths.map((w) => w * UNITS_PER_CHAR));
  const widest = Math.max(...tables.map(tableWidth));
  for (const t of tables) {
    const scale = widest / tableWidth(t);
    t.columns.forEach((c, j) => expect(Math.abs(spanWidth(grid, t, j, j + 1) - c.width * scale)).toBeLessThanOrEqual(2 * SNAP));
  }

  let r = 1;
  full(r, markedTitle(doc));
  if (doc.subtitle) full(++r, doc.subtitle);
  if (doc.header.length) {
    full(++r, doc.header.map((h) => `${h.label}：${h.value}`).join('\u3000\u3000'));
    for (const h of doc.header) expect(String(ws.getCell(r, 1).value)).toContain(h.value);
  }
  const titleRows = r;
  let numbers = 0;
  let headRange: string | null = null;
  const rowsOf = (t: Table, rows: readonly (readonly Cell[])[]) => {
    const bounds = grid.bounds.get(t)!;
    const first = r + 1;
    expandMerges(rows, t.columns.length).forEach((slots, i) => {
      for (const s of slots.filter((x) => x.origin)) {
        const cell = ws.getCell(first + i, bounds[s.col]! + 1);
        const c = s.cell;
        if (c.value !== undefined && c.format && c.format !== 'text') {
          expect(cell.type).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(c.value);
          expect(cell.numFmt).toBe(NUM_FMT[c.format]);
          numbers++;
        } else expect(cell.value ?? '').toBe(inertText(c.text));
        const right = bounds[s.col + (c.colSpan ?? 1)]!;
        const bottom = first + i + (c.rowSpan ?? 1) - 1;
        if (right > bounds[s.col]! + 1 || bottom > first + i) merges.push(range(first + i, bounds[s.col]! + 1, bottom, right));
      }
    });
    r = first + rows.length - 1;
    return [first, r] as const;
  };
  for (const b of doc.blocks) {
    if (b.kind === 'table') {
      const caption = visibleCaption(b);
      if (caption) full(++r, caption);
      if (b.headRows.length) {
        const [a, z] = rowsOf(b, b.headRows);
        if (b === mainTable(doc)) headRange = `${a}:${z}`;
      }
      rowsOf(b, b.bodyRows);
    } else if (b.kind === 'heading' || b.kind === 'paragraph') full(++r, b.text);
    else if (b.kind === 'signature') {
      full(++r, String(ws.getCell(r, 1).value));
      for (const f of b.fields) expect(String(ws.getCell(r, 1).value)).toContain(`${f.label}：${f.value || '_'}`);
    }
  }
  if (doc.notes?.length) {
    full(++r, '说明：');
    for (const n of doc.notes) full(++r, n);
  }
  expect(ws.rowCount).toBe(r);
  expect(numbers).toBeGreaterThan(0);

  // Merges: exactly the model's (and the full-width rows), nothing else.
  const actual = [...((ws.model as unknown as { merges: string[] }).merges ?? [])].sort();
  expect(actual).toEqual([...merges].sort());

  // The title block frozen; A4 in the document's orientation, one page wide, the main table's head on every page.
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: titleRows });
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: doc.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(ws.pageSetup.printArea).toBe(`A1:${colLetter(width)}${r}`);
  expect(ws.pageSetup.printTitlesRow).toBe(headRange);
  expect(headRange).not.toBeNull();
  expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
}

describe('xlsx renderer', () => {
  it('the seed plan’s 单位整体支出绩效目标表: one sheet, cells, merges, widths, frozen title, print setup as the model', async () => {
    const doc = targetDoc();
    const { wb, ws } = await readBack(doc);
    expect(wb.worksheets).toHaveLength(1);
    expect(ws.name).toBe('单位整体支出绩效目标表');
    expectSheetMatches(doc, ws);
    // 产出 runs down its 14 rows, as on paper.
    const indicators = tablesOf(doc).at(-1)!;
    const produce = indicators.bodyRows[0]![0]!;
    expect([produce.text, produce.rowSpan]).toEqual(['产出', 14]);
    expect(ws.getCell(ws.rowCount - 5, 1).isMerged).toBe(true);
  });

  it('a submitted 执行监控表: landscape, budget figures numeric with their formats, lights and reasons as text', async () => {
    const doc = monitoringDoc();
    const { ws } = await readBack(doc);
    expect(doc.orientation).toBe('landscape');
    expectSheetMatches(doc, ws);
    // The execution rate is a ratio formatted as a percentage, not the string '47.11%'.
    const rates: number[] = [];
    ws.eachRow((row) => row.eachCell((c) => (c.numFmt === '0.00%' && typeof c.value === 'number' ? rates.push(c.value) : undefined)));
    expect(rates[0]).toBeCloseTo(600 / 1273.52, 10);
  });

  it('text that looks like a formula is written inert and reads back as the same text with an apostrophe', async () => {
    const risky = ['=1+1', '+SUM(A1)', '-2', '@cmd', '＝1', '＋1', '－1', '＠x', '\tTAB', '\rCR'];
    const doc: DocumentModel = {
      title: '=HYPERLINK("http://example.invalid","x")',
      orientation: 'portrait',
      header: [{ label: '单位名称', value: '@unit' }],
      blocks: [
        {
          kind: 'table',
          columns: risky.map((_, i) => ({ key: `c${i}`, width: 8 })).concat([{ key: 'n', width: 8 }, { key: 'safe', width: 8 }]),
          headRows: [[...risky.map((t) => ({ text: `h${t}` })), { text: '数' }, { text: '文' }]],
          bodyRows: [[...risky.map((t) => ({ text: t, format: 'text' as const })), { text: '-2', value: -2, format: 'int' as const }, { text: '职工 = 会员' }]],
        },
        { kind: 'paragraph', text: '=cmd|" /C calc"!A0' },
      ],
      watermark: null,
      footer: { unitName: '测试单位', date: '2022-07-05' },
    };
    const { ws, bytes } = await readBack(doc);
    const body = ws.rowCount - 1;
    risky.forEach((t, i) => {
      const cell = ws.getCell(body, i + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML turns a CR into a line feed when read; the apostrophe in front is what matters.
      expect(cell.value).toBe(`'${t.replace('\r', '\n')}`);
      expect(cell.formula).toBeUndefined();
    });
    // A real number stays a number, even a negative one; ordinary text is untouched.
    expect(ws.getCell(body, risky.length + 1).value).toBe(-2);
    expect(ws.getCell(body, risky.length + 2).value).toBe('职工 = 会员');
    expect(ws.getCell(1, 1).value).toBe(`'${doc.title}`);
    expect(ws.getCell(ws.rowCount, 1).value).toBe(`'${'=cmd|" /C calc"!A0'}`);
    // No formula anywhere in the file itself.
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/') && f.endsWith('.xml'));
    for (const f of sheets) expect(await zip.file(f)!.async('string')).not.toMatch(/<f[\s>]/);
  });

  it('a draft says so in its title and page header; an attachment gets its own sheet; sheet names are legal', async () => {
    const base = targetDoc();
    const doc: DocumentModel = { ...base, watermark: 'draft', blocks: [...base.blocks, { kind: 'attachment', label: '附件', document: { ...base, title: '附表[1]/汇总?', watermark: null } }] };
    const { wb } = await readBack(doc);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位整体支出绩效目标表', '附表_1__汇总_']);
    expect(wb.worksheets[0]!.getCell(1, 1).value).toBe('单位整体支出绩效目标表（草稿）');
    expect(wb.worksheets[0]!.headerFooter.oddHeader).toContain('草稿');
    expect(sheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(28)}(2)`);
  });
});
