import type { DocumentModel, Table, Watermark } from '../model';

/**
 * What the three renderers (print page, xlsx, docx) decide alike, so paper, spreadsheet and Word agree: the words of
 * a watermark, which caption a table shows, the header line, the table whose head repeats on every page.
 */

export const WATERMARK_TEXT: Readonly<Record<Watermark, string>> = Object.freeze({ draft: '草稿', superseded: '已被更正' });

/** '单位整体支出绩效自评表（草稿）': the title as a renderer without watermarks prints it. */
export const markedTitle = (doc: Pick<DocumentModel, 'title' | 'watermark'>): string => (doc.watermark ? `${doc.title}（${WATERMARK_TEXT[doc.watermark]}）` : doc.title);

/**
 * The caption printed above a table, unless the table already says it in its first cell (项目资金（万元） heads its own
 * first column; 年度总体目标 labels its own row): the same words twice read as a mistake.
 */
export function visibleCaption(t: Table): string | null {
  if (!t.caption) return null;
  const first = (t.headRows[0] ?? t.bodyRows[0])?.[0]?.text;
  return first === t.caption ? null : t.caption;
}

/**
 * '单位名称：' — a label as the forms print it. The documents are the official Chinese forms whatever the screen's
 * language, so their punctuation is the forms' own, decided here once for all three renderers.
 */
export const labelText = (label: string): string => `${label}：`;

/** The heading of the notes under a form. */
export const NOTES_HEADING = '说明';

/** 单位名称：深圳市盐田区总工会 主管部门：深圳市盐田区总工会 年度：2022 */
export const headerLine = (doc: Pick<DocumentModel, 'header'>): string => doc.header.map((h) => `${labelText(h.label)}${h.value}`).join('\u3000\u3000');

/** The table that carries the document (the one with the most rows): its head rows repeat on every printed page. */
export function mainTable(doc: Pick<DocumentModel, 'blocks'>): Table | null {
  let best: Table | null = null;
  for (const b of doc.blocks) if (b.kind === 'table' && b.headRows.length && (!best || b.bodyRows.length > best.bodyRows.length)) best = b;
  return best;
}

/** 填报人：______ 审核人：______ 填报日期：2022年7月6日 (a blank value prints as a line to sign on). */
export const SIGN_BLANK = '________';
export const signatureText = (fields: readonly { label: string; value: string }[]): string =>
  fields.map((f) => `${labelText(f.label)}${f.value.trim() || SIGN_BLANK}`).join('\u3000\u3000');

/** Display width of a text in half-width units: a CJK (or full-width) character counts 2, ASCII 1. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Lines a text takes in a column `units` half-width characters wide ('\n' breaks a line). */
export function linesIn(text: string, units: number): number {
  const per = Math.max(1, units);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / per)), 0);
}
