import type { BridgeStatus } from '@/sync';
import type { SyncPhase } from '@/stores/sync';

type T = (key: string, named?: Record<string, unknown>) => string;

/** The shell chip's words for the sync status: offline / syncing with counts / up to date / the error / clashes. */
export function statusText(t: T, phase: SyncPhase, s: BridgeStatus | null): string {
  const up = s?.toPush ?? 0;
  const down = s?.toPull ?? 0;
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
