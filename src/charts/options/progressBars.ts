import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Light } from '@/domain/monitoring/progress';
import { CHART_FONT, INK, LIGHT_COLORS, percentText } from './palette';

export type ProgressBarsOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

export interface ProgressRow {
  name: string;
  /** actual ÷ annual target, unclamped; null for no data / dates / qualitative rows */
  ratio: number | null;
  /** time progress 0..1 the indicator is measured against (1 for rates) */
  expected: number;
  light: Light;
  /** translated status, printed beside the bar so colour is never the only signal */
  statusText: string;
  /** the target as written, e.g. '不少于800人次' or '≤20' */
  targetText: string;
  /** optional actual as text, e.g. '9' → label '9 / ≤20' */
  actualText?: string;
  /** reverse (≤) rows: the bar is the used-up share of a cap; colour still comes from `light` */
  reverse: boolean;
}

export interface ProgressLabels {
  noData: string;
  /** shown when a positive row is clamped at 120% (e.g. '超额') */
  over: string;
  /** shown when a reverse row is clamped at 120% (e.g. '超出上限'); defaults to `over` */
  overCap?: string;
  /** name of the 100% line (e.g. '目标') */
  target?: string;
  /** name of the bar series in tooltips (e.g. '完成/目标') */
  ratio?: string;
  /** name of the per-row marker (e.g. '序时进度') */
  expected?: string;
}

/** The axis runs to 120%: the blue "ahead/over" light starts there (domain.md §3.3), beyond it bars are clamped. */
export const AXIS_MAX = 120;
const NAME_WIDTH = 180;
/** 12px text: a CJK character is ~12px wide (2 units), a Latin one ~6px (1 unit). */
const NAME_UNITS = 29;
const LABEL_WIDTH = 290;

const toAxis = (ratio: number) => Math.min(AXIS_MAX, Math.max(0, ratio * 100));

const isWide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch);
const widthOf = (chars: readonly string[]) => chars.reduce((w, c) => w + (isWide(c) ? 2 : 1), 0);

/**
 * Shortens in the middle, so names that differ only at the end stay apart:
 * middleEllipsis('开展职工权益保障和职工服务活动覆盖率', 20) → '开展职工…活动覆盖率'.
 */
export function middleEllipsis(text: string, units: number): string {
  const chars = [...text];
  if (widthOf(chars) <= units) return text;
  const budget = units - 2; // '…' is drawn full-width by CJK fonts
  let head = 0;
  let tail = 0;
  let used = 0;
  // The tail gets the larger half: the distinguishing part of an indicator name is usually its end (率, 人次, 时间).
  while (head + tail < chars.length) {
    const takeTail = tail <= head;
    const ch = takeTail ? chars[chars.length - 1 - tail]! : chars[head]!;
    const w = isWide(ch) ? 2 : 1;
    if (used + w > budget) break;
    used += w;
    if (takeTail) tail += 1;
    else head += 1;
  }
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** rowLabel({ ratio: 2, targetText: '300人次', statusText: '超额完成', … }) → '200.0% 超额 · 超额完成 · 300人次' */
export function rowLabel(row: ProgressRow, labels: ProgressLabels): string {
  const parts: string[] = [];
  // A row without a ratio but with an actual (a deadline met, a qualitative band) has data: say what it is instead.
  if (row.ratio === null) {
    if (row.actualText === undefined && row.statusText !== labels.noData) parts.push(labels.noData);
  } else {
    const clamped = row.ratio * 100 > AXIS_MAX;
    const overText = row.reverse ? (labels.overCap ?? labels.over) : labels.over;
    parts.push(clamped ? `${percentText(row.ratio)} ${overText}` : percentText(row.ratio));
  }
  // Status before the target: if the column must truncate, the status survives.
  parts.push(row.statusText);
  parts.push(row.actualText !== undefined ? `${row.actualText} / ${row.targetText}` : row.targetText);
  return parts.join(' · ');
}

/** buildProgressBarsOption([{ name: '活动人次', ratio: 0.5, expected: 7/12, light: 'green', … }], labels) → bar at 50, marker at 58.3 */
export function buildProgressBarsOption(rows: readonly ProgressRow[], labels: ProgressLabels): ProgressBarsOption {
  const bars: BarSeriesOption = {
    type: 'bar',
    name: labels.ratio ?? '完成/目标',
    barMaxWidth: 18,
    z: 2,
    data: rows.map((row) => ({
      value: row.ratio === null ? 0 : toAxis(row.ratio),
      // Colour comes from the light, never from "longer is better": a reverse row near its cap may be green.
      itemStyle: { color: LIGHT_COLORS[row.light] },
    })),
    // The target tick: 100% of the annual target (or of the cap for reverse rows).
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: INK, type: 'solid', width: 1.5 },
      // At the top end of the line, clear of the x axis' own "100%" tick label.
      label: { position: 'start', formatter: labels.target ?? '100%', fontFamily: CHART_FONT, color: INK },
      data: [{ xAxis: 100 }],
    },
  };

  // 序时进度 "expected by today": a thin vertical tick per row, at the share of the target due by the cut-off.
  const expected: ScatterSeriesOption = {
    type: 'scatter',
    name: labels.expected ?? '序时进度',
    symbol: 'rect',
    symbolSize: [3, 22],
    z: 3,
    itemStyle: { color: INK },
    data: rows.map((row, i) => [toAxis(row.expected), i]),
  };

  // A bar at 0% has no length to colour: a dot at its start still shows the light (its word is in the label).
  const zeroLights: ScatterSeriesOption = {
    type: 'scatter',
    name: labels.ratio ?? '完成/目标',
    symbol: 'circle',
    symbolSize: 10,
    z: 4,
    data: rows.flatMap((row, i) =>
      row.ratio !== null && row.light !== 'none' && toAxis(row.ratio) < 1 ? [{ value: [0, i], itemStyle: { color: LIGHT_COLORS[row.light] } }] : [],
    ),
  };

  const labelsOf = rows.map((r) => rowLabel(r, labels));
  return {
    textStyle: { fontFamily: CHART_FONT },
    // The full name and the full text column: both may be shortened on the axes.
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        // Bars are indexed by row; the scatter points carry their row as y.
        const i = Array.isArray(p?.value) ? Number(p.value[1]) : (p?.dataIndex ?? 0);
        const row = rows[i];
        if (!row) return '';
        const extra = p?.seriesIndex === 1 ? `<br/>${escapeHtml(labels.expected ?? '序时进度')} ${percentText(row.expected)}` : '';
        return `${escapeHtml(row.name)}<br/>${escapeHtml(labelsOf[i]!)}${extra}`;
      },
    },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: AXIS_MAX,
      interval: 20,
      axisLabel: { formatter: '{value}%', fontFamily: CHART_FONT },
    },
    yAxis: [
      {
        type: 'category',
        inverse: true, // first indicator on top, in tree order
        data: rows.map((r) => r.name),
        axisLabel: { width: NAME_WIDTH, overflow: 'truncate', formatter: (name: string) => middleEllipsis(name, NAME_UNITS), fontFamily: CHART_FONT, color: INK },
        axisTick: { show: false },
      },
      {
        // The text column (true %, 超额, status, target) sits right of the plot, one line per bar, so it never
        // crosses the bars, the 100% tick or the 序时进度 markers; colour is never the only signal.
        type: 'category',
        position: 'right',
        inverse: true,
        data: labelsOf,
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', align: 'left', fontFamily: CHART_FONT, color: INK },
      },
    ],
    series: [bars, expected, zeroLights],
  };
}
