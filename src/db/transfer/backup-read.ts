import { MAX_BACKUP_BYTES, parseBackup, restoreBackup, type Backup, type BackupProblem } from './backup';

/**
 * Reads a chosen backup file and, once confirmed, restores it — in the browser both inside a Web Worker
 * (backup-parse.worker.ts): reading the text, JSON.parse, every field, the checksum, the references, building the
 * rollups, and the one all-or-nothing transaction that writes the rows in chunks. A district's file (a million
 * entries, ~300 MB) never freezes the page, and its rows never cross to the page at all: the worker keeps them
 * between the check and the restore, and the page's live queries hear of the restore through Dexie's broadcast.
 * Where no Worker exists (tests in Node) the same functions run here.
 */

export type ReadPhase = 'reading' | 'checking';
export type BackupHead = Omit<Backup, 'data'>;

/** A checked file, ready to restore. */
export interface CheckedBackup {
  /** The file's header: when it was exported, the row counts. */
  head: BackupHead;
  /** Replaces the current data with the file's, all or nothing; `onProgress` hears rows written of all. Once. */
  restore(onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Lets go of the checked rows (cancelled, or another file chosen). */
  discard(): void;
}

export type ReadOutcome = { ok: true; backup: CheckedBackup } | { ok: false; problems: BackupProblem[] };

/** An error as it crosses from the worker: its name (and its cause's) is what the page tells the user by. */
export interface ErrorShape {
  name: string;
  message: string;
  inner?: { name: string; message: string };
}

export type ToParseWorker = { type: 'read'; file: Blob } | { type: 'restore' };
export type FromParseWorker =
  | { type: 'phase'; phase: ReadPhase }
  | { type: 'refused'; problems: BackupProblem[] }
  | { type: 'checked'; head: BackupHead }
  | { type: 'progress'; done: number; total: number }
  | { type: 'restored' }
  | { type: 'failed'; error: ErrorShape };

export async function readBackupFile(file: Blob, onPhase?: (phase: ReadPhase) => void): Promise<ReadOutcome> {
  if (file.size > MAX_BACKUP_BYTES) return { ok: false, problems: [{ where: '', code: 'tooLarge' }] };
  return typeof Worker === 'undefined' ? readHere(file, onPhase) : readInWorker(file, onPhase);
}

async function readHere(file: Blob, onPhase?: (phase: ReadPhase) => void): Promise<ReadOutcome> {
  onPhase?.('reading');
  const text = await file.text();
  onPhase?.('checking');
  const outcome = await parseBackup(text);
  if (!outcome.ok) return outcome;
  const { data: _, ...head } = outcome.backup;
  return { ok: true, backup: { head, restore: (onProgress) => restoreBackup(outcome.backup, { onProgress }), discard: () => undefined } };
}

export function errorFrom(shape: ErrorShape): Error {
  const e = Object.assign(new Error(shape.message), { name: shape.name });
  if (shape.inner) Object.assign(e, { inner: Object.assign(new Error(shape.inner.message), { name: shape.inner.name }) });
  return e;
}

function readInWorker(file: Blob, onPhase?: (phase: ReadPhase) => void): Promise<ReadOutcome> {
  const worker = new Worker(new URL('./backup-parse.worker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToParseWorker) => worker.postMessage(m);
  /** The one job in flight: the check, then (once) the restore. */
  let onMessage: (m: FromParseWorker) => void = () => undefined;
  let onCrash: (message: string) => void = () => undefined;
  worker.onmessage = (e: MessageEvent<FromParseWorker>) => onMessage(e.data);
  // Out of memory, or a failure outside the worker's own handling.
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    onCrash(e.message || 'the backup reader stopped');
  };
  const restore = (onProgress?: (done: number, total: number) => void) =>
    new Promise<void>((resolve, reject) => {
      onMessage = (m) => {
        if (m.type === 'progress') onProgress?.(m.done, m.total);
        else if (m.type === 'restored' || m.type === 'failed') {
          worker.terminate();
          if (m.type === 'restored') resolve();
          else reject(errorFrom(m.error));
        }
      };
      onCrash = (message) => reject(new Error(message));
      send({ type: 'restore' });
    });
  return new Promise((resolve) => {
    onMessage = (m) => {
      if (m.type === 'phase') onPhase?.(m.phase);
      else if (m.type === 'refused') {
        worker.terminate();
        resolve({ ok: false, problems: m.problems });
      } else if (m.type === 'checked') resolve({ ok: true, backup: { head: m.head, restore, discard: () => worker.terminate() } });
    };
    onCrash = (message) => resolve({ ok: false, problems: [{ where: '', code: 'invalid', detail: message }] });
    send({ type: 'read', file });
  });
}
