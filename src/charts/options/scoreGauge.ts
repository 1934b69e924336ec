import type { GaugeSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import type { Grade, GradeBands } from '@/domain/scoring/types';
import { CHART_FONT, INK, LIGHT_COLORS, TRACK } from './palette';

export type ScoreGaugeOption = ComposeOption<GaugeSeriesOption>;

/**
 * A self-evaluation score against its scale: the total against 100 with the grade bands drawn on an outer ring
 * (差 < 60 ≤ 中 < 80 ≤ 良 < 90 ≤ 优, domain.md §4.8), a 一级 against its weight, the budget score against its 10.
 * The grade (or the caption) is printed in words under the number, so colour is never the only signal.
 */

/** 优 green, 良 blue, 中 amber, 差 red: the same hues as the lights, so 差 reads as alarming everywhere. */
export const GRADE_COLORS: Readonly<Record<Grade, string>> = Object.freeze({
  excellent: LIGHT_COLORS.green,
  good: LIGHT_COLORS.blue,
  fair: LIGHT_COLORS.yellow,
  poor: LIGHT_COLORS.red,
});

export interface ScoreGaugeInput {
  /** centi-points; null = cannot be scored yet (the arc stays empty and says so) */
  scoreCp: number | null;
  /** the scale in centi-points: 10000 for the total, the weight for a 一级 or the budget */
  maxCp: number;
  /** grade bounds on the 100-point scale; a smaller scale uses the same fractions (50 → 45 / 40 / 30) */
  bands: GradeBands;
  title: string;
  /** the line under the number: the grade in words ('优', in the grade's colour) or the scale ('/ 50.00', muted) */
  caption?: { text: string; grade?: boolean };
  labels: { noData: string };
}

const START = 210;
const END = -30;
const RING = 6;
const ARC = 10;

/** 9700 of 10000 → 'excellent'; 4806 of 5000 (96.1%) → 'excellent'; 0 of 0 → 'poor'. */
export function bandOf(scoreCp: number, maxCp: number, bands: GradeBands): Grade {
  if (maxCp <= 0) return 'poor';
  // Compare on integers: score × 100.00 against bound × max, so 45.00 of 50.00 is exactly 优.
  const scaled = scoreCp * 10000;
  if (scaled >= bands.excellentCp * maxCp) return 'excellent';
  if (scaled >= bands.goodCp * maxCp) return 'good';
  if (scaled >= bands.fairCp * maxCp) return 'fair';
  return 'poor';
}

/** 9700 → '97.00' (charts import only the domain's types, architecture.md, so the two-line formatter lives here). */
const pointsText = (cp: number) => `${cp < 0 ? '-' : ''}${Math.floor(Math.abs(cp) / 100)}.${String(Math.abs(cp) % 100).padStart(2, '0')}`;

/** The band stops as fractions of the arc: [[0.6, red], [0.8, amber], [0.9, blue], [1, green]]. */
export function bandStops(bands: GradeBands): [number, string][] {
  return [
    [bands.fairCp / 10000, GRADE_COLORS.poor],
    [bands.goodCp / 10000, GRADE_COLORS.fair],
    [bands.excellentCp / 10000, GRADE_COLORS.good],
    [1, GRADE_COLORS.excellent],
  ];
}

/**
 * buildScoreGaugeOption({ scoreCp: 9700, maxCp: 10000, bands, title: '总分', caption: { text: '优', grade: true }, labels })
 * → an arc at 97.00 of 100 in the 优 colour, detail '97.00\n优', band ring 60/80/90 outside it.
 */
export function buildScoreGaugeOption(input: ScoreGaugeInput): ScoreGaugeOption {
  const { scoreCp, maxCp, bands, title, caption, labels } = input;
  const max = Math.max(maxCp, 1) / 100;
  const color = scoreCp === null ? LIGHT_COLORS.none : GRADE_COLORS[bandOf(scoreCp, maxCp, bands)];
  const value = scoreCp === null ? 0 : Math.min(max, Math.max(0, scoreCp / 100));
  const number = scoreCp === null ? labels.noData : pointsText(scoreCp);
  const detail = caption ? `{n|${number}}\n{${caption.grade ? 'g' : 'c'}|${caption.text}}` : `{n|${number}}`;
  // Ticks at the band bounds only (60, 80, 90 of 100; 30, 40, 45 of 50), so the ring reads as the grade scale.
  const marks = new Set([0, bands.fairCp, bands.goodCp, bands.excellentCp, 10000].map((b) => Math.round((b * maxCp) / 10000)));

  const ring: GaugeSeriesOption = {
    type: 'gauge',
    name: `${title}-bands`,
    min: 0,
    max,
    startAngle: START,
    endAngle: END,
    radius: '92%',
    silent: true,
    // Shown flags never change between renders (ECharts 6 fails updating a gauge whose progress was hidden before).
    progress: { show: false },
    pointer: { show: false },
    anchor: { show: false },
    title: { show: false },
    detail: { show: false },
    axisLine: { lineStyle: { width: RING, color: bandStops(bands) } },
    axisTick: { show: false },
    splitNumber: 20,
    // ECharts places labels inside the split lines even when they are hidden: zero them so labels sit by the ring.
    splitLine: { show: false, length: 0, distance: 0 },
    axisLabel: {
      distance: RING + 5,
      color: '#5f6b7a',
      fontSize: 10,
      fontFamily: CHART_FONT,
      formatter: (v: number) => (marks.has(Math.round(v * 100)) ? String(Math.round(v * 100) / 100) : ''),
    },
    data: [{ value: 0, name: title }],
  };

  const main: GaugeSeriesOption = {
    type: 'gauge',
    name: title,
    min: 0,
    max,
    startAngle: START,
    endAngle: END,
    // Inside the band ring with room between them for the bound labels (60 / 80 / 90).
    radius: '60%',
    progress: { show: true, width: ARC, itemStyle: { color } },
    axisLine: { lineStyle: { width: ARC, color: [[1, TRACK]] } },
    pointer: { show: false },
    anchor: { show: false },
    axisTick: { show: false },
    splitLine: { show: false },
    axisLabel: { show: false },
    title: { show: false },
    detail: {
      valueAnimation: false,
      offsetCenter: [0, '10%'],
      fontFamily: CHART_FONT,
      formatter: detail,
      rich: {
        n: { fontSize: scoreCp === null ? 14 : 22, fontWeight: 'bold', color: scoreCp === null ? LIGHT_COLORS.none : INK, lineHeight: 28, fontFamily: CHART_FONT },
        g: { fontSize: 15, fontWeight: 'bold', color, lineHeight: 22, fontFamily: CHART_FONT },
        c: { fontSize: 12, color: '#5f6b7a', lineHeight: 20, fontFamily: CHART_FONT },
      },
    },
    data: [{ value, name: title }],
  };
  return { textStyle: { fontFamily: CHART_FONT }, series: [ring, main] };
}
