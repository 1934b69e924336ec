import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { RouterLinkStub } from '@vue/test-utils';
import ClashBadge from '@/components/sync/ClashBadge.vue';
import { useSyncStore } from '@/stores/sync';
import type { MergeItem } from '@/domain/merge/plan';
import { mountWithApp } from '../../fixtures/mount';

describe('the sync clash badge on a record', () => {
  it('shows only on a record with a clash waiting, and leads to Data where it is resolved', async () => {
    const w = mountWithApp(ClashBadge, { props: { table: 'entries', recordId: 'e1' }, global: { stubs: { RouterLink: RouterLinkStub } } });
    expect(w.find('[data-test=clash-badge]').exists()).toBe(false);
    useSyncStore().clashItems = [{ table: 'entries', id: 'e1' } as MergeItem, { table: 'indicators', id: 'e2' } as MergeItem];
    await nextTick();
    const badge = w.findComponent(RouterLinkStub);
    expect(badge.exists()).toBe(true);
    expect(badge.props('to')).toBe('/data');
    expect(badge.text()).toBe('同步冲突');
    await w.setProps({ recordId: 'e2' });
    expect(w.findComponent(RouterLinkStub).exists()).toBe(false);
    w.unmount();
  });
});
