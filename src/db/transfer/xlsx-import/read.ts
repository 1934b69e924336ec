import { XLSX_LIMITS } from './limits';
import type { ReadProgress, WorkbookOutcome, WorkerMessage } from './types';

export type { FileProblemCode, ReadProgress, WorkbookOutcome } from './types';
export { XLSX_LIMITS } from './limits';

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  /** Aborting stops the reader at once; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

const abortError = () => new DOMException('cancelled', 'AbortError');

/**
 * Reads an .xlsx chosen by the user into plain grids, in a Web Worker so the page stays responsive however large or
 * hostile the file. A file over the size cap is refused before a byte is read. Where no Worker exists (tests in
 * Node), the same code runs here, yielding to the event loop between chunks of rows.
 */
export async function readXlsxFile(file: Blob, opts: ReadOptions = {}): Promise<WorkbookOutcome> {
  if (file.size > XLSX_LIMITS.fileBytes) return { ok: false, code: 'tooLarge', params: { mb: XLSX_LIMITS.fileBytes / 1024 / 1024 } };
  if (file.size === 0) return { ok: false, code: 'empty' };
  if (opts.signal?.aborted) throw abortError();
  const bytes = await file.arrayBuffer();
  if (opts.signal?.aborted) throw abortError();
  return typeof Worker === 'undefined' ? readHere(bytes, opts) : readInWorker(bytes, opts);
}

async function readHere(bytes: ArrayBuffer, opts: ReadOptions): Promise<WorkbookOutcome> {
  const { readWorkbook } = await import('./workbook');
  return readWorkbook(new Uint8Array(bytes), async (p) => {
    opts.onProgress?.(p);
    await new Promise((r) => setTimeout(r, 0));
    if (opts.signal?.aborted) throw abortError();
  });
}

function readInWorker(bytes: ArrayBuffer, opts: ReadOptions): Promise<WorkbookOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-import.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      finish();
      reject(abortError());
    };
    const timer = setTimeout(() => {
      finish();
      resolve({ ok: false, code: 'timeout', params: { s: XLSX_LIMITS.timeoutMs / 1000 } });
    }, XLSX_LIMITS.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (e.data.type === 'progress') opts.onProgress?.(e.data.progress);
      else {
        finish();
        resolve(e.data.outcome);
      }
    };
    // Out of memory, or the library threw outside a promise: said as a file that could not be read.
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      resolve({ ok: false, code: 'crashed' });
    };
    worker.postMessage({ bytes }, [bytes]);
  });
}
