import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, GaugeSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { buildGaugeOption, type GaugeInput } from '@/charts/options/gauge';
import { AXIS_MAX, buildProgressBarsOption, middleEllipsis, type ProgressLabels, type ProgressRow } from '@/charts/options/progressBars';
import { buildTrendOption, type TrendLabels } from '@/charts/options/trend';
import { CHART_FONT, LIGHT_COLORS } from '@/charts/options/palette';
import type { Light } from '@/domain/monitoring/progress';

const seriesOf = <T>(opt: { series?: unknown }): T[] => opt.series as T[];
type BarItem = { value: number; itemStyle: { color: string } };

const gauge = (over: Partial<GaugeInput> = {}): GaugeInput => ({
  value: 0.857,
  title: '产出指标',
  light: 'green',
  labels: { noData: '暂无数据', over: '超额' },
  ...over,
});

describe('buildGaugeOption', () => {
  it('arc in 0–100 coloured by the light, detail as a percentage', () => {
    const [main] = seriesOf<GaugeSeriesOption>(buildGaugeOption(gauge()));
    expect(main!.min).toBe(0);
    expect(main!.max).toBe(100);
    expect((main!.data as { value: number }[])[0]!.value).toBeCloseTo(85.7, 10);
    expect(main!.progress).toMatchObject({ show: true, itemStyle: { color: '#2f9e5b' } });
    expect(main!.detail!.formatter).toBe('85.7%');
  });

  it.each<[Light, string]>([
    ['red', '#d64545'],
    ['yellow', '#e0a526'],
    ['green', '#2f9e5b'],
    ['blue', '#2f6fd6'],
    ['none', '#9aa5b1'],
  ])('a %s light colours the arc %s', (light, colour) => {
    const [main] = seriesOf<GaugeSeriesOption>(buildGaugeOption(gauge({ light })));
    expect((main!.progress!.itemStyle as { color: string }).color).toBe(colour);
  });

  it('over 100%: the arc stops at 100, the text keeps the true value and says 超额', () => {
    const [main] = seriesOf<GaugeSeriesOption>(buildGaugeOption(gauge({ value: 1.3, light: 'blue' })));
    expect((main!.data as { value: number }[])[0]!.value).toBe(100);
    expect(main!.detail!.formatter).toBe('130.0%\n超额');
  });

  it('no data: the noData label and an empty arc (kept shown: ECharts crashes when it later appears)', () => {
    const [main] = seriesOf<GaugeSeriesOption>(buildGaugeOption(gauge({ value: null, light: 'none' })));
    expect(main!.detail!.formatter).toBe('暂无数据');
    expect(main!.progress!.show).toBe(true);
    expect((main!.data as { value: number }[])[0]!.value).toBe(0);
    // The tick numbers would crowd the words; the ticks of a gauge with data stay.
    expect(main!.axisLabel!.show).toBe(false);
    expect(seriesOf<GaugeSeriesOption>(buildGaugeOption(gauge()))[0]!.axisLabel!.show).toBe(true);
  });

  it('expected (序时进度) is a pointer-only second series at expected × 100', () => {
    const opt = buildGaugeOption(gauge({ expected: 7 / 12 }));
    const [, marker] = seriesOf<GaugeSeriesOption>(opt);
    expect((marker!.data as { value: number }[])[0]!.value).toBeCloseTo((7 / 12) * 100, 10);
    expect(marker!.pointer!.show).toBe(true);
    expect(marker!.detail!.show).toBe(false);
    expect(seriesOf(buildGaugeOption(gauge()))).toHaveLength(1);
    expect(opt.textStyle).toMatchObject({ fontFamily: CHART_FONT });
  });
});

const labels: ProgressLabels = { noData: '暂无数据', over: '超额', overCap: '超出上限', target: '目标', expected: '序时进度' };
const row = (over: Partial<ProgressRow> = {}): ProgressRow => ({
  name: '开展职工权益保障和职工服务等活动',
  ratio: 0.5,
  expected: 7 / 12,
  light: 'green',
  statusText: '进度正常',
  targetText: '不少于800人次',
  reverse: false,
  ...over,
});
const bars = (rows: ProgressRow[]) => {
  const opt = buildProgressBarsOption(rows, labels);
  const [bar, marker] = seriesOf<BarSeriesOption | ScatterSeriesOption>(opt);
  // The text column is the right-hand category axis, one label per bar.
  const texts = (opt.yAxis as { data: string[] }[])[1]!.data;
  return { opt, bar: bar as BarSeriesOption, items: (bar as BarSeriesOption).data as BarItem[], marker: marker as ScatterSeriesOption, texts };
};

describe('buildProgressBarsOption', () => {
  it('one bar per row at ratio × 100, coloured by light, with the status in the label', () => {
    const { items, texts } = bars([row(), row({ name: '宣传资料及时发放率', ratio: 86 / 90, light: 'red', statusText: '滞后', targetText: '≥90%' })]);
    expect(items[0]!.value).toBe(50);
    expect(items[0]!.itemStyle.color).toBe(LIGHT_COLORS.green);
    expect(items[1]!.itemStyle.color).toBe('#d64545');
    expect(texts).toEqual(['50.0% · 进度正常 · 不少于800人次', '95.6% · 滞后 · ≥90%']);
  });

  it('a ratio of 2.0 is clamped at 120 with the real 200% and the over label', () => {
    const { items, texts } = bars([row({ ratio: 2, light: 'blue', statusText: '超额完成', targetText: '300人次' })]);
    expect(items[0]!.value).toBe(AXIS_MAX);
    expect(texts[0]).toBe('200.0% 超额 · 超额完成 · 300人次');
  });

  it('the target tick is a markLine at 100 and the axis runs 0–120%', () => {
    const { opt, bar } = bars([row()]);
    expect(bar.markLine!.data).toEqual([{ xAxis: 100 }]);
    expect(opt.xAxis).toMatchObject({ min: 0, max: 120 });
  });

  it('the expected marker sits at expected × 100 on its row', () => {
    const { marker } = bars([row({ expected: 0.5 }), row({ expected: 1 })]);
    expect(marker.data).toEqual([[50, 0], [100, 1]]);
  });

  it('reverse rows take their light colour and show actual / cap', () => {
    const ok = row({ reverse: true, ratio: 9 / 20, light: 'green', actualText: '9', targetText: '≤20', statusText: '控制在上限内' });
    const bust = row({ reverse: true, ratio: 2.5, light: 'red', actualText: '50', targetText: '≤20', statusText: '超出上限' });
    const { items, texts } = bars([ok, bust]);
    expect(items[0]!.itemStyle.color).toBe(LIGHT_COLORS.green);
    expect(items[1]!.itemStyle.color).toBe(LIGHT_COLORS.red);
    expect(items[1]!.value).toBe(AXIS_MAX);
    expect(texts).toEqual(['45.0% · 控制在上限内 · 9 / ≤20', '250.0% 超出上限 · 超出上限 · 50 / ≤20']);
  });

  it('rows without a ratio get an empty bar and the noData text', () => {
    const { items, texts } = bars([row({ ratio: null, light: 'none', statusText: '未填报', targetText: '2022年12月31日前' })]);
    expect(items[0]!.value).toBe(0);
    expect(texts[0]).toBe('暂无数据 · 未填报 · 2022年12月31日前');
  });

  it('a 0% bar still shows its light as a dot at the start; rows with length or without a light get none', () => {
    const { opt } = bars([row({ ratio: 0, light: 'red' }), row({ ratio: 0.5 }), row({ ratio: null, light: 'none' }), row({ ratio: 0, light: 'yellow' })]);
    const dots = seriesOf<ScatterSeriesOption>(opt)[2]!;
    expect(dots.data).toEqual([
      { value: [0, 0], itemStyle: { color: LIGHT_COLORS.red } },
      { value: [0, 3], itemStyle: { color: LIGHT_COLORS.yellow } },
    ]);
  });

  it('the tooltip gives the full name and label of the row under the pointer, escaped', () => {
    const { opt } = bars([row(), row({ name: '<b>率</b>', ratio: 0, light: 'red', statusText: '滞后' })]);
    const format = (opt.tooltip as { formatter: (p: object) => string }).formatter;
    expect(format({ seriesIndex: 0, dataIndex: 0, value: 50 })).toBe('开展职工权益保障和职工服务等活动<br/>50.0% · 进度正常 · 不少于800人次');
    expect(format({ seriesIndex: 2, dataIndex: 0, value: [0, 1] })).toBe('&#60;b&#62;率&#60;/b&#62;<br/>0.0% · 滞后 · 不少于800人次');
    expect(format({ seriesIndex: 1, dataIndex: 0, value: [58.3, 0] })).toContain('序时进度 58.3%');
  });

  it('middleEllipsis keeps both ends, so names differing only at the end stay apart', () => {
    expect(middleEllipsis('服务职工满意度', 20)).toBe('服务职工满意度');
    const a = middleEllipsis('开展职工权益保障和职工服务等活动（人次）', 20);
    const b = middleEllipsis('开展职工权益保障和职工服务活动覆盖率', 20);
    expect(a).toBe('开展职工…动（人次）');
    expect(b).toBe('开展职工…活动覆盖率');
    expect(middleEllipsis('Coverage of union member services', 17)).toBe('Coverag…services');
  });

  it('long Chinese names are truncated, not overlapped', () => {
    const { opt } = bars([row()]);
    const [names, column] = opt.yAxis as object[];
    expect(names).toMatchObject({ type: 'category', inverse: true, axisLabel: { overflow: 'truncate', fontFamily: CHART_FONT } });
    expect(column).toMatchObject({ type: 'category', position: 'right', inverse: true });
    expect(opt.grid).toMatchObject({ containLabel: true });
  });
});

describe('buildTrendOption', () => {
  const months = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
  const trendLabels = (over: Partial<TrendLabels> = {}): TrendLabels => ({ title: '活动人次', unit: '人次', months, ...over });
  const month = (m: number, amount: number) => ({ month: m, amount });

  it('12 bars, months without data are 0', () => {
    const opt = buildTrendOption([month(3, 120), month(7, 80)], trendLabels());
    const [bar] = seriesOf<BarSeriesOption>(opt);
    expect(bar!.data).toEqual([0, 0, 120, 0, 0, 0, 80, 0, 0, 0, 0, 0]);
    expect(opt.xAxis).toMatchObject({ data: months });
    expect(seriesOf(opt)).toHaveLength(1);
  });

  it('optional cumulative line on a second axis', () => {
    const opt = buildTrendOption([month(1, 0.1), month(2, 0.2)], trendLabels({ unit: '万元', cumulative: '累计' }));
    const [, line] = seriesOf<LineSeriesOption>(opt);
    expect(line!.data!.slice(0, 3)).toEqual([0.1, 0.3, 0.3]);
    expect(line!.yAxisIndex).toBe(1);
    expect(opt.yAxis).toHaveLength(2);
  });
});
