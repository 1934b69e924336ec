import { defineStore } from 'pinia';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';

export type { Backup, BackupProblem } from '@/db/transfer/backup';
import { getMeta, setMeta } from '@/db/repositories/meta';
import { db } from '@/db/database';

const pad = (n: number) => String(n).padStart(2, '0');

/** Backup to a file and restore from one; the view only handles the file picker and the download. */
export const useTransferStore = defineStore('transfer', () => {
  const { data: lastBackupAt } = useLiveQuery(() => 0, () => getMeta<string>('lastBackupAt'), undefined as string | undefined);
  const { data: current } = useLiveQuery(
    () => 0,
    async () => ({ plans: await db().plans.count(), entries: await db().entries.count(), spending: await db().spending.count() }),
    { plans: 0, entries: 0, spending: 0 },
  );

  /** The backup as a file: name with the local time, JSON text. */
  async function backupFile(now = new Date()): Promise<{ name: string; text: string }> {
    const backup = await exportBackup();
    await setMeta('lastBackupAt', backup.exportedAt);
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
    return { name: `jixiao-backup-${stamp}.json`, text: serializeBackup(backup) };
  }

  const read = (text: string) => parseBackup(text);
  const restore = (backup: Backup) => restoreBackup(backup);

  return { lastBackupAt, current, backupFile, read, restore };
});
