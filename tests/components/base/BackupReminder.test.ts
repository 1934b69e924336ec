import { beforeEach, describe, expect, it, vi } from 'vitest';
import BackupReminder from '@/components/base/BackupReminder.vue';
import { errorText, storageFull } from '@/composables/errorText';
import { seedIfEmpty } from '@/db/repositories/seed';
import { useTransferStore } from '@/stores/transfer';
import { freshDb } from '../../fixtures/db';
import { flush, mountWithApp, until } from '../../fixtures/mount';
import type { JixiaoDb } from '@/db/database';

let d: JixiaoDb;
beforeEach(async () => {
  localStorage.clear();
  storageFull.value = false;
  d = await freshDb();
  await seedIfEmpty();
});

const quota = () => Object.assign(new Error('abort'), { name: 'AbortError', inner: Object.assign(new Error('full'), { name: 'QuotaExceededError' }) });

describe('backup prompts in the shell', () => {
  it('a save that failed for lack of storage shows "storage full" with a one-click backup, whatever view said it', async () => {
    const w = mountWithApp(BackupReminder);
    expect(w.find('[data-test=storage-full]').exists()).toBe(false);
    const text = errorText(quota(), (k) => k); // as any view's failed save would say it
    expect(text).toBe('errors.quota');
    await until(() => w.find('[data-test=storage-full]').exists());
    expect(w.text()).toContain('存储空间已满');
    expect(w.find('[data-test=storage-full] .btn-primary').text()).toBe('立即备份');
  });

  it('"storage full" stays when the backup itself failed, and goes once a file was handed over', async () => {
    storageFull.value = true;
    const w = mountWithApp(BackupReminder);
    const transfer = useTransferStore();
    const real = transfer.backupFile;
    const failing = vi.spyOn(transfer, 'backupFile').mockRejectedValueOnce(quota());
    await w.get('[data-test=storage-full] .btn-primary').trigger('click');
    await until(() => failing.mock.calls.length === 1 && !w.get('[data-test=storage-full] .btn-primary').attributes('disabled'));
    await flush();
    expect(w.find('[data-test=storage-full]').exists()).toBe(true);

    failing.mockImplementation(real);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await w.get('[data-test=storage-full] .btn-primary').trigger('click');
    await until(() => !w.find('[data-test=storage-full]').exists());
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });

  it('data a week old and never backed up: the reminder shows; "tomorrow" snoozes it for a day', async () => {
    // The seed is a week older than "now".
    await d.audit.toCollection().modify((a) => void (a.at = '2020-01-01T00:00:00.000Z'));
    const w = mountWithApp(BackupReminder);
    await until(() => w.find('[data-test=backup-reminder]').exists());
    expect(w.text()).toContain('从未备份');
    await w.get('[data-test=reminder-snooze]').trigger('click');
    await until(() => !w.find('[data-test=backup-reminder]').exists());
    const until24h = Number(localStorage.getItem('jixiao.reminderSnoozedUntil'));
    expect(until24h - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it('a fresh install is not greeted by a warning', async () => {
    const w = mountWithApp(BackupReminder);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.find('[data-test=backup-reminder]').exists()).toBe(false);
  });
});
