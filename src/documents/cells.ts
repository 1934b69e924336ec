import type { IsoDate, IsoDateTime } from '@/domain/model';
import { FEN_PER_WAN, formatWan, type Fen } from '@/domain/money';
import { formatPoints, type CentiPoints } from '@/domain/points';
import type { Cell, Column } from './model';

/**
 * Cell constructors shared by the builders: the printed text comes from the domain's own formatters (so a form prints
 * exactly what the screen shows) and the value is computed from the exact integer (fen, centi-points).
 */

type Extra = Omit<Cell, 'text' | 'value' | 'format'>;

export const text = (t: string, extra: Extra = {}): Cell => ({ text: t, format: 'text', ...extra });

export const bold = (t: string, extra: Extra = {}): Cell => text(t, { bold: true, ...extra });

/** 1,273,520,000 fen → { text: '1,273.52', value: 1273.52 } */
export const wanCell = (fen: Fen, extra: Extra = {}): Cell => ({ text: formatWan(fen), value: fen / FEN_PER_WAN, format: 'wan2', align: 'right', ...extra });

/** 358 cp → { text: '3.58', value: 3.58 } */
export const pointsCell = (cp: CentiPoints, extra: Extra = {}): Cell => ({ text: formatPoints(cp), value: cp / 100, format: 'points2', align: 'right', ...extra });

/** 0.950122 → '95.01%' (two decimals) or '95.0%' (one); rounded as the screens round (rateText of the 自评表). */
export function formatPercent(ratio: number, digits: 1 | 2): string {
  const scale = 10 ** digits;
  return `${(Math.round(ratio * 100 * scale) / scale).toFixed(digits)}%`;
}

/** A ratio as a percentage cell; '—' without one (no budget on that row). */
export function percentCell(ratio: number | null, digits: 1 | 2 = 2, extra: Extra = {}): Cell {
  if (ratio === null) return text('—', { align: 'center', ...extra });
  return { text: formatPercent(ratio, digits), value: ratio, format: digits === 1 ? 'percent1' : 'percent2', align: 'right', ...extra };
}

export const intCell = (n: number, extra: Extra = {}): Cell => ({ text: String(n), value: n, format: 'int', align: 'right', ...extra });

export const dash = (extra: Extra = {}): Cell => text('—', { align: 'center', ...extra });

export const col = (key: string, width: number, align?: Column['align']): Column => (align ? { key, width, align } : { key, width });

/** A label | content table row pair used for 年度总体目标, 纠偏措施, 整改: the label column is narrow. */
export const labelRow = (label: string, value: string, valueSpan = 1): Cell[] => [bold(label, { align: 'center' }), text(value, valueSpan > 1 ? { colSpan: valueSpan } : {})];

/**
 * The calendar day of an instant in China Standard Time (UTC+8, no daylight saving since 1991): a form submitted at
 * 2022-07-05T17:30Z was signed on 7月6日 in 深圳.
 */
export function chinaDate(instant: IsoDateTime): IsoDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** '2022-07-06' → '2022年7月6日' as officials write dates. */
export function chineseDate(d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}

/** 一级/二级 names are stored as the table wrote them ('产出' or '产出指标'); prose says 产出指标. */
export const withSuffix = (name: string): string => (name.endsWith('指标') ? name : `${name}指标`);

/** Fund rows as the official forms name them (domain.md §3.2, §4.5). */
export const FUND_ROW_LABELS = {
  total: '年度资金总额',
  fiscal: '其中：财政拨款',
  carryover: '上年结转资金',
  other: '其他资金',
} as const;
