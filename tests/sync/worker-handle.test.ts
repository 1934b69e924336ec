import { afterEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import type { BridgeStatus } from '@/sync/bridge';
import type { FromSyncWorker, ToSyncWorker } from '@/sync/worker-protocol';
import { startSyncWorker } from '@/sync/worker-handle';

/**
 * The page's side of the sync worker, against a stand-in Worker that clones every message as a browser does
 * (structuredClone) and answers as worker.ts does.
 */
class FakeWorker {
  static last: FakeWorker;
  received: ToSyncWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromSyncWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  answers = true;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(m: ToSyncWorker) {
    const copy = structuredClone(m);
    this.received.push(copy);
    if (this.answers) queueMicrotask(() => this.emit({ type: 'answer', id: copy.id, ok: true }));
  }
  emit(m: FromSyncWorker) {
    this.onmessage?.({ data: m } as MessageEvent<FromSyncWorker>);
  }
  terminate() {
    this.terminated = true;
  }
}

const config = { server: 'http://127.0.0.1:5984', db: 'unit-a', user: 'alice', unitId: 'u1' };

describe('sync worker handle', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('starts the worker with a plain copy of a reactive config, and passes its statuses on', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const seen: (BridgeStatus | 'otherTab')[] = [];
    // The store keeps its config in a ref: a reactive proxy, which structuredClone refuses.
    startSyncWorker(reactive({ ...config }), (s) => seen.push(s));
    expect(FakeWorker.last.received).toEqual([{ id: 1, op: 'start', config }]);
    const status: BridgeStatus = { phase: 'syncing', toPush: 2, toPull: 5, received: 0, clashes: 0, refusals: [] };
    FakeWorker.last.emit({ type: 'status', status });
    FakeWorker.last.emit({ type: 'status', status: 'otherTab' });
    expect(seen).toEqual([status, 'otherTab']);
  });

  it('a worker that fails says so in the status; stop ends a worker that does not answer', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: (BridgeStatus | 'otherTab')[] = [];
    startSyncWorker(config, (s) => seen.push(s));
    FakeWorker.last.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    expect(seen.at(-1)).toMatchObject({ phase: 'error', error: 'out of memory' });
    // A live worker that stops answering is ended after a wait.
    const handle = startSyncWorker(config, (s) => seen.push(s));
    const w = FakeWorker.last;
    w.answers = false;
    const stopped = handle.stop();
    await vi.advanceTimersByTimeAsync(5000);
    await stopped;
    expect(w.terminated).toBe(true);
    expect(w.received.at(-1)).toMatchObject({ op: 'stop' });
  });

  it('after a stop, a late status is not passed on and a pending request fails instead of hanging', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const seen: (BridgeStatus | 'otherTab')[] = [];
    const handle = startSyncWorker(config, (s) => seen.push(s));
    const w = FakeWorker.last;
    w.answers = false;
    const dismissed = handle.dismissRefusal('plans:p1');
    w.answers = true;
    await handle.stop();
    await expect(dismissed).rejects.toThrow('sync stopped');
    expect(w.terminated).toBe(true);
    w.emit({ type: 'status', status: 'otherTab' });
    expect(seen).toEqual([]);
  });
});
