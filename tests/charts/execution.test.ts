import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { buildExecutionOption, labelPlace, type ExecutionLabels } from '@/charts/options/execution';
import { CHART_FONT, LIGHT_COLORS } from '@/charts/options/palette';
import type { ExecutionPoint } from '@/domain/monitoring/execution-trend';

const labels: ExecutionLabels = {
  title: '预算累计执行率',
  executed: '累计执行率',
  expected: '序时进度',
  months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
};

const point = (month: number, rate: number | null, light: ExecutionPoint['light']): ExecutionPoint => ({
  month,
  asOf: `2022-${String(month).padStart(2, '0')}-28`,
  executedFen: 0,
  rate,
  expected: month / 12,
  light,
});

type Bar = { value: number; itemStyle?: { color: string }; label: { show: boolean; formatter: string } };
const series = (o: ReturnType<typeof buildExecutionOption>) => o.series as [BarSeriesOption, LineSeriesOption];

describe('buildExecutionOption', () => {
  const opt = buildExecutionOption([point(1, 0.08, 'green'), point(2, 0.1, 'yellow'), point(3, 0.463, 'blue')], labels);

  it('months Jan..the cut-off month on the x axis', () => {
    expect((opt.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
  });

  it('bars are the cumulative rate in percent, each labelled with it, in the one colour the legend shows', () => {
    const [bars] = series(opt);
    const data = bars.data as Bar[];
    expect(bars.name).toBe('累计执行率');
    expect(data.map((d) => d.value)).toEqual([8, 10, 46.3]);
    expect(data.map((d) => d.label.formatter)).toEqual(['8.0%', '10.0%', '46.3%']);
    expect(data.every((d) => d.itemStyle === undefined)).toBe(true);
    expect((bars.itemStyle as { color: string }).color).toBe(LIGHT_COLORS.blue);
  });

  it('序时进度 is a dashed line at N/12', () => {
    const [, line] = series(opt);
    expect(line.name).toBe('序时进度');
    expect(line.data).toEqual([8.3, 16.7, 25]);
    expect((line.lineStyle as { type: string }).type).toBe('dashed');
  });

  it('the axis runs 0–100% and grows past an over-executed month', () => {
    expect(opt.yAxis).toMatchObject({ min: 0, max: 100 });
    const over = buildExecutionOption([point(12, 1.234, 'green')], labels);
    expect(over.yAxis).toMatchObject({ max: 130 });
  });

  it('a rate label never sits on the dashed line: on top of a bar that reaches it, above the line over a bar below it', () => {
    expect(labelPlace(50, 41.7)).toEqual({ position: 'top' });
    expect(labelPlace(0, 8.3)).toEqual({ position: 'top' });
    // 4.8 under 8.3: the line is 0.729 bar-heights above the bar's top; the label stands on that point.
    expect(labelPlace(4.8, 8.3)).toMatchObject({ position: ['50%', '-72.92%'], verticalAlign: 'bottom' });
    const [bars] = series(opt);
    expect((bars.data as { label: { position: unknown } }[]).map((d) => d.label.position)).toEqual([['50%', '-3.75%'], ['50%', '-67.00%'], 'top']);
  });

  it('a month without a budget has an empty, unlabelled bar', () => {
    const [bars] = series(buildExecutionOption([point(1, null, 'none')], labels));
    expect((bars.data as Bar[])[0]).toMatchObject({ value: 0, label: { show: false, formatter: '' } });
  });

  it('CJK font everywhere text is drawn, and a legend naming both series', () => {
    expect(opt.textStyle).toEqual({ fontFamily: CHART_FONT });
    expect(opt.legend).toBeDefined();
    expect((opt.title as { text: string }).text).toBe('预算累计执行率');
  });
});
