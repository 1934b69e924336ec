import { readWorkbook } from './workbook';
import type { WorkerMessage } from './types';

/**
 * Reads a workbook off the main thread: unzipping and parsing a spreadsheet takes long enough to freeze the page, and
 * a hostile file that exhausts memory or loops takes down this worker, not the tab (read.ts stops it after a time-out).
 */
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<{ bytes: ArrayBuffer }>) => void) | null;
  postMessage: (m: WorkerMessage) => void;
};

scope.onmessage = (e) => {
  void readWorkbook(new Uint8Array(e.data.bytes), (progress) => scope.postMessage({ type: 'progress', progress }))
    .catch(() => ({ ok: false as const, code: 'crashed' as const }))
    .then((outcome) => scope.postMessage({ type: 'done', outcome }));
};
