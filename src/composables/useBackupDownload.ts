import { useI18n } from 'vue-i18n';
import { useTransferStore } from '@/stores/transfer';
import { useAction } from './useAction';

/** Hands a text file to the browser's download (a Blob URL revoked once the download has started). */
export function saveTextFile(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One-click backup to a file, remembered as the last backup once handed to the download; used wherever it is offered. */
export function useBackupDownload() {
  const { t } = useI18n();
  const store = useTransferStore();
  const action = useAction();
  const download = () =>
    action.run(
      async () => {
        const file = await store.backupFile();
        saveTextFile(file.name, file.text);
        await store.markSaved(file.exportedAt);
        return file.name;
      },
      (name) => t('backup.exported', { name }),
    );
  return { download, busy: action.busy };
}
