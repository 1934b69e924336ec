import { describe, expect, it } from 'vitest';
import { checkTable, expandMerges, gridText, orientationFor, tableWidth, type Cell, type Table } from '@/documents/model';
import { chinaDate, chineseDate, formatPercent, intCell, percentCell, pointsCell, wanCell, withSuffix } from '@/documents/cells';
import { runSpans } from '@/documents/spans';
import { wan } from '@/domain/money';

const c = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });

describe('expandMerges: merges laid out on a full grid', () => {
  it('a rowSpan covers the same column below; a colSpan the columns beside', () => {
    const rows = [[c('A', { rowSpan: 2 }), c('B', { colSpan: 2 })], [c('C'), c('D')]];
    const grid = expandMerges(rows, 3);
    expect(grid.map((r) => r.map((s) => s.cell.text))).toEqual([
      ['A', 'B', 'B'],
      ['A', 'C', 'D'],
    ]);
    expect(grid[1]![0]).toMatchObject({ row: 0, col: 0, origin: false });
    expect(grid[0]![0]!.origin).toBe(true);
    expect(grid[0]![2]).toMatchObject({ row: 0, col: 1, origin: false });
    expect(gridText(rows, 3)).toEqual([['A', 'B', 'B'], ['A', 'C', 'D']]);
  });

  it('refuses what no renderer could draw', () => {
    expect(() => expandMerges([[c('A'), c('B')]], 3)).toThrow(/no cell/);
    expect(() => expandMerges([[c('A', { colSpan: 3 }), c('B')]], 3)).toThrow(/runs past column 3/);
    expect(() => expandMerges([[c('A', { rowSpan: 3 })], [c('B')]], 1)).toThrow(/spans past the last row/);
    expect(() => expandMerges([[c('A', { rowSpan: 2 }), c('B')], [c('C'), c('D'), c('E')]], 2)).toThrow(/runs past column 2/);
    expect(() => expandMerges([[c('A', { colSpan: 0 })]], 1)).toThrow(/span below 1/);
    expect(() => expandMerges([[c('A'), c('B', { rowSpan: 2 })], [c('C', { colSpan: 2 })]], 2)).toThrow(/overlaps "B"/);
  });

  it('checkTable checks head and body apart; width and orientation follow the columns', () => {
    const t: Table = { kind: 'table', columns: [{ key: 'a', width: 50 }, { key: 'b', width: 41 }], headRows: [[c('x'), c('y')]], bodyRows: [[c('z', { colSpan: 2 })]] };
    expect(() => checkTable(t)).not.toThrow();
    expect(tableWidth(t)).toBe(91);
    expect(orientationFor([t])).toBe('landscape');
    expect(orientationFor([{ ...t, columns: [{ key: 'a', width: 45 }, { key: 'b', width: 45 }] }])).toBe('portrait');
    expect(orientationFor([{ kind: 'heading', level: 1, text: '一、' }])).toBe('portrait');
    expect(() => checkTable({ ...t, bodyRows: [[c('z')]] })).toThrow();
  });
});

describe('cells keep the number beside the printed text', () => {
  it('万元 from fen, points from centi-points, ratios as ratios', () => {
    expect(wanCell(wan('1273.52'))).toMatchObject({ text: '1,273.52', value: 1273.52, format: 'wan2' });
    expect(wanCell(12_735_250)).toMatchObject({ text: '12.74', value: 12.73525 });
    expect(pointsCell(4806)).toMatchObject({ text: '48.06', value: 48.06, format: 'points2' });
    expect(percentCell(1210 / 1273.52)).toMatchObject({ text: '95.01%', format: 'percent2' });
    expect(percentCell(1210 / 1273.52).value).toBeCloseTo(0.950122, 6);
    expect(percentCell(0.857142, 1)).toMatchObject({ text: '85.7%', format: 'percent1' });
    expect(percentCell(null)).toMatchObject({ text: '—' });
    expect(percentCell(null).value).toBeUndefined();
    expect(intCell(20)).toMatchObject({ text: '20', value: 20, format: 'int' });
    expect(formatPercent(1, 2)).toBe('100.00%');
  });

  it('dates: an instant is dated in China Standard Time; Chinese dates drop leading zeros', () => {
    expect(chinaDate('2022-07-05T15:59:59.000Z')).toBe('2022-07-05');
    expect(chinaDate('2022-07-05T16:00:00.000Z')).toBe('2022-07-06');
    expect(chinaDate('2022-12-31T17:00:00Z')).toBe('2023-01-01');
    expect(() => chinaDate('soon')).toThrow(RangeError);
    expect(chineseDate('2022-07-06')).toBe('2022年7月6日');
    expect(withSuffix('产出')).toBe('产出指标');
    expect(withSuffix('满意度指标')).toBe('满意度指标');
  });

  it('runSpans: the run length on its first item, 0 on the rest', () => {
    expect(runSpans(['a', 'a', 'b', 'a'], (x) => x)).toEqual([2, 0, 1, 1]);
    expect(runSpans([], (x: string) => x)).toEqual([]);
  });
});
