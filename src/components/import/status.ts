import type { SheetReading } from '@/domain/import/types';
import { XLSX_LIMITS } from '@/stores/import';

type T = (key: string, params?: Record<string, unknown>, plural?: number) => string;

/** One line on what a sheet holds: '20 个三级指标', '没有…表头，已跳过', '请指定：指标值'. */
export function statusText(r: SheetReading, t: T): string {
  switch (r.status) {
    case 'ok':
      return t('import.status.ok', { leaves: r.leafCount }, r.leafCount);
    case 'refused':
      return t('import.status.refused', { rows: (r.refused?.rows ?? 0).toLocaleString('en'), max: XLSX_LIMITS.rows.toLocaleString('en') });
    case 'missingColumns':
      return t('import.status.missingColumns', { roles: r.missing.map((role) => t(`import.role.${role}`)).join('、') });
    default:
      return t(`import.status.${r.status}`);
  }
}
