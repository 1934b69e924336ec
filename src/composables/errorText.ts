import { ref } from 'vue';
import { BackupUnrestorableError, ConflictError, MergeRefusedError, NotFoundError, isQuotaError } from '@/domain/errors';

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * Set when a save failed because the browser's storage is full. Every failed save is said through errorText, so this
 * one place is where the shell learns of it and offers a backup (reliability.md: say "storage full", lose nothing).
 */
export const storageFull = ref(false);

/** What a failed save means to the person who tried it; nothing was written in any of these cases. */
export function errorText(e: unknown, t: T): string {
  if (e instanceof ConflictError) return t('errors.conflict');
  if (e instanceof NotFoundError) return t('errors.notFound');
  if (isQuotaError(e)) {
    storageFull.value = true;
    return t('errors.quota');
  }
  if (e instanceof MergeRefusedError) return e.reason === 'clashes' ? t('errors.mergeClashes') : t('errors.mergeProblems', { where: e.problems.slice(0, 3).map((p) => p.detail ?? p.where).join('、') });
  if (e instanceof BackupUnrestorableError) return t('errors.unrestorable', { where: e.problems.slice(0, 3).map((p) => p.where).join('、') });
  return t('errors.generic', { msg: e instanceof Error ? e.message : String(e) });
}
