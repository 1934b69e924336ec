import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import SyncCard from '@/components/sync/SyncCard.vue';
import { useSyncStore } from '@/stores/sync';
import { mountWithApp } from '../../fixtures/mount';

describe('the sync card’s first-sync progress', () => {
  it('shows what arrived and about what is left, digits grouped, with a bar of the two; nothing once all is in', async () => {
    const w = mountWithApp(SyncCard);
    const sync = useSyncStore();
    sync.config = { server: 'http://h:5984', db: 'jixiao-u', user: 'alice', unitId: 'u' };
    sync.status = { phase: 'syncing', toPush: 0, toPull: 756_402, received: 277_599, clashes: 0, refusals: [] };
    await nextTick();
    expect(w.get('[data-test=sync-progress]').text()).toBe('首次同步：已接收 277,599 条，剩余约 756,402 条');
    expect(w.get('[data-test=sync-status]').text()).toBe('同步中：待上传 0，待下载 756,402');
    const bar = w.get('[data-test=sync-bar]').element as HTMLProgressElement;
    expect(bar.value).toBe(277_599);
    expect(bar.max).toBe(277_599 + 756_402);
    sync.status = { phase: 'upToDate', toPush: 0, toPull: 0, received: 1_034_001, clashes: 0, refusals: [] };
    await nextTick();
    expect(w.find('[data-test=sync-bar]').exists()).toBe(false);
    expect(w.find('[data-test=sync-progress]').exists()).toBe(false);
    w.unmount();
  });
});
