import type { GaugeSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import type { Light } from '@/domain/monitoring/progress';
import { CHART_FONT, INK, LIGHT_COLORS, TRACK, percentText } from './palette';

export type GaugeOption = ComposeOption<GaugeSeriesOption>;

export interface GaugeInput {
  /** 0..1 achievement or execution rate; null = no data yet */
  value: number | null;
  /** time progress 0..1 (序时进度), drawn as a marker on the arc */
  expected?: number;
  title: string;
  /** the card around the chart already shows the title */
  hideTitle?: boolean;
  light: Light;
  labels: { noData: string; over?: string; expected?: string };
}

const START = 210;
const END = -30;
const ARC_WIDTH = 14;

const clamp100 = (x: number) => Math.min(100, Math.max(0, x));

/** buildGaugeOption({ value: 0.857, expected: 7/12, title: '产出', light: 'green', labels }) → arc at 85.7, detail '85.7%' */
export function buildGaugeOption(input: GaugeInput): GaugeOption {
  const { value, expected, title, light, labels } = input;
  const color = LIGHT_COLORS[light];
  const over = value !== null && value > 1;
  // The arc stops at 100; the text keeps the true value so 130% is not shown as 100% (超额 flagged in words).
  const detail = value === null ? labels.noData : over ? `${percentText(value)}\n${labels.over ?? '超额'}` : percentText(value);

  const main: GaugeSeriesOption = {
    type: 'gauge',
    name: title,
    min: 0,
    max: 100,
    startAngle: START,
    endAngle: END,
    radius: '90%',
    // Always shown (an empty arc at 0 when there is no data): ECharts 6 crashes updating a gauge whose progress
    // was hidden on the previous render (GaugeView._progressEls is never initialised then).
    progress: { show: true, width: ARC_WIDTH, itemStyle: { color } },
    axisLine: { lineStyle: { width: ARC_WIDTH, color: [[1, TRACK]] } },
    pointer: { show: false },
    anchor: { show: false },
    axisTick: { show: false },
    splitLine: { distance: -ARC_WIDTH, length: ARC_WIDTH, lineStyle: { color: '#fff', width: 2 } },
    splitNumber: 5,
    // No data: the tick numbers would crowd the words 暂无数据 and say nothing about an empty arc.
    axisLabel: { show: value !== null, distance: ARC_WIDTH + 6, color: '#5f6b7a', fontSize: 10, fontFamily: CHART_FONT },
    title: { show: !input.hideTitle, offsetCenter: [0, '72%'], color: INK, fontSize: 13, fontFamily: CHART_FONT },
    detail: {
      valueAnimation: false,
      offsetCenter: [0, '5%'],
      fontSize: value === null ? 16 : over ? 20 : 24,
      lineHeight: 26,
      fontWeight: 'bold',
      fontFamily: CHART_FONT,
      color: value === null ? LIGHT_COLORS.none : color,
      formatter: detail,
    },
    data: [{ value: value === null ? 0 : clamp100(value * 100), name: title }],
  };

  const series: GaugeSeriesOption[] = [main];
  if (expected !== undefined) series.push(expectedMarker(expected, labels.expected));
  return { textStyle: { fontFamily: CHART_FONT }, series };
}

/**
 * 序时进度 marker: a second, bare gauge whose only visible part is a short bar pointer pushed out onto
 * the arc (offsetCenter along the pointer), so it reads as a tick where the arc "should" have reached.
 */
function expectedMarker(expected: number, name = '序时进度'): GaugeSeriesOption {
  return {
    type: 'gauge',
    name,
    min: 0,
    max: 100,
    startAngle: START,
    endAngle: END,
    radius: '90%',
    z: 3,
    silent: true,
    axisLine: { show: false },
    axisTick: { show: false },
    splitLine: { show: false },
    axisLabel: { show: false },
    progress: { show: false },
    anchor: { show: false },
    title: { show: false },
    detail: { show: false },
    pointer: { show: true, icon: 'rect', width: 3, length: '24%', offsetCenter: [0, '-78%'], itemStyle: { color: INK } },
    data: [{ value: clamp100(expected * 100), name }],
  };
}
