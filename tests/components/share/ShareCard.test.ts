import { beforeEach, describe, expect, it, vi } from 'vitest';
import ShareCard from '@/components/share/ShareCard.vue';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { useShareStore } from '@/stores/share';
import { freshDb } from '../../fixtures/db';
import { addProjectPlans } from '../../fixtures/plans';
import { flush, mountWithApp, until } from '../../fixtures/mount';

/** Export for a colleague at district scale: the plan list stays short, the filter and "all" reach every plan. */

vi.mock('@/composables/useBackupDownload', () => ({ saveTextFile: vi.fn() }));

beforeEach(async () => {
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

/** 250 more 2022 project plans of the seed's unit (疗休养 1…250); returns how many plans there are then. */
async function manyPlans(): Promise<number> {
  await addProjectPlans(250);
  return (await listPlans()).length;
}

describe('ShareCard plan list', () => {
  it('lists at most 100 plans and says how many more; the filter narrows by pinyin initials; “all” takes every plan the filter leaves', async () => {
    const total = await manyPlans();
    const w = mountWithApp(ShareCard);
    await until(() => w.findAll('[data-test=share-plan]').length > 0);
    expect(w.findAll('[data-test=share-plan]')).toHaveLength(100);
    expect(w.get('[data-test=share-hidden]').text()).toContain(String(total - 100));
    // 职工疗休养2, 20…29, 200…250: 1 + 10 + 51 plans; "zglxy" is the initials of 职工疗休养.
    await w.get('[data-test=share-plan-filter]').setValue('zglxy2');
    await flush();
    expect(w.findAll('[data-test=share-plan]')).toHaveLength(62);
    expect(w.find('[data-test=share-hidden]').exists()).toBe(false);
    await w.get('[data-test=share-all]').setValue(true);
    expect(w.get('[data-test=share-chosen]').text()).toBe('已选 62 个计划');
    // Unfiltered, the plans chosen through the filter stay chosen; one more by its own box.
    await w.get('[data-test=share-plan-filter]').setValue('');
    await flush();
    expect((w.get('[data-test=share-all]').element as HTMLInputElement).checked).toBe(false);
    const boxes = w.findAll('[data-test=share-plan]');
    const firstUnchecked = boxes.find((b) => !(b.element as HTMLInputElement).checked)!;
    await firstUnchecked.setValue(true);
    expect(w.get('[data-test=share-chosen]').text()).toBe('已选 63 个计划');
    // Export sends exactly the chosen plans.
    const share = useShareStore();
    const spy = vi.spyOn(share, 'exportFile').mockResolvedValue({ name: 'x.json', text: '{}', records: 1 } as never);
    await w.get('[data-test=share-name]').setValue('张敏');
    await w.get('[data-test=share-export]').trigger('submit');
    await until(() => spy.mock.calls.length > 0);
    const scope = spy.mock.calls[0]![0] as { planIds: string[] };
    expect(scope.planIds).toHaveLength(63);
    expect(scope.planIds).toContain('extra-200');
    expect(scope.planIds).not.toContain('extra-30');
    w.unmount();
  });

  it('a short list has no filter, and “all” chooses every plan', async () => {
    const w = mountWithApp(ShareCard);
    await until(() => w.findAll('[data-test=share-plan]').length > 0);
    const n = w.findAll('[data-test=share-plan]').length;
    expect(n).toBeLessThanOrEqual(10);
    expect(w.find('[data-test=share-plan-filter]').exists()).toBe(false);
    await w.get('[data-test=share-all]').setValue(true);
    expect(w.get('[data-test=share-chosen]').text()).toBe(`已选 ${n} 个计划`);
    expect(w.findAll('[data-test=share-plan]').every((b) => (b.element as HTMLInputElement).checked)).toBe(true);
    w.unmount();
  });
});
