import { tableWidth, type Table } from '../model';

/**
 * One spreadsheet column grid for every table of a form, so the whole form stays on ONE sheet as officials file it:
 * each table is scaled to the widest one, the column boundaries of all tables are laid on one ruler (a boundary
 * within SNAP characters of one already there is taken as that one, so near-misses do not make sliver columns), and
 * a model column becomes the run of grid columns between its two boundaries.
 *
 * tables 项目资金 [16, 12, 12] and 绩效指标 [20, 20] (both 40 wide) → grid [16, 4, 8, 12]; 项目资金 column 1 = grid 1–2.
 */

export const SNAP = 3;

export interface ColumnGrid {
  /** Width of each grid column in characters (a CJK character counts one). */
  widths: number[];
  /** For each table: the grid index of each of its column boundaries (columns.length + 1 entries, first 0). */
  bounds: Map<Table, number[]>;
}

const round = (x: number) => Math.round(x * 2) / 2;

export function columnGrid(tables: readonly Table[], fallbackWidth = 90): ColumnGrid {
  const total = Math.max(0, ...tables.map(tableWidth)) || fallbackWidth;
  const ruler: number[] = [0, total];
  const positions = new Map<Table, number[]>();
  // Tables with more columns first: their boundaries are the ones worth keeping exactly.
  const order = [...tables].sort((a, b) => b.columns.length - a.columns.length);
  for (const t of order) {
    const scale = total / Math.max(1, tableWidth(t));
    const mapped = [0];
    let cum = 0;
    t.columns.forEach((c, i) => {
      cum += c.width;
      if (i === t.columns.length - 1) return void mapped.push(total);
      const x = round(cum * scale);
      const prev = mapped[mapped.length - 1]!;
      const near = ruler.filter((e) => e > prev && e < total && Math.abs(e - x) <= SNAP).sort((a, b) => Math.abs(a - x) - Math.abs(b - x))[0];
      const at = near ?? (x > prev && x < total ? x : prev + (total - prev) / (t.columns.length - i));
      if (!ruler.includes(at)) ruler.push(at);
      mapped.push(at);
    });
    positions.set(t, mapped);
  }
  ruler.sort((a, b) => a - b);
  const widths = ruler.slice(1).map((x, i) => x - ruler[i]!);
  const bounds = new Map<Table, number[]>();
  for (const [t, xs] of positions) bounds.set(t, xs.map((x) => ruler.indexOf(x)));
  return { widths, bounds };
}

/** The width of a model column on the grid (Σ of its grid columns). */
export function spanWidth(grid: ColumnGrid, t: Table, from: number, to: number): number {
  const b = grid.bounds.get(t)!;
  return grid.widths.slice(b[from]!, b[to]!).reduce((s, w) => s + w, 0);
}
