import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CHART_FONT, INK, LIGHT_COLORS } from './palette';

export type TrendOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export interface TrendLabels {
  title: string;
  /** unit of the amounts, e.g. '人次' or '万元' */
  unit: string;
  /** 12 month names, index 0 = January */
  months: string[];
  /** series name of the bars (defaults to the title) */
  monthly?: string;
  /** when given, a cumulative (累计) line is drawn on a second axis under this name */
  cumulative?: string;
}

// Money months arrive as float 万元; two decimals is how budget tables show them (domain.md §2.4).
const round2 = (x: number) => Math.round(x * 100) / 100;

/** buildTrendOption([{ month: 3, amount: 120 }], { title: '活动人次', unit: '人次', months }) → bar data [0, 0, 120, 0, …] */
export function buildTrendOption(months: readonly { month: number; amount: number }[], labels: TrendLabels): TrendOption {
  const monthly = Array.from({ length: 12 }, () => 0);
  for (const m of months) if (m.month >= 1 && m.month <= 12) monthly[m.month - 1]! += m.amount;
  const values = monthly.map(round2);

  const series: (BarSeriesOption | LineSeriesOption)[] = [
    {
      type: 'bar',
      name: labels.monthly ?? labels.title,
      barMaxWidth: 24,
      itemStyle: { color: LIGHT_COLORS.blue },
      data: values,
    },
  ];
  const yAxis: NonNullable<TrendOption['yAxis']> = [
    { type: 'value', name: labels.unit, nameTextStyle: { fontFamily: CHART_FONT }, axisLabel: { fontFamily: CHART_FONT } },
  ];
  if (labels.cumulative !== undefined) {
    let run = 0;
    // Running total from the exact monthly sums, rounded per point, so float drift does not accumulate.
    const cumulative = monthly.map((v) => round2((run += v)));
    series.push({
      type: 'line',
      name: labels.cumulative,
      yAxisIndex: 1,
      smooth: false,
      symbolSize: 5,
      itemStyle: { color: INK },
      data: cumulative,
    });
    yAxis.push({ type: 'value', name: labels.cumulative, splitLine: { show: false }, axisLabel: { fontFamily: CHART_FONT } });
  }

  return {
    textStyle: { fontFamily: CHART_FONT },
    title: { text: labels.title, left: 'center', textStyle: { fontSize: 14, fontFamily: CHART_FONT, color: INK } },
    tooltip: { trigger: 'axis' },
    ...(labels.cumulative !== undefined ? { legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT } } } : {}),
    grid: { left: 8, right: 8, top: 48, bottom: labels.cumulative !== undefined ? 32 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels.months.slice(0, 12),
      // 12 short month names fit; interval 0 keeps every one visible instead of ECharts skipping some.
      axisLabel: { interval: 0, fontFamily: CHART_FONT, hideOverlap: true },
    },
    yAxis,
    series,
  };
}
