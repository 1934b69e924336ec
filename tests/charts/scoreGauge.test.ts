import { describe, expect, it } from 'vitest';
import type { GaugeSeriesOption } from 'echarts/charts';
import { GRADE_COLORS, bandOf, bandStops, buildScoreGaugeOption, type ScoreGaugeInput } from '@/charts/options/scoreGauge';
import { DEFAULT_GRADE_BANDS } from '@/domain/scoring/grade';
import { CHART_FONT, LIGHT_COLORS } from '@/charts/options/palette';

const series = (input: Partial<ScoreGaugeInput>) => {
  const opt = buildScoreGaugeOption({ scoreCp: 9700, maxCp: 10000, bands: DEFAULT_GRADE_BANDS, title: '总分', labels: { noData: '尚不能计分' }, ...input });
  const [ring, main] = opt.series as GaugeSeriesOption[];
  return { opt, ring: ring!, main: main! };
};
const valueOf = (s: GaugeSeriesOption) => (s.data as { value: number }[])[0]!.value;
const labelOf = (s: GaugeSeriesOption) => (s.axisLabel as { formatter: (v: number) => string }).formatter;

describe('buildScoreGaugeOption', () => {
  it('draws the total against 100 with the grade in words under the number', () => {
    const { opt, main } = series({ caption: { text: '优', grade: true } });
    expect(main.max).toBe(100);
    expect(valueOf(main)).toBe(97);
    expect(main.detail!.formatter).toBe('{n|97.00}\n{g|优}');
    expect(main.progress).toMatchObject({ show: true, itemStyle: { color: GRADE_COLORS.excellent } });
    expect(opt.textStyle).toEqual({ fontFamily: CHART_FONT });
  });

  it('puts the grade bands on the outer ring: 差 < 60 ≤ 中 < 80 ≤ 良 < 90 ≤ 优', () => {
    const { ring } = series({});
    expect((ring.axisLine!.lineStyle as { color: unknown }).color).toEqual([
      [0.6, GRADE_COLORS.poor],
      [0.8, GRADE_COLORS.fair],
      [0.9, GRADE_COLORS.good],
      [1, GRADE_COLORS.excellent],
    ]);
    expect(bandStops(DEFAULT_GRADE_BANDS)).toHaveLength(4);
    // Only the band bounds are labelled on the ring.
    const label = labelOf(ring);
    expect([0, 5, 55, 60, 75, 80, 85, 90, 95, 100].map(label)).toEqual(['0', '', '', '60', '', '80', '', '90', '', '100']);
  });

  it.each([
    [9000, 'excellent'],
    [8999, 'good'],
    [8000, 'good'],
    [7999, 'fair'],
    [6000, 'fair'],
    [5999, 'poor'],
  ] as const)('%i of 100 is coloured as %s (inclusive lower bounds)', (cp, grade) => {
    expect(bandOf(cp, 10000, DEFAULT_GRADE_BANDS)).toBe(grade);
    expect((series({ scoreCp: cp }).main.progress!.itemStyle as { color: string }).color).toBe(GRADE_COLORS[grade]);
  });

  it('draws a 一级 against its weight with the bands scaled to it', () => {
    const { ring, main } = series({ scoreCp: 4806, maxCp: 5000, title: '产出', caption: { text: '/ 50.00' } });
    expect(main.max).toBe(50);
    expect(valueOf(main)).toBeCloseTo(48.06, 10);
    expect(main.detail!.formatter).toBe('{n|48.06}\n{c|/ 50.00}');
    expect(bandOf(4500, 5000, DEFAULT_GRADE_BANDS)).toBe('excellent');
    expect(bandOf(4499, 5000, DEFAULT_GRADE_BANDS)).toBe('good');
    expect([30, 40, 45, 47.5].map(labelOf(ring))).toEqual(['30', '40', '45', '']);
  });

  it('keeps an over-scale value on the arc and says when nothing can be scored yet', () => {
    expect(valueOf(series({ scoreCp: 12000 }).main)).toBe(100);
    const { main } = series({ scoreCp: null });
    expect(valueOf(main)).toBe(0);
    expect(main.detail!.formatter).toBe('{n|尚不能计分}');
    expect((main.progress!.itemStyle as { color: string }).color).toBe(LIGHT_COLORS.none);
    // The progress arc is always on, so an update never meets the ECharts 6 hidden-progress failure.
    expect(main.progress!.show).toBe(true);
    expect(bandOf(0, 0, DEFAULT_GRADE_BANDS)).toBe('poor');
  });
});
