import { describe, expect, it } from 'vitest';
import type { Table } from '@/documents/model';
import { columnGrid, spanWidth } from '@/documents/render/grid';

const table = (...widths: number[]): Table => ({ kind: 'table', columns: widths.map((w, i) => ({ key: `c${i}`, width: w })), headRows: [], bodyRows: [] });

describe('one column grid for every table of a sheet', () => {
  it('lays both tables’ boundaries on one ruler; each model column is the run between its boundaries', () => {
    const funds = table(16, 12, 12);
    const goal = table(20, 20);
    const g = columnGrid([goal, funds]);
    expect(g.widths).toEqual([16, 4, 8, 12]);
    expect(g.bounds.get(funds)).toEqual([0, 1, 3, 4]);
    expect(g.bounds.get(goal)).toEqual([0, 2, 4]);
    expect(spanWidth(g, funds, 1, 2)).toBe(12);
  });

  it('scales a narrower table to the widest, and takes a boundary within the snap as the one already there', () => {
    const wide = table(30, 30, 30);
    const narrow = table(19, 41); // 19 × 1.5 = 28.5: within 3 of 30
    const g = columnGrid([wide, narrow]);
    expect(g.widths).toEqual([30, 30, 30]);
    expect(g.bounds.get(narrow)).toEqual([0, 1, 3]);
  });

  it('a document without tables still has a sheet width', () => {
    expect(columnGrid([]).widths).toEqual([90]);
  });
});
