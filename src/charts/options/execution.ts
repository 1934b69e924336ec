import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ExecutionPoint } from '@/domain/monitoring/execution-trend';
import { CHART_FONT, INK, LIGHT_COLORS, percentText } from './palette';

export type ExecutionOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export interface ExecutionLabels {
  title: string;
  /** series name of the bars, e.g. 累计执行率 */
  executed: string;
  /** series name of the line, e.g. 序时进度 */
  expected: string;
  /** 12 month names, index 0 = January */
  months: string[];
}

const BAR_INK = '#1d4f91';

/** 0.4630 → 46.3 (the axis is in percent, one decimal like the monitoring tables). */
const pct1 = (x: number) => Math.round(x * 1000) / 10;

/**
 * Where a bar's rate label goes so the dashed line never runs through it: on top of a bar that reaches the line; for a
 * bar below the line, just above the line's point, lifted by the gap as a share of the bar's own height (the label's
 * position is relative to the bar). 46.3 under 50 → ['50%', '-7.99%']; 50 over 41.7 → 'top'.
 */
export function labelPlace(bar: number, line: number): { position: 'top' | [string, string]; align?: 'center'; verticalAlign?: 'bottom'; offset?: [number, number] } {
  if (bar <= 0 || bar >= line) return { position: 'top' };
  return { position: ['50%', `${(-((line - bar) / bar) * 100).toFixed(2)}%`], align: 'center', verticalAlign: 'bottom', offset: [0, -7] };
}

/**
 * Cumulative budget execution by month as bars labelled with the rate, against the 序时进度 line N/12 (dashed, so the
 * two are told apart without colour). One bar colour, matching the legend; the lights are in the plans table.
 * buildExecutionOption([{ month: 1, rate: 0.08, expected: 1/12, light: 'green', … }], labels) → bars [8], line [8.3]
 */
export function buildExecutionOption(points: readonly ExecutionPoint[], labels: ExecutionLabels): ExecutionOption {
  const line = points.map((p) => pct1(p.expected));
  const bars = points.map((p, i) => {
    const value = p.rate === null ? 0 : pct1(p.rate);
    return { value, label: { show: p.rate !== null, formatter: p.rate === null ? '' : percentText(p.rate), ...labelPlace(value, line[i]!) } };
  });
  const top = Math.max(100, ...bars.map((b) => b.value), ...line);
  return {
    textStyle: { fontFamily: CHART_FONT },
    title: { text: labels.title, left: 'center', textStyle: { fontSize: 14, fontFamily: CHART_FONT, color: INK } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${typeof v === 'number' ? v.toFixed(1) : String(v)}%` },
    legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT } },
    grid: { left: 8, right: 16, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => labels.months[p.month - 1] ?? String(p.month)), axisLabel: { interval: 0, fontFamily: CHART_FONT } },
    yAxis: { type: 'value', min: 0, max: Math.ceil(top / 10) * 10, axisLabel: { formatter: '{value}%', fontFamily: CHART_FONT } },
    series: [
      {
        type: 'bar',
        name: labels.executed,
        barMaxWidth: 36,
        z: 3, // the rate labels sit above the dashed line, not under it
        data: bars,
        itemStyle: { color: LIGHT_COLORS.blue },
        // A darker shade of the bars' blue: a label lifted above the line still reads as the bar's, not the line's.
        label: { position: 'top', fontFamily: CHART_FONT, color: BAR_INK, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
      },
      { type: 'line', name: labels.expected, z: 2, data: line, symbolSize: 6, lineStyle: { type: 'dashed', color: INK, width: 2 }, itemStyle: { color: INK } },
    ],
  };
}
