import { ImportRefusedError } from '@/domain/import/errors';
import type { SheetReading } from '@/domain/import/types';
import { errorText } from '@/composables/errorText';

type T = (key: string, params?: Record<string, unknown>) => string;

/** Why the write was refused, naming the sheet; anything else (storage full) as the app says it, plus that nothing was written. */
export function refusalText(e: unknown, t: T, readings: readonly SheetReading[]): string {
  if (e instanceof ImportRefusedError) {
    const sheet = e.sheet === null ? '' : (readings[e.sheet]?.name ?? String(e.sheet + 1));
    return t(`import.refused.${e.code}`, { sheet, detail: e.detail });
  }
  return `${errorText(e, t)} ${t('import.refused.any')}`;
}
