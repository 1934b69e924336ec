import { defineStore } from 'pinia';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { MAX_BACKUP_BYTES, exportBackup, serializeBackup } from '@/db/transfer/backup';
import { readBackupFile, type CheckedBackup, type ReadPhase } from '@/db/transfer/backup-read';

export type { Backup, BackupProblem } from '@/db/transfer/backup';
export type { CheckedBackup, ReadOutcome, ReadPhase } from '@/db/transfer/backup-read';
import { getMeta, setMeta } from '@/db/repositories/meta';
import { countCurrent } from '@/db/repositories/stats';

const pad = (n: number) => String(n).padStart(2, '0');

/** Backup to a file and restore from one; the view only handles the file picker and the download. */
export const useTransferStore = defineStore('transfer', () => {
  const { data: lastBackupAt } = useLiveQuery(() => 0, () => getMeta<string>('lastBackupAt'), undefined as string | undefined);
  /**
   * What a restore would replace, counted when asked (before the confirmation), never kept live: counting a million
   * entries takes seconds in Chromium and blocks every other read of the database meanwhile, so a live count held up
   * start-up and every save at district scale.
   */
  const countStored = () => countCurrent();

  /** The backup as a file: name with the local time, JSON text, and when it was taken (for markSaved). */
  async function backupFile(now = new Date()): Promise<{ name: string; text: string; exportedAt: string }> {
    const backup = await exportBackup();
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
    return { name: `jixiao-backup-${stamp}.json`, text: serializeBackup(backup), exportedAt: backup.exportedAt };
  }

  /** Remembered once the file was handed to the browser's download, not when it was merely built. */
  const markSaved = (exportedAt: string) => setMeta('lastBackupAt', exportedAt);
  const maxBytes = MAX_BACKUP_BYTES;

  /** Checks a chosen file completely (off the main thread in the browser), saying which phase it is in. */
  const read = (file: Blob, onPhase?: (phase: ReadPhase) => void) => readBackupFile(file, onPhase);
  /** All or nothing, in one transaction written in chunks (off the main thread); `onProgress` hears rows written. */
  const restore = (c: CheckedBackup, onProgress?: (done: number, total: number) => void) => c.restore(onProgress);

  return { lastBackupAt, countStored, backupFile, markSaved, maxBytes, read, restore };
});
