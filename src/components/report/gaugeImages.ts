import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from '@/charts/echarts';
import { buildScoreGaugeOption } from '@/charts/options/scoreGauge';
import { formatPoints } from '@/domain/points';
import type { EvaluationForm } from '@/domain/evaluation/types';
import type { Grade } from '@/domain/scoring/types';
import type { DocxImage } from '@/documents/render/docx';

/**
 * The self-evaluation gauges as PNG for the Word report: the same option builders as the screen (total against the
 * grade bands, each 一级 against its weight, budget execution), drawn by an offscreen ECharts instance and disposed at
 * once. Kept out of the docx renderer so that renderer runs in Node with any image.
 */

const WIDTH = 260;
const HEIGHT = 170;
/** Twice the pixels, so the picture stays sharp when Word prints it. */
const PIXEL_RATIO = 2;

export interface GaugeLabels {
  total: string;
  budget: string;
  noScore: string;
  grade: (g: Grade) => string;
}

/** data:image/png;base64,… → bytes */
export function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  const b64 = url.slice(url.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The arc ends well above its circle's bottom: centred a little lower in a shorter picture, no blank band under it. */
function lowered(option: EChartsCoreOption): EChartsCoreOption {
  const series = option.series;
  return Array.isArray(series) ? { ...option, series: series.map((s: object) => ({ ...s, center: ['50%', '60%'] })) } : option;
}

function renderPng(option: EChartsCoreOption): Uint8Array<ArrayBuffer> {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:-10000px;top:0;width:${WIDTH}px;height:${HEIGHT}px;`;
  document.body.append(div);
  const chart = echarts.init(div, null, { renderer: 'canvas', width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ ...lowered(option), animation: false });
    return dataUrlBytes(chart.getDataURL({ type: 'png', pixelRatio: PIXEL_RATIO, backgroundColor: '#fff' }));
  } finally {
    chart.dispose();
    div.remove();
  }
}

export function gaugeImages(form: EvaluationForm, labels: GaugeLabels): DocxImage[] {
  const bands = form.ruleSet.grades;
  const card = form.scorecard;
  const of = (scoreCp: number | null, maxCp: number) => `${scoreCp === null ? labels.noScore : formatPoints(scoreCp)} / ${formatPoints(maxCp)}`;
  const specs = [
    { title: labels.total, scoreCp: card.totalCp, maxCp: 10000, caption: { text: labels.grade(card.grade), grade: true }, text: `${labels.total} ${of(card.totalCp, 10000)}（${labels.grade(card.grade)}）` },
    ...card.groups.map((g) => ({ title: g.name, scoreCp: g.weightCp > 0 ? g.scoreCp : null, maxCp: g.weightCp, caption: { text: `/ ${formatPoints(g.weightCp)}` }, text: `${g.name} ${of(g.scoreCp, g.weightCp)}` })),
    { title: labels.budget, scoreCp: form.budget.rate === null ? null : form.budget.scoreCp, maxCp: form.budget.weightCp, caption: { text: `/ ${formatPoints(form.budget.weightCp)}` }, text: `${labels.budget} ${of(form.budget.scoreCp, form.budget.weightCp)}` },
  ];
  return specs.map((s) => ({
    data: renderPng(buildScoreGaugeOption({ scoreCp: s.scoreCp, maxCp: s.maxCp, bands, title: s.title, caption: s.caption, labels: { noData: labels.noScore } })),
    width: WIDTH,
    height: HEIGHT,
    caption: s.text,
  }));
}
