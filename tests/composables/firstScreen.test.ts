import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { firstReadStarted, firstScreenRead } from '@/composables/firstScreen';
import { useLiveQuery } from '@/composables/useLiveQuery';

describe('firstScreenRead (what can wait starts once the first screen has its data)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };

  it('waits for every first read, then a quiet spell, including a second wave started by the first', async () => {
    const plan = firstReadStarted();
    const done = settled(firstScreenRead(Promise.resolve(), { quietMs: 100, capMs: 3000 }));
    await vi.advanceTimersByTimeAsync(500);
    expect(done()).toBe(false);
    plan();
    // The plan's rows start reading 50 ms after the plan came: the quiet spell starts again when they are answered.
    await vi.advanceTimersByTimeAsync(50);
    const rows = firstReadStarted();
    await vi.advanceTimersByTimeAsync(200);
    expect(done()).toBe(false);
    rows();
    rows(); // answering twice counts once
    await vi.advanceTimersByTimeAsync(99);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });

  it('starts no earlier than the router is ready, and at the cap when a read never answers', async () => {
    let ready = () => {};
    const router = new Promise<void>((r) => (ready = r));
    const done = settled(firstScreenRead(router, { quietMs: 100, capMs: 3000 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(done()).toBe(false);
    const stuck = firstReadStarted();
    ready();
    await vi.advanceTimersByTimeAsync(2999);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
    stuck();
  });

  it('counts a live query until its first answer, and one whose scope ends unanswered as answered', async () => {
    const scope = effectScope();
    scope.run(() => useLiveQuery(() => 0, () => new Promise<number>(() => undefined), 0));
    const done = settled(firstScreenRead(Promise.resolve(), { quietMs: 100, capMs: 3000 }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(done()).toBe(false);
    scope.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(done()).toBe(true);
  });
});
