import type { BridgeStatus } from '@/sync';
import type { SyncPhase } from '@/stores/sync';

type T = (key: string, named?: Record<string, unknown>) => string;

/**
 * The shell chip's words for the sync status: offline / syncing with counts / up to date / the error / clashes.
 * Counts have grouped digits (a first sync counts to a million).
 */
export function statusText(t: T, phase: SyncPhase, s: BridgeStatus | null, locale = 'zh-CN'): string {
  const up = (s?.toPush ?? 0).toLocaleString(locale);
  const down = (s?.toPull ?? 0).toLocaleString(locale);
  switch (phase) {
    case 'syncing':
      return t('sync.chip.syncing', { up, down });
    case 'offline':
      return up ? t('sync.chip.offline', { up }) : t('sync.chip.offlineNone');
    case 'error':
      return s?.error === 'unauthorized' ? t('sync.chip.unauthorized') : t('sync.chip.error', { error: s?.error ?? '' });
    default:
      return t(`sync.chip.${phase}`);
  }
}
