import type { IsoDate, IsoDateTime } from '@/domain/model';
import type { MonitoringRound } from '@/domain/monitoring/round-types';

type T = (key: string, params?: Record<string, unknown>) => string;

/** '2022-06-30' → 6: the N of 1–N月. */
export const monthOf = (cutoff: IsoDate): number => Number(cutoff.slice(5, 7));

/** periodText(t, '2022-06-30') → '1–6月' */
export const periodText = (t: T, cutoff: IsoDate): string => t('monitoring.period', { n: monthOf(cutoff) });

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored UTC instant in the reader's local time: '2026-03-05T06:22:10Z' → '2026-03-05 14:22' in Beijing. */
export function stampText(at: IsoDateTime | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 偏离度 signed, one decimal: −0.035 → '−3.5%', 0.06 → '+6.0%'. */
export function signedPct(x: number | null): string {
  if (x === null) return '—';
  const v = Math.round(x * 1000) / 10;
  if (v === 0) return '0.0%';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}%`;
}

/** 0.463 → '46.3%'; null → '—'. */
export const pctText = (x: number | null): string => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** The newest round among a plan's versions: latest cut-off, then latest version. */
export function latestRound<R extends Pick<MonitoringRound, 'cutoff' | 'version' | 'createdAt'>>(rounds: readonly R[]): R | undefined {
  return [...rounds].sort((a, b) => a.cutoff.localeCompare(b.cutoff) || a.createdAt.localeCompare(b.createdAt) || a.version - b.version).at(-1);
}
