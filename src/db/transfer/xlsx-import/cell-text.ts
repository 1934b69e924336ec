import { formatNumber, tidy } from '@/domain/targets/numbers';
import { XLSX_LIMITS } from './limits';

/**
 * A cell's value (as the spreadsheet library hands it over) → the text Excel shows, which is all the mapper reads.
 * A formula is its cached result, never evaluated (a file without cached results reads as blank there); a percentage
 * format shows the percentage (0.9 → '90%'); a date reads as officials write dates (2022年12月31日).
 */
export function cellText(value: unknown, numFmt = ''): string {
  return clip(textOf(value, numFmt, 0));
}

/**
 * The app's own export writes text that a spreadsheet could take for a formula (=, +, -, @, TAB, CR, full-width ＝＋－＠)
 * with a leading apostrophe as part of the text (documents/render/xlsx.ts, reliability.md); reading it back drops it,
 * so export → import gives the text as it was.
 */
const INERT = /^'[=+\-@\t\r＝＋－＠]/;

function clip(s: string): string {
  return s.length > XLSX_LIMITS.cellChars ? s.slice(0, XLSX_LIMITS.cellChars) : s;
}

function textOf(v: unknown, numFmt: string, depth: number): string {
  if (v === null || v === undefined || depth > 3) return '';
  if (typeof v === 'string') return INERT.test(v) ? v.slice(1) : v;
  if (typeof v === 'number') return numberText(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  if (typeof v !== 'object') return '';
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as unknown[]).map((run) => (run && typeof run === 'object' ? String((run as { text?: unknown }).text ?? '') : '')).join('');
  if ('formula' in o || 'sharedFormula' in o) return textOf(o.result, numFmt, depth + 1);
  if ('error' in o) return typeof o.error === 'string' ? o.error : '';
  if ('text' in o) return textOf(o.text, numFmt, depth + 1); // a hyperlink shows its text
  return '';
}

function numberText(n: number, numFmt: string): string {
  if (!Number.isFinite(n)) return '';
  // A percent format (0%, 0.00%) outside quoted literal text: the cell shows n × 100 with a %.
  const fmt = numFmt.replace(/"[^"]*"/g, '');
  return fmt.includes('%') ? `${formatNumber(tidy(n * 100))}%` : formatNumber(tidy(n));
}
