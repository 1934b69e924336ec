import { beforeEach, describe, expect, it } from 'vitest';
import BudgetAdjustments from '@/components/plan/BudgetAdjustments.vue';
import NoticeHost from '@/components/base/NoticeHost.vue';
import { useNotices } from '@/composables/useNotices';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listBudgetLines, listPlans } from '@/db/repositories/plans';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

beforeEach(async () => {
  useNotices().notices.value = [];
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

describe('BudgetAdjustments (on the indicators page)', () => {
  it('a double-click on 添加调整 records one adjustment, without a false "changed in another tab"', async () => {
    const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    localStorage.setItem('jixiao.planId', plan.id);
    const lines = await listBudgetLines(plan.id);
    const w = mountWithApp(BudgetAdjustments, { props: { lines, year: 2022 } });
    const notices = mountWithApp(NoticeHost);
    await w.get('[data-test=adj-amount]').setValue('20');
    await w.get('[data-test=adj-reason]').setValue('追加');
    const form = w.get('form.adj-form');
    await Promise.all([form.trigger('submit'), form.trigger('submit')]);
    expect(w.get('[data-test=adj-save]').attributes('disabled')).toBeDefined();
    await until(() => notices.text().includes('20.00'));
    await until(() => w.get('[data-test=adj-save]').attributes('disabled') === undefined);
    const stored = (await listBudgetLines(plan.id)).find((l) => l.id === lines[0]!.id)!;
    expect(stored.adjustments).toHaveLength(1);
    expect(notices.text()).not.toContain('其他');
  });
});
