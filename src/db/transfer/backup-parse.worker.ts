import { parseBackup, restoreBackup, rollupsOf, type Backup } from './backup';
import type { ErrorShape, FromParseWorker, ToParseWorker } from './backup-read';
import type { ActivityEntry, IndicatorRollup } from '@/domain/actuals/types';

/**
 * Checks a backup file and restores it off the main thread (backup-read.ts). The checked rows and their rollups stay
 * here between the check and the user's confirmation; the restore writes them through this worker's own connection
 * to the same database (Dexie tells the page's live queries when it commits).
 */
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<ToParseWorker>) => void) | null;
  postMessage: (m: FromParseWorker) => void;
};
const post = (m: FromParseWorker) => scope.postMessage(m);

let checked: { backup: Backup; rollups: IndicatorRollup[] } | null = null;

async function read(file: Blob): Promise<void> {
  post({ type: 'phase', phase: 'reading' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  post({ type: 'phase', phase: 'checking' });
  const outcome = await parseBackup(text, bytes);
  if (!outcome.ok) return post({ type: 'refused', problems: outcome.problems });
  checked = { backup: outcome.backup, rollups: rollupsOf(outcome.backup.data.entries as ActivityEntry[]) };
  const { data: _, ...head } = outcome.backup;
  post({ type: 'checked', head });
}

function shapeOf(e: unknown): ErrorShape {
  const { name = 'Error', message = String(e), inner } = (e ?? {}) as { name?: string; message?: string; inner?: { name?: string; message?: string } };
  return { name, message, ...(inner ? { inner: { name: inner.name ?? 'Error', message: inner.message ?? '' } } : {}) };
}

async function restore(): Promise<void> {
  if (!checked) throw new Error('nothing checked to restore');
  const { backup, rollups } = checked;
  checked = null;
  // One progress message a frame at most: the page has nothing to draw more often.
  let last = 0;
  await restoreBackup(backup, {
    rollups,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - last < 16 && done < total) return;
      last = now;
      post({ type: 'progress', done, total });
    },
  });
  post({ type: 'restored' });
}

scope.onmessage = (e) => {
  if (e.data.type === 'read') read(e.data.file).catch((err: unknown) => post({ type: 'refused', problems: [{ where: '', code: 'invalid', detail: String(err) }] }));
  else restore().catch((err: unknown) => post({ type: 'failed', error: shapeOf(err) }));
};
