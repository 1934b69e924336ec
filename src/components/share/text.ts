import type { Composer } from 'vue-i18n';
import { formatWan } from '@/domain/money';
import { LEGACY_DEVICE, type Dot } from '@/domain/merge/versions';
import type { Rec } from '@/domain/merge/merge-record';
import type { SyncedTable } from '@/domain/merge/plan';
import { stampText } from '@/components/monitoring/text';

type T = Composer['t'];

/** A clashing value as a person reads it: money in 万元, points in 分, yes/no; structured values shortened. */
export function valueText(t: T, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('merge.dialog.empty');
  if (typeof value === 'boolean') return value ? t('merge.dialog.yes') : t('merge.dialog.no');
  if (typeof value === 'number' && field.endsWith('Fen')) return `${formatWan(value)} 万元`;
  if (typeof value === 'number' && field.endsWith('Cp')) return `${(value / 100).toFixed(2)} 分`;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

/** The field's name in the user's language, or the stored name when there is no translation. */
export function fieldText(t: T, te: (key: string) => boolean, field: string): string {
  return te(`merge.field.${field}`) ? t(`merge.field.${field}`) : field;
}

/** Which record a clash is about, in words: a name, or an entry's date, recorder and note. */
export function recordLabel(table: SyncedTable, r: Rec | null | undefined): string {
  if (!r) return '';
  const s = (k: string) => (typeof r[k] === 'string' || typeof r[k] === 'number' ? String(r[k]) : '');
  switch (table) {
    case 'entries':
    case 'spending':
      return [s('date'), s('recordedBy'), s('note')].filter(Boolean).join(' · ');
    case 'rounds':
      return [s('cutoff'), s('status')].filter(Boolean).join(' · ');
    case 'evaluations':
      return [s('year'), s('status')].filter(Boolean).join(' · ');
    default:
      return s('name');
  }
}

/** Who wrote a value (the device's name as its user gave it) and when the record was last saved on that side. */
export function whoText(t: T, names: Record<string, string>, dot: Dot, at: unknown): string {
  const [device] = dot;
  const who = names[device] ?? (device === LEGACY_DEVICE ? t('merge.dialog.legacy') : t('merge.dialog.unknownWho', { id: device }));
  return typeof at === 'string' ? t('merge.dialog.by', { who, at: stampText(at) }) : who;
}
