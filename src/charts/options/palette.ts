import type { Light } from '@/domain/monitoring/progress';

/**
 * Shared look of the chart builders. Light colours follow the 红黄绿蓝 warning lights of domain.md §3.3;
 * every builder also prints the status in text, so colour is never the only carrier of meaning.
 */

/** LIGHT_COLORS.red → '#d64545' */
export const LIGHT_COLORS: Readonly<Record<Light, string>> = {
  red: '#d64545',
  yellow: '#e0a526',
  green: '#2f9e5b',
  blue: '#2f6fd6',
  none: '#9aa5b1',
};

/** Fonts that carry CJK glyphs on macOS, Windows and Linux, so 指标 names never render as boxes. */
export const CHART_FONT = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";

/** Neutral ink for axes, ticks and markers. */
export const INK = '#1f2933';
export const TRACK = '#e6e9ee';

/** percentText(0.8571) → '85.7%'; one decimal, as in the monitoring tables (r = 85.7%). */
export function percentText(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
