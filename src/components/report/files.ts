/**
 * File names and the download itself. 2022年深圳市盐田区总工会部门（单位）整体支出绩效自评表.xlsx: the year and the unit
 * first (as offices file them), the plan for a project, then the form; a period, 草稿 or 已被更正 in brackets.
 */

/** Characters no Windows file name may hold become '_'. */
export function safeName(s: string): string {
  return [...s].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').trim();
}

export interface FileParts {
  year: number;
  unitName: string;
  /** a project plan's name ('' for the unit plan) */
  planName: string;
  title: string;
  status: 'draft' | 'final' | 'submitted' | 'superseded' | null;
  /** 1–6月 for a monitoring form */
  period?: string;
}

export function fileBase(p: FileParts): string {
  // A report's title names its subject already (深圳市盐田区总工会2022年度部门整体支出绩效自评报告).
  const named = p.title.includes(p.unitName) || (p.planName !== '' && p.title.includes(p.planName));
  const subject = named ? p.title : `${p.year}年${p.unitName}${p.planName}${p.title}`;
  const mark = p.status === 'draft' ? '草稿' : p.status === 'superseded' ? '已被更正' : '';
  return safeName(`${subject}${[p.period ?? '', mark].filter(Boolean).map((m) => `（${m}）`).join('')}`);
}

/** Hands bytes to the browser as a file download (a Blob behind an <a download>). */
export function download(bytes: Uint8Array<ArrayBuffer>, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
